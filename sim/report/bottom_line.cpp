#include "sim/report/bottom_line.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <tuple>
#include <utility>

#include "sim/report/beliefs_report.hpp"
#include "sim/report/scenario_report.hpp"
#include "sim/report/sequential_report.hpp"
#include "sim/report/solve_report.hpp"

namespace negsim {

namespace {

// "tariff 20%, chips hold" for a setting (every lever).
std::string setting_in_words(const ScenarioPlayer& player, const LeverSetting& setting) {
  std::string out;
  for (std::size_t l = 0; l < setting.size(); ++l)
    out += (l ? ", " : "") + lever_name_in_words(player.levers[l]) + " " +
           lever_value_in_words(player.levers[l], setting[l]);
  return out;
}

// The levers where `to` differs from `from`: "chips tighten (instead of
// hold)"; "" when they are equal.
std::string setting_change(const ScenarioPlayer& player, const LeverSetting& from, const LeverSetting& to,
                           const char* was = "instead of") {
  std::string out;
  for (std::size_t l = 0; l < to.size() && l < from.size(); ++l) {
    if (to[l] == from[l]) continue;
    out += (out.empty() ? "" : ", ") + lever_name_in_words(player.levers[l]) + " " +
           lever_value_in_words(player.levers[l], to[l]) + " (" + was + " " +
           lever_value_in_words(player.levers[l], from[l]) + ")";
  }
  return out;
}

std::string payoffs_text(const Scenario& scenario, const std::vector<double>& payoffs) {
  std::string out;
  for (std::size_t p = 0; p < payoffs.size(); ++p)
    out += (p ? ", " : "") + scenario.players[p].name + " " + format_number(payoffs[p], 4);
  return out;
}

// The pure action of each mover of a path step, by player.
void path_actions(const MultiStageGame& game, const std::vector<PathStep>& steps,
                  std::vector<std::optional<std::size_t>>& actions) {
  for (const PathStep& step : steps) {
    if (!step.pure) continue;
    const GameStage& stage = game.stage(step.stage);
    const std::vector<std::size_t> a = decode_stage_profile(stage, step.profile);
    for (std::size_t i = 0; i < stage.movers.size(); ++i) actions[stage.movers[i]] = a[i];
  }
}

// What the later movers do differently after a deviation, compared with the
// path: "China rare earths restrict (instead of ease)"; "" if nothing changes.
std::string response_in_words(const Scenario& scenario, const ScenarioGame& built, const MultiStageGame& game,
                              const SubgamePerfectEquilibrium& spe, const Threat& threat) {
  std::vector<std::optional<std::size_t>> on_path(scenario.players.size());
  path_actions(game, spe.path, on_path);
  std::string out;
  for (const PathStep& step : threat.continuation) {
    const GameStage& stage = game.stage(step.stage);
    if (!step.pure) {
      out += (out.empty() ? "" : "; ") + path_step_in_words(scenario, built, game, step);
      continue;
    }
    const std::vector<std::size_t> a = decode_stage_profile(stage, step.profile);
    for (std::size_t i = 0; i < stage.movers.size(); ++i) {
      const std::size_t p = stage.movers[i];
      const LeverSetting now = lever_setting(built, p, a[i]);
      const std::string change =
          on_path[p] ? setting_change(scenario.players[p], lever_setting(built, p, *on_path[p]), now)
                     : setting_in_words(scenario.players[p], now);
      if (!change.empty()) out += (out.empty() ? "" : "; ") + scenario.players[p].name + " " + change;
    }
  }
  return out;
}

// The threat of player p with alternative action `action` at its path stage.
const Threat* find_threat(const SubgamePerfectEquilibrium& spe, std::size_t player, std::size_t action) {
  for (const Threat& t : spe.threats)
    if (t.player == player && t.action == action) return &t;
  return nullptr;
}

// The shortest decimal (up to 12 significant digits) inside [a, b] (either
// order): the printed tipping value is itself on the bracket.
std::string number_in_bracket(double a, double b) {
  const double lo = std::min(a, b), hi = std::max(a, b), mid = lo + (hi - lo) / 2;
  for (int digits = 1; digits <= 12; ++digits) {
    const std::string text = format_number(mid, digits);
    const double back = std::strtod(text.c_str(), nullptr);
    if (back >= lo && back <= hi) return text;
  }
  return format_number(mid, 15);
}

std::string one_shot_in_words(const Scenario& scenario, const std::vector<ProfileSetting>& equilibria) {
  if (equilibria.empty()) return "no pure equilibrium (every combination leaves some player a profitable change)";
  if (equilibria.size() == 1) return "1 pure equilibrium: " + profile_setting_in_words(scenario, equilibria.front());
  // What all of them share, then the levers on which they differ.
  std::string common, differ;
  for (std::size_t p = 0; p < scenario.players.size(); ++p) {
    const ScenarioPlayer& player = scenario.players[p];
    std::string same;
    for (std::size_t l = 0; l < player.levers.size(); ++l) {
      bool equal = true;
      for (const ProfileSetting& eq : equilibria) equal = equal && eq[p][l] == equilibria.front()[p][l];
      if (equal)
        same += (same.empty() ? "" : ", ") + lever_name_in_words(player.levers[l]) + " " +
                lever_value_in_words(player.levers[l], equilibria.front()[p][l]);
      else
        differ += (differ.empty() ? "" : ", ") + player.name + "'s " + lever_name_in_words(player.levers[l]);
    }
    if (!same.empty()) common += (common.empty() ? "" : "; ") + player.name + " " + same;
  }
  std::string out = std::to_string(equilibria.size()) + " pure equilibria";
  if (!common.empty()) out += "; in all of them " + common;
  out += "; they differ in " + differ;
  return out;
}

// ---- The types part of a PredictedOutcome in words (tipping points) ----

// "deadline extend": a move of `player` in the sequence.
std::string sequence_move_in_words(const Scenario& scenario, std::size_t player, const SequenceMove& move) {
  const ScenarioPlayer& p = scenario.players[player];
  std::string out;
  for (std::size_t i = 0; i < move.levers.size(); ++i)
    out += (i ? ", " : "") + lever_name_in_words(p.levers[move.levers[i]]) + " " +
           lever_value_in_words(p.levers[move.levers[i]], move.values[i]);
  return out;
}

// The most likely line: "ByteDance plays divest refuse after United States
// plays deadline extend in every round".
std::string types_line_in_words(const Scenario& scenario, const PredictedOutcome& o) {
  if (o.types_line.empty()) return "";
  const std::string& observer = scenario.players[o.types_observer].name;
  const std::string& typed = scenario.players[o.types_player].name;
  std::string out = "along the most likely path ";
  std::size_t first = 1;
  for (std::size_t i = 0; i < o.types_line.size(); ++i) {
    const TypesRun& r = o.types_line[i];
    const std::string when = r.rounds == 0 ? (first == 1 ? "in every round" : "from round " + std::to_string(first) + " on")
                             : r.rounds == 1 ? "in round " + std::to_string(first)
                                             : "in rounds " + std::to_string(first) + "-" +
                                                   std::to_string(first + r.rounds - 1);
    out += (i ? ", then " : "") + observer + " plays " + sequence_move_in_words(scenario, o.types_observer, r.move) +
           (r.observed.empty() ? "" : " after " + typed + " plays " +
                                          sequence_move_in_words(scenario, o.types_player, r.observed)) +
           " " + when;
    first += r.rounds;
  }
  return out;
}

// "a committed United States always carries out the threat (deadline
// enforce), a bluffing one never".
std::string threat_use_in_words(const Scenario& scenario, const PredictedOutcome& o) {
  if (o.threat_by_type.empty() || !scenario.sequence.threat) return "";
  const RepeatedTargetSetting& t = *scenario.sequence.threat;
  const Lever& lever = scenario.players[t.player].levers[t.lever];
  const std::size_t typed = scenario.types.typed(o.types_player);
  std::string out;
  for (std::size_t k = 0; k < o.threat_by_type.size(); ++k) {
    const std::string label = typed < scenario.types.players.size() && k < scenario.types.players[typed].labels.size()
                                  ? scenario.types.players[typed].labels[k]
                                  : "type " + std::to_string(k + 1);
    const char* use = o.threat_by_type[k] == ThreatUse::kAlways  ? "always"
                      : o.threat_by_type[k] == ThreatUse::kNever ? "never"
                                                                 : "sometimes";
    out += k ? ", a " + label + " one " + use
             : "a " + label + " " + scenario.players[o.types_player].name + " " + use + " carries out the threat (" +
                   lever_name_in_words(lever) + " " + lever_value_in_words(lever, t.value) + ")";
  }
  return out;
}

std::string after_threat_in_words(const Scenario& scenario, const PredictedOutcome& o) {
  if (o.after_threat.empty()) return "";
  std::string moves;
  for (std::size_t i = 0; i < o.after_threat.size(); ++i)
    moves += (i ? " or " : "") + sequence_move_in_words(scenario, o.types_observer, o.after_threat[i]);
  return "once it is carried out " + scenario.players[o.types_observer].name + " plays " + moves;
}

// The types prediction in words, or only the pieces in which it differs from `was`.
std::string types_outcome_in_words(const Scenario& scenario, const PredictedOutcome& o,
                                   const PredictedOutcome* was = nullptr) {
  if (!o.types_found) return "no pure perfect Bayesian equilibrium is found";
  const bool all = !was || !was->types_found;
  std::vector<std::string> parts;
  auto piece = [&](const std::string& now, const std::string& before, bool differs) {
    if (now.empty() && before.empty()) return;
    if (all) {
      if (!now.empty()) parts.push_back(now);
    } else if (differs) {
      parts.push_back((now.empty() ? "no longer: " + before : now) +
                      (before.empty() || now.empty() ? "" : " (was: " + before + ")"));
    }
  };
  piece(threat_use_in_words(scenario, o), was ? threat_use_in_words(scenario, *was) : "",
        was && was->threat_by_type != o.threat_by_type);
  piece(types_line_in_words(scenario, o), was ? types_line_in_words(scenario, *was) : "",
        was && (was->types_line != o.types_line || was->types_observer != o.types_observer));
  piece(after_threat_in_words(scenario, o), was ? after_threat_in_words(scenario, *was) : "",
        was && was->after_threat != o.after_threat);
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out.empty() ? "the first perfect Bayesian equilibrium changes" : out;
}

std::string bargaining_outcome_in_words(const PredictedOutcome& o) {
  if (!o.agreement) return "no agreement (" + o.ending + ")";
  return "agreement in round " + std::to_string(o.agreement_round) + " on " + label_in_words(o.deal);
}

// Relative distance of a tipping value from the current one.
double relative_distance(const TippingPoint& point, const TippingSide& side) {
  const double scale = point.value != 0 ? std::abs(point.value) : point.window.high - point.window.low;
  return std::abs((side.inside + side.outside) / 2 - point.value) / scale;
}

// The printed tipping value: the window's end itself when the change is
// there (often a tie at 0: "falls to 0"), else the shortest decimal inside
// the bracket.
// A whole-number parameter changes at `outside` itself.
std::string tipping_value_text(const TippingPoint& point, const TippingSide& side) {
  return side.outside == side.window_end || point.integer ? format_number(side.outside, 6)
                                                          : number_in_bracket(side.inside, side.outside);
}

std::string tipping_side_text(const Scenario& scenario, const PredictedOutcome& current, const TippingPoint& point,
                              const TippingSide& side, bool above) {
  const std::string name = point.parameter;
  const bool at = side.outside == side.window_end || point.integer;
  const std::string where =
      (at ? (above ? " rises to " : " falls to ") : (above ? " rises above " : " falls below ")) +
      tipping_value_text(point, side);
  std::string out = "if " + name + where + " (now " + format_number(point.value, 6) +
                    (point.unit.empty() ? "" : (point.unit == "%" ? "" : " ") + point.unit) + "): " +
                    outcome_change_in_words(scenario, current, side.outcome);
  return out;
}

// ---- The types model (a `sequence:` with types) ----

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// "deadline extend": action a of information set h, lever by lever.
std::string sequence_action_in_words(const Scenario& scenario, const SequenceTree& tree, std::size_t h,
                                     std::size_t a) {
  const SequenceInfoSet& info = tree.infosets[h];
  const ScenarioPlayer& player = scenario.players[info.player];
  std::string out;
  for (std::size_t i = 0; i < info.levers.size(); ++i)
    out += (i ? ", " : "") + lever_name_in_words(player.levers[info.levers[i]]) + " " +
           lever_value_in_words(player.levers[info.levers[i]], info.action_values[a][i]);
  return out;
}

std::size_t own_type(const SequenceTree& tree, std::size_t h) {
  const SequenceInfoSet& info = tree.infosets[h];
  return tree.prior.profiles[tree.nodes[info.nodes.front()].type_profile].types[info.player];
}

std::string probability_in_words(double p) { return format_number(p, 3); }

std::string list_in_words(const std::vector<std::string>& items, const char* last = " and ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? (i + 1 == items.size() ? last : ", ") : "") + items[i];
  return out;
}

std::optional<TypesPrediction> types_prediction(const Scenario& scenario, const BeliefAnalysis& analysis,
                                                std::vector<std::size_t>& step_infosets) {
  const SequenceTree& tree = analysis.tree;
  const std::size_t typed = followed_typed_player(scenario, tree);
  if (typed == kNone) return std::nullopt;
  TypesPrediction out;
  out.player = typed;
  out.equilibria = analysis.result.equilibria.size();
  const std::string& name = scenario.players[typed].name;
  const std::vector<std::string>& labels = tree.prior.labels[typed];
  out.labels = labels;
  if (analysis.result.equilibria.empty()) {
    out.prior = tree.prior.marginal(typed, 0);
    out.type_label = labels[0];
    out.text = "no pure perfect Bayesian equilibrium found (" + analysis.result.method + ")";
    return out;
  }
  const TreeEquilibrium& eq = analysis.result.equilibria.front();
  out.kind = eq.kind();
  out.payoffs = eq.payoffs;

  // The threat, type by type (root branches are the type profiles).
  std::vector<double> threat;
  out.has_threat = !analysis.threat_action.empty() && scenario.sequence.threat;
  if (out.has_threat) {
    const RepeatedTargetSetting& t = *scenario.sequence.threat;
    const Lever& lever = scenario.players[t.player].levers[t.lever];
    out.threat = scenario.players[t.player].name + " " + lever_name_in_words(lever) + " " +
                 lever_value_in_words(lever, t.value);
    threat = threat_probabilities(tree, eq.actions, analysis.threat_action);
    std::vector<double> carried(labels.size(), 0.0), mass(labels.size(), 0.0);
    const SequenceNode& root = tree.nodes[0];
    for (std::size_t k = 0; k < root.children.size(); ++k) {
      const std::size_t t_of = tree.prior.profiles[tree.nodes[root.children[k]].type_profile].types[typed];
      carried[t_of] += root.probabilities[k] * threat[root.children[k]];
      mass[t_of] += root.probabilities[k];
    }
    for (std::size_t t = 0; t < labels.size(); ++t) out.threat_by_type.push_back(mass[t] > 0 ? carried[t] / mass[t] : 0);
    out.threat_probability = threat[0];
    out.type = static_cast<std::size_t>(std::max_element(out.threat_by_type.begin(), out.threat_by_type.end()) -
                                        out.threat_by_type.begin());
  }
  out.prior = tree.prior.marginal(typed, out.type);
  out.type_label = labels[out.type];

  // The observer and the most likely line of play (predicted_outcome.hpp).
  const std::size_t observer = belief_observer(tree, eq);
  if (observer != kNone) {
    out.observer = observer;
    for (const std::size_t best : most_likely_line(tree, eq, observer)) {
      const std::size_t round = tree.infosets[best].round;
      BeliefStep step;
      step.round = round;
      const auto seen = observed_move(tree, best, typed, round);
      if (seen.first != kNone) step.observed = sequence_action_in_words(scenario, tree, seen.first, seen.second);
      step.belief = type_beliefs(tree, eq, best)[typed][out.type];
      if (out.has_threat) step.threat = threat_belief(tree, eq, best, threat);
      step.reach = eq.assessment[best].reach;
      step.move = sequence_action_in_words(scenario, tree, best, eq.actions[best]);
      out.path.push_back(std::move(step));
      step_infosets.push_back(best);
    }
    // What the observer does once it has seen the threat carried out.
    if (out.has_threat) {
      std::vector<std::string> moves;
      for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
        const SequenceInfoSet& info = tree.infosets[h];
        if (info.player != observer || eq.assessment[h].reach <= 0) continue;
        const auto seen = observed_move(tree, h, scenario.sequence.threat->player, info.round);
        if (seen.first == kNone || !analysis.threat_action[seen.first][seen.second]) continue;
        const std::string move = sequence_action_in_words(scenario, tree, h, eq.actions[h]);
        if (std::find(moves.begin(), moves.end(), move) == moves.end()) moves.push_back(move);
      }
      out.when_carried_out = list_in_words(moves, " or ");
    }
  }

