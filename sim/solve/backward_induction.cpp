#include "sim/solve/backward_induction.hpp"

#include "sim/solve/pure_nash.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <Eigen/Dense>

#include "models/errors.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

StageSelection parse_stage_selection(const std::string& text) {
  if (text == "first") return StageSelection::kFirst;
  if (text == "welfare") return StageSelection::kWelfare;
  if (text == "risk-dominant") return StageSelection::kRiskDominant;
  if (text == "all") return StageSelection::kAll;
  const std::string guess = closest_match(text, {"first", "welfare", "risk-dominant", "all"});
  throw UsageError("--select: unknown selection rule '" + text + "'" +
                   (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)") +
                   "; expected first, welfare, risk-dominant or all");
}

std::string to_string(StageSelection selection) {
  switch (selection) {
    case StageSelection::kFirst: return "first";
    case StageSelection::kWelfare: return "welfare";
    case StageSelection::kRiskDominant: return "risk-dominant";
    case StageSelection::kAll: return "all";
  }
  return "?";
}

std::vector<std::size_t> decision_node_offsets(const MultiStageGame& game) {
  std::vector<std::size_t> offsets(game.num_stages() + 1, 0);
  for (std::size_t k = 0; k < game.num_stages(); ++k) offsets[k + 1] = offsets[k] + game.nodes_at_depth(k);
  return offsets;
}

namespace {

// Calls visit(subset) for every k-subset of {0..n-1} in lexicographic order.
template <class Visit>
void for_each_subset(std::size_t n, std::size_t k, Visit&& visit) {
  std::vector<std::size_t> subset(k);
  std::iota(subset.begin(), subset.end(), 0);
  while (true) {
    visit(subset);
    std::size_t i = k;
    while (i > 0 && subset[i - 1] == n - k + i - 1) --i;
    if (i == 0) return;
    ++subset[i - 1];
    for (std::size_t j = i; j < k; ++j) subset[j] = subset[j - 1] + 1;
  }
}

double binomial(std::size_t n, std::size_t k) {
  double r = 1;
  for (std::size_t i = 1; i <= k; ++i) r = r * static_cast<double>(n - k + i) / static_cast<double>(i);
  return r;
}

// Mix of the "other" player over `mine` x `theirs` that makes the owner of
// `payoff(mine_i, theirs_j)` indifferent across `mine`: solves
// [P -1; 1 0][q; v] = [0; 1]. Returns false if no solution exists.
bool indifference_mix(const Eigen::MatrixXd& payoff, Eigen::VectorXd& mix) {
  const Eigen::Index k = payoff.rows();
  Eigen::MatrixXd system = Eigen::MatrixXd::Zero(k + 1, k + 1);
  system.topLeftCorner(k, k) = payoff;
  system.topRightCorner(k, 1).setConstant(-1.0);
  system.bottomLeftCorner(1, k).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(k + 1);
  rhs(k) = 1.0;
  Eigen::FullPivLU<Eigen::MatrixXd> lu(system);
  Eigen::VectorXd solution = lu.solve(rhs);
  if (!((system * solution - rhs).norm() <= 1e-9 * (1.0 + payoff.cwiseAbs().maxCoeff()))) return false;
  mix = solution.head(k);
  for (Eigen::Index i = 0; i < k; ++i) {
    if (mix(i) < -1e-12) return false;
    mix(i) = std::max(0.0, mix(i));
  }
  const double sum = mix.sum();
  if (!(sum > 0)) return false;
  mix /= sum;
  return true;
}

}  // namespace

std::vector<MixedProfile> support_enumeration_equilibria(const NormalFormGame& game, double tol) {
  return support_enumeration_equilibria(game, std::vector<double>(game.num_players(), tol));
}

