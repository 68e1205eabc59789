#include "sim/solve/quasi_perfect.hpp"

#include "sim/solve/lcp_basis_partition.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/errors.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/lcp_tableau.hpp"
#include "sim/solve/sequence_form_lcp.hpp"

namespace negsim {

namespace {

using detail::LcpEnd;
using detail::LcpTableau;

// A polynomial in eps: coefficient k is the eps^k term (fixed length D + 1).
using Poly = std::vector<mpq_class>;

using Entry = detail::SequenceLcpEntry;

// The perturbed sequence-form LCP w = q(eps) + M z (z = (x', y', p, q)); M is
// the sequence-form LCP's (sequence_form_lcp.hpp).
struct PerturbedLcp {
  std::size_t n1 = 0, n2 = 0, m1 = 0, m2 = 0, n = 0, degree = 0;
  std::vector<Entry> m;
  std::vector<Poly> q;                // q + M l(eps)
  std::vector<std::size_t> length[2]; // |s| per sequence of each player
  std::size_t x0() const { return 0; }
  std::size_t y0() const { return n1; }
  std::size_t p0() const { return n1 + n2; }
  std::size_t q0() const { return n1 + n2 + m1; }
};

PerturbedLcp build_lcp(const ExtensiveFormGame& game) {
  detail::SequenceLcp base = detail::build_sequence_lcp(game);
  PerturbedLcp lcp;
  lcp.n1 = base.n1;
  lcp.n2 = base.n2;
  lcp.m1 = base.m1;
  lcp.m2 = base.m2;
  lcp.n = base.n;
  for (std::size_t p = 0; p < 2; ++p) {
    lcp.length[p].assign(game.num_sequences(p), 0);
    for (std::size_t s = 1; s < game.num_sequences(p); ++s) {  // parents come first in canonical order
      const std::size_t parent = game.parent_sequence(game.sequence_infoset(p, s));
      lcp.length[p][s] = lcp.length[p][parent] + 1;
      lcp.degree = std::max(lcp.degree, lcp.length[p][s]);
    }
  }
  lcp.m = std::move(base.m);
  lcp.q.assign(lcp.n, Poly(lcp.degree + 1, mpq_class(0)));
  for (std::size_t i = 0; i < lcp.n; ++i) lcp.q[i][0] = base.q[i];
  // q + M l: l is eps^|s| on every non-empty sequence, 0 elsewhere.
  for (const Entry& en : lcp.m) {
    if (en.col >= lcp.x0() + 1 && en.col < lcp.x0() + lcp.n1) {
      lcp.q[en.row][lcp.length[0][en.col - lcp.x0()]] += en.value;
    } else if (en.col >= lcp.y0() + 1 && en.col < lcp.y0() + lcp.n2) {
      lcp.q[en.row][lcp.length[1][en.col - lcp.y0()]] += en.value;
    }
  }
  return lcp;
}

mpq_class evaluate(const Poly& p, const mpq_class& eps) {
  mpq_class v = 0;
  for (std::size_t k = p.size(); k-- > 0;) v = v * eps + p[k];
  return v;
}

// Index of the first nonzero coefficient, or p.size() for the zero polynomial.
std::size_t order(const Poly& p) {
  std::size_t k = 0;
  while (k < p.size() && p[k] == 0) ++k;
  return k;
}

bool lex_nonnegative(const Poly& p) {
  const std::size_t k = order(p);
  return k == p.size() || p[k] > 0;
}

// An eps_bar in (0, 1] with p(eps) > 0 on (0, eps_bar) for a lex-positive p:
// p = eps^v (c_v + sum_{j>v} c_j eps^(j-v)) and the sum is at most eps * sum |c_j|.
mpq_class positive_below(const Poly& p) {
  const std::size_t v = order(p);
  if (v == p.size()) return 1;
  mpq_class tail = 0;
  for (std::size_t j = v + 1; j < p.size(); ++j) tail += abs(p[j]);
  if (tail == 0) return 1;
  mpq_class bound = p[v] / tail;
  return bound < 1 ? bound : mpq_class(1);
}

LcpTableau<double> double_tableau_at(const PerturbedLcp& lcp, const mpq_class& eps) {
  std::vector<LcpTableau<double>::Entry> entries;
  entries.reserve(lcp.m.size());
  for (const Entry& e : lcp.m) entries.push_back({e.row, e.col, -e.value.get_d()});
  std::vector<double> minus_d(lcp.n, -1.0), q(lcp.n);
  for (std::size_t i = 0; i < lcp.n; ++i) q[i] = evaluate(lcp.q[i], eps).get_d();
  return LcpTableau<double>(lcp.n, entries, minus_d, q);
}

LcpTableau<mpz_class> tableau_at(const PerturbedLcp& lcp, const mpq_class& eps) {
  std::vector<mpq_class> q(lcp.n);
  for (std::size_t i = 0; i < lcp.n; ++i) q[i] = evaluate(lcp.q[i], eps);
  std::vector<mpz_class> scale(lcp.n, mpz_class(1));  // each row times the lcm of its denominators
  for (const Entry& e : lcp.m)
    mpz_lcm(scale[e.row].get_mpz_t(), scale[e.row].get_mpz_t(), e.value.get_den_mpz_t());
  for (std::size_t i = 0; i < lcp.n; ++i)
    mpz_lcm(scale[i].get_mpz_t(), scale[i].get_mpz_t(), q[i].get_den_mpz_t());
  std::vector<LcpTableau<mpz_class>::Entry> entries;
  entries.reserve(lcp.m.size());
  for (const Entry& e : lcp.m) {
    const mpq_class v = -e.value * scale[e.row];
    entries.push_back({e.row, e.col, v.get_num()});
  }
  std::vector<mpz_class> minus_d(lcp.n), qi(lcp.n);
  for (std::size_t i = 0; i < lcp.n; ++i) {
    minus_d[i] = -scale[i];
    const mpq_class v = q[i] * scale[i];
    qi[i] = v.get_num();
  }
  return LcpTableau<mpz_class>(lcp.n, entries, minus_d, qi);
}

struct SymbolicBasis {
  std::vector<Poly> z;  // per LCP column
  mpq_class bar;        // every basic z and w is > 0 (or identically 0) on (0, bar)
};

// The basis solved as polynomials in eps, or
// nullopt if the basis is not complementary, singular, or not
// lexicographically feasible (not a solution for all small eps > 0).
std::optional<SymbolicBasis> symbolic_solution(const PerturbedLcp& lcp, const std::vector<int>& basis) {
  const std::size_t n = lcp.n, width = lcp.degree + 1;
  const std::optional<LcpBasisPartition> part = partition_complementary_basis(n, basis);
  if (!part) return std::nullopt;
  const std::vector<std::size_t>& cols = part->cols;
  const std::vector<std::size_t>& rows = part->rows;
  const std::vector<long>& col_pos = part->col_pos;
  const std::vector<long>& row_pos = part->row_pos;
  const std::size_t k = cols.size();
  const std::size_t stride = k + width;
  std::vector<mpq_class> a(k * stride, mpq_class(0));  // [M_{T,S} | -q_T coefficients]
  for (const Entry& e : lcp.m)
    if (row_pos[e.row] >= 0 && col_pos[e.col] >= 0)
      a[static_cast<std::size_t>(row_pos[e.row]) * stride + static_cast<std::size_t>(col_pos[e.col])] = e.value;
  for (std::size_t r = 0; r < k; ++r)
    for (std::size_t j = 0; j < width; ++j) a[r * stride + k + j] = -lcp.q[rows[r]][j];
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t piv = c;
    while (piv < k && a[piv * stride + c] == 0) ++piv;
    if (piv == k) return std::nullopt;
    if (piv != c)
      for (std::size_t j = 0; j < stride; ++j) std::swap(a[c * stride + j], a[piv * stride + j]);
    const mpq_class inv = 1 / a[c * stride + c];
    for (std::size_t j = c; j < stride; ++j) a[c * stride + j] *= inv;
    for (std::size_t r = 0; r < k; ++r) {
      if (r == c || a[r * stride + c] == 0) continue;
      const mpq_class f = a[r * stride + c];
      for (std::size_t j = c; j < stride; ++j) a[r * stride + j] -= f * a[c * stride + j];
    }
  }
  std::vector<Poly> z(n, Poly(width, mpq_class(0)));
  for (std::size_t c = 0; c < k; ++c)
    for (std::size_t j = 0; j < width; ++j) z[cols[c]][j] = a[c * stride + k + j];
  std::vector<Poly> w = lcp.q;
  for (const Entry& e : lcp.m)
    if (col_pos[e.col] >= 0)  // z_col basic
      for (std::size_t j = 0; j < width; ++j) w[e.row][j] += e.value * z[e.col][j];
  for (std::size_t i = 0; i < n; ++i) {
    if (!lex_nonnegative(z[i]) || !lex_nonnegative(w[i])) return std::nullopt;
    if (row_pos[i] >= 0 && order(w[i]) != width) return std::nullopt;  // nonbasic w must vanish
  }
  mpq_class bar = 1;
  for (std::size_t i = 0; i < n; ++i) bar = std::min(bar, std::min(positive_below(z[i]), positive_below(w[i])));
  return SymbolicBasis{std::move(z), bar};
}

// Substitutes eps* into the polynomials and checks the LCP from M and q
// directly, exactly.
bool solves_lcp_at(const PerturbedLcp& lcp, const std::vector<Poly>& z_poly, const mpq_class& eps) {
  std::vector<mpq_class> z(lcp.n), w(lcp.n);
  for (std::size_t i = 0; i < lcp.n; ++i) {
    z[i] = evaluate(z_poly[i], eps);
    w[i] = evaluate(lcp.q[i], eps);
  }
  for (const Entry& e : lcp.m) w[e.row] += e.value * z[e.col];
  for (std::size_t i = 0; i < lcp.n; ++i)
    if (z[i] < 0 || w[i] < 0 || (z[i] != 0 && w[i] != 0)) return false;
  return true;
}

Poly times(const Poly& a, const Poly& b) {
  Poly c(a.size() + b.size() - 1, mpq_class(0));
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != 0)
      for (std::size_t j = 0; j < b.size(); ++j) c[i + j] += a[i] * b[j];
  return c;
}

