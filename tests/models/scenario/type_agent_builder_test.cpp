#include "models/scenario/type_agent_builder.hpp"

#include <set>
#include <string>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"
#include "sim/solve/pure_nash.hpp"

using namespace negsim;

namespace {

// A Bayesian entry game (Gibbons, A Primer in Game Theory, 3.2 style): the
// incumbent is high-cost or low-cost; the entrant does not know which; both
// choose at once.
const std::string kGame =
    "scenario: bayes\n"
    "parameters: {p_high: 0.4}\n"
    "players:\n"
    "  incumbent: {levers: {build: [no, yes]}}\n"
    "  entrant: {levers: {enter: [no, yes]}}\n"
    "types:\n"
    "  incumbent: {high: p_high, low: \"1 - p_high\"}\n"
    "payoffs:\n"
    "  incumbent: >-\n"
    "    (incumbent.build == no) * if(entrant.enter == yes, 2, 3)\n"
    "    + (incumbent.build == yes) * if(incumbent.type == high, if(entrant.enter == yes, 0, 1), if(entrant.enter == yes, 3, 4))\n"
    "  entrant: \"(entrant.enter == yes) * if(incumbent.build == yes, -1, 1)\"\n";

}  // namespace

TEST_CASE("type-agent form: one agent per type, interim payoffs, equilibria = Bayesian equilibria by brute force") {
  const Scenario s = load_scenario_text(kGame, "bayes.yaml");
  const TypeAgentGame t = build_type_agent_game(s);
  REQUIRE(t.agents.size() == 3);
  CHECK(t.game.player_names[0] == "incumbent (high)");
  CHECK(t.game.num_profiles() == 8);
  // Brute force, independent of the form: a type-contingent strategy
  // (build_high, build_low, enter) is a Bayesian equilibrium iff each type of
  // the incumbent best-responds and the entrant maximizes its expected payoff.
  const auto u_inc = [](int type_high, int build, int enter) {
    if (!build) return enter ? 2.0 : 3.0;
    return type_high ? (enter ? 0.0 : 1.0) : (enter ? 3.0 : 4.0);
  };
  const auto u_ent = [](int build, int enter) { return enter ? (build ? -1.0 : 1.0) : 0.0; };
  std::set<std::vector<std::size_t>> expected;
  for (int bh = 0; bh < 2; ++bh)
    for (int bl = 0; bl < 2; ++bl)
      for (int e = 0; e < 2; ++e) {
        bool ok = u_inc(1, bh, e) >= u_inc(1, 1 - bh, e) && u_inc(0, bl, e) >= u_inc(0, 1 - bl, e);
        const double eu = 0.4 * u_ent(bh, e) + 0.6 * u_ent(bl, e);
        const double other = 0.4 * u_ent(bh, 1 - e) + 0.6 * u_ent(bl, 1 - e);
        ok = ok && eu >= other;
        if (ok) expected.insert({static_cast<std::size_t>(bh), static_cast<std::size_t>(bl), static_cast<std::size_t>(e)});
      }
  const SolveResult pure = solve_pure_nash(t.game);
  std::set<std::vector<std::size_t>> found;
  for (const Equilibrium& eq : pure.equilibria) {
    std::vector<std::size_t> actions;
    for (const auto& row : eq.profile) actions.push_back(row[1] > 0.5 ? 1 : 0);
    found.insert(actions);
  }
  CHECK(!expected.empty());
  CHECK(found == expected);
  // Interim payoff of the entrant agent at (no, yes, yes): 0.4 * 1 + 0.6 * (-1).
  CHECK(t.game.payoff(2, t.game.profile_index(std::vector<std::size_t>{0, 1, 1})) == doctest::Approx(-0.2));
}

TEST_CASE("a typed one-shot game averages payoffs over the prior") {
  const Scenario s = load_scenario_text(kGame, "bayes.yaml");
  const ScenarioGame g = build_normal_form(s);
  // build=yes, enter=no: 0.4 * 1 + 0.6 * 4
  CHECK(g.game.payoff(0, g.game.profile_index(std::vector<std::size_t>{1, 0})) == doctest::Approx(2.8));
  BuildOptions high;
  high.type_profile = {0, 0};
  CHECK(build_normal_form(s, high).game.payoff(0, 1) == doctest::Approx(1.0));
}
