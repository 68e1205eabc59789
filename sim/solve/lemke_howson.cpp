#include "sim/solve/lemke_howson.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/solve/bimatrix.hpp"
#include "sim/solve/lex_tableau.hpp"

namespace negsim {

namespace {

using detail::LexTableau;

template <class Num>
struct PathEnd {
  std::vector<Num> x, y;  // unnormalized points of P and Q (values times det in exact mode)
  Num det_p, det_q;
  std::size_t pivots = 0;
};

// Follows the path that drops `label`; nullopt if the pivot budget runs out
// (only a safeguard for floating-point trouble).
template <class Num>
std::optional<PathEnd<Num>> follow_path(std::size_t m, std::size_t n, const std::vector<Num>& a,
                                        const std::vector<Num>& b, int label,
                                        std::size_t max_pivots) {
  const std::size_t total = m + n;
  std::vector<Num> bt(n * m);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) bt[j * m + i] = b[i * n + j];
  std::vector<int> x_ids(m), y_ids(n);
  for (std::size_t i = 0; i < m; ++i) x_ids[i] = static_cast<int>(i);
  for (std::size_t j = 0; j < n; ++j) y_ids[j] = static_cast<int>(m + j);
  // P: B^T x + s = 1 (basic slacks s_j carry labels m+j); Q: A y + r = 1 (r_i carry i).
  LexTableau<Num> tp(n, m, bt, y_ids, x_ids, total);
  LexTableau<Num> tq(m, n, a, x_ids, y_ids, total);

  std::size_t end_pivots = 0;
  int entering = label;
  bool in_p = label < static_cast<int>(m);
  for (std::size_t step = 0;; ++step) {
    if (step >= max_pivots) return std::nullopt;
    LexTableau<Num>& t = in_p ? tp : tq;
    const std::size_t c = t.col_of(entering);
    const int r = t.lex_min_ratio_row(c);
    if (r < 0) return std::nullopt;  // unbounded: impossible with positive payoffs
    const int leaving = t.basic(static_cast<std::size_t>(r));
    t.pivot(static_cast<std::size_t>(r), c);
    if (leaving == label) {
      end_pivots = step + 1;
      break;
    }
    entering = leaving;  // its complement (same label) enters the other tableau
    in_p = !in_p;
  }
  PathEnd<Num> end;
  end.x.assign(m, Num(0));
  end.y.assign(n, Num(0));
  for (std::size_t i = 0; i < m; ++i)
    if (tp.is_basic(static_cast<int>(i))) end.x[i] = tp.rhs(tp.row_of(static_cast<int>(i)));
  for (std::size_t j = 0; j < n; ++j)
    if (tq.is_basic(static_cast<int>(m + j))) end.y[j] = tq.rhs(tq.row_of(static_cast<int>(m + j)));
  end.det_p = tp.det();
  end.det_q = tq.det();
  end.pivots = end_pivots;
  return end;
}

std::optional<Equilibrium> solve_double(const NormalFormGame& game, const BimatrixDouble& g, int label,
                                        double tol, std::size_t& pivots) {
  const std::size_t budget = 1000 * (g.rows + g.cols) + 100000;
  auto end = follow_path<double>(g.rows, g.cols, g.a, g.b, label, budget);
  if (!end) return std::nullopt;
  pivots = end->pivots;
  for (double& v : end->x) v = std::max(v, 0.0);
  for (double& v : end->y) v = std::max(v, 0.0);
  MixedProfile profile{normalized(end->x), normalized(end->y)};
  return verify_equilibrium(game, std::move(profile), "lh", tol);
}

std::optional<Equilibrium> solve_exact(const NormalFormGame& game, const BimatrixExact& g, int label,
                                       std::size_t& pivots) {
  auto end = follow_path<mpz_class>(g.rows, g.cols, g.a, g.b, label, static_cast<std::size_t>(-1));
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