std::vector<MixedProfile> support_enumeration_equilibria(const NormalFormGame& game,
                                                         const std::vector<double>& tol) {
  if (game.num_players() != 2) throw std::invalid_argument("support enumeration needs 2 players");
  const std::size_t m = game.num_actions(0), n = game.num_actions(1);
  double pairs = 0;
  for (std::size_t k = 1; k <= std::min(m, n); ++k) pairs += binomial(m, k) * binomial(n, k);
  if (pairs > 2e6)
    throw LimitError("stage game too large for the built-in support enumeration (" + std::to_string(m) + "x" +
                     std::to_string(n) + "); wire a mixed solver");
  std::vector<MixedProfile> found;
  for (std::size_t k = 1; k <= std::min(m, n); ++k) {
    for_each_subset(m, k, [&](const std::vector<std::size_t>& rows) {
      for_each_subset(n, k, [&](const std::vector<std::size_t>& cols) {
        Eigen::MatrixXd a(k, k), bt(k, k);
        for (std::size_t i = 0; i < k; ++i)
          for (std::size_t j = 0; j < k; ++j) {
            const std::size_t idx = rows[i] + cols[j] * m;
            a(i, j) = game.payoff(0, idx);
            bt(j, i) = game.payoff(1, idx);
          }
        Eigen::VectorXd y, x;
        if (!indifference_mix(a, y) || !indifference_mix(bt, x)) return;
        MixedProfile profile{std::vector<double>(m, 0.0), std::vector<double>(n, 0.0)};
        for (std::size_t i = 0; i < k; ++i) profile[0][rows[i]] = x(i);
        for (std::size_t j = 0; j < k; ++j) profile[1][cols[j]] = y(j);
        const std::vector<double> regrets = game.regrets(profile);
        if (!(regrets[0] <= tol[0] && regrets[1] <= tol[1])) return;
        for (const MixedProfile& f : found)
          if (same_profile(f, profile)) return;
        found.push_back(std::move(profile));
      });
    });
  }
  return found;
}

namespace {

struct StageCandidate {
  MixedProfile strategy;  // per mover
  bool pure = true;
  std::size_t profile = 0;
  std::vector<double> value;  // all players
};

struct Solver {
  const MultiStageGame& game;
  const BackwardInductionOptions& options;
  std::vector<double> tols;  // per player (equilibrium.hpp)
  double tol;                // the largest: only for tie-breaking in the welfare selection
  std::vector<double> units;  // per player: its leaf payoff range (1 if 0), for unit-free comparisons
  bool incomplete = false;
  std::vector<std::string> notes;

  // Probability of stage profile s under a per-mover mixed strategy.
  double profile_probability(std::size_t k, const MixedProfile& strategy, std::size_t s) const {
    double prob = 1.0;
    for (std::size_t i = 0; i < strategy.size(); ++i) prob *= strategy[i][game.mover_action(k, s, i)];
    return prob;
  }

