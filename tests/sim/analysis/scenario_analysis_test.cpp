#include "sim/analysis/scenario_analysis.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "sim/sweep/scenario_sweep_analyses.hpp"
#include "sim/sweep/sweep_analysis.hpp"
#include "tests/support/limits.hpp"
#include "tests/support/run_command.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"

using namespace negsim;
using negsim::testing::expired_deadline;
using negsim::testing::run_negsim;

namespace {

const std::string kThreeMovers = "tests/data/three_movers_mixed.yaml";

Scenario three_movers() { return load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/" + kThreeMovers); }

AnalysisOptions only(bool AnalysisParts::*part, StageSelection select = StageSelection::kFirst) {
  AnalysisOptions options;
  options.parts = AnalysisParts::none();
  options.parts.*part = true;
  options.select = select;
  return options;
}

// The payoffs of each row the sweep analysis writes for one point.
std::vector<std::vector<double>> sweep_payoffs(const SweepAnalysis& analysis, const Scenario& scenario,
                                               const ScenarioGame& built) {
  RowSink sink(analysis.columns.size());
  analysis.run(scenario, built, 0, sink);
  std::vector<std::vector<double>> out;
  const std::size_t n = scenario.players.size();
  for (const SweepRow& row : sink.rows()) {
    REQUIRE(row.status == "ok");
    std::vector<double> payoffs;
    for (std::size_t p = 0; p < n; ++p) payoffs.push_back(std::get<double>(row.cells[1 + n + p]));
    out.push_back(payoffs);
  }
  return out;
}

// Every player's regret at `profile`, each against its own payoff range.
void check_verified_per_player(const NormalFormGame& game, const MixedProfile& profile) {
  const std::vector<double> tol = regret_tolerances(game);
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const double payoff = game.expected_payoff(profile, p);
    for (std::size_t a = 0; a < game.num_actions(p); ++a) {
      MixedProfile deviation = profile;
      deviation[p].assign(game.num_actions(p), 0.0);
      deviation[p][a] = 1.0;
      CHECK(game.expected_payoff(deviation, p) - payoff <= tol[p]);
    }
  }
}

}  // namespace

TEST_CASE("the test scenario's second stage has three movers and only mixed equilibria") {
  const Scenario scenario = three_movers();
  const ScenarioTimeline timeline = build_timeline(scenario);
  REQUIRE(timeline.game.num_stages() == 2);
  CHECK(timeline.game.stage(1).movers.size() == 3);
  // Without a mixed solver backward induction cannot solve it (what the
  // sweep's `spe` analysis used to do).
  CHECK_THROWS_AS(solve_backward_induction(timeline.game), LimitError);
}

TEST_CASE("run and sweep --analyses spe give the same subgame-perfect equilibria (3 movers, only mixed)") {
  const Scenario scenario = three_movers();
  for (const StageSelection select : {StageSelection::kFirst, StageSelection::kAll}) {
    CAPTURE(to_string(select));
    AnalysisOptions run_options;  // what `negsim run` asks for
    run_options.select = select;
    const ScenarioAnalysis run = analyze_scenario(scenario, run_options);
    REQUIRE(run.sequential);
    const BackwardInductionResult& spes = run.sequential->result;
    REQUIRE(!spes.equilibria.empty());
    CHECK(spes.rejected == 0);
    for (const SubgamePerfectEquilibrium& spe : spes.equilibria) {
      CHECK_FALSE(spe.pure);
      CHECK(spe.max_regret <= 1e-9);
      // The path: the leader's pure move, then the three movers' mixed stage.
      REQUIRE(spe.path.size() == 2);
      CHECK(spe.path[0].pure);
      CHECK_FALSE(spe.path[1].pure);
      for (const std::vector<double>& mover : spe.path[1].strategy)
        for (double probability : mover) CHECK((probability > 0 && probability < 1));
    }
    AnalysisOptions sweep_options;
    sweep_options.select = select;
    const SweepAnalysis sweep = make_spe_analysis(scenario, sweep_options);
    const std::vector<std::vector<double>> rows = sweep_payoffs(sweep, scenario, *run.stage_game);
    REQUIRE(rows.size() == spes.equilibria.size());
    for (std::size_t e = 0; e < rows.size(); ++e) CHECK(rows[e] == spes.equilibria[e].payoffs);
  }
}

