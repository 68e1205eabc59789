#include "sim/analysis/predicted_outcome.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace negsim {

namespace {

// The index of the largest probability: the action of a pure strategy.
std::size_t pure_action(const std::vector<double>& strategy) {
  return static_cast<std::size_t>(std::max_element(strategy.begin(), strategy.end()) - strategy.begin());
}

}  // namespace

std::string to_string(OutcomeConcept concept_id) {
  switch (concept_id) {
    case OutcomeConcept::kSequential: return "sequential";
    case OutcomeConcept::kOneShot: return "one_shot";
    case OutcomeConcept::kRepeated: return "repeated";
    case OutcomeConcept::kBargaining: return "bargaining";
    case OutcomeConcept::kTypes: return "types";
  }
  return "unknown";
}

AnalysisParts predicted_outcome_parts() {
  AnalysisParts parts = AnalysisParts::none();
  parts.pure = true;
  parts.sequential = true;
  parts.bargaining = true;
  parts.repeated = true;
  return parts;
}

LeverSetting lever_setting(const ScenarioGame& built, std::size_t player, std::size_t action) {
  return built.action_levers[player][action];
}

bool target_self_enforcing(const SustainabilityReport& report) {
  const double from = self_enforcing_from(report);
  return !std::isnan(from) && report.discount >= from;
}

double self_enforcing_from(const SustainabilityReport& report) {
  // Both reversions are subgame perfect (every punishment is a stage
  // equilibrium played forever); the deviator's own worst equilibrium never
  // needs more patience, but exists only when pure stage equilibria do.
  double from = report.reversion_is_equilibrium ? report.critical_discount : NAN;
  if (!std::isnan(report.own_punishment_threshold))
    from = std::isnan(from) ? report.own_punishment_threshold : std::min(from, report.own_punishment_threshold);
  return from;
}

PredictedOutcome predicted_outcome(const Scenario& scenario, const ScenarioGame& built,
                                   const ScenarioAnalysis& analysis) {
  PredictedOutcome out;
  const std::size_t players = scenario.players.size();
  if (analysis.sequential) {
    out.has_sequential = true;
    const BackwardInductionResult& r = analysis.sequential->result;
    out.sequential_found = !r.equilibria.empty();
    if (out.sequential_found) {
      out.sequential_path.assign(players, LeverSetting{});
      const SubgamePerfectEquilibrium& spe = r.equilibria.front();
      const MultiStageGame& game = analysis.sequential->timeline.game;
      for (const PathStep& step : spe.path) {
        const GameStage& stage = game.stage(step.stage);
        if (!step.pure) {
          out.sequential_pure = false;
          continue;
        }
        std::size_t profile = step.profile;  // first mover fastest
        for (std::size_t i = 0; i < stage.movers.size(); ++i) {
          out.sequential_path[stage.movers[i]] = lever_setting(built, stage.movers[i], profile % stage.num_actions[i]);
          profile /= stage.num_actions[i];
        }
      }
      if (!spe.pure) out.sequential_pure = false;
    }
  }
  for (const Equilibrium& eq : analysis.pure.equilibria) {
    ProfileSetting profile;
    for (std::size_t p = 0; p < players; ++p) profile.push_back(lever_setting(built, p, pure_action(eq.profile[p])));
    out.one_shot.push_back(std::move(profile));
  }
  if (analysis.repeated) {
    out.has_repeated = true;
    out.self_enforcing = target_self_enforcing(analysis.repeated->sustainability);
  }
  if (analysis.bargaining) {
    out.has_bargaining = true;
    const AlternatingOffersResult& o = analysis.bargaining->offers;
    out.agreement = o.agreement;
    out.ending = o.ending;
    if (o.agreement) {
      out.agreement_round = o.agreement_round;
      if (o.deal) {
        out.deal = analysis.bargaining->bargaining.problem.deals.labels[*o.deal];
      } else {
        // A divisible pie: shares compared to 6 significant digits, so a
        // rounding wobble in the last bits is not a "change".
        std::ostringstream shares;
        shares.precision(6);
        for (std::size_t i = 0; i < o.shares.size(); ++i) shares << (i ? "," : "") << o.shares[i];
        out.deal = shares.str();
      }
    }
  }
  return out;
}

std::vector<OutcomeConcept> changed_concepts(const PredictedOutcome& a, const PredictedOutcome& b) {
  std::vector<OutcomeConcept> changed;
  if (a.has_sequential != b.has_sequential || a.sequential_found != b.sequential_found ||
      a.sequential_pure != b.sequential_pure || a.sequential_path != b.sequential_path)
    changed.push_back(OutcomeConcept::kSequential);
  if (a.one_shot != b.one_shot) changed.push_back(OutcomeConcept::kOneShot);
  if (a.has_repeated != b.has_repeated || a.self_enforcing != b.self_enforcing)
    changed.push_back(OutcomeConcept::kRepeated);
  if (a.has_bargaining != b.has_bargaining || a.agreement != b.agreement ||
      a.agreement_round != b.agreement_round || a.deal != b.deal || a.ending != b.ending)
    changed.push_back(OutcomeConcept::kBargaining);
  return changed;
}

}  // namespace negsim
