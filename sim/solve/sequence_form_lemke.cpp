#include "sim/solve/sequence_form_lemke.hpp"

#include "sim/solve/lcp_basis_partition.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gmpxx.h>

#include "models/errors.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/lcp_revised.hpp"
#include "sim/solve/restricted_sequence_lemke.hpp"
#include "sim/solve/sequence_form_lcp.hpp"
#include "sim/solve/lcp_tableau.hpp"

namespace negsim {

namespace {

using detail::LcpEnd;
using detail::LcpTableau;
using detail::RevisedLcp;

using ExactEntry = detail::SequenceLcpEntry;
using detail::SequenceLcp;

LcpTableau<double> double_tableau(const SequenceLcp& lcp, const std::vector<mpq_class>& d) {
  std::vector<LcpTableau<double>::Entry> entries;
  entries.reserve(lcp.m.size());
  for (const ExactEntry& e : lcp.m) entries.push_back({e.row, e.col, -e.value.get_d()});
  std::vector<double> minus_d(lcp.n), q(lcp.n);
  for (std::size_t i = 0; i < lcp.n; ++i) {
    q[i] = lcp.q[i].get_d();
    minus_d[i] = -d[i].get_d();
  }
  return LcpTableau<double>(lcp.n, entries, minus_d, q);
}

RevisedLcp revised_lcp(const SequenceLcp& lcp, const std::vector<mpq_class>& d) {
  std::vector<RevisedLcp::Entry> entries;
  entries.reserve(lcp.m.size());
  for (const ExactEntry& e : lcp.m) entries.push_back({e.row, e.col, -e.value.get_d()});
  std::vector<double> minus_d(lcp.n), q(lcp.n);
  for (std::size_t i = 0; i < lcp.n; ++i) {
    q[i] = lcp.q[i].get_d();
    minus_d[i] = -d[i].get_d();
  }
  return RevisedLcp(lcp.n, entries, minus_d, q);
}

// Each row times the lcm of its denominators: integer data with the same
// path (a row's scale only rescales its w).
LcpTableau<mpz_class> exact_tableau(const SequenceLcp& lcp, const std::vector<mpq_class>& d) {
  std::vector<mpz_class> scale(lcp.n, mpz_class(1));
  for (const ExactEntry& e : lcp.m) mpz_lcm(scale[e.row].get_mpz_t(), scale[e.row].get_mpz_t(),
                                            e.value.get_den_mpz_t());
  for (std::size_t i = 0; i < lcp.n; ++i) {
    mpz_lcm(scale[i].get_mpz_t(), scale[i].get_mpz_t(), lcp.q[i].get_den_mpz_t());
    mpz_lcm(scale[i].get_mpz_t(), scale[i].get_mpz_t(), d[i].get_den_mpz_t());
  }
  std::vector<LcpTableau<mpz_class>::Entry> entries;
  entries.reserve(lcp.m.size());
  for (const ExactEntry& e : lcp.m) {
    const mpq_class v = -e.value * scale[e.row];
    entries.push_back({e.row, e.col, v.get_num()});
  }
  std::vector<mpz_class> minus_d(lcp.n), q(lcp.n);
  for (std::size_t i = 0; i < lcp.n; ++i) {
    const mpq_class md = -d[i] * scale[i];
    minus_d[i] = md.get_num();
    const mpq_class v = lcp.q[i] * scale[i];
    q[i] = v.get_num();
  }
  return LcpTableau<mpz_class>(lcp.n, entries, minus_d, q);
}

// The z of a complementary basis, solved exactly: with S the basic z's and T
// the rows whose w is nonbasic (|S| = |T|), M_{T,S} z_S = -q_T. Nullopt if
// the basis is not complementary, singular, or its solution infeasible.
std::optional<std::vector<mpq_class>> exact_basic_solution(const SequenceLcp& lcp, const std::vector<int>& basis) {
  const std::size_t n = lcp.n;
  const std::optional<LcpBasisPartition> part = partition_complementary_basis(n, basis);
  if (!part) return std::nullopt;  // z0 still basic, or not complementary
  const std::vector<std::size_t>& s_cols = part->cols;
  const std::vector<std::size_t>& t_rows = part->rows;
  const std::vector<long>& col_pos = part->col_pos;
  const std::vector<long>& row_pos = part->row_pos;
  const std::size_t k = s_cols.size();
  // Dense k x (k + 1) augmented system, Gauss-Jordan in rationals.
  std::vector<mpq_class> a(k * (k + 1), mpq_class(0));
  for (const ExactEntry& e : lcp.m)
    if (row_pos[e.row] >= 0 && col_pos[e.col] >= 0)
      a[static_cast<std::size_t>(row_pos[e.row]) * (k + 1) + static_cast<std::size_t>(col_pos[e.col])] = e.value;
  for (std::size_t r = 0; r < k; ++r) a[r * (k + 1) + k] = -lcp.q[t_rows[r]];
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t piv = c;
    while (piv < k && a[piv * (k + 1) + c] == 0) ++piv;
    if (piv == k) return std::nullopt;
    if (piv != c)
      for (std::size_t j = 0; j <= k; ++j) std::swap(a[c * (k + 1) + j], a[piv * (k + 1) + j]);
    const mpq_class inv = 1 / a[c * (k + 1) + c];
    for (std::size_t j = c; j <= k; ++j) a[c * (k + 1) + j] *= inv;
    for (std::size_t r = 0; r < k; ++r) {
      if (r == c || a[r * (k + 1) + c] == 0) continue;
      const mpq_class f = a[r * (k + 1) + c];
      for (std::size_t j = c; j <= k; ++j) a[r * (k + 1) + j] -= f * a[c * (k + 1) + j];
    }
  }
  std::vector<mpq_class> z(n, mpq_class(0));
  for (std::size_t c = 0; c < k; ++c) {
    z[s_cols[c]] = a[c * (k + 1) + k];
    if (z[s_cols[c]] < 0) return std::nullopt;
  }
  // w = q + M z must be >= 0 (and is 0 on T by construction).
  std::vector<mpq_class> w = lcp.q;
  for (const ExactEntry& e : lcp.m)
    if (z[e.col] != 0) w[e.row] += e.value * z[e.col];
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] < 0) return std::nullopt;
    if (w[i] != 0 && z[i] != 0) return std::nullopt;
  }
  return z;
}