TEST_CASE("negsim run and negsim sweep --analyses spe agree on the command line, with --select first and all") {
  for (const std::string select : {"first", "all"}) {
    CAPTURE(select);
    const auto run = run_negsim("run " + kThreeMovers + " --format json --select " + select);
    REQUIRE(run.exit_code == 0);
    const nlohmann::json report = nlohmann::json::parse(run.out);
    const nlohmann::json& equilibria = report.at("sequential").at("equilibria");
    REQUIRE(!equilibria.empty());
    const auto sweep =
        run_negsim("sweep " + kThreeMovers + " --list k=1 --analyses spe --format jsonl --no-progress --select " + select);
    REQUIRE(sweep.exit_code == 0);
    std::vector<std::string> lines = negsim::testing::lines_of(sweep.out);
    REQUIRE(!lines.empty());
    CHECK(lines.front().rfind("{\"negsim_sweep\":", 0) == 0);  // the sweep's description line
    lines.erase(lines.begin());
    REQUIRE(lines.size() == equilibria.size());
    for (std::size_t e = 0; e < lines.size(); ++e) {
      const nlohmann::json row = nlohmann::json::parse(lines[e]);
      CHECK(row.at("status") == "ok");
      const std::vector<double> payoffs = equilibria[e].at("payoffs").get<std::vector<double>>();
      const std::vector<std::string> ids{"d", "a", "b", "c"};
      for (std::size_t p = 0; p < ids.size(); ++p) CHECK(row.at("payoff_" + ids[p]).get<double>() == payoffs[p]);
      CHECK(row.at("action_a").get<std::string>().rfind("mix(", 0) == 0);
    }
  }
}

TEST_CASE("--select values are range-checked with a did-you-mean hint (exit 2)") {
  for (const std::string command : {"run", "bargain"}) {
    const auto r = run_negsim(command + " " + kThreeMovers + " --select welfar");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean 'welfare'") != std::string::npos);
  }
  const auto r = run_negsim("sweep " + kThreeMovers + " --list k=1 --analyses spe --select risk_dominant");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("did you mean 'risk-dominant'") != std::string::npos);
}

TEST_CASE("the stage game is built once and every part reads it") {
  const Scenario scenario = three_movers();
  ScenarioAnalyzer analyzer(scenario, AnalysisOptions{});
  const ScenarioGame& game = analyzer.stage_game();
  const ScenarioAnalysis analysis = std::move(analyzer).analyze();
  // Every part was computed (the scenario has every block)...
  REQUIRE(analysis.sequential);
  REQUIRE(analysis.bargaining);
  REQUIRE(analysis.repeated);
  REQUIRE(analysis.mixed);
  // ...from one build of each model.
  CHECK(analysis.builds.stage_game == 1);
  CHECK(analysis.builds.timeline == 1);
  CHECK(analysis.builds.bargaining == 1);
  CHECK(analysis.builds.repeated == 1);
  CHECK(analysis.stage_game.get() == &game);
  // The repeated game's stage and the timeline's leaves are that game.
  CHECK(analysis.repeated->spec.spec.stage.payoffs() == game.game.payoffs());
  // The disagreement point is the SPE the sequential part computed.
  const std::vector<double>& spe = analysis.sequential->result.equilibria.front().payoffs;
  CHECK(analysis.bargaining->bargaining.problem.protocol.disagreement == std::vector<double>{spe[1], spe[2]});

  // A caller's game is used, not rebuilt.
  const ScenarioGame built = build_stage_game(scenario, AnalysisOptions{});
  const ScenarioAnalysis reused = analyze_scenario(scenario, built, only(&AnalysisParts::sequential));
  CHECK(reused.builds.stage_game == 0);
  CHECK(reused.builds.timeline == 1);
  CHECK(reused.stage_game.get() == &built);
  CHECK_FALSE(reused.bargaining);
  CHECK_FALSE(reused.repeated);
}

TEST_CASE("an expired --time-limit reaches every path: run, spe sweep rows, bargain, repeated") {
  const Scenario scenario = three_movers();
  const ScenarioGame built = build_stage_game(scenario, AnalysisOptions{});
  AnalysisOptions expired;
  expired.build.deadline = expired_deadline();
  CHECK_THROWS_AS(analyze_scenario(scenario, built, expired), LimitError);
  // spe and repeated sweep rows: the analysis throws LimitError (the runner
  // then abandons the batch instead of writing error rows). (`stage` gets the
  // deadline too, but pure enumeration reads the clock once per 65536 payoff
  // entries, so this 16-profile game finishes first.)
  for (const SweepAnalysis& analysis : make_sweep_analyses({"spe", "repeated"}, scenario, expired)) {
    CAPTURE(analysis.name);
    RowSink sink(analysis.columns.size());
    CHECK_THROWS_AS(analysis.run(scenario, built, 0, sink), LimitError);
  }
  // bargain (the disagreement point needs the SPE; the offers the deadline).
  AnalysisOptions bargain = only(&AnalysisParts::bargaining);
  bargain.build.deadline = expired_deadline();
  CHECK_THROWS_AS(analyze_scenario(scenario, bargain), LimitError);
  AnalysisOptions repeated = only(&AnalysisParts::repeated);
  repeated.build.deadline = expired_deadline();
  CHECK_THROWS_AS(analyze_scenario(scenario, built, repeated), LimitError);
}

