#include "sim/solve/correlated.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "models/errors.hpp"
#include "sim/solve/linear_program.hpp"

namespace negsim {

namespace {

double payoff_scale(const NormalFormGame& game) {
  double scale = 1.0;
  for (double v : game.payoffs()) scale = std::max(scale, std::abs(v));
  return scale;
}

std::size_t count_nonzeros(const NormalFormGame& game, CorrelationKind kind) {
  const std::size_t profiles = game.num_profiles();
  std::size_t total = profiles;  // sum-to-one row
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    // CE: each profile appears in the n_p - 1 swap rows of its own action.
    // CCE: each profile appears in the n_p - 1 rows of the other actions.
    total += (game.num_actions(p) - 1) * profiles;
  }
  (void)kind;
  return total;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Reads the column values, drops negative and tiny entries, renormalizes.
std::vector<std::pair<std::size_t, double>> read_distribution(const std::vector<double>& primal,
                                                              bool exact) {
  std::vector<std::pair<std::size_t, double>> distribution;
  double total = 0.0;
  for (std::size_t j = 0; j < primal.size(); ++j) {
    const double x = primal[j];
    if (x > (exact ? 0.0 : 1e-12)) {
      distribution.emplace_back(j, x);
      total += x;
    }
  }
  if (total > 0)
    for (auto& [index, x] : distribution) x /= total;
  return distribution;
}

}  // namespace

const char* to_string(CorrelationKind kind) {
  return kind == CorrelationKind::Correlated ? "correlated" : "coarse correlated";
}

CorrelatedLpMatrix correlated_constraint_matrix(const NormalFormGame& game, CorrelationKind kind,
                                                const Deadline& deadline) {
  const std::size_t profiles = game.num_profiles();
  const std::size_t nonzeros = count_nonzeros(game, kind);
  if (nonzeros > kMaxCorrelatedNonzeros) {
    std::ostringstream message;
    message << "the " << to_string(kind) << " equilibrium LP would have " << nonzeros
            << " constraint entries (about " << (nonzeros * 60 >> 20)
            << " MB with GLPK's own copy), over the limit of " << kMaxCorrelatedNonzeros;
    throw LimitError(message.str());
  }
  // Each player's incentive rows in units of that player's payoff range, so
  // that the LP's tolerances mean the same for every player and scaling
  // (a_p * u_p + b_p: the rows hold differences, so b_p cancels).
  std::vector<double> range(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto u = game.payoff_table(p);
    const auto [lo, hi] = std::minmax_element(u.begin(), u.end());
    range[p] = *hi - *lo > 0.0 ? *hi - *lo : 1.0;
  }
  double scale = 1.0;
  CorrelatedLpMatrix m;
  m.num_cols = profiles;
  m.rows.reserve(nonzeros + 1);
  m.cols.reserve(nonzeros + 1);
  m.values.reserve(nonzeros + 1);
  m.rows.push_back(0);
  m.cols.push_back(0);
  m.values.push_back(0.0);
  auto add = [&](std::size_t row, std::size_t profile, double value) {
    if (value == 0.0) return;
    m.rows.push_back(static_cast<int>(row + 1));
    m.cols.push_back(static_cast<int>(profile + 1));
    m.values.push_back(value / scale);
  };
  std::size_t row = 0;
  // One row costs at most one pass over the profiles, so checking before each
  // row bounds the overshoot by one pass.
  const std::size_t total_rows = [&] {
    std::size_t rows = 0;
    for (std::size_t p = 0; p < game.num_players(); ++p)
      rows += kind == CorrelationKind::Correlated ? game.num_actions(p) * (game.num_actions(p) - 1)
                                                  : game.num_actions(p);
    return rows;
  }();
  auto check_deadline = [&] {
    if (deadline.expired())
      deadline.fail("building the " + std::string(to_string(kind)) + " equilibrium LP: " +
                    std::to_string(row) + " of " + std::to_string(total_rows) +
                    " incentive rows built; nothing is reported");
  };
  check_deadline();
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const std::size_t n = game.num_actions(p);
    const std::size_t stride = game.stride(p);
    const std::size_t block = stride * n;  // profiles per cycle of p's action
    const std::span<const double> u = game.payoff_table(p);
    scale = range[p];
    if (kind == CorrelationKind::Correlated) {
      // Row (p, a, b): sum over s with s_p = a of mu(s) [u(b, s_-p) - u(s)] <= 0.
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) {
          if (a == b) continue;
          check_deadline();
          for (std::size_t high = 0; high < profiles; high += block)
            for (std::size_t low = 0; low < stride; ++low) {
              const std::size_t s = high + a * stride + low;
              add(row, s, u[high + b * stride + low] - u[s]);
            }
          ++row;
        }
    } else {
      // Row (p, b): sum over all s of mu(s) [u(b, s_-p) - u(s)] <= 0.
      for (std::size_t b = 0; b < n; ++b) {
        check_deadline();
        for (std::size_t high = 0; high < profiles; high += block)
          for (std::size_t a = 0; a < n; ++a) {
            if (a == b) continue;
            for (std::size_t low = 0; low < stride; ++low) {
              const std::size_t s = high + a * stride + low;
              add(row, s, u[high + b * stride + low] - u[s]);
            }
          }
        ++row;
      }
    }
  }
  // Probabilities sum to one (not scaled).
  for (std::size_t s = 0; s < profiles; ++s) {
    m.rows.push_back(static_cast<int>(row + 1));
    m.cols.push_back(static_cast<int>(s + 1));
    m.values.push_back(1.0);
  }
  m.num_rows = row + 1;
  return m;
}

