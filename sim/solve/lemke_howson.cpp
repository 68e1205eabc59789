#include "sim/solve/lemke_howson.hpp"

#include <algorithm>
#include <memory>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "sim/solve/bimatrix.hpp"
#include "sim/solve/compact_basis.hpp"
#include "sim/solve/pivot_cycle_detector.hpp"
#include "sim/solve/lex_tableau.hpp"

namespace negsim {

namespace {

using detail::LexTableau;

template <class Num>
struct PathEnd {
  std::vector<Num> x, y;  // unnormalized points of P and Q (values times a common factor in exact mode)
  std::size_t pivots = 0;
};

// P = { x : B^T x <= 1 } has structurals x_i (label i) and slacks carrying
// m + j; Q = { y : A y <= 1 } has structurals y_j (label m + j) and slacks
// carrying i (bimatrix.hpp). Both engines below take this setup.
struct Polytopes {
  std::vector<int> x_ids, y_ids;
  std::size_t total;
};

Polytopes polytope_ids(std::size_t m, std::size_t n) {
  Polytopes ids{std::vector<int>(m), std::vector<int>(n), m + n};
  std::iota(ids.x_ids.begin(), ids.x_ids.end(), 0);
  std::iota(ids.y_ids.begin(), ids.y_ids.end(), static_cast<int>(m));
  return ids;
}

// Exact engine: the integer-pivoting dictionary, behind CompactBasis's
// interface (enter returns the leaving id).
class ExactPolytope {
 public:
  ExactPolytope(std::size_t rows, std::size_t cols, const std::vector<mpz_class>& matrix, const std::vector<int>& row_ids,
                const std::vector<int>& col_ids, std::size_t total)
      : t_(rows, cols, matrix, row_ids, col_ids, total) {}
  int enter(int id) {
    const std::size_t c = t_.col_of(id);
    const int r = t_.lex_min_ratio_row(c);
    if (r < 0) return -1;
    const int leaving = t_.basic(static_cast<std::size_t>(r));
    t_.pivot(static_cast<std::size_t>(r), c);
    return leaving;
  }
  // The value times det(), the common denominator of this polytope's point.
  mpz_class value(int id) const { return t_.is_basic(id) ? t_.rhs(t_.row_of(id)) : mpz_class(0); }

