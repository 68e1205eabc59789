#include "sim/solve/vertex_enumeration.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/deadline.hpp"
#include "models/errors.hpp"
#include "sim/solve/basis_mask_set.hpp"
#include "sim/solve/bimatrix.hpp"
#include "sim/solve/hybrid_vertex_enumeration.hpp"
#include "sim/solve/lex_tableau.hpp"
#include "sim/solve/pure_nash.hpp"

namespace negsim {

namespace {

using detail::LexTableau;
using detail::Mask;
using detail::MaskSet;
using detail::set_bit;
using detail::flip_bit;
using detail::test_bit;

constexpr double kZeroTolerance = 1e-9;      // rhs at or below: the basic variable is 0 (a label)
constexpr double kFeasibleTolerance = 1e-9;  // slack allowed in y >= 0, A y <= 1 (double mode)
constexpr double kSingularTolerance = 1e-11;
constexpr std::size_t kCheckpointEvery = 8;  // double mode: save the tableau every 8 DFS levels

// The time budget of one enumeration: the clock is read every
// kCheckEvery bases (each costs a ratio test per column and a pivot, so a
// clock read is lost in the noise). Once the deadline has passed the search
// stops where it is and `stopped` is set; what was found so far is still
// verified and returned (marked incomplete).
constexpr std::size_t kCheckEvery = 256;
// Exact (integer) pivots cost tens of double pivots, and re-solving a
// candidate exactly costs a rational linear solve: the exact pass reads the
// clock more often, so it stops about as soon after the deadline as the
// double pass does.
constexpr std::size_t kExactCheckEvery = 16;
constexpr std::size_t kCandidatesPerCheck = 16;

struct Budget {
  Deadline deadline;
  bool stopped = false;
};

// Depth-first search over all lexicographically feasible bases reachable by
// lexicographic pivots from the slack basis (all of them: they are the
// vertices of a simple perturbed polytope, whose graph is connected). Calls
// visit(tableau, nonbasic_mask) once per basis, including the first.
template <class Num, class Visit>
std::size_t for_each_basis(LexTableau<Num>& t, std::size_t total, Budget& budget, Visit&& visit) {
  constexpr bool kExact = LexTableau<Num>::kExact;
  const std::size_t words = (total + 63) / 64;
  MaskSet visited(words);
  Mask key(words, 0), next(words, 0);
  for (std::size_t c = 0; c < t.cols(); ++c) set_bit(key.data(), t.nonbasic(c));
  visited.insert(key.data());
  visit(t, key);

  struct Frame {
    std::uint32_t undo_row, undo_col, next_col;
    std::int32_t checkpoint;  // index into `saved`, or -1
  };
  const std::size_t size = t.numbers().size();
  std::vector<Num> saved;
  std::int32_t saved_count = 0;
  auto save = [&]() -> std::int32_t {
    if constexpr (kExact) {
      return -1;
    } else {
      t.refactor();  // checkpoints are fresh from the original data, so rounding cannot build up
      saved.insert(saved.end(), t.numbers().begin(), t.numbers().end());
      return saved_count++;
    }
  };
  std::vector<Frame> stack;
  // The leaving row of every column at each open node, computed once on entry.
  const std::size_t cols = t.cols();
  std::vector<int> rows_of_frames, scratch;
  auto push_rows = [&] {
    t.all_min_ratio_rows(scratch);
    rows_of_frames.insert(rows_of_frames.end(), scratch.begin(), scratch.end());
  };
  stack.push_back({0, 0, 0, save()});
  push_rows();
  std::size_t visits = 0;
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next_col < cols) {
      const std::size_t c = top.next_col++;
      const int r = rows_of_frames[(stack.size() - 1) * cols + c];
      if (r < 0) continue;
      next = key;
      flip_bit(next.data(), t.nonbasic(c));
      flip_bit(next.data(), t.basic(static_cast<std::size_t>(r)));
      if (!visited.insert(next.data()).second) continue;
      t.pivot(static_cast<std::size_t>(r), c);
      key.swap(next);
      visit(t, key);
      if (++visits % (kExact ? kExactCheckEvery : kCheckEvery) == 0 && budget.deadline.expired()) {
        budget.stopped = true;
        break;
      }
      const bool checkpoint = !kExact && stack.size() % kCheckpointEvery == 0;
      stack.push_back({static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(c), 0,
                       checkpoint ? save() : -1});
      push_rows();
    } else {
      const Frame done = top;
      stack.pop_back();
      rows_of_frames.resize(stack.size() * cols);
      if (done.checkpoint >= 0) {
        saved.resize(saved.size() - size);
        --saved_count;
      }
      if (stack.empty()) break;
      flip_bit(key.data(), t.basic(done.undo_row));
      flip_bit(key.data(), t.nonbasic(done.undo_col));
      t.pivot(done.undo_row, done.undo_col);
      // Undoing a pivot is exact in integer arithmetic; in double mode, reset
      // accumulated rounding from the nearest saved ancestor when there is one.
      if (stack.back().checkpoint >= 0)
        t.restore_numbers(&saved[static_cast<std::size_t>(stack.back().checkpoint) * size]);
    }
  }
  return visits + 1;
}