// lim num/den as eps -> 0, for den lex-positive and num of order >= den's.
mpq_class limit_ratio(const Poly& num, const Poly& den) {
  const std::size_t v = order(den);
  return v < num.size() ? mpq_class(num[v] / den[v]) : mpq_class(0);
}

}  // namespace

std::optional<QuasiPerfectResult> quasi_perfect_equilibrium(const ExtensiveFormGame& game,
                                                            const QuasiPerfectOptions& options) {
  if (game.num_players() != 2)
    throw std::invalid_argument("the quasi-perfect refinement needs a 2-player game; this one has " +
                                std::to_string(game.num_players()) + " players");
  game.require_perfect_recall("the quasi-perfect refinement (qpe)");
  const PerturbedLcp lcp = build_lcp(game);
  std::size_t max_actions = 1;
  for (const EfgInfoset& s : game.infosets()) max_actions = std::max(max_actions, s.num_actions());

  QuasiPerfectResult out;
  out.lcp_rows = lcp.n;
  mpq_class eps(1, 4 * max_actions);  // < 1 / max_actions: the perturbed plan constraints stay tight
  std::optional<SymbolicBasis> z;
  for (; out.steps < options.max_steps; eps /= 16) {
    ++out.steps;
    options.deadline.check("looking for a stable basis of the perturbed sequence form");
    // The double path first: its basis is only a candidate, which the exact
    // symbolic check below accepts or not, so rounding can cost time, never
    // correctness. Then the exact path at the same eps.
    {
      LcpTableau<double> t = double_tableau_at(lcp, eps);
      const LcpEnd end = t.run(lcp.p0(), options.deadline);
      out.pivots += t.pivots();
      if (end == LcpEnd::time) options.deadline.fail("following Lemke's path on the perturbed sequence form");
      if (end == LcpEnd::solved) z = symbolic_solution(lcp, t.basis());
      if (z) {
        out.double_path = true;
        break;
      }
    }
    LcpTableau<mpz_class> t = tableau_at(lcp, eps);
    const LcpEnd end = t.run(lcp.p0(), options.deadline);
    out.pivots += t.pivots();
    if (end == LcpEnd::time) options.deadline.fail("following Lemke's path on the perturbed sequence form");
    if (end != LcpEnd::solved) continue;  // a ray: try a smaller eps
    z = symbolic_solution(lcp, t.basis());
    if (z) break;
  }
  if (!z) return std::nullopt;
  out.epsilon = eps;
  // eps* below every basic polynomial's positivity bound and below eps.
  out.certified_epsilon = std::min(eps, z->bar) / 2;
  if (!solves_lcp_at(lcp, z->z, out.certified_epsilon)) return std::nullopt;

  // Full realization plans X = x' + l as polynomials.
  const std::size_t width = lcp.degree + 1;
  std::vector<Poly> plan[2];
  for (std::size_t p = 0; p < 2; ++p) {
    const std::size_t base = p == 0 ? lcp.x0() : lcp.y0();
    for (std::size_t s = 0; s < game.num_sequences(p); ++s) {
      Poly x = z->z[base + s];
      if (s > 0) x[lcp.length[p][s]] += 1;
      plan[p].push_back(std::move(x));
    }
  }
  out.behavior = game.exact_uniform_behavior();
  for (std::size_t p = 0; p < 2; ++p)
    for (std::size_t i : game.player_infosets(p)) {
      const Poly& parent = plan[p][game.parent_sequence(i)];
      for (std::size_t a = 0; a < game.infoset(i).num_actions(); ++a)
        out.behavior[i][a] = limit_ratio(plan[p][game.sequence(i, a)], parent);
    }
  // Chance reach of every node (the plans carry the players' part).
  std::vector<mpq_class> chance(game.num_nodes(), mpq_class(1));
  for (std::size_t nd : game.preorder()) {
    const EfgNode& node = game.node(nd);
    if (node.kind == NodeKind::terminal) continue;
    const EfgInfoset& s = game.infoset(node.infoset);
    for (std::size_t a = 0; a < s.num_actions(); ++a)
      chance[game.child(nd, a)] = s.is_chance() ? chance[nd] * s.chance_probs[a] : chance[nd];
  }
  out.beliefs.assign(game.num_infosets(), {});
  for (std::size_t p = 0; p < 2; ++p)
    for (std::size_t i : game.player_infosets(p)) {
      const EfgInfoset& s = game.infoset(i);
      std::vector<Poly> weight;
      Poly total(2 * width, mpq_class(0));
      for (std::size_t nd : s.nodes) {
        weight.push_back(times(Poly{chance[nd]}, plan[1 - p][game.node_sequence(nd, 1 - p)]));
        weight.back().resize(2 * width, mpq_class(0));
        for (std::size_t j = 0; j < total.size(); ++j) total[j] += weight.back()[j];
      }
      if (order(total) == total.size()) {
        out.zero_chance_sets.push_back(i);
        out.beliefs[i].assign(s.nodes.size(), mpq_class(1, s.nodes.size()));
        continue;
      }
      for (const Poly& w : weight) out.beliefs[i].push_back(limit_ratio(w, total));
    }
  return out;
}

