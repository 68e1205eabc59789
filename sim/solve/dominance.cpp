#include "sim/solve/dominance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/solve/linear_program.hpp"

namespace negsim {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// Profile-index offsets of every pure profile of the players other than
// `player`, drawn from `sets`, in Gambit order (lowest player fastest).
std::vector<std::size_t> opponent_offsets(const NormalFormGame& game,
                                          const std::vector<std::vector<std::size_t>>& sets,
                                          std::size_t player) {
  std::vector<std::size_t> offsets{0};
  for (std::size_t q = 0; q < game.num_players(); ++q) {
    if (q == player) continue;
    std::vector<std::size_t> next;
    next.reserve(offsets.size() * sets[q].size());
    for (std::size_t a : sets[q])
      for (std::size_t base : offsets) next.push_back(base + a * game.stride(q));
    offsets = std::move(next);  // player q varies slower than the players before it
  }
  return offsets;
}

// The mixed-dominance LP for one player against a fixed set of the others'
// profiles: columns 0..k-1 are the weights of the player's remaining actions,
// column k is eps; row j (0..m-1) says the mixture beats the candidate by eps
// against profile j; row m says the weights sum to one. Payoffs are divided
// by `scale` so the LP sees numbers of order one.
class MixedDominanceLp {
 public:
  MixedDominanceLp(const std::vector<double>& matrix, std::size_t k, std::size_t m, double scale)
      : lp_(m + 1, k + 1, LpSense::Maximize), k_(k), m_(m), scale_(scale), matrix_(matrix) {
    lp_.set_column_bounds(k, LpBounds::free());  // eps
    lp_.set_objective(k, 1.0);
    lp_.set_row_bounds(m, LpBounds::fixed(1.0));
    LpMatrix entries;
    entries.rows.reserve(k * m + 2 * m + k + 1);  // as before the wrapper: the heap layout (and malloc trimming) stays as it was
    for (std::size_t j = 0; j < m; ++j) {
      for (std::size_t b = 0; b < k; ++b) {
        const double v = matrix[b * m + j] / scale;
        if (v == 0.0) continue;
        entries.add(j, b, v);
      }
      entries.add(j, k, -1.0);
    }
    for (std::size_t b = 0; b < k; ++b) entries.add(m, b, 1.0);
    lp_.set_matrix(entries);
    options_.method = LpMethod::Dual;
    options_.feasibility_tolerance = 1e-10;
    options_.optimality_tolerance = 1e-10;
    options_.read_duals = false;  // also keeps the heap as it was before the wrapper (no trimming per LP)
    lp_.reset_basis(LpStart::Advanced);  // before exclude(): later solves are warm
  }

  // Excludes action b (removed, or the candidate itself) from the mixture.
  void exclude(std::size_t b) { lp_.set_column_bounds(b, LpBounds::fixed(0.0)); }
  void include(std::size_t b) { lp_.set_column_bounds(b, LpBounds::at_least(0.0)); }

  // Maximizes eps against candidate a (a must be excluded by the caller).
  // Returns false if GLPK fails; else sets eps (in payoff units) and weights.
  bool solve(std::size_t a, double& eps, std::vector<double>& weights, const Deadline& deadline) {
    options_.deadline = deadline;
    for (std::size_t j = 0; j < m_; ++j)
      lp_.set_row_bounds(j, LpBounds::at_least(matrix_[a * m_ + j] / scale_));
    const LpSolution* solution = &lp_.solve(options_);
    if (!solution->optimal()) {
      // A warm start can go wrong numerically: retry once from a fresh basis.
      if (solution->status == LpStatus::TimeLimit) return false;
      LpSolveOptions fresh = options_;
      fresh.start = LpStart::Advanced;
      solution = &lp_.solve(fresh);
      if (!solution->optimal()) return false;
    }
    eps = solution->objective * scale_;
    weights.assign(solution->primal.begin(), solution->primal.begin() + static_cast<std::ptrdiff_t>(k_));
    return true;
  }