  // In words.
  std::string text;
  if (out.has_threat) {
    const double all = out.threat_probability;
    text = "The threat (" + out.threat + ") is ";
    if (all <= 1e-12) text += "not credible: no type of " + name + " carries it out";
    else if (all >= 1 - 1e-12) text += "credible: every type of " + name + " carries it out";
    else {
      std::vector<std::string> per_type;
      for (std::size_t t = 0; t < labels.size(); ++t)
        per_type.push_back("a " + labels[t] + (t ? " one " : " " + name + " ") +
                           (out.threat_by_type[t] >= 1 - 1e-12 ? "always carries it out"
                            : out.threat_by_type[t] <= 1e-12   ? "never does"
                                                               : "carries it out with probability " +
                                                                     probability_in_words(out.threat_by_type[t])));
      text += "credible with probability " + probability_in_words(all) + " only: " + list_in_words(per_type, ", ");
    }
    text += ".";
  }
  if (!out.path.empty()) {
    const std::string& observer_name = scenario.players[out.observer].name;
    bool same_seen = true, same_move = true, falls = true, rises = true, stays = true, threat_equal = true;
    for (std::size_t i = 0; i < out.path.size(); ++i) {
      const BeliefStep& s = out.path[i];
      same_seen = same_seen && s.observed == out.path.front().observed;
      same_move = same_move && s.move == out.path.front().move;
      const double before = i ? out.path[i - 1].belief : out.prior;
      falls = falls && s.belief <= before + 1e-12;
      rises = rises && s.belief >= before - 1e-12;
      stays = stays && std::abs(s.belief - out.prior) <= 1e-12;
      threat_equal = threat_equal && (!out.has_threat || std::abs(s.threat - s.belief) <= 1e-9);
    }
    if (out.has_threat) threat_equal = threat_equal && std::abs(out.threat_probability - out.prior) <= 1e-9;
    std::string about = "its belief that " + name + " is " + labels[out.type];
    if (out.has_threat && threat_equal) about += ", and so will carry out the threat,";
    const std::string moves = stays ? " stays" : falls ? " falls" : rises ? " rises" : " moves";
    text += std::string(text.empty() ? "" : " ");
    if (stays)
      text += "Along the most likely path " + std::string(same_move ? observer_name + " plays " + out.path.front().move + " and " : "") +
              about + " stays at " + probability_in_words(out.prior) + ": " + (same_seen && !out.path.front().observed.empty() ? name + " plays " + out.path.front().observed + " whatever its type" : std::string("play reveals nothing about it"));
    else if (same_seen && !out.path.front().observed.empty())
      text += "As long as " + name + " plays " + out.path.front().observed + ", " + observer_name + " " +
              (same_move ? "plays " + out.path.front().move + " and " : "") + about + moves + ": " +
              probability_in_words(out.prior) + " at the start";
    else
      text += "Along the most likely path " + std::string(same_move ? observer_name + " plays " + out.path.front().move + " and " : "") +
              about + moves + ": " + probability_in_words(out.prior) + " at the start";
    const char* ordinal[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"};
    for (const BeliefStep& s : out.path) {
      if (stays) break;
      std::string when = "after round " + std::to_string(s.round);
      if (same_seen && !s.observed.empty() && out.path.size() == 1)
        when = "after " + s.observed;
      else if (same_seen && !s.observed.empty() && s.round <= 10)
        when = "after the " + std::string(ordinal[s.round - 1]) + (s.round == 1 ? " " + s.observed : "");
      else if (!s.observed.empty()) when += " (" + s.observed + ")";
      text += ", " + probability_in_words(s.belief) + " " + when;
      if (!same_move) text += " (" + observer_name + " plays " + s.move + ")";
    }
    text += ".";
    if (out.has_threat && !threat_equal) {
      text += " Its belief that the threat will be carried out: " + probability_in_words(out.threat_probability) +
              " at the start";
      for (const BeliefStep& s : out.path) text += ", " + probability_in_words(s.threat) + " after round " + std::to_string(s.round);
      text += ".";
    }
    if (!out.when_carried_out.empty())
      text += " Once the threat is carried out, " + observer_name + " plays " + out.when_carried_out + ".";
  }
  if (out.equilibria > 1)
    text += " (The first of " + std::to_string(out.equilibria) + " pure equilibria found; they agree on the payoffs" +
            std::string(std::all_of(analysis.result.equilibria.begin(), analysis.result.equilibria.end(),
                                    [&](const TreeEquilibrium& e) {
                                      for (std::size_t p = 0; p < e.payoffs.size(); ++p)
                                        if (std::abs(e.payoffs[p] - eq.payoffs[p]) > 1e-9 * (1 + std::abs(eq.payoffs[p])))
                                          return false;
                                      return true;
                                    })
                            ? ""
                            : " only in part: see Credibility and beliefs") +
            ".)";
  out.text = text;
  return out;
}

// Why the types model and the complete-information prediction (`reference`:
// the threat player's setting there) disagree about the threat, or "".
std::string types_contradiction(const Scenario& scenario, const BeliefAnalysis& analysis, const TypesPrediction& types,
                                const std::vector<std::size_t>& step_infosets, const LeverSetting& reference,
                                const std::string& reference_name) {
  if (!types.has_threat || analysis.result.equilibria.empty() || reference.empty()) return "";
  const RepeatedTargetSetting& t = *scenario.sequence.threat;
  if (t.player != types.player || t.lever >= reference.size()) return "";
  const bool carried = reference[t.lever] == t.value;
  if (carried ? types.threat_probability >= 1 - 1e-12 : types.threat_probability <= 1e-12) return "";
  const SequenceTree& tree = analysis.tree;
  const TreeEquilibrium& eq = analysis.result.equilibria.front();
  // The type that departs most from the reference, at its first decision
  // (most likely first) where it departs.
  std::size_t type = 0;
  for (std::size_t k = 1; k < types.threat_by_type.size(); ++k)
    if (carried ? types.threat_by_type[k] < types.threat_by_type[type] : types.threat_by_type[k] > types.threat_by_type[type])
      type = k;
  std::size_t at = kNone;
  for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
    const SequenceInfoSet& info = tree.infosets[h];
    if (info.player != types.player || eq.assessment[h].reach <= 0 || own_type(tree, h) != type) continue;
    if (static_cast<bool>(analysis.threat_action[h][eq.actions[h]]) == carried) continue;
    if (at == kNone || std::tie(info.round, info.step) < std::tie(tree.infosets[at].round, tree.infosets[at].step) ||
        (std::tie(info.round, info.step) == std::tie(tree.infosets[at].round, tree.infosets[at].step) &&
         eq.assessment[h].reach > eq.assessment[at].reach))
      at = h;
  }
  if (at == kNone) return "";
  const InfoSetAssessment& a = eq.assessment[at];
  std::size_t other = kNone;  // the best action of the other kind (carrying out the threat or not)
  for (std::size_t k = 0; k < a.action_values.size(); ++k)
    if (static_cast<bool>(analysis.threat_action[at][k]) == carried && (other == kNone || a.action_values[k] > a.action_values[other]))
      other = k;
  if (other == kNone) return "";
  const std::string& name = scenario.players[types.player].name;
  const std::string& label = tree.prior.labels[types.player][type];
  std::string out = reference_name + " has " + name + (carried ? " carry out " : " not carry out ") + "the threat (" +
                    types.threat + "), but with private types a " + label + " " + name + " (prior " +
                    probability_in_words(tree.prior.marginal(types.player, type)) + ") expects " +
                    format_number(a.action_values[eq.actions[at]], 4) + " from " +
                    sequence_action_in_words(scenario, tree, at, eq.actions[at]) + " in round " +
                    std::to_string(tree.infosets[at].round) + " against " + format_number(a.action_values[other], 4) +
                    " from " + sequence_action_in_words(scenario, tree, at, other);
  // The observer's answer on the most likely line.
  if (!step_infosets.empty()) {
    const std::size_t h = step_infosets.front();
    const InfoSetAssessment& o = eq.assessment[h];
    std::size_t alt = kNone;
    for (std::size_t k = 0; k < o.action_values.size(); ++k)
      if (k != eq.actions[h] && (alt == kNone || o.action_values[k] > o.action_values[alt])) alt = k;
    if (alt != kNone)
      out += "; then " + scenario.players[types.observer].name + ", believing " + name + " is " +
             tree.prior.labels[types.player][types.type] + " with probability " +
             probability_in_words(types.path.front().belief) + ", expects " +
             format_number(o.action_values[eq.actions[h]], 4) + " from " +
             sequence_action_in_words(scenario, tree, h, eq.actions[h]) + " against " +
             format_number(o.action_values[alt], 4) + " from " + sequence_action_in_words(scenario, tree, h, alt);
  }
  return out + " (expected payoffs of the `sequence:` block in the equilibrium, its later play fixed).";
}

}  // namespace