// The tableau of player 0's polytope P (rows: columns j of B, ids m+j; cols: x_i, ids i)
// or of player 1's Q (rows: rows i of A, ids i; cols: y_j, ids m+j).
template <class Num>
LexTableau<Num> polytope_tableau(std::size_t m, std::size_t n, const std::vector<Num>& a,
                                 const std::vector<Num>& b, bool row_player) {
  std::vector<int> x_ids(m), y_ids(n);
  for (std::size_t i = 0; i < m; ++i) x_ids[i] = static_cast<int>(i);
  for (std::size_t j = 0; j < n; ++j) y_ids[j] = static_cast<int>(m + j);
  if (row_player) {
    std::vector<Num> bt(n * m);
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j) bt[j * m + i] = b[i * n + j];
    return LexTableau<Num>(n, m, bt, y_ids, x_ids, m + n);
  }
  return LexTableau<Num>(m, n, a, x_ids, y_ids, m + n);
}

template <class Num>
bool is_zero_rhs(const LexTableau<Num>& t, std::size_t r) {
  if constexpr (LexTableau<Num>::kExact) {
    return sgn(t.rhs(r)) == 0;
  } else {
    return t.rhs(r) <= kZeroTolerance;
  }
}

// A vertex's label set: the nonbasic ids plus the basic ids at zero.
std::vector<int> mask_to_labels(const Mask& mask, std::size_t total);

struct VertexLabels {
  Mask labels;
  bool degenerate = false;
  std::vector<int> labels_list(std::size_t total) const { return mask_to_labels(labels, total); }
};

// Fills `out` for the current basis; false for the origin (no own-strategy
// variable positive), which is in no equilibrium.
template <class Num>
bool vertex_labels(const LexTableau<Num>& t, const Mask& nonbasic, bool row_player, std::size_t m,
                   VertexLabels& out) {
  out.labels = nonbasic;
  out.degenerate = false;
  bool nonzero = false;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const int id = t.basic(r);
    if (is_zero_rhs(t, r)) {
      set_bit(out.labels.data(), id);
      out.degenerate = true;
    } else if ((id < static_cast<int>(m)) == row_player) {
      nonzero = true;
    }
  }
  return nonzero;
}

std::vector<int> mask_to_labels(const Mask& mask, std::size_t total) {
  std::vector<int> labels;
  for (std::size_t id = 0; id < total; ++id)
    if (test_bit(mask.data(), static_cast<int>(id))) labels.push_back(static_cast<int>(id));
  return labels;
}

std::size_t popcount(const Mask& mask) {
  std::size_t c = 0;
  for (std::uint64_t w : mask) c += static_cast<std::size_t>(std::popcount(w));
  return c;
}

// Every vertex (but the origin) of one polytope, each once, as label masks.
template <class Num>
std::vector<Mask> all_vertices(std::size_t m, std::size_t n, const std::vector<Num>& a,
                               const std::vector<Num>& b, bool row_player, Budget& budget,
                               std::size_t& bases) {
  const std::size_t total = m + n;
  LexTableau<Num> t = polytope_tableau(m, n, a, b, row_player);
  MaskSet degenerate_seen((total + 63) / 64);
  std::vector<Mask> vertices;
  VertexLabels v;
  bases += for_each_basis(t, total, budget, [&](const LexTableau<Num>& tab, const Mask& nonbasic) {
    if (!vertex_labels(tab, nonbasic, row_player, m, v)) return;
    if (v.degenerate && !degenerate_seen.insert(v.labels.data()).second) return;
    vertices.push_back(v.labels);
  });
  return vertices;
}