 private:
  LinearProgram lp_;
  std::size_t k_, m_;
  double scale_;
  const std::vector<double>& matrix_;
  LpSolveOptions options_;
};

// Player p's largest payoff magnitude (1 if all are 0): the LP's scale for
// p's rows, per player like the tolerances (equilibrium.hpp).
double payoff_scale(const NormalFormGame& game, std::size_t p) {
  double scale = 0.0;
  for (double v : game.payoff_table(p)) scale = std::max(scale, std::abs(v));
  return scale > 0.0 ? scale : 1.0;
}

NormalFormGame build_reduced(const NormalFormGame& game,
                             const std::vector<std::vector<std::size_t>>& sets) {
  const std::size_t n = game.num_players();
  std::vector<std::size_t> sizes(n);
  for (std::size_t p = 0; p < n; ++p) sizes[p] = sets[p].size();
  NormalFormGame reduced(sizes);
  reduced.title = game.title;
  reduced.comment = game.comment;
  reduced.player_names = game.player_names;
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t i = 0; i < sets[p].size(); ++i)
      reduced.action_labels[p][i] = game.action_labels[p][sets[p][i]];
  // original index of every reduced profile, reduced order
  std::vector<std::size_t> original{0};
  for (std::size_t q = 0; q < n; ++q) {
    std::vector<std::size_t> next;
    next.reserve(original.size() * sets[q].size());
    for (std::size_t a : sets[q])
      for (std::size_t base : original) next.push_back(base + a * game.stride(q));
    original = std::move(next);
  }
  std::vector<mpq_class> exact;
  if (game.has_exact()) exact.resize(n * original.size());
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t r = 0; r < original.size(); ++r) {
      reduced.set_payoff(p, r, game.payoff(p, original[r]));
      if (game.has_exact()) exact[p * original.size() + r] = game.exact_payoff(p, original[r]);
    }
  if (game.has_exact()) reduced.set_exact_payoffs(std::move(exact));
  return reduced;
}

// Weights of an LP solution, cleaned: tiny and negative entries dropped, the
// rest renormalized, as original indices.
std::vector<std::pair<std::size_t, double>> clean_weights(const std::vector<double>& weights,
                                                          const std::vector<std::size_t>& set) {
  std::vector<std::pair<std::size_t, double>> out;
  double total = 0.0;
  for (std::size_t b = 0; b < weights.size(); ++b)
    if (weights[b] > 1e-12) {
      out.emplace_back(set[b], weights[b]);
      total += weights[b];
    }
  for (auto& [index, w] : out) w /= total;
  return out;
}

}  // namespace

double dominance_margin(const NormalFormGame& game,
                        const std::vector<std::vector<std::size_t>>& remaining,
                        std::size_t player, std::size_t action,
                        const std::vector<std::pair<std::size_t, double>>& dominator) {
  if (dominator.empty()) return kNegInf;
  double total = 0.0;
  for (const auto& [b, w] : dominator) {
    if (b >= game.num_actions(player) || b == action || !(w >= 0.0)) return kNegInf;
    total += w;
  }
  if (std::abs(total - 1.0) > 1e-9) return kNegInf;
  // Walk every profile of the others with an odometer over `remaining`.
  const std::size_t n = game.num_players();
  std::vector<std::size_t> pos(n, 0);
  for (std::size_t q = 0; q < n; ++q)
    if (q != player && remaining[q].empty()) return kNegInf;
  double margin = std::numeric_limits<double>::infinity();
  while (true) {
    std::vector<std::size_t> actions(n);
    for (std::size_t q = 0; q < n; ++q) actions[q] = q == player ? action : remaining[q][pos[q]];
    const double own = game.payoff(player, game.profile_index(actions));
    double mixed = 0.0;
    for (const auto& [b, w] : dominator) {
      actions[player] = b;
      mixed += w * game.payoff(player, game.profile_index(actions));
    }
    margin = std::min(margin, mixed - own);
    std::size_t q = 0;
    for (; q < n; ++q) {
      if (q == player) continue;
      if (++pos[q] < remaining[q].size()) break;
      pos[q] = 0;
    }
    if (q == n) break;
  }
  return margin;
}