void fill_exact(const ExtensiveFormGame& game, const SequenceLcp& lcp, const std::vector<mpq_class>& z,
                SequenceFormLemkeResult& out) {
  ExactBehaviorProfile exact = game.exact_uniform_behavior();
  std::vector<mpq_class> x(z.begin() + lcp.x0(), z.begin() + lcp.x0() + lcp.n1);
  std::vector<mpq_class> y(z.begin() + lcp.y0(), z.begin() + lcp.y0() + lcp.n2);
  game.exact_behavior_from_sequence_weights(0, x, exact);
  game.exact_behavior_from_sequence_weights(1, y, exact);
  out.plan[0].clear();
  out.plan[1].clear();
  for (const mpq_class& v : x) out.plan[0].push_back(v.get_d());
  for (const mpq_class& v : y) out.plan[1].push_back(v.get_d());
  out.profile = game.uniform_behavior();
  for (std::size_t i = 0; i < game.num_infosets(); ++i) {
    if (game.infoset(i).is_chance()) continue;
    for (std::size_t a = 0; a < exact[i].size(); ++a) out.profile[i][a] = exact[i][a].get_d();
  }
  out.exact = std::move(exact);
}

void solve_exact(const ExtensiveFormGame& game, const SequenceLcp& lcp, const Deadline& deadline,
                 SequenceFormLemkeResult& out) {
  LcpTableau<mpz_class> t = exact_tableau(lcp, detail::gambit_covering_vector(lcp));
  const LcpEnd end = t.run(lcp.p0(), deadline);
  out.pivots += t.pivots();
  out.exact_path = true;
  if (end == LcpEnd::time) deadline.fail("following Lemke's path on the sequence form (exact)");
  if (end != LcpEnd::solved)
    throw std::runtime_error("sequence-form Lemke: the exact path ended in a ray (the LCP should have none)");
  std::vector<mpq_class> z(lcp.n);
  for (std::size_t i = 0; i < lcp.n; ++i) {
    z[i] = mpq_class(t.z_value(i), t.det());
    z[i].canonicalize();
  }
  fill_exact(game, lcp, z, out);
}