TEST_CASE("the disagreement point without a timeline follows --select") {
  // A stag hunt: (l, l) pays (2, 2) and is risk dominant (deviation losses
  // 2 x 2 against 1 x 1), (r, r) pays (3, 3), the better for both.
  const std::string text =
      "scenario: stag\n"
      "players:\n"
      "  a: {levers: {x: {values: [l, r]}}}\n"
      "  b: {levers: {y: {values: [l, r]}}}\n"
      "payoffs:\n"
      "  a: \"if(a.x == l, 2, 3 * (b.y == r))\"\n"
      "  b: \"if(b.y == l, 2, 3 * (a.x == r))\"\n"
      "bargaining:\n"
      "  issues: {split: {values: [0, 0.5, 1]}}\n"
      "  utilities: {a: \"deal.split\", b: \"1 - deal.split\"}\n"
      "  discount: 0.9\n"
      "  deadline: 2\n"
      "  disagreement: stage-equilibrium\n";
  const Scenario scenario = load_scenario_text(text, "stag.yaml");
  const auto disagreement = [&](StageSelection select) {
    const ScenarioAnalysis analysis = analyze_scenario(scenario, only(&AnalysisParts::bargaining, select));
    REQUIRE(analysis.bargaining);
    CHECK(analysis.pure.equilibria.size() == 2);  // the pure part it read, computed once
    return analysis.bargaining->bargaining.problem.protocol.disagreement;
  };
  CHECK(disagreement(StageSelection::kFirst) == std::vector<double>{2, 2});
  CHECK(disagreement(StageSelection::kWelfare) == std::vector<double>{3, 3});
  CHECK(disagreement(StageSelection::kRiskDominant) == std::vector<double>{2, 2});
  CHECK(disagreement(StageSelection::kAll) == std::vector<double>{2, 2});

  // Explicit disagreement payoffs: `bargain` needs no stage game at all.
  std::string explicit_text = text;
  explicit_text.replace(explicit_text.find("stage-equilibrium"), std::string("stage-equilibrium").size(),
                        "{a: 0.5, b: 0.25}");
  const Scenario explicit_scenario = load_scenario_text(explicit_text, "stag.yaml");
  const ScenarioAnalysis bargain = analyze_scenario(explicit_scenario, only(&AnalysisParts::bargaining));
  CHECK(bargain.builds.stage_game == 0);
  CHECK(bargain.stage_game == nullptr);
  REQUIRE(bargain.bargaining);
  CHECK(bargain.bargaining->bargaining.problem.protocol.disagreement == std::vector<double>{0.5, 0.25});
  CHECK(bargain.bargaining->disagreement_source.empty());
}

TEST_CASE("run's mixed search on the 3-player TikTok stage game: gnm rays beyond logit, verified, deterministic") {
  const Scenario scenario = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/tiktok_2025.yaml");
  const ScenarioGame built = build_stage_game(scenario, AnalysisOptions{});
  REQUIRE(built.game.num_players() == 3);
  const ScenarioAnalysis analysis = analyze_scenario(scenario, built, only(&AnalysisParts::mixed));
  REQUIRE(analysis.mixed);
  CHECK(analysis.mixed_methods == std::vector<std::string>{"pure", "logit", "gnm"});
  CHECK_FALSE(analysis.mixed_complete);
  CHECK_FALSE(analysis.mixed->complete);
  CHECK(analysis.mixed->rejected == 0);
  // Logit alone (the old `auto` for 3 players) is a subset of what the search finds.
  MixedSearchOptions logit_only;
  logit_only.gnm_starts = 0;
  const MixedSearchResult logit = search_mixed_equilibria(built.game, logit_only);
  std::size_t logit_mixed = 0;
  for (const Equilibrium& eq : logit.found.equilibria) {
    if (eq.is_pure()) continue;
    ++logit_mixed;
    bool listed = false;
    for (const Equilibrium& e : analysis.mixed->equilibria) listed = listed || same_profile(e.profile, eq.profile, 1e-6);
    CHECK(listed);
  }
  CHECK(analysis.mixed->equilibria.size() > logit_mixed);
  for (const Equilibrium& eq : analysis.mixed->equilibria) {
    CHECK_FALSE(eq.is_pure());
    check_verified_per_player(built.game, eq.profile);
  }
  // No duplicates, and the same list again.
  for (std::size_t i = 0; i < analysis.mixed->equilibria.size(); ++i)
    for (std::size_t j = i + 1; j < analysis.mixed->equilibria.size(); ++j)
      CHECK_FALSE(same_profile(analysis.mixed->equilibria[i].profile, analysis.mixed->equilibria[j].profile, 1e-6));
  const ScenarioAnalysis again = analyze_scenario(scenario, built, only(&AnalysisParts::mixed));
  REQUIRE(again.mixed->equilibria.size() == analysis.mixed->equilibria.size());
  for (std::size_t i = 0; i < again.mixed->equilibria.size(); ++i)
    CHECK(again.mixed->equilibria[i].profile == analysis.mixed->equilibria[i].profile);
}