std::string profile_setting_in_words(const Scenario& scenario, const ProfileSetting& profile) {
  std::string out;
  for (std::size_t p = 0; p < profile.size(); ++p) {
    if (profile[p].empty()) continue;
    out += (out.empty() ? "" : "; ") + scenario.players[p].name + " " + setting_in_words(scenario.players[p], profile[p]);
  }
  return out;
}

std::vector<std::string> predicted_outcome_in_words(const Scenario& scenario, const PredictedOutcome& outcome) {
  std::vector<std::string> lines;
  if (outcome.has_types) lines.push_back("with private types: " + types_outcome_in_words(scenario, outcome));
  if (outcome.has_sequential)
    lines.push_back("subgame-perfect path: " +
                    (!outcome.sequential_found ? std::string("none verified")
                                               : profile_setting_in_words(scenario, outcome.sequential_path) +
                                                     (outcome.sequential_pure ? "" : " (randomises on the path)")));
  lines.push_back("one-shot game: " + one_shot_in_words(scenario, outcome.one_shot));
  if (outcome.has_repeated)
    lines.push_back(std::string("target deal: ") + (outcome.self_enforcing ? "self-enforcing" : "not self-enforcing"));
  if (outcome.has_bargaining) lines.push_back("bargaining: " + bargaining_outcome_in_words(outcome));
  return lines;
}