bool final_feasible(const LcpTableau<double>&) { return true; }
bool final_feasible(const RevisedLcp& t) { return t.final_feasible(); }

// The centroid path on the revised engine: perturbed, so ties (and the
// lexicographic BTRANs that must see through rounding) are rare, and longer
// eta files between refactorisations (each costs a COLAMD ordering and a
// sparse LU), bounded by the engine's drift check. The gambit path keeps the
// engine's defaults: its lexicographic ties need the fresher factors.
void perturbed_settings(const SequenceLcp& lcp, RevisedLcp& t) {
  t.perturb(detail::geometric_perturbation(lcp.n, lcp.p0()));
  t.refactor_every = 200;
  t.eta_growth_max = 10.0;
}

// Follows the double-precision path on engine t (dense tableau or revised)
// and fills out; false when the path failed or its basis is not an exact
// solution (the caller then redoes it exactly). Notes say which.
template <class Engine>
bool finish_double(const ExtensiveFormGame& game, const SequenceLcp& lcp, Engine& t,
                   const SequenceFormLemkeOptions& options, SequenceFormLemkeResult& out) {
  const LcpEnd end = t.run(lcp.p0(), options.deadline);
  out.pivots += t.pivots();
  if (end == LcpEnd::time) options.deadline.fail("following Lemke's path on the sequence form");
  if (end != LcpEnd::solved) {
    out.notes.push_back(end == LcpEnd::ray ? "the double-precision path ended in a ray"
                                           : "the double-precision path cycled (rounding)");
    return false;
  }
  if (!final_feasible(t)) {
    out.notes.push_back("the perturbed path's final basis is not a solution of the unperturbed LCP");
    return false;
  }
  std::size_t k = 0;
  for (int id : t.basis()) k += id >= static_cast<int>(lcp.n) ? 1 : 0;
  if (k <= options.exact_resolve_max) {
    if (auto z = exact_basic_solution(lcp, t.basis())) {
      fill_exact(game, lcp, *z, out);
      out.notes.push_back("double-precision path; its final basis re-solved exactly");
      return true;
    }
    out.notes.push_back("the double-precision path's final basis is not an exact solution");
    return false;
  }
  std::vector<double> x(lcp.n1), y(lcp.n2);
  for (std::size_t s = 0; s < lcp.n1; ++s) x[s] = std::max(0.0, t.z_value(lcp.x0() + s));
  for (std::size_t s = 0; s < lcp.n2; ++s) y[s] = std::max(0.0, t.z_value(lcp.y0() + s));
  out.profile = game.uniform_behavior();
  game.behavior_from_sequence_weights(0, x, out.profile);
  game.behavior_from_sequence_weights(1, y, out.profile);
  out.plan[0] = std::move(x);
  out.plan[1] = std::move(y);
  out.notes.push_back("double precision (basis of " + std::to_string(k) +
                      " sequences and values, above the exact re-solve limit)");
  return true;
}

