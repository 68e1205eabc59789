#include "sim/report/learning_report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "sim/report/solve_report.hpp"

namespace negsim {

namespace {

// Shortest form that reads back to the same double.
std::string round_trip(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

nlohmann::json profile_json(const NormalFormGame& game, const MixedProfile& profile) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    nlohmann::json row = nlohmann::json::object();
    for (std::size_t a = 0; a < game.num_actions(p); ++a) row[game.action_labels[p][a]] = profile[p][a];
    out.push_back({{"player", game.player_names[p]}, {"probabilities", row}});
  }
  return out;
}

// The actions a player plays with probability >= 0.1%, most likely first (at
// most five), and how many more it plays less often: learning leaves small
// probabilities everywhere, which a full list would drown the summary in.
std::string compact_strategy(const NormalFormGame& game, std::size_t player, const std::vector<double>& probs) {
  std::vector<std::size_t> order(probs.size());
  for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return probs[x] > probs[y]; });
  std::string out;
  std::size_t shown = 0, rest = 0;
  for (std::size_t a : order) {
    if (probs[a] <= 0) continue;
    if (shown < 5 && probs[a] >= 1e-3) {
      out += (shown ? ", " : "") + game.action_labels[player][a] + " " + format_number(100 * probs[a], 4) + "%";
      ++shown;
    } else {
      ++rest;
    }
  }
  if (rest) out += " (and " + std::to_string(rest) + " more action" + (rest > 1 ? "s" : "") + " less often)";
  return out;
}

}  // namespace

std::string learning_csv(const NormalFormGame& game, const LearningRun& run) {
  std::string out = "iteration";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (const std::string& label : game.action_labels[p]) out += "," + csv_field(game.player_names[p] + ":" + label);
  for (std::size_t p = 0; p < game.num_players(); ++p) out += "," + csv_field("payoff:" + game.player_names[p]);
  out += "\n";
  for (const TrajectoryPoint& point : run.trajectory) {
    out += std::to_string(point.iteration);
    for (const auto& row : point.profile)
      for (double x : row) out += "," + round_trip(x);
    for (double u : point.payoffs) out += "," + round_trip(u);
    out += "\n";
  }
  return out;
}

nlohmann::json learning_json(const NormalFormGame& game, const LearningRun& run) {
  const LearningResult& r = run.result;
  const LearningVerdict& v = run.verdict;
  nlohmann::json trajectory = nlohmann::json::array();
  for (const TrajectoryPoint& point : run.trajectory)
    trajectory.push_back({{"iteration", point.iteration}, {"profile", point.profile}, {"payoffs", point.payoffs}});
  nlohmann::json players = nlohmann::json::array();
  for (std::size_t p = 0; p < game.num_players(); ++p)
    players.push_back({{"player", game.player_names[p]},
                       {"payoff", v.payoffs[p]},
                       {"regret", v.regrets[p]},
                       {"tolerance", v.tolerances[p]}});
  const LearningOptions& o = run.options;
  nlohmann::json options = {{"iterations", o.max_iterations}, {"tol", o.tol}, {"every", o.trace_every}};
  if (run.dynamics.uses_step) options["step"] = o.step;
  if (run.dynamics.uses_lambda) options["lambda"] = o.lambda;
  if (run.dynamics.uses_seed) options["seed"] = o.seed;
  if (run.dynamics.uses_simultaneous) options["simultaneous"] = o.simultaneous;
  if (!o.initial.empty()) options["initial"] = o.initial;
  nlohmann::json out = {{"schema_version", kJsonSchemaVersion},
                        {"game", game_summary_json(game)},
                        {"dynamics", run.dynamics.name},
                        {"tracked", run.dynamics.tracked},
                        {"options", options},
                        {"iterations", r.iterations},
                        {"converged", r.converged},
                        {"stopping_rule", run.dynamics.stopping},
                        {"final_change", r.final_change},
                        {"final_profile", profile_json(game, r.final_profile)},
                        {"trajectory", trajectory},
                        {"verdict",
                         {{"is_equilibrium", v.is_equilibrium},
                          {"max_regret", v.max_regret},
                          {"rel_tol", v.rel_tol},
                          {"players", players}}}};
  if (!r.empirical.empty()) out["empirical"] = r.empirical;
  if (!std::isnan(r.cce_gap)) out["cce_gap"] = r.cce_gap;
  return out;
}

std::string learning_text(const NormalFormGame& game, const LearningRun& run, const std::string& source) {
  const LearningResult& r = run.result;
  const LearningVerdict& v = run.verdict;
  std::ostringstream out;
  out << "Learning dynamics: " << run.dynamics.name << " (" << run.dynamics.description << ")\n";
  out << "Game: " << source << " (" << game.num_players() << " players, " << game.num_profiles() << " profiles)\n";
  out << "Stopped after " << r.iterations << " of " << run.options.max_iterations << " iterations: "
      << (r.converged ? "converged" : "did not converge") << " by its own rule (" << run.dynamics.stopping
      << ", tol " << format_number(run.options.tol) << ")\n";
  if (!std::isnan(r.cce_gap)) out << "CCE gap of the empirical joint play: " << format_number(r.cce_gap) << "\n";
  out << "Final profile" << (run.dynamics.tracks_final ? "" : " (empirical marginals)") << ":\n";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    out << "  " << game.player_names[p] << ": " << compact_strategy(game, p, r.final_profile[p])
        << "  payoff " << format_number(v.payoffs[p]) << ", regret " << format_number(v.regrets[p])
        << " (tolerance " << format_number(v.tolerances[p]) << ")\n";
  out << "Max regret (recomputed from the game): " << format_number(v.max_regret) << "\n";
  if (v.is_equilibrium)
    out << "Verdict: the final profile is a Nash equilibrium (verified: every player's regret is within "
        << format_number(v.rel_tol) << " of its payoff range).\n";
  else
    out << "Verdict: the final profile is NOT a Nash equilibrium (some player's regret exceeds "
        << format_number(v.rel_tol) << " of its payoff range).\n";
  out << "Note: where a learning trajectory ends is an equilibrium only if verified as above; "
         "a dynamic's convergence is its stopping rule, not a proof.\n";
  out << "Trajectory (" << run.dynamics.tracked << "): " << run.trajectory.size()
      << " points; --format csv or json prints them.\n";
  return out.str();
}

}  // namespace negsim