DominanceResult eliminate_strictly_dominated(const NormalFormGame& game, bool allow_mixed,
                                             double rel_tol, const Deadline& deadline) {
  const std::size_t n = game.num_players();
  // Per player: a dominance margin counts if it exceeds p's own tolerance;
  // a pure dominator's margin is a difference of stored payoffs, so it must
  // only be positive (the pure rule of equilibrium.hpp: exact comparisons).
  const std::vector<double> tols = regret_tolerances(game, rel_tol);
  DominanceResult result;
  std::vector<std::vector<std::size_t>> sets(n);
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t a = 0; a < game.num_actions(p); ++a) sets[p].push_back(a);

  std::size_t round = 0;
  auto check_time = [&] {
    if (deadline.expired())
      deadline.fail("eliminating dominated strategies: round " + std::to_string(round) + ", " +
                    std::to_string(result.steps.size()) +
                    " eliminations verified so far; the elimination is unfinished and nothing is reported");
  };
  for (round = 1;; ++round) {
    const std::vector<std::vector<std::size_t>> round_start = sets;
    bool removed_any = false;
    for (std::size_t p = 0; p < n; ++p) {
      check_time();
      const std::size_t k = sets[p].size();
      if (k <= 1) continue;
      const double tol = tols[p], pure_tol = 0.0, scale = payoff_scale(game, p);
      const std::vector<std::size_t> offsets = opponent_offsets(game, round_start, p);
      const std::size_t m = offsets.size();
      // matrix[i*m + j]: payoff of p's i-th remaining action against profile j.
      std::vector<double> matrix(k * m);
      const std::span<const double> table = game.payoff_table(p);
      for (std::size_t i = 0; i < k; ++i) {
        const std::size_t own = sets[p][i] * game.stride(p);
        for (std::size_t j = 0; j < m; ++j) matrix[i * m + j] = table[own + offsets[j]];
      }

      // 1. Never-best-response filter against pure beliefs and the uniform one.
      std::vector<char> candidate(k, 1);
      {
        // Row by row (the matrix is action-major) so every pass is sequential:
        // best and second-best payoff against each profile j, then each action
        // compared with the best of the others.
        std::vector<double> average(k, 0.0);
        std::vector<double> best(m, kNegInf), second(m, kNegInf);
        std::vector<std::size_t> best_i(m, 0);
        for (std::size_t i = 0; i < k; ++i) {
          const double* row = &matrix[i * m];
          double sum = 0.0;
          for (std::size_t j = 0; j < m; ++j) {
            const double v = row[j];
            sum += v;
            if (v > best[j]) {
              second[j] = best[j];
              best[j] = v;
              best_i[j] = i;
            } else if (v > second[j]) {
              second[j] = v;
            }
          }
          average[i] = sum;
        }
        for (std::size_t i = 0; i < k; ++i) {
          const double* row = &matrix[i * m];
          for (std::size_t j = 0; j < m; ++j) {
            const double best_other = best_i[j] == i ? second[j] : best[j];
            if (row[j] >= best_other - pure_tol) {
              candidate[i] = 0;
              break;
            }
          }
        }
        const double best_average = *std::max_element(average.begin(), average.end());
        for (std::size_t i = 0; i < k; ++i)
          if (average[i] / static_cast<double>(m) >=
              best_average / static_cast<double>(m) - pure_tol)
            candidate[i] = 0;
      }

      std::vector<char> alive(k, 1);
      auto apply = [&](std::size_t i, std::vector<std::pair<std::size_t, double>> dominator) {
        const double margin = dominance_margin(game, round_start, p, sets[p][i], dominator);
        for (const auto& [b, w] : dominator) {
          const auto it = std::find(sets[p].begin(), sets[p].end(), b);
          if (it == sets[p].end() || !alive[static_cast<std::size_t>(it - sets[p].begin())])
            return false;
        }
        if (!(margin > (dominator.size() == 1 ? pure_tol : tol))) {
          ++result.rejected;
          return false;
        }
        alive[i] = 0;
        result.steps.push_back({round, p, sets[p][i], std::move(dominator), margin});
        removed_any = true;
        return true;
      };

      // 2. Pure dominators, the one with the largest margin.
      for (std::size_t i = 0; i < k; ++i) {
        if (!candidate[i]) continue;
        double best_margin = kNegInf;
        std::size_t best_b = k;
        for (std::size_t b = 0; b < k; ++b) {
          if (b == i || !alive[b]) continue;
          double margin = std::numeric_limits<double>::infinity();
          const double* rb = &matrix[b * m];
          const double* ri = &matrix[i * m];
          for (std::size_t j = 0; j < m && margin > pure_tol; ++j) margin = std::min(margin, rb[j] - ri[j]);
          if (margin > pure_tol && margin > best_margin) {
            best_margin = margin;
            best_b = b;
          }
        }
        if (best_b < k && apply(i, {{sets[p][best_b], 1.0}})) candidate[i] = 0;
      }

      // 3. Mixed dominators by LP for the candidates left.
      std::size_t alive_count = static_cast<std::size_t>(std::count(alive.begin(), alive.end(), 1));
      const bool any_candidate =
          std::any_of(candidate.begin(), candidate.end(), [](char c) { return c != 0; });
      if (allow_mixed && any_candidate && alive_count >= 3) {
        MixedDominanceLp lp(matrix, k, m, scale);
        for (std::size_t b = 0; b < k; ++b)
          if (!alive[b]) lp.exclude(b);
        std::vector<double> weights;
        for (std::size_t i = 0; i < k && alive_count >= 3; ++i) {
          if (!candidate[i] || !alive[i]) continue;
          check_time();
          lp.exclude(i);
          double eps = kNegInf;
          if (!lp.solve(i, eps, weights, deadline)) {
            check_time();  // GLPK stopped at the deadline (LpStatus::TimeLimit)
            result.notes.push_back("GLPK could not solve the dominance LP for player " +
                                   std::to_string(p + 1) + " action " +
                                   std::to_string(sets[p][i] + 1) + "; kept it");
            lp.include(i);
            continue;
          }
          if (eps > tol && apply(i, clean_weights(weights, sets[p]))) {
            --alive_count;  // stays excluded from later mixtures
          } else {
            lp.include(i);
          }
        }
      }

      std::vector<std::size_t> kept;
      for (std::size_t i = 0; i < k; ++i)
        if (alive[i]) kept.push_back(sets[p][i]);
      sets[p] = std::move(kept);
    }
    if (!removed_any) break;
  }
  result.reduced = build_reduced(game, sets);
  result.surviving = std::move(sets);
  return result;
}