// Pairs (x, y) of vertices of P and Q whose labels cover all of 0..total-1.
void match_by_labels(const std::vector<Mask>& p_vertices, const std::vector<Mask>& q_vertices,
                     std::size_t m, std::size_t n,
                     std::vector<std::pair<std::vector<int>, std::vector<int>>>& out) {
  const std::size_t total = m + n;
  const std::size_t words = (total + 63) / 64;
  Mask full(words, 0);
  for (std::size_t id = 0; id < total; ++id) set_bit(full.data(), static_cast<int>(id));
  MaskSet q_simple(words);
  std::vector<std::size_t> q_simple_index, q_degenerate;
  for (std::size_t k = 0; k < q_vertices.size(); ++k) {
    if (popcount(q_vertices[k]) == n) {
      q_simple.insert(q_vertices[k].data());
      q_simple_index.push_back(k);
    } else {
      q_degenerate.push_back(k);
    }
  }
  auto covers = [&](const Mask& x, const Mask& y) {
    for (std::size_t w = 0; w < words; ++w)
      if ((x[w] | y[w]) != full[w]) return false;
    return true;
  };
  Mask complement(words);
  for (const Mask& x : p_vertices) {
    if (popcount(x) == m) {
      for (std::size_t w = 0; w < words; ++w) complement[w] = ~x[w] & full[w];
      const long idx = q_simple.find(complement.data());
      if (idx >= 0)
        out.emplace_back(mask_to_labels(x, total), mask_to_labels(q_vertices[q_simple_index[idx]], total));
      for (std::size_t k : q_degenerate)
        if (covers(x, q_vertices[k])) out.emplace_back(mask_to_labels(x, total), mask_to_labels(q_vertices[k], total));
    } else {
      for (const Mask& y : q_vertices)
        if (covers(x, y)) out.emplace_back(mask_to_labels(x, total), mask_to_labels(y, total));
    }
  }
}

// Solves the k x k system held as an augmented row-major k x (k+1) matrix by
// Gaussian elimination with partial pivoting; false if (nearly) singular.
bool solve_square(std::vector<double>& lu, std::size_t k, std::vector<double>& z) {
  const std::size_t w = k + 1;
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < k; ++r)
      if (std::abs(lu[r * w + c]) > std::abs(lu[piv * w + c])) piv = r;
    if (std::abs(lu[piv * w + c]) < kSingularTolerance) return false;
    if (piv != c)
      for (std::size_t j = c; j <= k; ++j) std::swap(lu[c * w + j], lu[piv * w + j]);
    const double inv = 1.0 / lu[c * w + c];
    for (std::size_t r = c + 1; r < k; ++r) {
      const double f = lu[r * w + c] * inv;
      if (f == 0.0) continue;
      for (std::size_t j = c; j <= k; ++j) lu[r * w + j] -= f * lu[c * w + j];
    }
  }
  z.assign(k, 0.0);
  for (std::size_t c = k; c-- > 0;) {
    double s = lu[c * w + k];
    for (std::size_t j = c + 1; j < k; ++j) s -= lu[c * w + j] * z[j];
    z[c] = s / lu[c * w + c];
  }
  return true;
}