std::string outcome_change_in_words(const Scenario& scenario, const PredictedOutcome& current,
                                    const PredictedOutcome& other) {
  std::vector<std::string> parts;
  for (OutcomeConcept c : changed_concepts(current, other)) {
    switch (c) {
      case OutcomeConcept::kSequential: {
        if (!other.sequential_found) {
          parts.push_back("the sequential game has no verified subgame-perfect equilibrium");
          break;
        }
        std::string change;
        for (std::size_t p = 0; p < other.sequential_path.size(); ++p) {
          const LeverSetting& now = other.sequential_path[p];
          const LeverSetting was = p < current.sequential_path.size() ? current.sequential_path[p] : LeverSetting{};
          std::string words;
          if (now.empty()) words = "randomises";
          else if (was.empty()) words = setting_in_words(scenario.players[p], now);
          else words = setting_change(scenario.players[p], was, now, "was");
          if (!words.empty()) change += (change.empty() ? "" : "; ") + scenario.players[p].name + " " + words;
        }
        parts.push_back("on the subgame-perfect path " + (change.empty() ? std::string("play changes") : change));
        break;
      }
      case OutcomeConcept::kOneShot:
        parts.push_back("the one-shot game has " + one_shot_in_words(scenario, other.one_shot) + " (was " +
                        (current.one_shot.size() == 1 ? profile_setting_in_words(scenario, current.one_shot.front())
                                                      : std::to_string(current.one_shot.size())) +
                        ")");
        break;
      case OutcomeConcept::kRepeated:
        parts.push_back(other.self_enforcing ? "the target deal becomes self-enforcing"
                                             : "the target deal is no longer self-enforcing");
        break;
      case OutcomeConcept::kBargaining:
        parts.push_back("bargaining ends in " + bargaining_outcome_in_words(other) + " (was " +
                        bargaining_outcome_in_words(current) + ")");
        break;
      case OutcomeConcept::kTypes:
        parts.push_back("with private types " + (other.types_found && !current.types_found
                                                     ? types_outcome_in_words(scenario, other) + " (was: none found)"
                                                     : types_outcome_in_words(scenario, other, &current)));
        break;
    }
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; and " : "") + parts[i];
  return out;
}

std::string mixed_action_in_words(const Scenario& scenario, const ScenarioGame& built, std::size_t player,
                                  const std::vector<double>& probs) {
  std::string out;
  for (std::size_t a = 0; a < probs.size(); ++a) {
    if (probs[a] <= 0.0) continue;
    out += (out.empty() ? "" : "; or ") + action_in_words(scenario, built, player, a);
    if (probs[a] < 1.0) out += " (" + format_number(100.0 * probs[a], 3) + "%)";
  }
  return out;
}

std::string type_contingent_in_words(const Scenario& scenario, const TypeAgentGame& g, const Equilibrium& eq,
                                     std::size_t player) {
  const ScenarioGame& built = g.per_type.front();
  auto type_words = [&](std::size_t agent) {
    std::string t = type_label(g.prior, player, g.agents[agent].type);
    std::replace(t.begin(), t.end(), '_', ' ');
    return t;
  };
  std::vector<std::size_t> agents;
  for (std::size_t a = 0; a < g.agents.size(); ++a)
    if (g.agents[a].player == player) agents.push_back(a);
  std::vector<std::string> moves;
  for (std::size_t a : agents) moves.push_back(mixed_action_in_words(scenario, built, player, eq.profile[a]));
  if (agents.size() == 1)
    return moves.front() + (g.prior.labels[player].empty() ? "" : " (" + type_words(agents.front()) + ")");
  if (std::all_of(moves.begin(), moves.end(), [&](const std::string& m) { return m == moves.front(); }))
    return moves.front() + " whatever its type";
  std::string out;
  for (std::size_t i = 0; i < agents.size(); ++i) out += (i ? ", " : "") + moves[i] + " if " + type_words(agents[i]);
  return out;
}

SelfEnforcement self_enforcement(const Scenario& scenario, const ScenarioGame& built, const RepeatedAnalysis& repeated) {
  const std::size_t players = scenario.players.size();
  const SustainabilityReport& s = repeated.sustainability;
  const RepeatedGameSpec& spec = repeated.spec.spec;
  SelfEnforcement se;
  for (std::size_t p = 0; p < players; ++p)
    se.target += (p ? "; " : "") + scenario.players[p].name + " " + action_in_words(scenario, built, p, spec.target[p]);
  se.discount = s.discount;
  se.discount_parameter = spec.discount_parameter;
  se.holds = target_self_enforcing(s);
  se.from = self_enforcing_from(s);
  const bool own = !std::isnan(s.own_punishment_threshold) && se.from == s.own_punishment_threshold;
  se.from_exact = own ? s.own_punishment_threshold_exact : s.critical_discount_exact;
  se.punishment = own ? "each deviation answered by the deviator's own worst stage equilibrium"
                      : "grim trigger: every deviation answered by the common punishment";
  const std::string at = "discount factor " + format_number(se.discount, 6) +
                         (se.discount_parameter.empty() ? "" : " (" + se.discount_parameter + ")");
  const std::string from = std::isnan(se.from) ? "" : (se.from_exact.empty() ? format_number(se.from, 4)
                                                                               : se.from_exact + " (" + format_number(se.from, 4) + ")");
  if (std::isnan(se.from))
    se.text = "The target deal is not self-enforcing at any discount factor (Nash reversion cannot sustain it).";
  else if (se.holds)
    se.text = "The target deal is self-enforcing at " + at + ": it holds from a discount factor of " + from + " (" +
              se.punishment + ").";
  else
    se.text = "The target deal is not self-enforcing at " + at + ": it needs a discount factor of at least " + from +
              " (" + se.punishment + ").";
  return se;
}

BottomLine make_bottom_line(const Scenario& scenario, const ScenarioGame& built, const ScenarioAnalysis& analysis,
                            const TippingPointResult* tipping) {
  BottomLine line;
  line.payoff_unit = scenario_payoff_unit(scenario);
  const std::size_t players = scenario.players.size();
  const NormalFormGame& stage_game = built.game;
  const PredictedOutcome outcome = predicted_outcome(scenario, built, analysis);

  // Predictions, most relevant first.
  const SubgamePerfectEquilibrium* spe = nullptr;
  if (analysis.sequential) {
    const SequentialAnalysis& seq = *analysis.sequential;
    ConceptPrediction c;
    c.concept_id = OutcomeConcept::kSequential;
    std::string order;
    for (std::size_t k = 0; k < seq.timeline.stages.size(); ++k) {
      order += k ? ", then " : "";
      for (std::size_t i = 0; i < seq.timeline.stages[k].size(); ++i)
        order += (i ? " and " : "") + scenario.players[seq.timeline.stages[k][i]].name;
    }
    c.title = "Sequential game (" + order + ")";
    if (seq.result.equilibria.empty()) {
      c.text = "no verified subgame-perfect equilibrium";
    } else {
      spe = &seq.result.equilibria.front();
      for (std::size_t s = 0; s < spe->path.size(); ++s)
        c.text += (s ? "; then " : "") + path_step_in_words(scenario, built, seq.timeline.game, spe->path[s]);
      if (seq.result.equilibria.size() > 1)
        c.text += " (the first of " + std::to_string(seq.result.equilibria.size()) + " subgame-perfect equilibria)";
      c.payoffs = spe->payoffs;
    }
    line.predictions.push_back(std::move(c));
  }
  {
    ConceptPrediction c;
    c.concept_id = OutcomeConcept::kOneShot;
    c.title = "One-shot game (all move at once)";
    c.text = one_shot_in_words(scenario, outcome.one_shot);
    if (!analysis.pure.complete) c.text += " (list cut short)";
    if (analysis.pure.equilibria.empty() && analysis.mixed && !analysis.mixed->equilibria.empty())
      c.text += "; " + std::to_string(analysis.mixed->equilibria.size()) + " mixed equilibri" +
                (analysis.mixed->equilibria.size() == 1 ? "um" : "a") + " found (below), in which players randomise";
    if (analysis.pure.equilibria.size() == 1) c.payoffs = analysis.pure.equilibria.front().payoffs;
    line.predictions.push_back(std::move(c));
  }
  if (analysis.bargaining) {
    ConceptPrediction c;
    c.concept_id = OutcomeConcept::kBargaining;
    c.title = "Bargaining (alternating offers)";
    c.text = bargaining_outcome_in_words(outcome);
    c.payoffs = analysis.bargaining->offers.payoffs;
    line.predictions.push_back(std::move(c));
  }

  // The types model, first: it says whether the threat is believed.
  std::vector<std::size_t> belief_steps;
  if (analysis.beliefs) line.types = types_prediction(scenario, *analysis.beliefs, belief_steps);
  if (line.types) {
    const TypesPrediction& t = *line.types;
    ConceptPrediction c;
    c.concept_id = OutcomeConcept::kTypes;
    const std::vector<std::string>& labels = analysis.beliefs->tree.prior.labels[t.player];
    std::string types_words;
    for (std::size_t k = 0; k < labels.size(); ++k)
      types_words += (k ? ", " : "") + labels[k] + " " +
                     format_number(analysis.beliefs->tree.prior.marginal(t.player, k), 3);
    const std::size_t rounds = analysis.beliefs->tree.rounds;
    c.title = "With private types (" + scenario.players[t.player].name + " is " + types_words + ", known only to it; " +
              std::to_string(rounds) + " round" + (rounds == 1 ? "" : "s") + "), " +
              (t.kind == "sequential" ? "sequential equilibrium"
               : t.kind == "weak PBE" ? "weak perfect Bayesian equilibrium"
                                      : "perfect Bayesian equilibrium");
    c.text = t.text;
    c.payoffs = t.payoffs;
    line.predictions.insert(line.predictions.begin(), std::move(c));
  }

  // Types read by the payoffs: the first Bayesian Nash equilibrium in words.
  if (analysis.bayesian) {
    const BayesianAnalysis& b = *analysis.bayesian;
    BayesianPrediction bp;
    bp.pure_equilibria = b.pure.equilibria.size();
    bp.mixed_equilibria = b.mixed ? b.mixed->equilibria.size() : 0;
    bp.title = "Moving at once, each player knowing only its own type (Bayesian Nash equilibrium)";
    const Equilibrium* first = !b.pure.equilibria.empty() ? &b.pure.equilibria.front()
                               : bp.mixed_equilibria > 0  ? &b.mixed->equilibria.front()
                                                          : nullptr;
    if (!first) {
      bp.text = "none found.";
    } else {
      for (std::size_t p = 0; p < players; ++p)
        bp.text += (p ? "; " : "") + scenario.players[p].name + " plays " +
                   type_contingent_in_words(scenario, b.game, *first, p);
      const std::size_t total = bp.pure_equilibria + bp.mixed_equilibria;
      bp.text += total > 1 ? " (the first of " + std::to_string(total) + " Bayesian equilibria: see below)." : ".";
    }
    line.bayesian = std::move(bp);
  }

  // The target deal of the repeated block.
  if (analysis.repeated) line.self_enforcing = self_enforcement(scenario, built, *analysis.repeated);

  // Contradictions and the deviation table, from the subgame-perfect path.
  if (spe && spe->pure && analysis.sequential) {
    const MultiStageGame& game = analysis.sequential->timeline.game;
    std::vector<std::optional<std::size_t>> on_path(players);
    path_actions(game, spe->path, on_path);
    std::vector<bool> explained(players, false);
    // (a) dominance removes a move the path plays.
    if (analysis.dominance) {
      for (const DominanceStep& step : analysis.dominance->steps) {
        const std::size_t p = step.player;
        if (!on_path[p] || *on_path[p] != step.action || explained[p]) continue;
        // The dominator's main action (all of it when pure).
        const auto main = std::max_element(step.dominator.begin(), step.dominator.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
        const Threat* t = find_threat(*spe, p, main->first);
        if (!t) continue;
        const ScenarioPlayer& player = scenario.players[p];
        const std::string alternative =
            setting_change(player, lever_setting(built, p, step.action), lever_setting(built, p, main->first));
        const std::string response = response_in_words(scenario, built, game, *spe, *t);
        Contradiction c;
        c.first = OutcomeConcept::kOneShot;
        c.second = OutcomeConcept::kSequential;
        c.player = p;
        // A removal in a later round rests on earlier ones: when those removed
        // another player's path move, the dominance holds only against moves
        // the path does not play, and that is the explanation.
        std::string earlier;
        for (const DominanceStep& before : analysis.dominance->steps)
          if (before.round < step.round && before.player != p && on_path[before.player] &&
              *on_path[before.player] == before.action)
            earlier += (earlier.empty() ? "" : "; ") + scenario.players[before.player].name + " " +
                       action_in_words(scenario, built, before.player, before.action);
        const std::string leaving = ", leaving " + player.name + " " + format_number(t->payoffs[p], 4) +
                                    " instead of " + format_number(spe->payoffs[p], 4) + ".";
        if (!earlier.empty()) {
          c.text = "Dominance also removes " + player.name + "'s " + action_in_words(scenario, built, p, step.action) +
                   " (round " + std::to_string(step.round) + "), but only once it has removed moves the path plays (" +
                   earlier + "); against them, " + alternative +
                   (response.empty() ? std::string("") : ", answered by " + response) + " would leave " +
                   player.name + " " + format_number(t->payoffs[p], 4) + " instead of " +
                   format_number(spe->payoffs[p], 4) + ".";
        } else {
          c.text = "Dominance says " + player.name + " never plays " + action_in_words(scenario, built, p, step.action) +
                   ", yet the subgame-perfect path does: in the one-shot game " + alternative + " pays " + player.name +
                   " at least " + format_number(step.margin, 4) + " more " +
                   (step.round > 1 ? "against every move the others have left after round " + std::to_string(step.round - 1)
                                   : std::string("whatever the others do")) +
                   (step.dominator.size() > 1 ? " (mixed with other moves)" : "") + ", but in the sequential game " +
                   (response.empty() ? std::string("it changes no later move") : "it is answered by " + response) +
                   leaving;
        }
        line.contradictions.push_back(std::move(c));
        explained[p] = true;
      }
    }
    // (b) the path is not an equilibrium of the one-shot game.
    bool full = true;
    for (const auto& a : on_path) full = full && a.has_value();
    if (full) {
      std::vector<std::size_t> profile(players);
      for (std::size_t p = 0; p < players; ++p) profile[p] = *on_path[p];
      // A gain counts above each player's regret tolerance (equilibrium.hpp).
      const std::vector<double> tols = regret_tolerances(stage_game);
      double best_gain = 0;
      std::optional<std::pair<std::size_t, std::size_t>> best;
      for (std::size_t p = 0; p < players; ++p) {
        const double here = stage_game.payoff(p, stage_game.profile_index(profile));
        std::vector<std::size_t> alt = profile;
        for (std::size_t a = 0; a < stage_game.num_actions(p); ++a) {
          if (a == profile[p]) continue;
          alt[p] = a;
          const double gain = stage_game.payoff(p, stage_game.profile_index(alt)) - here;
          if (gain > tols[p] && gain > best_gain) best_gain = gain, best = std::make_pair(p, a);
        }
      }
      if (best && !explained[best->first]) {
        const auto [p, a] = *best;
        const Threat* t = find_threat(*spe, p, a);
        const ScenarioPlayer& player = scenario.players[p];
        Contradiction c;
        c.first = OutcomeConcept::kOneShot;
        c.second = OutcomeConcept::kSequential;
        c.player = p;
        c.text = "The subgame-perfect path is not an equilibrium of the one-shot game: there " + player.name +
                 " would gain " + format_number(best_gain, 4) + " by " +
                 setting_change(player, lever_setting(built, p, profile[p]), lever_setting(built, p, a)) +
                 " with the others' moves fixed";
        if (t) {
          const std::string response = response_in_words(scenario, built, game, *spe, *t);
          c.text += ", but in the sequential game " +
                    (response.empty() ? std::string("nothing later changes") : "it is answered by " + response) +
                    ", leaving " + player.name + " " + format_number(t->payoffs[p], 4) + " instead of " +
                    format_number(spe->payoffs[p], 4);
        }
        c.text += ".";
        line.contradictions.push_back(std::move(c));
      }
    }
    // Deviations: each player's threat closest to paying off.
    for (std::size_t p = 0; p < players; ++p) {
      const Threat* best_threat = nullptr;
      for (const Threat& t : spe->threats)
        if (t.player == p && (!best_threat || t.deviation_gain > best_threat->deviation_gain)) best_threat = &t;
      if (!best_threat || !on_path[p]) continue;
      DeviationRow row;
      row.player = p;
      row.sequential = true;
      row.on_path = action_in_words(scenario, built, p, *on_path[p]);
      row.alternative = setting_change(scenario.players[p], lever_setting(built, p, *on_path[p]),
                                       lever_setting(built, p, best_threat->action));
      row.response = response_in_words(scenario, built, game, *spe, *best_threat);
      row.payoff = spe->payoffs[p];
      row.deviation_payoff = best_threat->payoffs[p];
      row.gain = best_threat->deviation_gain;
      line.deviations.push_back(std::move(row));
    }
  } else if (!analysis.pure.equilibria.empty()) {
    // No path: the first pure equilibrium of the one-shot game.
    const Equilibrium& eq = analysis.pure.equilibria.front();
    std::vector<std::size_t> profile;
    for (const auto& row : eq.profile)
      profile.push_back(static_cast<std::size_t>(std::max_element(row.begin(), row.end()) - row.begin()));
    for (std::size_t p = 0; p < players; ++p) {
      std::vector<std::size_t> alt = profile;
      std::optional<std::size_t> best;
      double best_payoff = -std::numeric_limits<double>::infinity();
      for (std::size_t a = 0; a < stage_game.num_actions(p); ++a) {
        if (a == profile[p]) continue;
        alt[p] = a;
        const double v = stage_game.payoff(p, stage_game.profile_index(alt));
        if (v > best_payoff) best_payoff = v, best = a;
      }
      if (!best) continue;
      DeviationRow row;
      row.player = p;
      row.on_path = action_in_words(scenario, built, p, profile[p]);
      row.alternative = setting_change(scenario.players[p], lever_setting(built, p, profile[p]),
                                       lever_setting(built, p, *best));
      row.payoff = eq.payoffs[p];
      row.deviation_payoff = best_payoff;
      row.gain = best_payoff - eq.payoffs[p];
      line.deviations.push_back(std::move(row));
    }
  }

  // The types model against the complete-information prediction.
  if (line.types) {
    const std::size_t p = line.types->player;
    const bool sequential = outcome.has_sequential && outcome.sequential_found;
    const LeverSetting reference = sequential                  ? outcome.sequential_path[p]
                                   : !outcome.one_shot.empty() ? outcome.one_shot.front()[p]
                                                               : LeverSetting{};
    const std::string text = types_contradiction(
        scenario, *analysis.beliefs, *line.types, belief_steps, reference,
        sequential ? "The sequential game (complete information, the timeline's payoffs)"
                   : "The one-shot game (its first pure equilibrium)");
    if (!text.empty()) {
      Contradiction c;
      c.first = sequential ? OutcomeConcept::kSequential : OutcomeConcept::kOneShot;
      c.second = OutcomeConcept::kTypes;
      c.player = p;
      c.text = text;
      line.contradictions.push_back(std::move(c));
    }
  }

  if (analysis.dominance) line.dominance = summarize_dominance(scenario, built, *analysis.dominance);

  if (tipping) {
    line.tipping = *tipping;
    struct Candidate {
      double distance;
      std::string parameter, text;
    };
    std::vector<Candidate> found;
    for (const TippingPoint& point : tipping->points) {
      if (point.below.found)
        found.push_back({relative_distance(point, point.below), point.parameter,
                         tipping_side_text(scenario, tipping->current, point, point.below, false)});
      if (point.above.found)
        found.push_back({relative_distance(point, point.above), point.parameter,
                         tipping_side_text(scenario, tipping->current, point, point.above, true)});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Candidate& a, const Candidate& b) { return a.distance < b.distance; });
    for (Candidate& c : found) line.tipping_lines.push_back({c.parameter, std::move(c.text)});
  }
  return line;
}

std::string bottom_line_text(const Scenario& scenario, const BottomLine& line) {
  std::ostringstream out;
  const std::string unit = line.payoff_unit.empty() ? "" : " (" + line.payoff_unit + ")";
  out << "\nBottom line\n";
  for (const ConceptPrediction& c : line.predictions) {
    out << "  " << c.title << ": " << c.text << "\n";
    if (!c.payoffs.empty()) out << "    payoffs" << unit << ": " << payoffs_text(scenario, c.payoffs) << "\n";
  }
  if (line.bayesian) out << "  " << line.bayesian->title << ": " << line.bayesian->text << "\n";
  if (line.self_enforcing) out << "  " << line.self_enforcing->text << "\n";
  for (const Contradiction& c : line.contradictions) out << "  Why the concepts differ: " << c.text << "\n";
  if (line.tipping) {
    const std::size_t shown = std::min<std::size_t>(3, line.tipping_lines.size());
    if (line.tipping_lines.empty()) {
      out << "  Tipping points: the prediction does not change within any searched parameter range\n";
    } else {
      out << "  Nearest tipping points (" << line.tipping_lines.size() << " in all: see Tipping points below):\n";
      for (std::size_t i = 0; i < shown; ++i) out << "    - " << line.tipping_lines[i].text << "\n";
    }
  }
  return out.str();
}

std::string deviation_table_text(const Scenario& scenario, const BottomLine& line) {
  if (line.deviations.empty()) return "";
  std::ostringstream out;
  const bool sequential = line.deviations.front().sequential;
  out << "\nThe deviation that matters for each player (its alternative closest to paying off"
      << (sequential ? ", and what would follow on the subgame-perfect path" : ", others' moves fixed, at the first "
                                                                               "pure equilibrium")
      << "):\n";
  for (const DeviationRow& row : line.deviations) {
    out << "  " << scenario.players[row.player].name << ": " << row.alternative;
    if (!row.response.empty()) out << "; then " << row.response;
    out << ": " << format_number(row.deviation_payoff, 4) << " instead of " << format_number(row.payoff, 4);
    const double loss = row.payoff - row.deviation_payoff;
    out << (loss > 0 ? " (" + format_number(loss, 4) + " less)" : loss < 0 ? " (" + format_number(-loss, 4) + " more)"
                                                                          : " (indifferent)")
        << "\n";
  }
  return out.str();
}

std::string dominance_summary_text(const BottomLine& line) {
  if (!line.dominance) return "";
  const DominanceSummary& d = *line.dominance;
  std::ostringstream out;
  out << "\nMoves no player would make (iterated strict dominance, " << d.steps << " removed; the list: --verbose):\n";
  if (d.blocks.empty()) out << "  none: no move is strictly dominated\n";
  for (const DominanceBlock& b : d.blocks) {
    out << "  " << b.text << " (" << b.removed << (b.removed == 1 ? " move" : " moves") << ", round";
    out << (b.rounds.size() > 1 ? "s " : " ");
    for (std::size_t i = 0; i < b.rounds.size(); ++i) out << (i ? " and " : "") << b.rounds[i];
    out << ")\n";
  }
  return out.str();
}

std::string tipping_points_text(const Scenario& scenario, const TippingPointResult& tipping) {
  std::ostringstream out;
  out << "\nTipping points: the nearest value below and above each parameter's current one where the prediction\n"
         "changes (bisection over fresh analyses, " << tipping.analyses
      << " in all; searched: a parameter's declared range, else 0 to twice its value)\n";
  auto window = [](const TippingSide& side) { return format_number(side.window_end, 6); };
  std::string unchanged;
  for (const TippingPoint& point : tipping.points) {
    if (!point.below.found && !point.above.found) {
      unchanged += (unchanged.empty() ? "" : ", ") + point.parameter + " (" + window(point.below) + " to " +
                   window(point.above) + ")";
      continue;
    }
    for (const bool above : {false, true}) {
      const TippingSide& side = above ? point.above : point.below;
      const TippingSide& other = above ? point.below : point.above;
      if (!side.found) continue;
      out << "  - " << tipping_side_text(scenario, tipping.current, point, side, above);
      if (!other.found && other.window_end != point.value)
        out << " [no change " << (above ? "below, down to " : "above, up to ") << window(other) << "]";
      out << "\n";
    }
  }
  if (!unchanged.empty()) out << "  No change within the searched range: " << unchanged << "\n";
  for (const TippingPoint& point : tipping.points)
    for (const TippingSide* side : {&point.below, &point.above})
      if (!side->window_note.empty())
        out << "  Note: " << point.parameter << " searched only to " << window(*side)
            << ": the scenario cannot be analysed further (" << side->window_note << ")\n";
  return out.str();
}

nlohmann::json tipping_points_json(const Scenario& scenario, const TippingPointResult& tipping) {
  auto side_json = [&](const TippingPoint& point, const TippingSide& side, bool above) {
    nlohmann::json out{{"window_end", side.window_end}, {"found", side.found}};
    if (!side.window_note.empty()) out["window_note"] = side.window_note;
    if (side.found) {
      nlohmann::json changed = nlohmann::json::array();
      for (OutcomeConcept c : side.changed) changed.push_back(to_string(c));
      out["inside"] = side.inside;
      out["outside"] = side.outside;
      out["value"] = std::strtod(tipping_value_text(point, side).c_str(), nullptr);
      out["changed"] = changed;
      out["text"] = tipping_side_text(scenario, tipping.current, point, side, above);
    }
    return out;
  };
  nlohmann::json points = nlohmann::json::array();
  for (const TippingPoint& point : tipping.points)
    points.push_back({{"parameter", point.parameter},
                      {"unit", point.unit},
                      {"value", point.value},
                      {"range", {point.window.low, point.window.high}},
                      {"declared_range", point.window.declared},
                      {"integer", point.integer},
                      {"watches_types", point.watches_types},
                      {"below", side_json(point, point.below, false)},
                      {"above", side_json(point, point.above, true)},
                      {"analyses", point.analyses}});
  return {{"analyses", tipping.analyses}, {"points", points}};
}

nlohmann::json bottom_line_json(const Scenario& scenario, const BottomLine& line) {
  nlohmann::json predictions = nlohmann::json::array();
  for (const ConceptPrediction& c : line.predictions)
    predictions.push_back({{"concept", to_string(c.concept_id)}, {"title", c.title}, {"text", c.text},
                           {"payoffs", c.payoffs}});
  nlohmann::json out{{"predictions", predictions}};
  if (line.bayesian)
    out["bayesian"] = {{"title", line.bayesian->title},
                       {"text", line.bayesian->text},
                       {"pure_equilibria", line.bayesian->pure_equilibria},
                       {"mixed_equilibria", line.bayesian->mixed_equilibria}};
  if (line.self_enforcing) {
    const SelfEnforcement& se = *line.self_enforcing;
    out["self_enforcing"] = {{"target", se.target},
                             {"discount", se.discount},
                             {"discount_parameter", se.discount_parameter},
                             {"holds", se.holds},
                             {"from", std::isnan(se.from) ? nlohmann::json(nullptr) : nlohmann::json(se.from)},
                             {"from_exact", se.from_exact},
                             {"punishment", se.punishment},
                             {"text", se.text}};
  }
  if (line.types) {
    const TypesPrediction& t = *line.types;
    nlohmann::json path = nlohmann::json::array();
    for (const BeliefStep& step : t.path) {
      nlohmann::json item{{"round", step.round}, {"observed", step.observed}, {"belief", step.belief},
                          {"reach", step.reach}, {"move", step.move}};
      if (t.has_threat) item["threat_belief"] = step.threat;
      path.push_back(item);
    }
    nlohmann::json types{{"player", scenario.players[t.player].id},
                         {"type", t.type_label},
                         {"prior", t.prior},
                         {"observer", scenario.players[t.observer].id},
                         {"kind", t.kind},
                         {"equilibria", t.equilibria},
                         {"belief_path", path},
                         {"payoffs", t.payoffs},
                         {"text", t.text}};
    if (t.has_threat) {
      nlohmann::json by_type = nlohmann::json::object();
      for (std::size_t k = 0; k < t.threat_by_type.size(); ++k)
        by_type[t.labels[k]] = t.threat_by_type[k];
      types["threat"] = {{"text", t.threat},
                         {"by_type", by_type},
                         {"probability", t.threat_probability},
                         {"credible", t.threat_probability > 0},
                         {"when_carried_out", t.when_carried_out}};
    }
    out["types"] = types;
  }
  nlohmann::json contradictions = nlohmann::json::array();
  for (const Contradiction& c : line.contradictions)
    contradictions.push_back({{"between", {to_string(c.first), to_string(c.second)}},
                              {"player", scenario.players[c.player].id},
                              {"text", c.text}});
  out["contradictions"] = contradictions;
  nlohmann::json deviations = nlohmann::json::array();
  for (const DeviationRow& r : line.deviations)
    deviations.push_back({{"player", scenario.players[r.player].id},
                          {"on_path", r.on_path},
                          {"alternative", r.alternative},
                          {"response", r.response},
                          {"payoff", r.payoff},
                          {"deviation_payoff", r.deviation_payoff},
                          {"gain", r.gain},
                          {"sequential", r.sequential}});
  out["deviations"] = deviations;
  if (line.dominance) {
    nlohmann::json blocks = nlohmann::json::array();
    for (const DominanceBlock& b : line.dominance->blocks) {
      nlohmann::json values = nlohmann::json::object();
      const ScenarioPlayer& player = scenario.players[b.player];
      for (std::size_t l = 0; l < b.values.size(); ++l) {
        if (b.values[l].size() == player.levers[l].size()) continue;
        nlohmann::json labels = nlohmann::json::array();
        for (std::size_t v : b.values[l]) labels.push_back(player.levers[l].labels[v]);
        values[player.levers[l].id] = labels;
      }
      blocks.push_back({{"player", player.id}, {"never", values}, {"removed", b.removed},
                        {"rounds", b.rounds}, {"text", b.text}});
    }
    out["dominance_summary"] = {{"steps", line.dominance->steps}, {"blocks", blocks},
                                {"surviving", line.dominance->surviving}};
  }
  nlohmann::json lines = nlohmann::json::array();
  for (const TippingLine& t : line.tipping_lines) lines.push_back({{"parameter", t.parameter}, {"text", t.text}});
  if (line.tipping) out["tipping_lines"] = lines;
  return out;
}

}  // namespace negsim