  // Stage equilibria at a node of depth k, given child values cv(s, p).
  // want_all: every equilibrium found; else only the selected one.
  template <class ChildValue>
  std::vector<StageCandidate> stage_equilibria(std::size_t k, ChildValue&& cv, bool want_all, bool& tied) {
    const GameStage& st = game.stage(k);
    const std::size_t S = game.stage_profiles(k);
    const std::size_t P = game.num_players();
    std::vector<StageCandidate> cands;
    auto pure_candidate = [&](std::size_t s) {
      StageCandidate c;
      c.pure = true;
      c.profile = s;
      c.strategy.resize(st.movers.size());
      for (std::size_t i = 0; i < st.movers.size(); ++i) {
        c.strategy[i].assign(st.num_actions[i], 0.0);
        c.strategy[i][game.mover_action(k, s, i)] = 1.0;
      }
      c.value.resize(P);
      for (std::size_t p = 0; p < P; ++p) c.value[p] = cv(s, p);
      return c;
    };
    if (st.movers.size() == 1) {
      const std::size_t m = st.movers[0];
      double best = -std::numeric_limits<double>::infinity();
      for (std::size_t s = 0; s < S; ++s) best = std::max(best, cv(s, m));
      for (std::size_t s = 0; s < S; ++s)
        if (cv(s, m) >= best - tols[m]) cands.push_back(pure_candidate(s));
    } else {
      NormalFormGame stage(st.num_actions);
      for (std::size_t s = 0; s < S; ++s)
        for (std::size_t i = 0; i < st.movers.size(); ++i) stage.set_payoff(i, s, cv(s, st.movers[i]));
      std::vector<double> stage_tol;
      for (std::size_t m : st.movers) stage_tol.push_back(tols[m]);
      for (std::size_t s : pure_nash_profiles(stage, stage_tol, SIZE_MAX)) cands.push_back(pure_candidate(s));
      if (cands.empty() || want_all) {
        std::vector<MixedProfile> mixed;
        if (options.mixed_solver) {
          mixed = options.mixed_solver(stage);
          if (want_all) incomplete = true;  // an injected solver need not list every equilibrium
        } else if (st.movers.size() == 2) {
          // On the stage game mapped onto [0, 1] per mover (equilibrium.hpp,
          // unit_range_game): in a degenerate stage game the mixtures found
          // must not depend on payoff units. Verified on `stage` below.
          const NormalFormGame unit = unit_range_game(stage);
          mixed = support_enumeration_equilibria(unit, regret_tolerances(unit, options.rel_tol));
          if (want_all) incomplete = true;  // degenerate stage games may have more (continua)
        } else if (cands.empty()) {
          throw LimitError("stage " + std::to_string(k + 1) + " has " + std::to_string(st.movers.size()) +
                           " movers and a stage game without a pure equilibrium; no mixed solver is wired");
        } else {
          incomplete = true;
        }
        for (MixedProfile& prof : mixed) {
          if (!stage.is_valid_mixed(prof, 1e-9)) continue;
          const std::vector<double> regrets = stage.regrets(prof);
          bool verified = true;
          for (std::size_t i = 0; i < regrets.size(); ++i) verified = verified && regrets[i] <= stage_tol[i];
          if (!verified) continue;  // unverified
          bool is_pure = true;
          for (const auto& row : prof)
            for (double x : row)
              if (x > 1e-12 && x < 1 - 1e-12) is_pure = false;
          if (is_pure) continue;  // pure ones are already listed
          StageCandidate c;
          c.pure = false;
          c.strategy = std::move(prof);
          c.value.assign(P, 0.0);
          for (std::size_t s = 0; s < S; ++s) {
            const double prob = profile_probability(k, c.strategy, s);
            if (prob == 0) continue;
            for (std::size_t p = 0; p < P; ++p) c.value[p] += prob * cv(s, p);
          }
          cands.push_back(std::move(c));
        }
        if (cands.empty())
          throw LimitError("no equilibrium found for the stage game of stage " + std::to_string(k + 1));
      }
    }
    tied = cands.size() > 1;
    if (want_all || cands.size() == 1) return cands;
    std::size_t chosen = 0;
    if (options.select == StageSelection::kWelfare) {
      double best = -std::numeric_limits<double>::infinity();
      for (std::size_t c = 0; c < cands.size(); ++c) {
        const double w = std::accumulate(cands[c].value.begin(), cands[c].value.end(), 0.0);
        if (w > best + tol) best = w, chosen = c;
      }
    } else if (options.select == StageSelection::kRiskDominant) {
      double best = -1;
      for (std::size_t c = 0; c < cands.size(); ++c) {
        if (!cands[c].pure) continue;
        double product = 1.0;
        for (std::size_t i = 0; i < st.movers.size(); ++i) {
          const std::size_t own = game.mover_action(k, cands[c].profile, i);
          const std::size_t stride = game.mover_stride(k, i);
          const std::size_t base = cands[c].profile - own * stride;
          double best_other = -std::numeric_limits<double>::infinity();
          for (std::size_t a = 0; a < st.num_actions[i]; ++a)
            if (a != own) best_other = std::max(best_other, cv(base + a * stride, st.movers[i]));
          const double loss = st.num_actions[i] > 1 ? cv(cands[c].profile, st.movers[i]) - best_other : 0.0;
          product *= std::max(0.0, loss / units[st.movers[i]]);  // each loss in its mover's units
        }
        if (product > best + options.rel_tol) best = product, chosen = c;
      }
    }
    std::vector<StageCandidate> one;
    one.push_back(std::move(cands[chosen]));
    return one;
  }

