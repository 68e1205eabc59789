#include "sim/sweep/sweep_analysis.hpp"

#include <algorithm>
#include <mutex>

#include "models/errors.hpp"
#include "sim/sweep/belief_sweep_analyses.hpp"
#include "sim/sweep/learning_sweep_analysis.hpp"
#include "sim/sweep/scenario_sweep_analyses.hpp"

namespace negsim {

SweepRow& RowSink::add_row(std::string status) {
  SweepRow& row = rows_.emplace_back();
  row.status = std::move(status);
  row.cells.resize(num_columns_);
  return row;
}

namespace {

struct RegistryEntry {
  std::string name;
  std::string description;
  SweepAnalysisFactory factory;
};

std::mutex& registry_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::vector<RegistryEntry>& registry() {
  static std::vector<RegistryEntry> entries = {
      {"stage", "pure Nash equilibria of the stage game (verified)", make_stage_analysis},
      {"spe", "the subgame-perfect path of the timeline (backward induction, verified)", make_spe_analysis},
      {"repeated", "is the repeated block's target self-enforcing: critical discount (Nash reversion)", make_repeated_analysis},
      {"mixed", "mixed (not pure) equilibria of the stage game, with the method that found each (verified)",
       make_mixed_analysis},
      {"correlated", "the max-welfare correlated equilibrium of the stage game (LP, verified)", make_correlated_analysis},
      {"bargaining", "the bargaining block: alternating offers, Nash and Kalai-Smorodinsky solutions", make_bargaining_analysis},
      {"learn", "every learning dynamic on the stage game: where it ends, its regret, verified or not",
       [](const Scenario& base, const AnalysisOptions&) { return make_learning_analysis(base); }},
      {"bayesian", "Bayesian equilibria of the type-agent form (private types; verified)", make_bayesian_analysis},
      {"beliefs", "the sequence's perfect Bayesian equilibria: path, beliefs, threat credibility, value of information",
       make_beliefs_analysis},
  };
  return entries;
}

}  // namespace

void register_sweep_analysis(const std::string& name, const std::string& description,
                             std::function<SweepAnalysis(const Scenario& base)> factory) {
  register_sweep_analysis(name, description,
                          [factory = std::move(factory)](const Scenario& base, const AnalysisOptions&) {
                            return factory(base);
                          });
}

void register_sweep_analysis(const std::string& name, const std::string& description,
                             SweepAnalysisFactory factory) {
  std::lock_guard lock(registry_mutex());
  for (RegistryEntry& entry : registry())
    if (entry.name == name) {
      entry.description = description;
      entry.factory = std::move(factory);
      return;
    }
  registry().push_back({name, description, std::move(factory)});
}

std::vector<std::pair<std::string, std::string>> sweep_analysis_names() {
  std::lock_guard lock(registry_mutex());
  std::vector<std::pair<std::string, std::string>> out;
  for (const RegistryEntry& entry : registry()) out.emplace_back(entry.name, entry.description);
  return out;
}

std::vector<SweepAnalysis> make_sweep_analyses(const std::vector<std::string>& names, const Scenario& base,
                                               const AnalysisOptions& options) {
  std::vector<SweepAnalysisFactory> factories;
  {
    std::lock_guard lock(registry_mutex());
    std::vector<std::string> known;
    for (const RegistryEntry& entry : registry()) known.push_back(entry.name);
    for (const std::string& name : names) {
      const auto at = std::find_if(registry().begin(), registry().end(),
                                   [&](const RegistryEntry& e) { return e.name == name; });
      if (at == registry().end()) {
        const std::string best = closest_match(name, known);
        std::string list;
        for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
        throw UsageError("--analyses: unknown analysis '" + name + "'" +
                         (best.empty() ? "" : " (did you mean '" + best + "'?)") + "; known: " + list);
      }
      if (std::count(names.begin(), names.end(), name) > 1)
        throw UsageError("--analyses: '" + name + "' is listed twice");
      factories.push_back(at->factory);
    }
  }
  if (names.empty()) throw UsageError("--analyses: no analysis named");
  std::vector<SweepAnalysis> out;
  for (const SweepAnalysisFactory& factory : factories) out.push_back(factory(base, options));
  return out;
}

std::vector<std::string> equilibrium_row_columns(const Scenario& base) {
  std::vector<std::string> columns{"equilibrium"};
  for (const ScenarioPlayer& player : base.players) columns.push_back("action_" + player.id);
  for (const ScenarioPlayer& player : base.players) columns.push_back("payoff_" + player.id);
  columns.push_back("max_regret");
  return columns;
}

SweepAnalysis make_stage_analysis(const Scenario& base, const AnalysisOptions& base_options) {
  SweepAnalysis analysis;
  analysis.name = "stage";
  const std::size_t n = base.players.size();
  analysis.columns = equilibrium_row_columns(base);
  AnalysisOptions options = base_options;
  options.parts = AnalysisParts::none();
  options.parts.pure = true;
  analysis.run = [n, options](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    const NormalFormGame& game = built.game;
    const ScenarioAnalysis analysed = analyze_scenario(scenario, built, options);
    const SolveResult& result = analysed.pure;
    if (result.rejected > 0)
      throw std::logic_error("pure Nash: " + std::to_string(result.rejected) +
                             " candidate(s) failed verification (a solver bug)");
    std::string notes;
    for (const std::string& note : result.notes) notes += (notes.empty() ? "" : "; ") + note;
    if (result.equilibria.empty()) {
      rows.add_row("none").message = notes.empty() ? "no pure Nash equilibrium" : notes;
      return;
    }
    for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
      const Equilibrium& eq = result.equilibria[e];
      SweepRow& row = rows.add_row("ok");
      row.cells[0] = static_cast<std::int64_t>(e);
      for (std::size_t p = 0; p < n; ++p) {
        const std::vector<double>& probs = eq.profile[p];
        const std::size_t action =
            static_cast<std::size_t>(std::max_element(probs.begin(), probs.end()) - probs.begin());
        row.cells[1 + p] = game.action_labels[p][action];
        row.cells[1 + n + p] = eq.payoffs[p];
      }
      row.cells[1 + 2 * n] = eq.max_regret;
      if (e == 0) row.message = notes;
    }
  };
  return analysis;
}

}  // namespace negsim