double correlated_max_gain(const NormalFormGame& game, CorrelationKind kind,
                           const std::vector<std::pair<std::size_t, double>>& distribution) {
  const std::vector<double> gains = correlated_gains(game, kind, distribution);
  return gains.empty() ? 0.0 : *std::max_element(gains.begin(), gains.end());
}

std::vector<double> correlated_gains(const NormalFormGame& game, CorrelationKind kind,
                                     const std::vector<std::pair<std::size_t, double>>& distribution) {
  std::vector<double> gains(game.num_players(), 0.0);
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    double& worst = gains[p];
    const std::size_t n = game.num_actions(p);
    const std::size_t stride = game.stride(p);
    // CE: gain[a * n + b] for the swap a -> b; CCE: gain[b] for the fixed action b.
    std::vector<double> gain(kind == CorrelationKind::Correlated ? n * n : n, 0.0);
    for (const auto& [s, mu] : distribution) {
      const std::size_t a = game.action_of(s, p);
      const std::size_t base = s - a * stride;
      const double current = game.payoff(p, s);
      double* row = kind == CorrelationKind::Correlated ? &gain[a * n] : gain.data();
      for (std::size_t b = 0; b < n; ++b) row[b] += mu * (game.payoff(p, base + b * stride) - current);
    }
    for (double g : gain) worst = std::max(worst, g);
  }
  return gains;
}

std::vector<double> correlated_payoffs(const NormalFormGame& game,
                                       const std::vector<std::pair<std::size_t, double>>& distribution) {
  std::vector<double> payoffs(game.num_players(), 0.0);
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (const auto& [s, mu] : distribution) payoffs[p] += mu * game.payoff(p, s);
  return payoffs;
}

std::vector<std::pair<std::size_t, double>> product_distribution(const NormalFormGame& game,
                                                                  const MixedProfile& profile) {
  std::vector<std::pair<std::size_t, double>> out;
  for (std::size_t s = 0; s < game.num_profiles(); ++s) {
    double prob = 1.0;
    for (std::size_t p = 0; p < game.num_players() && prob != 0.0; ++p)
      prob *= profile[p][game.action_of(s, p)];
    if (prob != 0.0) out.emplace_back(s, prob);
  }
  return out;
}