// Double mode: enumerate P; for each vertex x find the vertices y of Q that
// complete its labels. Returns label-set pairs to be re-solved exactly.
std::vector<std::pair<std::vector<int>, std::vector<int>>> candidates_double(const BimatrixDouble& g,
                                                                             Budget& budget,
                                                                             std::size_t& hard_count,
                                                                             std::size_t& bases) {
  const std::size_t m = g.rows, n = g.cols, total = m + n;
  std::vector<std::pair<std::vector<int>, std::vector<int>>> out;
  std::vector<Mask> hard;
  LexTableau<double> t = polytope_tableau(m, n, g.a, g.b, true);
  MaskSet degenerate_seen((total + 63) / 64);
  VertexLabels v;
  std::vector<int> support, best, extra, chosen;  // S, T, Lx \ {x_i = 0 for i in S..}, subset
  std::vector<double> lu, y;
  std::vector<char> in_support(m);

  // y_T from rows S plus the extra tight constraints `chosen` (labels); adds a
  // candidate if the point is in Q. False if the system is singular.
  auto try_system = [&](const std::vector<int>& x_label_list) -> bool {
    const std::size_t k = best.size();
    const std::size_t w = k + 1;
    lu.assign(k * w, 0.0);
    std::size_t r = 0;
    auto add_row = [&](int label) {
      if (label < static_cast<int>(m)) {  // (A y)_i = 1
        for (std::size_t c = 0; c < k; ++c) lu[r * w + c] = g.a[label * n + best[c]];
        lu[r * w + k] = 1.0;
      } else {  // y_j = 0, j in T
        const int j = label - static_cast<int>(m);
        for (std::size_t c = 0; c < k; ++c) lu[r * w + c] = best[c] == j ? 1.0 : 0.0;
        lu[r * w + k] = 0.0;
      }
      ++r;
    };
    for (int i : support) add_row(i);
    for (int label : chosen) add_row(label);
    if (!solve_square(lu, k, y)) return false;
    for (double value : y)
      if (value < -kFeasibleTolerance) return true;  // not a point of Q
    for (std::size_t i = 0; i < m; ++i) {
      if (in_support[i]) continue;
      double s = 0;
      for (std::size_t c = 0; c < k; ++c) s += g.a[i * n + best[c]] * y[c];
      if (s > 1.0 + kFeasibleTolerance) return true;  // a row would beat the support
    }
    // y's labels: the unused columns, the support rows and the chosen extras (rank n).
    std::vector<int> y_labels(support.begin(), support.end());
    y_labels.insert(y_labels.end(), chosen.begin(), chosen.end());
    for (std::size_t j = 0, c = 0; j < n; ++j) {
      if (c < k && best[c] == static_cast<int>(j)) {
        ++c;
        continue;
      }
      y_labels.push_back(static_cast<int>(m + j));
    }
    out.emplace_back(x_label_list, std::move(y_labels));
    return true;
  };

  bases += for_each_basis(t, total, budget, [&](const LexTableau<double>& tab, const Mask& nonbasic) {
    if (!vertex_labels(tab, nonbasic, true, m, v)) return;
    if (v.degenerate && !degenerate_seen.insert(v.labels.data()).second) return;
    support.clear();
    best.clear();
    for (std::size_t i = 0; i < m; ++i)
      if (!test_bit(v.labels.data(), static_cast<int>(i))) support.push_back(static_cast<int>(i));
    for (std::size_t j = 0; j < n; ++j)
      if (test_bit(v.labels.data(), static_cast<int>(m + j))) best.push_back(static_cast<int>(j));
    std::fill(in_support.begin(), in_support.end(), 0);
    for (int i : support) in_support[i] = 1;
    chosen.clear();
    if (best.size() == support.size()) {
      // Nondegenerate x: y is the unique solution of A[S,T] y_T = 1, if nonsingular.
      if (!try_system(v.labels_list(total))) hard.push_back(v.labels);
      return;
    }
    // Degenerate x (|T| > |S|): the vertices of the face of Q with labels
    // complementary to x need |T| - |S| more tight constraints, taken from
    // x's own labels (rows off the support, or columns in T at zero).
    const std::size_t need = best.size() - support.size();
    extra.clear();
    for (std::size_t i = 0; i < m; ++i)
      if (!in_support[i]) extra.push_back(static_cast<int>(i));
    for (int j : best) extra.push_back(static_cast<int>(m + j));
    double subsets = 1;
    for (std::size_t q = 0; q < need; ++q) subsets = subsets * static_cast<double>(extra.size() - q) / static_cast<double>(q + 1);
    if (need > extra.size() || subsets > 4096) {
      hard.push_back(v.labels);
      return;
    }
    const std::vector<int> x_label_list = mask_to_labels(v.labels, total);
    std::vector<std::size_t> pick(need);
    for (std::size_t q = 0; q < need; ++q) pick[q] = q;
    while (true) {
      chosen.clear();
      for (std::size_t q : pick) chosen.push_back(extra[q]);
      try_system(x_label_list);
      // next combination
      std::size_t q = need;
      while (q > 0 && pick[q - 1] == extra.size() - need + (q - 1)) --q;
      if (q == 0) break;
      ++pick[q - 1];
      for (std::size_t u = q; u < need; ++u) pick[u] = pick[u - 1] + 1;
    }
  });
  hard_count = hard.size();
  if (!hard.empty() && !budget.stopped) {
    const std::vector<Mask> q = all_vertices(m, n, g.a, g.b, false, budget, bases);
    match_by_labels(hard, q, m, n, out);
  }
  return out;
}