  static std::int64_t encode(StageStrategyProfile& strategy, StageCandidate& c) {
    if (c.pure) return static_cast<std::int64_t>(c.profile);
    strategy.mixed.push_back(std::move(c.strategy));
    return -static_cast<std::int64_t>(strategy.mixed.size());
  }
};

// Path from (k, node) following the strategy while stage play is pure;
// a mixed stage is included as the last step.
std::vector<PathStep> follow_path(const MultiStageGame& game, const StageStrategyProfile& strategy,
                                  const std::vector<std::size_t>& offsets, std::size_t k, std::size_t node) {
  std::vector<PathStep> path;
  for (; k < game.num_stages(); ++k) {
    PathStep step;
    step.stage = k;
    step.node = node;
    const std::int64_t play = strategy.play[offsets[k] + node];
    if (play >= 0) {
      step.pure = true;
      step.profile = static_cast<std::size_t>(play);
      step.description = game.describe_stage_profile(k, step.profile);
      const GameStage& st = game.stage(k);
      step.strategy.resize(st.movers.size());
      for (std::size_t i = 0; i < st.movers.size(); ++i) {
        step.strategy[i].assign(st.num_actions[i], 0.0);
        step.strategy[i][game.mover_action(k, step.profile, i)] = 1.0;
      }
      path.push_back(std::move(step));
      node = game.child(k, node, static_cast<std::size_t>(play));
    } else {
      step.pure = false;
      step.strategy = strategy.mixed[static_cast<std::size_t>(-1 - play)];
      path.push_back(std::move(step));
      break;
    }
  }
  return path;
}

double node_profile_probability(const MultiStageGame& game, std::size_t k, const MixedProfile& strategy,
                                std::size_t s) {
  double prob = 1.0;
  for (std::size_t i = 0; i < strategy.size(); ++i) prob *= strategy[i][game.mover_action(k, s, i)];
  return prob;
}

}  // namespace

std::vector<std::vector<double>> continuation_values(const MultiStageGame& game,
                                                     const StageStrategyProfile& strategy) {
  const std::size_t K = game.num_stages(), P = game.num_players();
  const auto offsets = decision_node_offsets(game);
  std::vector<std::vector<double>> values(K);
  for (std::size_t k = K; k-- > 0;) {
    const std::size_t N = game.nodes_at_depth(k), S = game.stage_profiles(k);
    const std::size_t NC = game.nodes_at_depth(k + 1);
    const double* child = k + 1 == K ? game.payoffs().data() : values[k + 1].data();
    std::vector<double>& out = values[k];
    out.assign(P * N, 0.0);
    for (std::size_t node = 0; node < N; ++node) {
      const std::int64_t play = strategy.play[offsets[k] + node];
      if (play >= 0) {
        const std::size_t c = node * S + static_cast<std::size_t>(play);
        for (std::size_t p = 0; p < P; ++p) out[p * N + node] = child[p * NC + c];
      } else {
        const MixedProfile& mix = strategy.mixed[static_cast<std::size_t>(-1 - play)];
        for (std::size_t s = 0; s < S; ++s) {
          const double prob = node_profile_probability(game, k, mix, s);
          if (prob == 0) continue;
          for (std::size_t p = 0; p < P; ++p) out[p * N + node] += prob * child[p * NC + node * S + s];
        }
      }
    }
  }
  return values;
}