 private:
  LexTableau<mpz_class> t_;
};

// A cycle detector at the artificial equilibrium, where every slack is basic.
detail::PivotCycleDetector cycle_detector_at_start(const Polytopes& ids) {
  detail::PivotCycleDetector cycles(ids.total);
  for (int id : ids.y_ids) cycles.start_basic(true, id);   // P's slacks
  for (int id : ids.x_ids) cycles.start_basic(false, id);  // Q's slacks
  return cycles;
}

// The equilibrium at a double path's end, verified: values rounded slightly
// below 0 are clamped before normalizing.
std::optional<Equilibrium> verified_double_end(const NormalFormGame& game, std::vector<double> x,
                                               std::vector<double> y, const std::vector<double>& tol) {
  for (double& v : x) v = std::max(v, 0.0);
  for (double& v : y) v = std::max(v, 0.0);
  return verify_equilibrium(game, {normalized(x), normalized(y)}, "lh", tol);
}

// How a walk ended.
enum class WalkEnd { kEquilibrium, kFailed, kTimeLimit };

struct Walk {
  WalkEnd end = WalkEnd::kFailed;
  std::size_t pivots = 0;
};

// Follows the path that drops `label` through the two polytopes. kFailed if
// an engine fails or the walk returns to an earlier state (rounding trouble;
// the caller redoes it exactly); kTimeLimit if the deadline passes (checked
// at the first pivot, so an expired deadline always stops, then every 64).
// No pivot budget: a long path is a property of the game (at 200x200 one of
// fifteen random games takes 4.7 million pivots), and --time-limit bounds it.
template <class Engine>
Walk walk(Engine& p, Engine& q, int label, const Polytopes& ids, const Deadline& deadline) {
  int entering = label;
  bool in_p = label < static_cast<int>(ids.x_ids.size());
  detail::PivotCycleDetector cycles = cycle_detector_at_start(ids);
  for (std::size_t step = 1;; ++step) {
    if ((step & 63) == 1 && deadline.expired()) return {WalkEnd::kTimeLimit, step - 1};
    const int leaving = (in_p ? p : q).enter(entering);
    if (leaving < 0) return {WalkEnd::kFailed, step};  // unbounded (impossible with positive payoffs) or singular
    if (leaving == label) return {WalkEnd::kEquilibrium, step};
    if (cycles.repeats_after(in_p, entering, leaving)) return {WalkEnd::kFailed, step};
    entering = leaving;  // its complement (same label) enters the other polytope
    in_p = !in_p;
  }
}

template <class Num, class Engine>
Walk finish_path(Engine& p, Engine& q, const Polytopes& ids, int label, const Deadline& deadline, PathEnd<Num>& end) {
  const Walk w = walk(p, q, label, ids, deadline);
  if (w.end != WalkEnd::kEquilibrium) return w;
  end.pivots = w.pivots;
  for (int id : ids.x_ids) end.x.push_back(p.value(id));
  for (int id : ids.y_ids) end.y.push_back(q.value(id));
  return w;
}

// The two polytopes' constraint matrices in double precision (B^T, n x m,
// and A, m x n, each stored by row and by column), made once and shared by
// every label's path (--all-labels), as the label race shares them.
struct SharedPolytopes {
  std::shared_ptr<const detail::PolytopeMatrix> p, q;
  explicit SharedPolytopes(const BimatrixDouble& g)
      : p(detail::PolytopeMatrix::make(g.cols, g.rows, transposed(g).a)),
        q(detail::PolytopeMatrix::make(g.rows, g.cols, g.a)) {}
};

Walk follow_shared_path(const SharedPolytopes& matrices, std::size_t m, std::size_t n, int label,
                        const Deadline& deadline, PathEnd<double>& end) {
  const Polytopes ids = polytope_ids(m, n);
  detail::CompactBasis p(matrices.p, ids.y_ids, ids.x_ids, ids.total);
  detail::CompactBasis q(matrices.q, ids.x_ids, ids.y_ids, ids.total);
  return finish_path<double>(p, q, ids, label, deadline, end);
}

template <class Num, class Engine>
Walk follow_path(const std::vector<Num>& a, const std::vector<Num>& bt, std::size_t m, std::size_t n, int label,
                 const Deadline& deadline, PathEnd<Num>& end) {
  const Polytopes ids = polytope_ids(m, n);
  Engine p(n, m, bt, ids.y_ids, ids.x_ids, ids.total);
  Engine q(m, n, a, ids.x_ids, ids.y_ids, ids.total);
  const Walk w = walk(p, q, label, ids, deadline);
  if (w.end != WalkEnd::kEquilibrium) return w;
  end.pivots = w.pivots;
  for (int id : ids.x_ids) end.x.push_back(p.value(id));
  for (int id : ids.y_ids) end.y.push_back(q.value(id));
  return w;
}

// One label's result: a verified equilibrium, or why there is none.
struct LabelOutcome {
  std::optional<Equilibrium> equilibrium;
  Walk walk;
};

// Double precision on the compact engine (compact_basis.hpp): O(k (m + n)) per pivot.
LabelOutcome solve_double(const NormalFormGame& game, const BimatrixDouble& g, const SharedPolytopes& matrices,
                          int label, const std::vector<double>& tol, const Deadline& deadline) {
  PathEnd<double> end;
  LabelOutcome out;
  out.walk = follow_shared_path(matrices, g.rows, g.cols, label, deadline, end);
  if (out.walk.end != WalkEnd::kEquilibrium) return out;
  out.equilibrium = verified_double_end(game, std::move(end.x), std::move(end.y), tol);
  return out;
}

// `bt`: transposed(g).a, made once by the caller for every label.
LabelOutcome solve_exact(const NormalFormGame& game, const BimatrixExact& g, const std::vector<mpz_class>& bt,
                         int label, const Deadline& deadline) {
  PathEnd<mpz_class> end;
  LabelOutcome out;
  out.walk = follow_path<mpz_class, ExactPolytope>(g.a, bt, g.rows, g.cols, label, deadline, end);
  if (out.walk.end != WalkEnd::kEquilibrium) return out;
  ExactMixedProfile profile(2);
  // Common denominators cancel in the normalization.
  for (const mpz_class& v : end.x) profile[0].emplace_back(v);
  for (const mpz_class& v : end.y) profile[1].emplace_back(v);
  profile[0] = normalized(profile[0]);
  profile[1] = normalized(profile[1]);
  out.equilibrium = verify_exact_equilibrium(game, std::move(profile), "lh");
  return out;
}

bool already_found(const std::vector<Equilibrium>& found, const Equilibrium& eq) {
  for (const Equilibrium& other : found) {
    if (eq.exact && other.exact) {
      if (*eq.exact == *other.exact) return true;
    } else if (same_profile(eq.profile, other.profile)) {
      return true;
    }
  }
  return false;
}

// Labels as users give them (--label counts from 1, as Gambit does).
std::string label_name(int label) { return std::to_string(label + 1); }

PathRecord path_record(int label, std::size_t pivots, bool exact, PathEndReason end) {
  PathRecord record;
  record.label = label;
  record.steps = pivots;
  record.exact = exact;
  record.end = end;
  return record;
}

// One path of the label race: its own two bases over the shared matrices.
struct Racer {
  int label;
  detail::CompactBasis p, q;
  detail::PivotCycleDetector cycles;
  int entering;
  bool in_p;
  std::size_t pivots = 0;
  bool alive = true;
};

constexpr std::size_t kRaceSlice = 32;      // pivots per turn
constexpr std::size_t kRaceMaxLabels = 32;  // bounds memory: O(kRaceMaxLabels (m + n + k^2))

// The labels of a race: all of them for small games, else kRaceMaxLabels
// spread evenly over both players' labels.
std::vector<int> race_labels(int total) {
  std::vector<int> labels;
  const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(total), kRaceMaxLabels);
  for (std::size_t i = 0; i < count; ++i)
    labels.push_back(static_cast<int>(i * static_cast<std::size_t>(total) / count));
  return labels;
}

SolveResult race(const NormalFormGame& game, const SolveOptions& options, const Deadline& deadline) {
  SolveResult result;
  result.method = "lh";
  result.complete = false;
  const BimatrixDouble g = positive_bimatrix(game);
  const std::size_t m = g.rows, n = g.cols;
  const Polytopes ids = polytope_ids(m, n);
  const auto matrix_p = detail::PolytopeMatrix::make(n, m, transposed(g).a);
  const auto matrix_q = detail::PolytopeMatrix::make(m, n, g.a);
  const std::vector<int> labels = race_labels(static_cast<int>(ids.total));
  std::vector<Racer> racers;
  racers.reserve(labels.size());
  for (int label : labels) {
    racers.push_back(Racer{label, detail::CompactBasis(matrix_p, ids.y_ids, ids.x_ids, ids.total),
                           detail::CompactBasis(matrix_q, ids.x_ids, ids.y_ids, ids.total),
                           cycle_detector_at_start(ids), label, label < static_cast<int>(m)});
  }
  const std::vector<double> tol = regret_tolerances(game, options.rel_tol);
  std::optional<BimatrixExact> g_exact;
  std::size_t total_pivots = 0, alive = racers.size();
  while (alive > 0) {
    for (Racer& r : racers) {
      if (!r.alive) continue;
      if (deadline.expired())
        deadline.fail("racing Lemke-Howson paths from " + std::to_string(racers.size()) + " labels: " +
                      std::to_string(total_pivots) + " pivots done and no path has ended, so none is reported");
      for (std::size_t turn = 0; turn < kRaceSlice; ++turn) {
        const int leaving = (r.in_p ? r.p : r.q).enter(r.entering);
        ++r.pivots;
        ++total_pivots;
        if (leaving < 0 || (leaving != r.label && r.cycles.repeats_after(r.in_p, r.entering, leaving))) {
          r.alive = false;  // rounding trouble on this path; the others go on
          --alive;
          result.paths.push_back(path_record(r.label, r.pivots, false, PathEndReason::numerical_failure));
          result.notes.push_back("label " + label_name(r.label) + ": floating-point path failed; dropped");
          break;
        }
        if (leaving == r.label) {
          std::vector<double> x, y;
          for (int id : ids.x_ids) x.push_back(r.p.value(id));
          for (int id : ids.y_ids) y.push_back(r.q.value(id));
          std::optional<Equilibrium> eq = verified_double_end(game, std::move(x), std::move(y), tol);
          if (eq && options.exact) {
            // The exact path from the winning label is the same path (same rule).
            if (!g_exact) g_exact = positive_integer_bimatrix(game);
            LabelOutcome replay = solve_exact(game, *g_exact, transposed(*g_exact).a, r.label, deadline);
            if (replay.walk.end == WalkEnd::kTimeLimit)
              deadline.fail("replaying the Lemke-Howson path from label " + label_name(r.label) +
                            " in exact arithmetic: " + std::to_string(replay.walk.pivots) + " of " +
                            std::to_string(r.pivots) + " pivots done, so none is reported");
            eq = std::move(replay.equilibrium);
          }
          if (!eq) {
            r.alive = false;
            --alive;
            result.paths.push_back(path_record(r.label, r.pivots, options.exact, PathEndReason::not_verified));
            result.notes.push_back("label " + label_name(r.label) + ": end point failed verification; dropped");
            break;
          }
          // Typed record of the race: the winner, then every path still running.
          result.paths.push_back(path_record(r.label, r.pivots, options.exact, PathEndReason::equilibrium));
          for (const Racer& other : racers)
            if (other.alive && &other != &r)
              result.paths.push_back(path_record(other.label, other.pivots, false, PathEndReason::overtaken));
          result.notes.push_back("label " + label_name(r.label) + ": " + std::to_string(r.pivots) +
                                 " pivots, the first of " + std::to_string(racers.size()) +
                                 " raced labels to end (" + std::to_string(total_pivots) + " pivots in all)");
          result.equilibria.push_back(std::move(*eq));
          return result;
        }
        r.entering = leaving;
        r.in_p = !r.in_p;
      }
    }
  }
  // Every raced path failed in double precision: label 0 exactly.
  if (!g_exact) g_exact = positive_integer_bimatrix(game);
  LabelOutcome exact = solve_exact(game, *g_exact, transposed(*g_exact).a, 0, deadline);
  if (exact.walk.end == WalkEnd::kTimeLimit)
    deadline.fail("following the exact Lemke-Howson path from label 1 after every raced path failed");
  if (exact.equilibrium) {
    if (!options.exact) exact.equilibrium->exact.reset();
    result.paths.push_back(path_record(0, exact.walk.pivots, true, PathEndReason::equilibrium));
    result.notes.push_back("label 1: " + std::to_string(exact.walk.pivots) + " pivots in exact arithmetic");
    result.equilibria.push_back(std::move(*exact.equilibrium));
  } else {
    result.paths.push_back(path_record(0, exact.walk.pivots, true, PathEndReason::not_verified));
    reject_candidate(result, game, nullptr);
  }
  return result;
}

}  // namespace