struct ExactProfileLess {
  bool operator()(const ExactMixedProfile& a, const ExactMixedProfile& b) const {
    for (std::size_t p = 0; p < a.size(); ++p)
      for (std::size_t k = 0; k < a[p].size(); ++k) {
        const int c = cmp(a[p][k], b[p][k]);
        if (c != 0) return c > 0;  // larger probabilities of early strategies first
      }
    return false;
  }
};

SolveResult enumerate_once(const NormalFormGame& game, const SolveOptions& options, ExactEngine engine);

// The pure equilibria that hold exactly (stored payoffs compared with no
// tolerance): each is an extreme equilibrium (a vertex pair), so a complete
// list must contain it.
std::vector<PureProfile> exact_pure_equilibria(const NormalFormGame& game) {
  std::vector<PureProfile> out;
  for (std::size_t index : pure_nash_profiles(game, std::vector<double>(2, 0.0), SIZE_MAX)) {
    if (game.has_exact() && !is_pure_equilibrium(game, index)) continue;
    out.push_back(game.profile_actions(index));
  }
  return out;
}

// Why a double-mode answer cannot be trusted, or "" if it can.
std::string double_mode_doubt(const NormalFormGame& game, const SolveResult& result) {
  if (result.rejected > 0)
    return std::to_string(result.rejected) + " candidate(s) from floating-point pivoting failed the exact check";
  if (result.equilibria.empty()) return "floating-point pivoting found no equilibrium";
  for (const PureProfile& actions : exact_pure_equilibria(game)) {
    const bool listed = std::any_of(result.equilibria.begin(), result.equilibria.end(), [&](const Equilibrium& eq) {
      return pure_actions(eq.profile) == std::optional<PureProfile>(actions);
    });
    if (!listed) return "floating-point pivoting missed a pure equilibrium";
  }
  return "";
}

}  // namespace

SolveResult enumerate_extreme_equilibria(const NormalFormGame& game, const SolveOptions& options) {
  return enumerate_extreme_equilibria_with_engine(game, options, ExactEngine::hybrid);
}

SolveResult enumerate_extreme_equilibria_with_engine(const NormalFormGame& game, const SolveOptions& options,
                                                     ExactEngine engine) {
  require_two_players(game, "vertex enumeration");
  SolveOptions timed = options;
  timed.deadline = solve_deadline(options);  // one budget for both passes
  SolveResult result = enumerate_once(game, timed, engine);
  if (options.exact || result.limit_reached) return result;
  // Double precision could not decide (badly scaled payoffs: one player's
  // differences below the pivoting tolerances after normalisation): the
  // whole enumeration again in exact integer arithmetic, which decides.
  const std::string doubt = double_mode_doubt(game, result);
  if (doubt.empty()) return result;
  if (timed.deadline.expired()) {
    // No time for the exact pass: the double pass's list is verified but
    // may be incomplete, and says so.
    mark_limit_reached(result, LimitKind::time, timed.deadline.message(
                                   "re-solving in exact arithmetic (" + doubt + "): not started; " +
                                   std::to_string(result.equilibria.size()) +
                                   " verified equilibria found; the list is incomplete"));
    return result;
  }
  SolveOptions exact = timed;
  exact.exact = true;
  SolveResult redone = enumerate_once(game, exact, engine);
  for (Equilibrium& eq : redone.equilibria) eq.exact.reset();
  redone.notes.insert(redone.notes.begin(), doubt + "; redone in exact arithmetic");
  return redone;
}