namespace {

// Each player's largest one-shot deviation gain at any decision node.
std::vector<double> regrets_given_values(const MultiStageGame& game, const StageStrategyProfile& strategy,
                                         const std::vector<std::vector<double>>& values) {
  const std::size_t K = game.num_stages();
  const auto offsets = decision_node_offsets(game);
  std::vector<double> worst(game.num_players(), 0.0);
  for (std::size_t k = 0; k < K; ++k) {
    const GameStage& st = game.stage(k);
    const std::size_t N = game.nodes_at_depth(k), S = game.stage_profiles(k);
    const std::size_t NC = game.nodes_at_depth(k + 1);
    const double* child = k + 1 == K ? game.payoffs().data() : values[k + 1].data();
    for (std::size_t node = 0; node < N; ++node) {
      const std::int64_t play = strategy.play[offsets[k] + node];
      const std::size_t base = node * S;
      if (play >= 0) {
        const std::size_t s = static_cast<std::size_t>(play);
        for (std::size_t i = 0; i < st.movers.size(); ++i) {
          const std::size_t m = st.movers[i];
          const std::size_t own = game.mover_action(k, s, i), stride = game.mover_stride(k, i);
          const std::size_t rest = s - own * stride;
          const double current = child[m * NC + base + s];
          for (std::size_t a = 0; a < st.num_actions[i]; ++a)
            worst[m] = std::max(worst[m], child[m * NC + base + rest + a * stride] - current);
        }
      } else {
        const MixedProfile& mix = strategy.mixed[static_cast<std::size_t>(-1 - play)];
        for (std::size_t i = 0; i < st.movers.size(); ++i) {
          const std::size_t m = st.movers[i];
          std::vector<double> action_value(st.num_actions[i], 0.0);
          for (std::size_t s = 0; s < S; ++s) {
            double prob_others = 1.0;
            for (std::size_t j = 0; j < st.movers.size(); ++j)
              if (j != i) prob_others *= mix[j][game.mover_action(k, s, j)];
            if (prob_others == 0) continue;
            action_value[game.mover_action(k, s, i)] += prob_others * child[m * NC + base + s];
          }
          double expected = 0.0, best = -std::numeric_limits<double>::infinity();
          for (std::size_t a = 0; a < st.num_actions[i]; ++a) {
            expected += mix[i][a] * action_value[a];
            best = std::max(best, action_value[a]);
          }
          worst[m] = std::max(worst[m], best - expected);
        }
      }
    }
  }
  return worst;
}

double regret_given_values(const MultiStageGame& game, const StageStrategyProfile& strategy,
                           const std::vector<std::vector<double>>& values) {
  const std::vector<double> r = regrets_given_values(game, strategy, values);
  return r.empty() ? 0.0 : *std::max_element(r.begin(), r.end());
}

// Per-player tolerances of a multistage game (the rule of equilibrium.hpp,
// over each player's leaf payoffs).
std::vector<double> leaf_tolerances(const MultiStageGame& game, double rel_tol) {
  const std::size_t P = game.num_players(), L = P ? game.payoffs().size() / P : 0;
  std::vector<double> tols(P, 0.0);
  for (std::size_t p = 0; p < P; ++p) {
    if (L == 0) continue;
    const auto first = game.payoffs().begin() + static_cast<std::ptrdiff_t>(p * L);
    const auto [lo, hi] = std::minmax_element(first, first + static_cast<std::ptrdiff_t>(L));
    const double magnitude = std::max(std::abs(*lo), std::abs(*hi));
    tols[p] = rel_tol * (*hi - *lo) + kRoundingUlps * std::numeric_limits<double>::epsilon() * magnitude;
  }
  return tols;
}

}  // namespace

double one_shot_deviation_regret(const MultiStageGame& game, const StageStrategyProfile& strategy) {
  return regret_given_values(game, strategy, continuation_values(game, strategy));
}