namespace {

CorrelatedEquilibrium solve_lp(const NormalFormGame& game, CorrelationKind kind,
                               CorrelatedObjective objective, double rel_tol,
                               const Deadline& deadline) {
  if (objective.kind == CorrelatedObjective::Player && objective.player >= game.num_players())
    throw UsageError("objective player index " + std::to_string(objective.player) +
                     " is out of range: the game has " + std::to_string(game.num_players()) +
                     " players");
  CorrelatedLpMatrix matrix = correlated_constraint_matrix(game, kind, deadline);
  const std::size_t profiles = game.num_profiles();
  const std::size_t nonzeros = matrix.values.size() - 1;
  // The matrix is already in GLPK's layout: moved, not copied. It outlives the
  // LP (declared first): freeing it before the solve lets malloc trim the heap
  // and costs page faults on small LPs (measured: 20% at 8x8x8).
  LpMatrix entries;
  entries.rows = std::move(matrix.rows);
  entries.cols = std::move(matrix.cols);
  entries.values = std::move(matrix.values);
  LinearProgram lp(matrix.num_rows, profiles, LpSense::Maximize);  // columns >= 0
  for (std::size_t r = 0; r + 1 < matrix.num_rows; ++r) lp.set_row_bounds(r, LpBounds::at_most(0.0));
  lp.set_row_bounds(matrix.num_rows - 1, LpBounds::fixed(1.0));
  const double scale = payoff_scale(game);
  for (std::size_t s = 0; s < profiles; ++s) {  // objective in the same units as the rows
    double c = 0.0;
    if (objective.kind == CorrelatedObjective::Welfare)
      for (std::size_t p = 0; p < game.num_players(); ++p) c += game.payoff(p, s);
    else if (objective.kind == CorrelatedObjective::Player)
      c = game.payoff(objective.player, s);
    if (c != 0.0) lp.set_objective(s, c / scale);
  }
  lp.set_matrix(entries);

  // Per player (equilibrium.hpp): each player's largest gain within its own
  // tolerance; `tol` is the largest, for messages.
  const std::vector<double> tols = regret_tolerances(game, rel_tol);
  const double tol = *std::max_element(tols.begin(), tols.end());
  CorrelatedEquilibrium result;
  result.kind = kind;
  result.objective = objective;

  LpSolveOptions options;
  // GLPK gets what is left of the deadline before each attempt; when it runs
  // out (LpStatus::TimeLimit) nothing verified is at hand, so LimitError.
  options.deadline = deadline;
  const std::string what = "solving the " + std::string(to_string(kind)) + " equilibrium LP (" +
                           std::to_string(matrix.num_rows) + " rows, " + std::to_string(profiles) +
                           " columns): ";
  auto check_deadline = [&] {
    deadline.check(what + std::to_string(result.lp_attempts) +
                   " simplex attempts, no verified distribution yet; nothing is reported");
  };
  auto check_time = [&](const LpSolution& solution) {
    if (solution.status == LpStatus::TimeLimit && solution.deadline_reached)
      deadline.fail(what + std::to_string(result.lp_attempts + 1) +
                    " simplex attempts, no verified distribution yet; nothing is reported");
  };
  // Reads, cleans and verifies the LP solution, each player's largest gain
  // within its own tolerance.
  auto accept = [&](const LpSolution& solution) {
    if (!solution.optimal()) return false;
    result.distribution = read_distribution(solution.primal, solution.exact);
    const std::vector<double> gains = correlated_gains(game, kind, result.distribution);
    result.max_gain = *std::max_element(gains.begin(), gains.end());
    for (std::size_t p = 0; p < gains.size(); ++p)
      if (!(gains[p] <= tols[p])) return false;
    return true;
  };

  // 1. Dual simplex on the unscaled LP (entries are already in [-2, 2]) from an
  //    advanced basis, with feasibility tolerances well below GLPK's default
  //    1e-7: a vertex that violates an incentive row by 1e-7 fails verification.
  options.method = LpMethod::Dual;
  options.feasibility_tolerance = 1e-10;
  options.optimality_tolerance = 1e-10;
  options.start = LpStart::Advanced;
  check_deadline();
  const LpSolution* solution = &lp.solve(options);  // kept in lp until its next solve
  check_time(*solution);
  ++result.lp_attempts;
  if (accept(*solution)) {
    result.payoffs = correlated_payoffs(game, result.distribution);
    return result;
  }
  // 2. Scaled, tighter, primal simplex, warm from the basis reached.
  options.scale = true;
  options.method = LpMethod::Primal;
  options.feasibility_tolerance = 1e-12;
  options.optimality_tolerance = 1e-12;
  options.start = solution->glpk_code != 0 ? LpStart::Advanced : LpStart::Warm;
  check_deadline();
  solution = &lp.solve(options);
  check_time(*solution);
  ++result.lp_attempts;
  if (!accept(*solution)) {
    // 3. GLPK's rational simplex from the current basis: exact on the LP data,
    //    but slow, so only for moderate sizes and under a time limit.
    if (nonzeros > kMaxExactNonzeros)
      throw std::runtime_error(std::string("GLPK's floating-point simplex did not reach a verified ") +
                               to_string(kind) + " equilibrium (largest gain " +
                               std::to_string(result.max_gain) + ", tolerance " +
                               std::to_string(tol) + ") and the LP is too large for glp_exact");
    options.scale = false;  // the scaling done in step 2 stays; glp_exact ignores it
    options.exact = LpExact::Always;
    options.start = solution->optimal() ? LpStart::Warm : LpStart::Advanced;
    check_deadline();
    // Without a deadline, glp_exact still gets its own 60 s cap.
    if (deadline.unlimited()) options.exact_time_cap_seconds = 60.0;
    solution = &lp.solve(options);
    if (solution->status == LpStatus::TimeLimit && !solution->deadline_reached)
      throw LimitError("GLPK's rational simplex (glp_exact) stopped at its own 60 s cap while " + what +
                       "no verified " + to_string(kind) + " equilibrium; nothing is reported");
    check_time(*solution);
    ++result.lp_attempts;
    result.exact_fallback = true;
    if (!accept(*solution)) {
      std::ostringstream message;
      message << "GLPK did not reach a verified " << to_string(kind) << " equilibrium (status "
              << solution->glpk_code << ", largest gain " << result.max_gain << " > tolerance " << tol
              << ")";
      throw std::runtime_error(message.str());
    }
  }
  result.payoffs = correlated_payoffs(game, result.distribution);
  return result;
}

}  // namespace