bool is_sequentially_rational(const ExtensiveFormGame& game, const ExactBehaviorProfile& behavior,
                              const std::vector<std::vector<mpq_class>>& beliefs,
                              const std::vector<std::size_t>& skip) {
  // Node values under the profile, bottom-up (reverse preorder).
  const std::size_t players = game.num_players();
  std::vector<std::vector<mpq_class>> value(game.num_nodes());
  const std::vector<std::size_t> order_nodes = game.preorder();
  for (auto it = order_nodes.rbegin(); it != order_nodes.rend(); ++it) {
    const std::size_t nd = *it;
    const EfgNode& node = game.node(nd);
    if (node.kind == NodeKind::terminal) {
      value[nd] = game.exact_terminal_payoffs(nd);
      continue;
    }
    value[nd].assign(players, mpq_class(0));
    const EfgInfoset& s = game.infoset(node.infoset);
    for (std::size_t a = 0; a < s.num_actions(); ++a) {
      const mpq_class& prob = s.is_chance() ? s.chance_probs[a] : behavior[node.infoset][a];
      if (prob == 0) continue;
      for (std::size_t p = 0; p < players; ++p) value[nd][p] += prob * value[game.child(nd, a)][p];
    }
  }
  for (std::size_t p = 0; p < players; ++p)
    for (std::size_t i : game.player_infosets(p)) {
      if (std::find(skip.begin(), skip.end(), i) != skip.end()) continue;
      const EfgInfoset& s = game.infoset(i);
      std::vector<mpq_class> q(s.num_actions(), mpq_class(0));
      for (std::size_t a = 0; a < s.num_actions(); ++a)
        for (std::size_t k = 0; k < s.nodes.size(); ++k)
          if (beliefs[i][k] != 0) q[a] += beliefs[i][k] * value[game.child(s.nodes[k], a)][p];
      const mpq_class best = *std::max_element(q.begin(), q.end());
      for (std::size_t a = 0; a < s.num_actions(); ++a)
        if (behavior[i][a] > 0 && q[a] != best) return false;
    }
  return true;
}