namespace {

// Verifies a strategy and fills the report fields; nullopt if it fails.
std::optional<SubgamePerfectEquilibrium> finalize(const MultiStageGame& game, StageStrategyProfile strategy,
                                                  const BackwardInductionOptions& options,
                                                  const std::vector<double>& tols) {
  const auto values = continuation_values(game, strategy);
  const std::vector<double> regrets = regrets_given_values(game, strategy, values);
  for (std::size_t p = 0; p < regrets.size(); ++p)
    if (!(regrets[p] <= tols[p])) return std::nullopt;
  const double regret = regrets.empty() ? 0.0 : *std::max_element(regrets.begin(), regrets.end());
  const std::size_t K = game.num_stages(), P = game.num_players();
  const auto offsets = decision_node_offsets(game);
  SubgamePerfectEquilibrium eq;
  eq.max_regret = regret;
  eq.pure = strategy.mixed.empty();
  eq.payoffs.resize(P);
  for (std::size_t p = 0; p < P; ++p) eq.payoffs[p] = values[0][p];
  eq.path = follow_path(game, strategy, offsets, 0, 0);

  // Reached leaves with their probabilities (depth-first, bounded work).
  struct Frame { std::size_t k, node; double prob; };
  std::vector<Frame> stack{{0, 0, 1.0}};
  std::vector<std::pair<std::size_t, double>> leaves;
  std::size_t visited = 0;
  const std::size_t visit_cap = 1'000'000;
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    if (++visited > visit_cap) { eq.outcomes_truncated = true; break; }
    if (f.k == K) { leaves.emplace_back(f.node, f.prob); continue; }
    const std::int64_t play = strategy.play[offsets[f.k] + f.node];
    if (play >= 0) {
      stack.push_back({f.k + 1, game.child(f.k, f.node, static_cast<std::size_t>(play)), f.prob});
    } else {
      const MixedProfile& mix = strategy.mixed[static_cast<std::size_t>(-1 - play)];
      for (std::size_t s = game.stage_profiles(f.k); s-- > 0;) {
        const double prob = node_profile_probability(game, f.k, mix, s);
        if (prob > 0) stack.push_back({f.k + 1, game.child(f.k, f.node, s), f.prob * prob});
      }
    }
  }
  std::stable_sort(leaves.begin(), leaves.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (leaves.size() > options.max_outcomes) {
    leaves.resize(options.max_outcomes);
    eq.outcomes_truncated = true;
  }
  eq.outcomes = std::move(leaves);

  // Threats: every single-mover deviation at every pure stage of the path.
  for (const PathStep& step : eq.path) {
    if (!step.pure) break;
    const std::size_t k = step.stage;
    const GameStage& st = game.stage(k);
    const std::size_t N = game.nodes_at_depth(k);
    const std::size_t NC = game.nodes_at_depth(k + 1);
    for (std::size_t i = 0; i < st.movers.size(); ++i) {
      const std::size_t own = game.mover_action(k, step.profile, i), stride = game.mover_stride(k, i);
      for (std::size_t a = 0; a < st.num_actions[i]; ++a) {
        if (a == own) continue;
        Threat t;
        t.stage = k;
        t.node = step.node;
        t.player = st.movers[i];
        t.action = a;
        t.action_label = st.action_labels[i][a];
        t.deviation_profile = step.profile - own * stride + a * stride;
        const std::size_t c = game.child(k, step.node, t.deviation_profile);
        if (k + 1 < K) t.continuation = follow_path(game, strategy, offsets, k + 1, c);
        t.payoffs.resize(P);
        for (std::size_t p = 0; p < P; ++p)
          t.payoffs[p] = k + 1 == K ? game.payoff(p, c) : values[k + 1][p * NC + c];
        t.deviation_gain = t.payoffs[t.player] - values[k][t.player * N + step.node];
        eq.threats.push_back(std::move(t));
      }
    }
  }
  eq.strategy = std::move(strategy);
  return eq;
}

}  // namespace