// The restricted-game start (restricted_sequence_lemke.hpp): true with out
// filled when it found a verified equilibrium, whose final basis is then
// re-solved exactly when small enough; false (a note says why) and the
// caller follows the whole LCP's path instead.
bool solve_restricted_first(const ExtensiveFormGame& game, const SequenceLcp& lcp,
                            const SequenceFormLemkeOptions& options, SequenceFormLemkeResult& out) {
  RestrictedLemkeOptions ro;
  ro.cfr_iterations = options.restricted_cfr_iterations;
  ro.support_threshold = options.restricted_support_threshold;
  ro.deadline = options.deadline;
  RestrictedLemkeResult r = restricted_sequence_lemke(game, lcp, ro);
  out.pivots += r.pivots;
  out.factorizations += r.factorizations;
  out.rounds = r.rounds;
  out.restricted_rows = r.restricted_rows;
  if (!r.solved) {
    out.notes.push_back("restricted games: " + r.failure + "; the whole LCP's path instead");
    return false;
  }
  out.notes.push_back("Lemke on restricted games grown by best responses from CFR+'s support (" +
                      std::to_string(r.rounds) + " rounds, last restricted LCP " +
                      std::to_string(r.restricted_rows) + " of " + std::to_string(lcp.n) + " rows)");
  std::size_t k = 0;
  for (int id : r.basis) k += id >= static_cast<int>(r.kept_rows.size()) ? 1 : 0;
  if (k <= options.exact_resolve_max) {
    // The restricted LCP in rationals, its final basis solved exactly; the
    // answer counts only if it is an exact equilibrium of the whole game.
    SequenceLcp sub;
    sub.n = r.kept_rows.size();
    std::vector<long> keep_of(lcp.n, -1);
    for (std::size_t j = 0; j < sub.n; ++j) keep_of[r.kept_rows[j]] = static_cast<long>(j);
    for (const ExactEntry& e : lcp.m)
      if (keep_of[e.row] >= 0 && keep_of[e.col] >= 0)
        sub.m.push_back({static_cast<std::size_t>(keep_of[e.row]), static_cast<std::size_t>(keep_of[e.col]), e.value});
    for (std::size_t j = 0; j < sub.n; ++j) sub.q.push_back(lcp.q[r.kept_rows[j]]);
    if (auto zs = exact_basic_solution(sub, r.basis)) {
      std::vector<mpq_class> z(lcp.n, mpq_class(0));
      for (std::size_t j = 0; j < sub.n; ++j) z[r.kept_rows[j]] = (*zs)[j];
      SequenceFormLemkeResult exact;
      fill_exact(game, lcp, z, exact);
      if (verify_exact_behavior(game, *exact.exact).is_equilibrium) {
        out.profile = std::move(exact.profile);
        out.exact = std::move(exact.exact);
        out.plan[0] = std::move(exact.plan[0]);
        out.plan[1] = std::move(exact.plan[1]);
        out.notes.push_back("its final basis re-solved exactly");
        return true;
      }
    }
    out.notes.push_back("its final basis re-solved exactly is not an exact equilibrium; the verified double-precision answer is kept");
  }
  out.profile = std::move(r.profile);
  out.plan[0] = std::move(r.plan[0]);
  out.plan[1] = std::move(r.plan[1]);
  return true;
}

}  // namespace

