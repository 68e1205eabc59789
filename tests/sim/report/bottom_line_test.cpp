#include "sim/report/bottom_line.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"
#include "sim/report/solve_report.hpp"

using namespace negsim;

namespace {

Scenario shipped(const std::string& path) { return load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/" + path); }

AnalysisOptions without_mixed() {
  AnalysisOptions options;
  options.parts.mixed = options.parts.correlated = false;  // not read by the bottom line
  return options;
}

std::size_t action_labelled(const NormalFormGame& game, std::size_t player, const std::string& label) {
  const auto& labels = game.action_labels[player];
  const auto it = std::find(labels.begin(), labels.end(), label);
  REQUIRE(it != labels.end());
  return static_cast<std::size_t>(it - labels.begin());
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("bottom line of the TikTok scenario: the path first, the deal, and why dominance disagrees") {
  const Scenario s = shipped("scenarios/tiktok_2025.yaml");
  const ScenarioGame built = build_normal_form(s);
  const ScenarioAnalysis analysis = analyze_scenario(s, built, without_mixed());
  const BottomLine line = make_bottom_line(s, built, analysis);
  // With types, the types model comes first (its own test below).
  REQUIRE(line.predictions.size() == 4);
  CHECK(line.predictions[0].concept_id == OutcomeConcept::kTypes);
  CHECK(line.predictions[1].concept_id == OutcomeConcept::kSequential);
  CHECK(has(line.predictions[1].text, "United States tariff 30%, chips hold, deadline enforce"));
  CHECK(line.predictions[1].payoffs == analysis.sequential->result.equilibria.front().payoffs);
  CHECK(line.predictions[2].concept_id == OutcomeConcept::kOneShot);
  CHECK(has(line.predictions[2].text, "3 pure equilibria"));
  CHECK(line.predictions[3].concept_id == OutcomeConcept::kBargaining);

  // Self-enforcing: the smaller of the two Nash-reversion thresholds.
  REQUIRE(line.self_enforcing);
  const SustainabilityReport& sus = analysis.repeated->sustainability;
  CHECK(line.self_enforcing->holds);
  CHECK(line.self_enforcing->from == std::min(sus.critical_discount, sus.own_punishment_threshold));
  CHECK(line.self_enforcing->from <= 0.9);

  // Dominance removes holding chips, yet the path holds them: tightening
  // pays 1 more in the one-shot game but China answers it with rare-earth
  // controls. The U.S. payoff after that answer, from the stage game itself:
  const NormalFormGame& g = built.game;
  const std::size_t us_tighten = action_labelled(g, 0, "tariff=30,chips=tighten,deadline=enforce");
  const std::size_t china_restrict = action_labelled(g, 1, "farm=boycott,algorithm=license,rare_earths=restrict");
  const std::size_t bd_jv = action_labelled(g, 2, "divest=joint_venture");
  const std::vector<std::size_t> answered{us_tighten, china_restrict, bd_jv};
  const double after = g.payoff(0, g.profile_index(answered));
  REQUIRE_FALSE(line.contradictions.empty());
  const Contradiction& c = line.contradictions.front();
  CHECK(c.player == 0);
  CHECK(has(c.text, "chips tighten (instead of hold)"));
  CHECK(has(c.text, "China rare earths restrict (instead of ease)"));
  CHECK(has(c.text, "leaving United States " + format_number(after, 4) + " instead of 36"));

  // Deviations: one row per player, each the threat with the largest gain,
  // and none profitable.
  const SubgamePerfectEquilibrium& spe = analysis.sequential->result.equilibria.front();
  REQUIRE(line.deviations.size() == 3);
  for (const DeviationRow& row : line.deviations) {
    CAPTURE(row.player);
    double best = -INFINITY;
    for (const Threat& t : spe.threats)
      if (t.player == row.player) best = std::max(best, t.payoffs[row.player]);
    CHECK(row.deviation_payoff == best);
    CHECK(row.gain <= 1e-9);
    CHECK(row.sequential);
  }
  CHECK(has(bottom_line_text(s, line), "Bottom line\n  With private types (United States is committed 0.3"));
  CHECK(has(bottom_line_text(s, line), "\n  Sequential game (United States, then China, then ByteDance): "));
}

TEST_CASE("bottom line without a timeline: the one-shot equilibrium and its best deviations") {
  const Scenario s = shipped("scenarios/classic/prisoners_dilemma.yaml");
  const ScenarioGame built = build_normal_form(s);
  const BottomLine line = make_bottom_line(s, built, analyze_scenario(s, built, without_mixed()));
  REQUIRE(line.predictions.size() == 1);
  CHECK(line.predictions[0].text == "1 pure equilibrium: Row play defect; Column play defect");
  CHECK_FALSE(line.self_enforcing);
  CHECK(line.contradictions.empty());
  REQUIRE(line.deviations.size() == 2);
  CHECK(line.deviations[0].alternative == "play cooperate (instead of defect)");
  CHECK(line.deviations[0].gain == -1);  // S - P with S=0, P=1
}

namespace {

double parameter(const Scenario& s, const std::string& id) {
  for (const ScenarioParameter& p : s.parameters)
    if (p.id == id) return p.value;
  FAIL("no parameter " << id);
  return 0;
}

}  // namespace

TEST_CASE("bottom line of the TikTok scenario: the types model, its threat and the belief after each extension") {
  const Scenario s = shipped("scenarios/tiktok_2025.yaml");
  const ScenarioGame built = build_normal_form(s);
  AnalysisOptions options = without_mixed();
  options.parts.repeated = options.parts.bargaining = false;
  const ScenarioAnalysis analysis = analyze_scenario(s, built, options);
  const BottomLine line = make_bottom_line(s, built, analysis);
  REQUIRE(line.types);
  const TypesPrediction& t = *line.types;
  CHECK(s.players[t.player].id == "us");
  CHECK(s.players[t.observer].id == "bytedance");
  CHECK(t.type_label == "committed");
  // Known answer, by hand: a committed U.S. enforces at a ripe moment (and at
  // the last deadline), a bluffing one never; so after r extensions Bayes'
  // rule gives p q^r / (p q^r + 1 - p), q = P(unripe), for r < 4, then 0.
  const double p = parameter(s, "p_us_committed"), q = 1 - parameter(s, "ripe_probability");
  const std::size_t rounds = static_cast<std::size_t>(parameter(s, "extension_rounds"));
  CHECK(t.prior == doctest::Approx(p).epsilon(1e-12));
  REQUIRE(t.threat_by_type.size() == 2);
  CHECK(t.threat_by_type[0] == doctest::Approx(1).epsilon(1e-12));
  CHECK(t.threat_by_type[1] == doctest::Approx(0).epsilon(1e-12));
  CHECK(t.threat_probability == doctest::Approx(p).epsilon(1e-12));
  REQUIRE(t.path.size() == rounds);
  for (std::size_t r = 1; r <= rounds; ++r) {
    CAPTURE(r);
    const double committed = p * std::pow(q, static_cast<double>(r));
    const double expected = r < rounds ? committed / (committed + 1 - p) : 0.0;
    CHECK(t.path[r - 1].round == r);
    CHECK(t.path[r - 1].observed == "deadline extend");
    CHECK(t.path[r - 1].move == "divest refuse");
    CHECK(t.path[r - 1].belief == doctest::Approx(expected).epsilon(1e-12));
    // A committed U.S. enforces for sure later, so the two beliefs agree.
    CHECK(t.path[r - 1].threat == doctest::Approx(expected).epsilon(1e-12));
  }
  CHECK(t.when_carried_out == "divest joint venture");
  CHECK(has(line.predictions[0].text, "0.176 after the first deadline extend, 0.0968 after the second"));
  CHECK(has(line.predictions[0].text, "credible with probability 0.3 only"));
  CHECK(line.predictions[0].payoffs == analysis.beliefs->result.equilibria.front().payoffs);
  // The sequential game enforces the deadline; the types model only in part:
  // one sentence says why, with the bluffing type's expected values.
  const auto why = std::find_if(line.contradictions.begin(), line.contradictions.end(),
                                [](const Contradiction& c) { return c.second == OutcomeConcept::kTypes; });
  REQUIRE(why != line.contradictions.end());
  CHECK(why->first == OutcomeConcept::kSequential);
  CHECK(has(why->text, "a bluffing United States (prior 0.7) expects"));
  CHECK(has(why->text, "from deadline extend in round 1 against"));
  // In JSON too.
  const nlohmann::json j = bottom_line_json(s, line);
  REQUIRE(j.contains("types"));
  CHECK(j["types"]["belief_path"].size() == rounds);
}