SolveResult lemke_howson(const NormalFormGame& game, const SolveOptions& options) {
  require_two_players(game, "Lemke-Howson");
  if (options.label_race && !options.all_labels) return race(game, options, solve_deadline(options));
  const int total = static_cast<int>(game.num_actions(0) + game.num_actions(1));
  std::vector<int> labels;
  if (options.all_labels) {
    for (int k = 0; k < total; ++k) labels.push_back(k);
  } else {
    if (options.label < 0 || options.label >= total)
      throw std::invalid_argument("Lemke-Howson label " + std::to_string(options.label) +
                                  " is out of range 0.." + std::to_string(total - 1));
    labels.push_back(options.label);
  }

  SolveResult result;
  result.method = "lh";
  result.complete = false;
  const std::vector<double> tol = regret_tolerances(game, options.rel_tol);
  std::optional<BimatrixDouble> g_double;
  std::optional<SharedPolytopes> matrices;  // shared by every label
  std::optional<BimatrixExact> g_exact;
  std::vector<mpz_class> g_exact_bt;
  const Deadline deadline = solve_deadline(options);
  std::size_t labels_done = 0;
  for (int label : labels) {
    LabelOutcome outcome;
    if (!options.exact) {
      if (!g_double) {
        g_double = positive_bimatrix(game);
        matrices.emplace(*g_double);
      }
      outcome = solve_double(game, *g_double, *matrices, label, tol, deadline);
      if (outcome.walk.end == WalkEnd::kFailed)
        result.paths.push_back(path_record(label, outcome.walk.pivots, false, PathEndReason::numerical_failure));
      else if (outcome.walk.end == WalkEnd::kEquilibrium && !outcome.equilibrium)
        result.paths.push_back(path_record(label, outcome.walk.pivots, false, PathEndReason::not_verified));
      if (outcome.walk.end == WalkEnd::kFailed)
        result.notes.push_back("label " + label_name(label) + ": floating-point path failed (numerically singular basis or a cycle) after " +
                               std::to_string(outcome.walk.pivots) + " pivots; redone in exact arithmetic");
      else if (outcome.walk.end == WalkEnd::kEquilibrium && !outcome.equilibrium)
        result.notes.push_back("label " + label_name(label) +
                               ": floating-point end point failed verification; redone in exact arithmetic");
    }
    bool exact_path = options.exact;
    if (!outcome.equilibrium && outcome.walk.end != WalkEnd::kTimeLimit) {
      if (!g_exact) {
        g_exact = positive_integer_bimatrix(game);
        g_exact_bt = transposed(*g_exact).a;
      }
      outcome = solve_exact(game, *g_exact, g_exact_bt, label, deadline);
      exact_path = true;
      if (outcome.equilibrium && !options.exact) outcome.equilibrium->exact.reset();
    }
    if (outcome.walk.end == WalkEnd::kTimeLimit) {
      result.paths.push_back(path_record(label, outcome.walk.pivots, exact_path, PathEndReason::time_limit));
      const std::string path = "following the Lemke-Howson path from label " + label_name(label) + ": " +
                               std::to_string(outcome.walk.pivots) + " pivots done";
      if (labels.size() == 1)
        deadline.fail(path + "; the path's end is the only equilibrium it gives, so none is reported");
      mark_limit_reached(result, LimitKind::time, deadline.message(path + "; " + std::to_string(labels_done) + " of " +
                                                  std::to_string(labels.size()) + " labels done, " +
                                                  std::to_string(result.equilibria.size()) +
                                                  " verified equilibria found"));
      return result;
    }
    ++labels_done;
    if (!outcome.equilibrium) {
      // The exact end point failed verification: a bug, never expected.
      result.paths.push_back(path_record(label, outcome.walk.pivots, true, PathEndReason::not_verified));
      reject_candidate(result, game, nullptr);
      continue;
    }
    result.paths.push_back(path_record(label, outcome.walk.pivots, exact_path, PathEndReason::equilibrium));
    result.notes.push_back("label " + label_name(label) + ": " + std::to_string(outcome.walk.pivots) + " pivots");
    if (!already_found(result.equilibria, *outcome.equilibrium))
      result.equilibria.push_back(std::move(*outcome.equilibrium));
  }
  return result;
}

}  // namespace negsim