namespace {

SolveResult enumerate_once(const NormalFormGame& game, const SolveOptions& options, ExactEngine engine) {
  Budget budget{solve_deadline(options)};
  const bool transpose = game.num_actions(0) > game.num_actions(1);
  BimatrixExact exact = positive_integer_bimatrix(game);
  if (transpose) exact = transposed(exact);
  const std::size_t m = exact.rows, n = exact.cols;

  SolveResult result;
  result.method = "enum";
  std::vector<std::pair<std::vector<int>, std::vector<int>>> candidates;
  std::size_t bases = 0;
  bool decided = false;
  if (options.exact && engine == ExactEngine::hybrid) {
    detail::HybridEnumeration hybrid = detail::hybrid_equilibrium_candidates(exact, budget.deadline);
    bases += hybrid.bases;
    if (hybrid.decided) {
      decided = true;
      budget.stopped = hybrid.stopped;
      candidates = std::move(hybrid.candidates);
      result.notes.push_back("floating-point pivoting with exact decisions (" + std::to_string(hybrid.bases) +
                             " bases, " + std::to_string(hybrid.exact_bases) + " decided in exact arithmetic, " +
                             std::to_string(hybrid.exact_points) + " partner systems solved exactly, " +
                             std::to_string(hybrid.degenerate_vertices) + " degenerate vertices, " +
                             std::to_string(hybrid.matched_against_q) +
                             " of them matched against the other polytope); every equilibrium "
                             "re-solved and verified exactly");
    } else {
      result.notes.push_back("exact integer pivoting throughout: " + hybrid.undecided_reason);
    }
  }
  if (decided) {
    // candidates hold the hybrid engine's label pairs
  } else if (options.exact) {
    const std::vector<Mask> p = all_vertices(m, n, exact.a, exact.b, true, budget, bases);
    std::vector<Mask> q;
    if (!budget.stopped) q = all_vertices(m, n, exact.a, exact.b, false, budget, bases);
    // Partial vertex lists still pair only completely labeled vertices.
    match_by_labels(p, q, m, n, candidates);
    result.notes.push_back("exact integer pivoting; " + std::to_string(p.size()) + " + " +
                           std::to_string(q.size()) + " vertices, " + std::to_string(bases) + " bases");
  } else {
    BimatrixDouble g = positive_bimatrix(game);
    if (transpose) g = transposed(g);
    std::size_t hard = 0;
    candidates = candidates_double(g, budget, hard, bases);
    result.notes.push_back("floating-point pivoting (" + std::to_string(bases) +
                           " bases), every equilibrium re-solved and verified exactly");
    if (hard > 0)
      result.notes.push_back(std::to_string(hard) +
                             " singular vertices matched against the other player's polytope" +
                             (budget.stopped ? " (as far as the time limit allowed)" : ""));
  }

  std::map<ExactMixedProfile, bool, ExactProfileLess> found;
  // Each candidate costs an exact linear solve (and below, an exact check):
  // the clock is read every kCandidatesPerCheck of them.
  auto out_of_time = [&](std::size_t done) {
    if (done % kCandidatesPerCheck != kCandidatesPerCheck - 1 || !budget.deadline.expired()) return false;
    budget.stopped = true;
    return true;
  };
  std::size_t solved = 0;
  for (const auto& [x_labels, y_labels] : candidates) {
    if (out_of_time(solved++)) break;
    auto x = exact_point_from_labels(exact, true, x_labels);
    auto y = exact_point_from_labels(exact, false, y_labels);
    if (!x || !y) {
      reject_candidate(result, game, nullptr);  // not a point: no regret to record
      continue;
    }
    ExactMixedProfile profile{normalized(*x), normalized(*y)};
    if (transpose) std::swap(profile[0], profile[1]);
    found.emplace(std::move(profile), true);
  }
  std::size_t checked = 0;
  for (auto& [profile, unused] : found) {
    if (out_of_time(checked++)) break;
    auto eq = verify_exact_equilibrium(game, profile, "enum");
    if (!eq) {
      MixedProfile candidate(profile.size());
      for (std::size_t p = 0; p < profile.size(); ++p)
        for (const mpq_class& v : profile[p]) candidate[p].push_back(v.get_d());
      reject_candidate(result, game, &candidate);
      continue;
    }
    if (!options.exact) eq->exact.reset();
    result.equilibria.push_back(std::move(*eq));
  }
  if (budget.stopped)
    mark_limit_reached(result, LimitKind::time, budget.deadline.message(
                                   "enumerating vertices: " + std::to_string(bases) + " bases visited, " +
                                   std::to_string(result.equilibria.size()) +
                                   " verified equilibria found; the list is incomplete"));
  return result;
}

}  // namespace

}  // namespace negsim