CorrelatedEquilibrium solve_correlated(const NormalFormGame& game, CorrelationKind kind,
                                       CorrelatedObjective objective, double rel_tol) {
  return solve_lp(game, kind, objective, rel_tol, Deadline{});
}

CorrelatedEquilibrium solve_correlated(const NormalFormGame& game, const SolveOptions& options) {
  CorrelationKind kind;
  if (options.method == "ce") kind = CorrelationKind::Correlated;
  else if (options.method == "cce") kind = CorrelationKind::CoarseCorrelated;
  else throw UsageError("correlated equilibria need --method ce or cce, not '" + options.method + "'");
  const Deadline deadline = solve_deadline(options);
  deadline.check("preparing the " + std::string(to_string(kind)) + " equilibrium LP; nothing is reported");
  return solve_lp(game, kind, parse_objective(options.objective, game), options.rel_tol, deadline);
}

CorrelatedObjective parse_objective(const std::string& text, const NormalFormGame& game) {
  const std::string word = lower(trim(text));
  CorrelatedObjective objective;
  if (word == "any" || word.empty()) return objective;
  if (word == "welfare") {
    objective.kind = CorrelatedObjective::Welfare;
    return objective;
  }
  const auto colon = word.find(':');
  if (colon == std::string::npos || trim(word.substr(0, colon)) != "player") {
    const std::string guess =
        closest_match(word.substr(0, colon), {"any", "welfare", "player"});
    throw UsageError("unknown objective '" + text +
                     "': expected any, welfare, player:<index> or player:<name>" +
                     (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
  }
  const std::string original = trim(trim(text).substr(trim(text).find(':') + 1));
  const std::string who = lower(original);
  objective.kind = CorrelatedObjective::Player;
  std::vector<std::string> names;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const std::string name = p < game.player_names.size() ? game.player_names[p] : "";
    names.push_back(name);
    if (!who.empty() && lower(name) == who) {
      objective.player = p;
      return objective;
    }
  }
  if (!who.empty() && std::all_of(who.begin(), who.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (who.size() < 10) {
      const std::size_t index = std::stoul(who);
      if (index < game.num_players()) {
        objective.player = index;
        return objective;
      }
    }
    throw UsageError("objective player index " + original + " is out of range: the game has " +
                     std::to_string(game.num_players()) + " players, indexed 0 to " +
                     std::to_string(game.num_players() - 1));
  }
  const std::string guess = closest_match(original, names);
  throw UsageError("objective names no player '" + original + "'" +
                   (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
}

}  // namespace negsim
