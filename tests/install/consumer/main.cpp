// Embeds negsim through its installed package (find_package(negsim)):
//  1. solves the Battle of the Sexes with vertex enumeration and checks the
//     answer against the textbook one (two pure equilibria and the mixed one
//     with probabilities 2/3 and 1/3), recomputing every regret here;
//  2. loads a shipped scenario from the installed share/negsim/scenarios and
//     builds its stage game (the scenario language, yaml-cpp), whose one
//     equilibrium is mutual defection.
// Exit 0 when all holds; prints what failed otherwise.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "negsim_version.hpp"
#include "sim/solve/solve.hpp"

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    std::printf("FAIL: %s\n", what.c_str());
    ++failures;
  }
}

bool near(double a, double b) { return std::abs(a - b) < 1e-9; }

}  // namespace

int main() {
  std::printf("negsim %s embedded\n", negsim::kVersion);

  // Battle of the Sexes: (A,A) pays 2,1; (B,B) pays 1,2; mismatches pay 0.
  negsim::NormalFormGame game({2, 2});
  const double row[2][2] = {{2, 0}, {0, 1}};
  const double column[2][2] = {{1, 0}, {0, 2}};
  for (std::size_t a = 0; a < 2; ++a)
    for (std::size_t b = 0; b < 2; ++b) {
      const std::vector<std::size_t> actions = {a, b};
      const std::size_t index = game.profile_index(actions);
      game.set_payoff(0, index, row[a][b]);
      game.set_payoff(1, index, column[a][b]);
    }
  negsim::SolveOptions options;
  options.method = "enum";
  const negsim::SolveResult result = negsim::solve(game, options);
  check(result.equilibria.size() == 3, "3 equilibria, got " + std::to_string(result.equilibria.size()));
  int pure = 0, mixed = 0;
  for (const negsim::Equilibrium& eq : result.equilibria) {
    check(game.max_regret(eq.profile) < 1e-9, "an equilibrium with positive regret");
    const double p = eq.profile[0][0], q = eq.profile[1][0];
    std::printf("equilibrium: row plays A with %.4f, column with %.4f\n", p, q);
    if ((near(p, 1) && near(q, 1)) || (near(p, 0) && near(q, 0))) ++pure;
    else if (near(p, 2.0 / 3) && near(q, 1.0 / 3)) ++mixed;
  }
  check(pure == 2 && mixed == 1, "the two pure equilibria and the mixed one");

  const std::string path = std::string(NEGSIM_SCENARIO_DIR) + "/classic/prisoners_dilemma.yaml";
  const negsim::Scenario scenario = negsim::load_scenario_file(path);
  const negsim::ScenarioGame built = negsim::build_normal_form(scenario);
  check(built.game.num_players() == 2, path + ": 2 players");
  std::printf("%s: %zu players, %zu profiles\n", scenario.id.c_str(), built.game.num_players(),
              built.game.num_profiles());
  // Defecting is strictly dominant: the one equilibrium is (defect, defect).
  const negsim::SolveResult dilemma = negsim::solve(built.game, negsim::SolveOptions{});
  check(dilemma.equilibria.size() == 1, "the prisoner's dilemma has one equilibrium");
  for (const negsim::Equilibrium& eq : dilemma.equilibria)
    for (std::size_t p = 0; p < 2; ++p) {
      const std::string& label = built.game.action_labels[p][eq.profile[p][1] > 0.5 ? 1 : 0];
      check(label == "play=defect", "player " + std::to_string(p + 1) + " defects, plays " + label);
    }

  if (failures == 0) std::printf("consumer: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