BackwardInductionResult solve_backward_induction(const MultiStageGame& game,
                                                 const BackwardInductionOptions& options) {
  const std::size_t K = game.num_stages(), P = game.num_players();
  // Per player (equilibrium.hpp): each player's gains within its own tolerance.
  const std::vector<double> tols = leaf_tolerances(game, options.rel_tol);
  const double tol = tols.empty() ? 0.0 : *std::max_element(tols.begin(), tols.end());
  std::vector<double> units(P, 1.0);
  for (std::size_t p = 0; p < P; ++p) {
    const auto table = game.payoff_table(p);
    if (table.empty()) continue;
    const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
    if (*hi > *lo) units[p] = *hi - *lo;
  }
  Solver solver{game, options, tols, tol, units};
  BackwardInductionResult result;
  const auto offsets = decision_node_offsets(game);
  std::vector<StageStrategyProfile> strategies;
  // The clock is read every kCheckEvery decision nodes (a node costs at
  // least one pass over its stage profiles).
  constexpr std::size_t kCheckEvery = 1024;
  std::size_t nodes_done = 0;
  auto check_time = [&](std::size_t stages_left) {
    if (options.deadline.expired())
      options.deadline.fail("solving the multistage game by backward induction: " +
                            std::to_string(K - stages_left) + " of " + std::to_string(K) +
                            " stages and " + std::to_string(nodes_done) + " of " +
                            std::to_string(offsets[K]) +
                            " decision nodes done; nothing is verified before the root, so nothing is reported");
  };

  if (options.select != StageSelection::kAll) {
    StageStrategyProfile strategy;
    strategy.play.assign(offsets[K], 0);
    std::vector<double> below, here;  // continuation values one depth down / at this depth
    for (std::size_t k = K; k-- > 0;) {
      check_time(k + 1);
      const GameStage& st = game.stage(k);
      const std::size_t N = game.nodes_at_depth(k), S = game.stage_profiles(k);
      const std::size_t NC = game.nodes_at_depth(k + 1);
      const double* child = k + 1 == K ? game.payoffs().data() : below.data();
      here.assign(P * N, 0.0);
      if (st.movers.size() == 1 && options.select != StageSelection::kWelfare) {
        // Fast path: argmax, ties to the lowest profile (first and risk-dominant agree here).
        const double* mover_values = child + st.movers[0] * NC;
        for (std::size_t node = 0; node < N; ++node) {
          if (++nodes_done % kCheckEvery == 0) check_time(k + 1);
          const double* v = mover_values + node * S;
          std::size_t best = 0;
          double best_value = v[0];
          for (std::size_t s = 1; s < S; ++s)
            if (v[s] > best_value) best_value = v[s], best = s;
          std::size_t ties = 0;
          for (std::size_t s = 0; s < S; ++s) ties += v[s] >= best_value - tols[st.movers[0]];
          // The first maximiser within tolerance, so near-ties resolve by order.
          for (std::size_t s = 0; s < S; ++s)
            if (v[s] >= best_value - tols[st.movers[0]]) { best = s; break; }
          if (ties > 1) ++result.tied_nodes;
          strategy.play[offsets[k] + node] = static_cast<std::int64_t>(best);
          for (std::size_t p = 0; p < P; ++p) here[p * N + node] = child[p * NC + node * S + best];
        }
      } else {
        for (std::size_t node = 0; node < N; ++node) {
          ++nodes_done;
          check_time(k + 1);  // a stage game with several movers is a real solve
          auto cv = [&](std::size_t s, std::size_t p) { return child[p * NC + node * S + s]; };
          bool tied = false;
          auto cands = solver.stage_equilibria(k, cv, false, tied);
          if (tied) ++result.tied_nodes;
          StageCandidate& c = cands.front();
          for (std::size_t p = 0; p < P; ++p) here[p * N + node] = c.value[p];
          if (!c.pure) ++result.mixed_nodes;
          strategy.play[offsets[k] + node] = Solver::encode(strategy, c);
        }
      }
      below.swap(here);
    }
    if (result.tied_nodes > 0)
      result.notes.push_back(std::to_string(result.tied_nodes) +
                             " decision nodes have several stage equilibria; selected by rule '" +
                             to_string(options.select) + "' (--select all lists every SPE)");
    strategies.push_back(std::move(strategy));
  } else {
    // Every SPE: per node, a list of local SPEs (stage equilibrium + the
    // chosen local SPE of each child), built bottom-up and capped.
    struct LocalSpe {
      std::vector<double> value;
      StageCandidate play;
      std::vector<std::uint32_t> child_choice;  // empty at the last stage
    };
    const std::size_t cap = std::max<std::size_t>(1, options.max_equilibria);
    std::vector<std::vector<std::vector<LocalSpe>>> lists(K);
    for (std::size_t k = K; k-- > 0;) {
      const std::size_t N = game.nodes_at_depth(k), S = game.stage_profiles(k);
      lists[k].resize(N);
      for (std::size_t node = 0; node < N; ++node) {
        ++nodes_done;
        check_time(k + 1);
        std::vector<std::uint32_t> choice(k + 1 < K ? S : 0, 0);
        auto& out = lists[k][node];
        std::size_t combinations = 0;
        while (true) {
          if (++combinations % kCheckEvery == 0) check_time(k + 1);
          auto cv = [&](std::size_t s, std::size_t p) {
            const std::size_t c = node * S + s;
            return k + 1 == K ? game.payoff(p, c) : lists[k + 1][c][choice[s]].value[p];
          };
          bool tied = false;
          auto cands = solver.stage_equilibria(k, cv, true, tied);
          bool full = false;
          for (StageCandidate& c : cands) {
            if (out.size() >= cap) { full = true; break; }
            out.push_back(LocalSpe{c.value, std::move(c), choice});
          }
          // Next combination of the children's local SPEs.
          std::size_t s = 0;
          for (; s < choice.size(); ++s) {
            if (++choice[s] < lists[k + 1][node * S + s].size()) break;
            choice[s] = 0;
          }
          const bool exhausted = s == choice.size();
          if (full) {
            if (!exhausted || cands.size() > 0) solver.incomplete = true;
            break;
          }
          if (exhausted) break;
        }
      }
    }
    for (std::size_t root = 0; root < lists[0][0].size(); ++root) {
      StageStrategyProfile strategy;
      strategy.play.assign(offsets[K], 0);
      struct Item { std::size_t k, node, local; };
      std::vector<Item> stack{{0, 0, root}};
      while (!stack.empty()) {
        Item it = stack.back();
        stack.pop_back();
        LocalSpe& local = lists[it.k][it.node][it.local];
        StageCandidate copy = local.play;
        strategy.play[offsets[it.k] + it.node] = Solver::encode(strategy, copy);
        if (it.k + 1 < K)
          for (std::size_t s = 0; s < local.child_choice.size(); ++s)
            stack.push_back({it.k + 1, game.child(it.k, it.node, s), local.child_choice[s]});
      }
      strategies.push_back(std::move(strategy));
    }
  }

  for (StageStrategyProfile& strategy : strategies) {
    if (++nodes_done % 16 == 0) check_time(0);
    auto eq = finalize(game, std::move(strategy), options, tols);
    if (eq) result.equilibria.push_back(std::move(*eq));
    else ++result.rejected;
  }
  result.complete = !solver.incomplete;
  if (solver.incomplete)
    result.notes.push_back("the list of SPEs may be incomplete (cap of " + std::to_string(options.max_equilibria) +
                           " reached, or a mixed stage equilibrium list is not known to be complete)");
  for (auto& note : solver.notes) result.notes.push_back(std::move(note));
  if (result.rejected > 0)
    result.notes.push_back(std::to_string(result.rejected) + " candidates failed the one-shot deviation check");
  return result;
}

}  // namespace negsim
