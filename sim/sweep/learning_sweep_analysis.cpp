#include "sim/sweep/learning_sweep_analysis.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "sim/learn/dynamics_catalog.hpp"

namespace negsim {

namespace {

std::string probabilities(const std::vector<double>& probs) {
  std::string out;
  char buffer[64];
  for (double x : probs) {
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
    out += (out.empty() ? "" : " ") + std::string(buffer, end);
  }
  return out;
}

}  // namespace

SweepAnalysis make_learning_analysis(const Scenario& base) {
  SweepAnalysis analysis;
  analysis.name = "learn";
  analysis.columns = {"dynamics", "iterations", "converged", "max_regret", "equilibrium"};
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("payoff_" + player.id);
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("top_" + player.id);
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("freq_" + player.id);
  const std::size_t n = base.players.size();
  analysis.run = [n](const Scenario&, const ScenarioGame& built, std::uint64_t seed, RowSink& rows) {
    const NormalFormGame& game = built.game;
    for (const DynamicsInfo& dynamics : dynamics_catalog()) {
      LearningOptions options;
      options.max_iterations = kLearnSweepIterations;
      options.seed = seed;
      const LearningRun run = run_learning(game, dynamics.name, options, kLearnSweepRegretTolerance);
      SweepRow& row = rows.add_row("ok");
      row.cells[0] = dynamics.name;
      row.cells[1] = static_cast<std::int64_t>(run.result.iterations);
      row.cells[2] = std::string(run.result.converged ? "yes" : "no");
      row.cells[3] = run.verdict.max_regret;
      row.cells[4] = std::string(run.verdict.is_equilibrium ? "yes" : "no");
      const MixedProfile& final_profile = run.result.final_profile;
      for (std::size_t p = 0; p < n; ++p) {
        const std::vector<double>& probs = final_profile[p];
        const auto top = static_cast<std::size_t>(std::max_element(probs.begin(), probs.end()) - probs.begin());
        row.cells[5 + p] = run.verdict.payoffs[p];
        row.cells[5 + n + p] = game.action_labels[p][top];
        row.cells[5 + 2 * n + p] = probabilities(probs);
      }
    }
  };
  return analysis;
}

}  // namespace negsim