ExtensiveSolveResult solve_quasi_perfect(const ExtensiveFormGame& game, const SolveOptions& options) {
  QuasiPerfectOptions qo;
  qo.deadline = solve_deadline(options);
  const std::optional<QuasiPerfectResult> r = quasi_perfect_equilibrium(game, qo);
  if (!r)
    throw LimitError("quasi-perfect refinement: no basis of the perturbed sequence form was stable within " +
                     std::to_string(qo.max_steps) + " values of eps (down to 1/(4 max actions) / 16^" +
                     std::to_string(qo.max_steps - 1) + "); nothing verified to print" +
                     "\n  hint: --method lcp gives a (not necessarily quasi-perfect) Nash equilibrium");
  std::optional<BehaviorEquilibrium> eq =
      make_verified_equilibrium(game, to_double_behavior(r->behavior), r->behavior, "qpe", options.rel_tol);
  if (!eq) throw std::logic_error("quasi-perfect refinement: the limit profile is not a Nash equilibrium (a bug)");
  if (!is_sequentially_rational(game, r->behavior, r->beliefs, r->zero_chance_sets))
    throw std::logic_error("quasi-perfect refinement: the limit assessment is not sequentially rational (a bug)");
  eq->beliefs.assign(game.num_infosets(), {});
  for (std::size_t i = 0; i < game.num_infosets(); ++i)
    for (const mpq_class& b : r->beliefs[i]) eq->beliefs[i].push_back(b.get_d());
  ExtensiveSolveResult out;
  out.method = "qpe";
  out.form = "quasi-perfect";
  out.form_note = "a quasi-perfect equilibrium (van Damme): the limit of best replies to ever smaller trembles of the "
                  "other player, so no move is weakly dominated and beliefs off the path are consistent; verified "
                  "exactly as Nash and as sequentially rational given those beliefs";
  out.equilibria.push_back(std::move(*eq));
  out.complete = false;
  out.note = "Miltersen-Sorensen perturbed sequence form: basis stable from eps = " + r->epsilon.get_str() +
             " (tried " + std::to_string(r->steps) + " value" + (r->steps == 1 ? "" : "s") + "), checked at eps = " +
             r->certified_epsilon.get_str() + (r->double_path ? "; basis from the double-precision path" : "; basis from the exact path") +
             "; " + std::to_string(r->pivots) + " pivots on an LCP of " +
             std::to_string(r->lcp_rows) + " rows";
  if (!r->zero_chance_sets.empty())
    out.note += "; " + std::to_string(r->zero_chance_sets.size()) +
                " information set(s) reached only through zero-probability chance moves: uniform beliefs, not checked";
  return out;
}

}  // namespace negsim