bool verify_elimination(const NormalFormGame& original, const DominanceResult& result, double tol) {
  return verify_elimination(original, result, std::vector<double>(original.num_players(), tol));
}

bool verify_elimination(const NormalFormGame& original, const DominanceResult& result,
                        const std::vector<double>& tol) {
  const std::size_t n = original.num_players();
  std::vector<std::vector<std::size_t>> sets(n);
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t a = 0; a < original.num_actions(p); ++a) sets[p].push_back(a);
  std::vector<std::vector<std::size_t>> round_start = sets;
  std::size_t round = 0;
  for (const DominanceStep& step : result.steps) {
    if (step.round < round || step.player >= n) return false;
    if (step.round > round) {
      round = step.round;
      round_start = sets;
    }
    auto& own = sets[step.player];
    const auto it = std::find(own.begin(), own.end(), step.action);
    if (it == own.end()) return false;
    for (const auto& [b, w] : step.dominator)
      if (std::find(own.begin(), own.end(), b) == own.end()) return false;
    const double need = step.dominator.size() == 1 ? 0.0 : tol.at(step.player);
    if (!(dominance_margin(original, round_start, step.player, step.action, step.dominator) > need))
      return false;
    own.erase(it);
  }
  return sets == result.surviving;
}

MixedProfile expand_profile(const DominanceResult& result, const MixedProfile& reduced,
                            const NormalFormGame& original) {
  const std::size_t n = original.num_players();
  if (reduced.size() != n || result.surviving.size() != n)
    throw std::invalid_argument("expand_profile: wrong number of players");
  MixedProfile full(n);
  for (std::size_t p = 0; p < n; ++p) {
    if (reduced[p].size() != result.surviving[p].size())
      throw std::invalid_argument("expand_profile: wrong number of actions for player " +
                                  std::to_string(p + 1));
    full[p].assign(original.num_actions(p), 0.0);
    for (std::size_t i = 0; i < reduced[p].size(); ++i) {
      if (result.surviving[p][i] >= original.num_actions(p))
        throw std::invalid_argument("expand_profile: action out of range");
      full[p][result.surviving[p][i]] = reduced[p][i];
    }
  }
  return full;
}

DominanceSolve solve_by_dominance(const NormalFormGame& game, const SolveOptions& options) {
  DominanceSolve out;
  out.elimination = eliminate_strictly_dominated(game, true, options.rel_tol, solve_deadline(options));
  out.result.method = "dominance";
  const auto& surviving = out.elimination.surviving;
  const bool single = std::all_of(surviving.begin(), surviving.end(),
                                  [](const auto& s) { return s.size() == 1; });
  if (!single) {
    out.result.complete = false;
    std::string sizes;
    for (std::size_t p = 0; p < surviving.size(); ++p)
      sizes += (p ? "x" : "") + std::to_string(surviving[p].size());
    out.result.notes.push_back(
        "iterated elimination of strictly dominated strategies left a " + sizes +
        " game; solve the reduced game with another method");
    return out;
  }
  std::vector<std::size_t> actions;
  for (const auto& s : surviving) actions.push_back(s.front());
  auto eq = verify_equilibrium(game, game.pure_to_mixed(actions), "dominance",
                               regret_tolerances(game, options.rel_tol));
  if (eq) {
    out.result.equilibria.push_back(std::move(*eq));
    out.result.notes.push_back(
        "the game is dominance solvable: this is its unique Nash equilibrium");
  } else {
    const MixedProfile surviving_profile = game.pure_to_mixed(actions);
    reject_candidate(out.result, game, &surviving_profile);
    out.result.complete = false;
    out.result.notes.push_back("the surviving profile failed the regret check (a bug)");
  }
  return out;
}

}  // namespace negsim
