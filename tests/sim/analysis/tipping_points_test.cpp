#include "sim/analysis/tipping_points.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "sim/report/bottom_line.hpp"
#include "tests/support/limits.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;
using negsim::testing::thrown_by;

namespace {

Scenario shipped(const std::string& path) { return load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/" + path); }

const TippingPoint& point_of(const TippingPointResult& r, const std::string& name) {
  for (const TippingPoint& p : r.points)
    if (p.parameter == name) return p;
  FAIL("no tipping point for " << name);
  throw std::logic_error("unreachable");
}

// Every bracket is re-checked by fresh analyses: `inside` keeps the current
// outcome, `outside` has the reported other one, and the two are within the
// tolerance; a side without a change keeps the outcome at its window's end.
void check_brackets(const Scenario& scenario, const TippingPointResult& result, double rel_tolerance) {
  AnalysisOptions options;
  for (const TippingPoint& point : result.points) {
    CAPTURE(point.parameter);
    for (const bool above : {false, true}) {
      CAPTURE(above);
      const TippingSide& side = above ? point.above : point.below;
      if (side.found) {
        CHECK(outcome_at(scenario, point.parameter, side.inside, options) == result.current);
        const PredictedOutcome other = outcome_at(scenario, point.parameter, side.outside, options);
        CHECK(other == side.outcome);
        CHECK(other != result.current);
        CHECK(std::abs(side.outside - side.inside) <= rel_tolerance * (point.window.high - point.window.low) * 1.000001);
        // Outside lies beyond inside, in the side's direction.
        CHECK((above ? side.outside > side.inside : side.outside < side.inside));
        CHECK((above ? side.inside >= point.value : side.inside <= point.value));
      } else if (side.window_end != point.value) {
        CHECK(outcome_at(scenario, point.parameter, side.window_end, options) == result.current);
      }
    }
  }
}

}  // namespace

TEST_CASE("tipping points of the prisoner's dilemma are where the payoff order changes") {
  // Known answers: (defect, defect) is the unique equilibrium while T > R and
  // P > S. With R=3, P=1, S=0, T=5 it changes at R = 5 (cooperation becomes a
  // best reply to itself), T = 3, S = 1 and P = 0 (ties make more equilibria).
  const Scenario pd = shipped("scenarios/classic/prisoners_dilemma.yaml");
  TippingPointOptions options;
  const TippingPointResult r = find_tipping_points(pd, options);
  REQUIRE(r.points.size() == 4);
  REQUIRE(r.current.one_shot.size() == 1);
  const double tol = 1e-6;
  auto near = [&](const TippingSide& side, double expected, double width) {
    return side.found && std::abs(side.inside - expected) <= tol * width * 1.01 &&
           std::abs(side.outside - expected) <= tol * width * 1.01;
  };
  const TippingPoint& R = point_of(r, "R");
  CHECK(R.window.low == 0);
  CHECK(R.window.high == 6);
  CHECK_FALSE(R.below.found);
  CHECK(near(R.above, 5, 6));
  CHECK(R.above.outcome.one_shot.size() == 2);  // (C,C) and (D,D)
  CHECK(near(point_of(r, "T").below, 3, 10));
  CHECK_FALSE(point_of(r, "T").above.found);
  CHECK(near(point_of(r, "S").above, 1, 2));
  const TippingPoint& P = point_of(r, "P");
  CHECK(near(P.below, 0, 2));
  CHECK(P.below.outside == 0);  // the window's end itself
  CHECK_FALSE(P.above.found);
  for (const TippingPoint& p : r.points) CHECK(p.below.changed == std::vector<OutcomeConcept>(p.below.found ? 1 : 0, OutcomeConcept::kOneShot));
  check_brackets(pd, r, tol);
}

TEST_CASE("tipping points: the same result with one thread and with several") {
  const Scenario pd = shipped("scenarios/classic/prisoners_dilemma.yaml");
  TippingPointOptions one;
  one.threads = 1;
  TippingPointOptions two;
  two.threads = 2;
  const TippingPointResult a = find_tipping_points(pd, one), b = find_tipping_points(pd, two);
  REQUIRE(a.points.size() == b.points.size());
  CHECK(a.analyses == b.analyses);
  for (std::size_t i = 0; i < a.points.size(); ++i) {
    CHECK(a.points[i].below.inside == b.points[i].below.inside);
    CHECK(a.points[i].above.outside == b.points[i].above.outside);
  }
}

TEST_CASE("tipping points of the TikTok scenario are confirmed by fresh analyses on each side") {
  const Scenario tiktok = shipped("scenarios/tiktok_2025.yaml");
  TippingPointOptions options;
  options.parameters = {"ban_cost_us", "extension_cost_us", "delta"};
  const TippingPointResult r = find_tipping_points(tiktok, options);
  REQUIRE(r.points.size() == 3);
  CHECK(r.points[0].parameter == "ban_cost_us");
  CHECK(r.current.has_sequential);
  CHECK(r.current.has_repeated);
  CHECK(r.current.has_bargaining);
  CHECK(r.current.self_enforcing);
  // Against a refusal the U.S. weighs the ban's cost (enforce) against the
  // extension's (extend, 4): below 4 enforcing beats extending and the
  // one-shot equilibria change. A known answer, from the payoff formula.
  const TippingPoint& ban = point_of(r, "ban_cost_us");
  REQUIRE(ban.below.found);
  CHECK(std::abs(ban.below.inside - 4) < 1e-4);
  CHECK(std::abs(ban.below.outside - 4) < 1e-4);
  CHECK_FALSE(ban.below.changed.empty());
  // The discount factor: the repeated block needs it below 1, so the window
  // above is cut short of [0, 1.8] with the reason.
  const TippingPoint& delta = point_of(r, "delta");
  CHECK(delta.above.window_end < 1.0);
  CHECK(delta.above.window_end > 0.99);
  CHECK_FALSE(delta.above.window_note.empty());
  check_brackets(tiktok, r, options.rel_tolerance);
  // The words for the other side name what changes.
  const std::string words = outcome_change_in_words(tiktok, r.current, ban.below.outcome);
  CHECK(words.find("(was ") != std::string::npos);
}

TEST_CASE("tipping points: a declared range bounds the search and is checked when loading") {
  const std::string text = R"yaml(scenario: t
parameters:
  c: {value: 5, range: [4, 8]}
players:
  row: {levers: {play: [a, b]}}
payoffs:
  row: "c * (row.play == a) + 10 * (row.play == b)"
)yaml";
  const Scenario s = load_scenario_text(text, "t.yaml");
  REQUIRE(s.parameters[0].range);
  const TippingPointResult r = find_tipping_points(s, {});
  const TippingPoint& c = point_of(r, "c");
  CHECK(c.window.declared);
  CHECK(c.below.window_end == 4);
  CHECK(c.above.window_end == 8);
  CHECK_FALSE(c.above.found);  // the change is at 10, outside the range
  // A value outside its range, and a range the wrong way round, are refused.
  const InputError outside = thrown_by<InputError>(
      [&] { load_scenario_text(R"yaml(scenario: t
parameters:
  c: {value: 9, range: [4, 8]}
players:
  row: {levers: {play: [a, b]}}
payoffs:
  row: "c"
)yaml", "t.yaml"); });
  CHECK(outside.line() == 3);
  CHECK(std::string(outside.what()).find("outside its range") != std::string::npos);
  const InputError reversed = thrown_by<InputError>(
      [&] { load_scenario_text(R"yaml(scenario: t
parameters:
  c: {value: 5, range: [8, 4]}
players:
  row: {levers: {play: [a, b]}}
payoffs:
  row: "c"
)yaml", "t.yaml"); });
  CHECK(std::string(reversed.what()).find("LO must be below HI") != std::string::npos);
}

TEST_CASE("tipping points: an unknown parameter is bad input with a suggestion") {
  const Scenario pd = shipped("scenarios/classic/prisoners_dilemma.yaml");
  TippingPointOptions options;
  options.parameters = {"TT"};
  const InputError e = thrown_by<InputError>([&] { find_tipping_points(pd, options); });
  CHECK(std::string(e.what()).find("did you mean 'T'") != std::string::npos);
}

TEST_CASE("tipping points: the deadline stops the search") {
  const Scenario tiktok = shipped("scenarios/tiktok_2025.yaml");
  TippingPointOptions options;
  options.analysis.build.deadline = negsim::testing::expired_deadline();
  CHECK_THROWS_AS(find_tipping_points(tiktok, options), LimitError);
}

TEST_CASE("tipping points watch the types model: beer-quiche's pooling equilibrium breaks where the weak are the majority") {
  // Known answer (Cho and Kreps 1987): in the pooling equilibrium on beer the
  // receiver retreats after beer, its best reply while P(weak) <= 1/2 (a duel
  // pays it 1 against the weak, retreating 1 against the strong). Above 1/2
  // it duels, and the first perfect Bayesian equilibrium changes.
  Scenario bq = shipped("scenarios/classic/beer_quiche.yaml");
  bq.find_parameter("p_weak")->range = std::make_pair(0.0, 0.9);
  TippingPointOptions options;
  options.parameters = {"p_weak"};
  const TippingPointResult r = find_tipping_points(bq, options);
  REQUIRE(r.current.has_types);
  REQUIRE(r.current.types_found);
  CHECK(r.current.types_line.size() == 1);  // one round: the receiver's answer to the breakfast
  const TippingPoint& p = point_of(r, "p_weak");
  CHECK(p.watches_types);
  CHECK_FALSE(p.integer);
  REQUIRE(p.above.found);
  CHECK(std::abs(p.above.inside - 0.5) <= 1e-6);
  CHECK(std::abs(p.above.outside - 0.5) <= 1e-6);
  check_brackets(bq, r, options.rel_tolerance);
  // (The one-shot Bayesian game changes at the same value, within its own
  // tolerance.) Beyond it there is no pure perfect Bayesian equilibrium.
  const PredictedOutcome beyond = outcome_at(bq, "p_weak", 0.6, AnalysisOptions{});
  const std::vector<OutcomeConcept> changed = changed_concepts(r.current, beyond);
  REQUIRE_FALSE(changed.empty());
  CHECK(changed.front() == OutcomeConcept::kTypes);
  CHECK_FALSE(beyond.types_found);
  const std::string words = outcome_change_in_words(bq, r.current, beyond);
  CHECK(words.find("with private types no pure perfect Bayesian equilibrium is found") != std::string::npos);
  // Below, the pooling on beer holds: the receiver retreats after beer.
  CHECK(predicted_outcome_in_words(bq, r.current).front() ==
        "with private types: along the most likely path Receiver plays response retreat after Sender plays "
        "breakfast beer in every round");
}

TEST_CASE("tipping points: which parameters the types model and the complete-information models read") {
  const Scenario tiktok = shipped("scenarios/tiktok_2025.yaml");
  const std::vector<std::string> types = types_model_parameters(tiktok);
  const std::vector<std::string> complete = complete_information_parameters(tiktok);
  auto has = [](const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  // Read only by the `sequence:` and `types:` blocks.
  for (const char* id : {"p_us_committed", "extension_rounds", "ripe_probability", "bluffing_enforcement_cost"}) {
    CAPTURE(id);
    CHECK(has(types, id));
    CHECK_FALSE(has(complete, id));
  }
  // Read only by the stage game (payoffs of the one-shot game).
  for (const char* id : {"us_tariff_gain_per_point", "farm_exports", "rare_earth_cost_us"}) {
    CAPTURE(id);
    CHECK_FALSE(has(types, id));
    CHECK(has(complete, id));
  }
  CHECK(has(types, "delta"));  // the sequence's discount
  CHECK(has(complete, "delta"));  // the repeated block's and the bargaining's
  CHECK(integer_parameter(tiktok, "extension_rounds"));
  CHECK_FALSE(integer_parameter(tiktok, "delta"));
  // No types: nothing to watch.
  CHECK(types_model_parameters(shipped("scenarios/classic/prisoners_dilemma.yaml")).empty());
}

TEST_CASE("tipping points: the kept tree and the lazy types probes give what fresh analyses give, bit for bit") {
  // sale_bid_without_algorithm: one side changes the one-shot game (its
  // types probes are decided by the complete-information concepts), the
  // other the types model; p_us_committed: types only, and the prior loses a
  // type at 0 (the tree's shape changes: rebuilt); extension_rounds: rounds.
  // Coarse steps keep the test fast; the method is the same at any.
  const Scenario tiktok = shipped("scenarios/tiktok_2025.yaml");
  TippingPointOptions fast;
  fast.parameters = {"sale_bid_without_algorithm", "p_us_committed", "extension_rounds"};
  fast.scan_steps = 4;
  fast.rel_tolerance = 1e-3;
  TippingPointOptions fresh = fast;
  fresh.fresh_analyses = true;
  const TippingPointResult a = find_tipping_points(tiktok, fast), b = find_tipping_points(tiktok, fresh);
  CHECK(a.current == b.current);
  CHECK(a.analyses == b.analyses);
  REQUIRE(a.points.size() == b.points.size());
  std::size_t found = 0;
  for (std::size_t i = 0; i < a.points.size(); ++i) {
    CAPTURE(a.points[i].parameter);
    CHECK(a.points[i].analyses == b.points[i].analyses);
    for (const bool above : {false, true}) {
      CAPTURE(above);
      const TippingSide& x = above ? a.points[i].above : a.points[i].below;
      const TippingSide& y = above ? b.points[i].above : b.points[i].below;
      CHECK(x.found == y.found);
      CHECK(x.inside == y.inside);
      CHECK(x.outside == y.outside);
      CHECK(x.window_end == y.window_end);
      CHECK(x.window_note == y.window_note);
      CHECK(x.outcome == y.outcome);
      CHECK(x.changed == y.changed);
      found += x.found ? 1 : 0;
    }
  }
  CHECK(found >= 3);  // the comparison covers changes, not only quiet sides
}
