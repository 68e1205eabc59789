#include "sim/solve/lemke_howson.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/solve/bimatrix.hpp"
#include "sim/solve/compact_basis.hpp"
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

// Follows the path that drops `label` through the two polytopes; the pivot
// count, or nullopt if an engine fails or the budget runs out (a safeguard for
// floating-point trouble only).
template <class Engine>
std::optional<std::size_t> walk(Engine& p, Engine& q, int label, std::size_t m, std::size_t max_pivots) {
  int entering = label;
  bool in_p = label < static_cast<int>(m);
  for (std::size_t step = 1; step <= max_pivots; ++step) {
    const int leaving = (in_p ? p : q).enter(entering);
    if (leaving < 0) return std::nullopt;  // unbounded (impossible with positive payoffs) or singular
    if (leaving == label) return step;
    entering = leaving;  // its complement (same label) enters the other polytope
    in_p = !in_p;
  }
  return std::nullopt;
}

template <class Num, class Engine>
std::optional<PathEnd<Num>> follow_path(const std::vector<Num>& a, const std::vector<Num>& bt, std::size_t m,
                                        std::size_t n, int label, std::size_t max_pivots) {
  const Polytopes ids = polytope_ids(m, n);
  Engine p(n, m, bt, ids.y_ids, ids.x_ids, ids.total);
  Engine q(m, n, a, ids.x_ids, ids.y_ids, ids.total);
  const std::optional<std::size_t> pivots = walk(p, q, label, m, max_pivots);
  if (!pivots) return std::nullopt;
  PathEnd<Num> end;
  end.pivots = *pivots;
  for (int id : ids.x_ids) end.x.push_back(p.value(id));
  for (int id : ids.y_ids) end.y.push_back(q.value(id));
  return end;
}

// Double precision on the compact engine (compact_basis.hpp): O(k (m + n)) per pivot.
std::optional<Equilibrium> solve_double(const NormalFormGame& game, const BimatrixDouble& g, int label,
                                        double tol, std::size_t& pivots) {
  const std::size_t budget = 1000 * (g.rows + g.cols) + 100000;
  auto end = follow_path<double, detail::CompactBasis>(g.a, transposed(g).a, g.rows, g.cols, label, budget);
  if (!end) return std::nullopt;
  pivots = end->pivots;
  for (double& v : end->x) v = std::max(v, 0.0);
  for (double& v : end->y) v = std::max(v, 0.0);
  MixedProfile profile{normalized(end->x), normalized(end->y)};
  return verify_equilibrium(game, std::move(profile), "lh", tol);
}

std::optional<Equilibrium> solve_exact(const NormalFormGame& game, const BimatrixExact& g, int label,
                                       std::size_t& pivots) {
  auto end = follow_path<mpz_class, ExactPolytope>(g.a, transposed(g).a, g.rows, g.cols, label,
                                                   static_cast<std::size_t>(-1));
  if (!end) return std::nullopt;
  pivots = end->pivots;
  ExactMixedProfile profile(2);
  // Common denominators cancel in the normalization.
  for (const mpz_class& v : end->x) profile[0].emplace_back(v);
  for (const mpz_class& v : end->y) profile[1].emplace_back(v);
  profile[0] = normalized(profile[0]);
  profile[1] = normalized(profile[1]);
  return verify_exact_equilibrium(game, std::move(profile), "lh");
}

bool already_found(const std::vector<Equilibrium>& found, const Equilibrium& eq) {
  for (const Equilibrium& other : found) {
    if (eq.exact && other.exact) {
      if (*eq.exact == *other.exact) return true;
    } else if (same_profile(eq.profile, other.profile, 1e-9)) {
      return true;
    }
  }
  return false;
}

}  // namespace

SolveResult lemke_howson(const NormalFormGame& game, const SolveOptions& options) {
  require_two_players(game, "Lemke-Howson");
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
  const double tol = regret_tolerance(game, options.rel_tol);
  std::optional<BimatrixDouble> g_double;
  std::optional<BimatrixExact> g_exact;
  for (int label : labels) {
    std::optional<Equilibrium> eq;
    std::size_t pivots = 0;
    if (!options.exact) {
      if (!g_double) g_double = positive_bimatrix(game);
      eq = solve_double(game, *g_double, label, tol, pivots);
      if (!eq)
        result.notes.push_back("label " + std::to_string(label) +
                               ": floating-point path failed verification; redone in exact arithmetic");
    }
    if (!eq) {
      if (!g_exact) g_exact = positive_integer_bimatrix(game);
      eq = solve_exact(game, *g_exact, label, pivots);
      if (eq && !options.exact) eq->exact.reset();
    }
    if (!eq) {
      ++result.rejected;
      continue;
    }
    result.notes.push_back("label " + std::to_string(label) + ": " + std::to_string(pivots) + " pivots");
    if (!already_found(result.equilibria, *eq)) result.equilibria.push_back(std::move(*eq));
  }
  return result;
}

}  // namespace negsim