SequenceFormLemkeResult sequence_form_lemke(const ExtensiveFormGame& game, const SequenceFormLemkeOptions& options) {
  if (game.num_players() != 2)
    throw std::invalid_argument("sequence-form Lemke needs a 2-player game; this one has " +
                                std::to_string(game.num_players()) + " players");
  game.require_perfect_recall("sequence-form Lemke (lcp)");
  const SequenceLcp lcp = detail::build_sequence_lcp(game);
  SequenceFormLemkeResult out;
  out.lcp_rows = lcp.n;
  if (options.exact) {
    solve_exact(game, lcp, options.deadline, out);
    return out;
  }

  const bool large = lcp.n > options.centroid_above_rows;
  if (!options.dense_double &&
      (options.start == LemkeStart::restricted || (options.start == LemkeStart::automatic && large))) {
    if (solve_restricted_first(game, lcp, options, out)) return out;
  }
  const std::vector<mpq_class> gambit_d = detail::gambit_covering_vector(lcp);
  const bool centroid_first = options.start == LemkeStart::centroid || options.start == LemkeStart::restricted ||
                              (options.start == LemkeStart::automatic && large);
  const std::vector<mpq_class> first_d = centroid_first ? detail::centroid_covering_vector(game, lcp) : gambit_d;
  if (centroid_first) out.notes.push_back("started from the centroid (von Stengel, van den Elzen and Talman)");
  if (options.dense_double) {
    LcpTableau<double> t = double_tableau(lcp, first_d);
    if (finish_double(game, lcp, t, options, out)) return out;
  } else {
    RevisedLcp t = revised_lcp(lcp, first_d);
    if (centroid_first) perturbed_settings(lcp, t);
    bool done = finish_double(game, lcp, t, options, out);
    out.factorizations += t.refactorizations();
    if (done) return out;
    if (!centroid_first && options.centroid_fallback) {
      // gambit-lcp's start is highly degenerate (q has two nonzeros, d = 1):
      // on large trees its path can cycle in double precision. The centroid
      // start's path is another, usually shorter one to an equilibrium.
      RevisedLcp c = revised_lcp(lcp, detail::centroid_covering_vector(game, lcp));
      perturbed_settings(lcp, c);
      out.notes.push_back("retried from the centroid start (von Stengel, van den Elzen and Talman)");
      done = finish_double(game, lcp, c, options, out);
      out.factorizations += c.refactorizations();
      if (done) return out;
    }
    if (lcp.n <= options.exact_fallback_max) {
      // Once more with a fresh factorisation at every pivot (no eta updates):
      // no rounding carried from one pivot to the next, but a sparse LU per
      // pivot, so only where the exact redo would be affordable too.
      RevisedLcp fresh = revised_lcp(lcp, first_d);
      fresh.refactor_every = 1;
      out.notes.push_back("retried with a fresh basis factorisation at every pivot");
      done = finish_double(game, lcp, fresh, options, out);
      out.factorizations += fresh.refactorizations();
      if (done) return out;
    }
  }
  if (lcp.n > options.exact_fallback_max)
    throw std::runtime_error("sequence-form Lemke: " + out.notes.back() + "; double precision failed and the LCP (" + std::to_string(lcp.n) +
                             " rows) is above the exact fallback limit");
  out.notes.push_back("redone in exact arithmetic");
  solve_exact(game, lcp, options.deadline, out);
  return out;
}

}  // namespace negsim

namespace negsim {

ExtensiveSolveResult solve_sequence_form_lemke(const ExtensiveFormGame& game, const SolveOptions& options) {
  SequenceFormLemkeOptions lemke;
  lemke.exact = options.exact;
  lemke.deadline = solve_deadline(options);
  SequenceFormLemkeResult r = sequence_form_lemke(game, lemke);
  std::optional<BehaviorEquilibrium> eq = make_verified_equilibrium(game, r.profile, r.exact, "lcp", options.rel_tol);
  if (!eq && !r.exact_path) {  // rounding: redo exactly (exact answers are verified exactly)
    lemke.exact = true;
    r = sequence_form_lemke(game, lemke);
    r.notes.push_back("the double-precision answer failed verification; redone in exact arithmetic");
    eq = make_verified_equilibrium(game, r.profile, r.exact, "lcp", options.rel_tol);
  }
  if (!eq) throw std::logic_error("sequence-form Lemke: the exact LCP solution is not an equilibrium (a bug)");
  ExtensiveSolveResult out;
  out.method = "lcp";
  out.form = "strategic-form";
  out.form_note = "a Nash equilibrium in behaviour strategies (no player gains by any change of plan); "
                  "Lemke's method on the sequence form finds one, as gambit-lcp does";
  out.equilibria.push_back(std::move(*eq));
  out.complete = false;
  for (const std::string& n : r.notes) out.note += (out.note.empty() ? "" : "; ") + n;
  out.note += (out.note.empty() ? "" : "; ") + std::to_string(r.pivots) + " pivots on an LCP of " +
              std::to_string(r.lcp_rows) + " rows";
  return out;
}

}  // namespace negsim
