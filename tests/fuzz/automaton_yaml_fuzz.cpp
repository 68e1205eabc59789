// libFuzzer target: user-written repeated-game automata in YAML
// (models/scenario/automaton_yaml.hpp).
//
// The input is one automaton file for a 3-player stage game (actions C, D
// and, for the third player, C, D, W), read for every player. It must either
// parse or throw InputError; nothing else is acceptable. A parsed automaton
// must be consistent (Automaton::validate, also after conversion to a
// profile-keyed table), and a short simulation of the three automata against
// each other must give finite payoffs.
// Seeds: tests/fuzz/corpus/automaton_yaml/ (see scripts/ci_fuzz).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "models/scenario/automaton_yaml.hpp"
#include "sim/repeated/simulate.hpp"

namespace {

const negsim::NormalFormGame& stage() {
  static const negsim::NormalFormGame game = [] {
    negsim::NormalFormGame g({2, 2, 3});
    g.player_names = {"us", "china", "bytedance"};
    g.action_labels = {{"C", "D"}, {"C", "D"}, {"C", "D", "W"}};
    for (std::size_t p = 0; p < 3; ++p)
      for (std::size_t i = 0; i < g.num_profiles(); ++i)
        g.set_payoff(p, i, static_cast<double>((i * 7 + p * 3) % 11) - 4.0);
    return g;
  }();
  return game;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const negsim::NormalFormGame& game = stage();
  const negsim::PureProfile target = {0, 0, 0};
  std::vector<negsim::Automaton> automata;
  for (std::size_t player = 0; player < game.num_players(); ++player) {
    try {
      automata.push_back(negsim::parse_automaton_yaml_text(text, "fuzz.yaml", game, player, target));
    } catch (const negsim::InputError&) {
      return 0;
    }
    automata.back().validate();  // std::invalid_argument here is a parser bug
    negsim::to_profile_keyed(game, automata.back()).validate();
  }
  negsim::SimulationOptions options;
  options.rounds = 50;
  options.runs = 2;
  options.discount = 0.9;
  options.tremble = 0.05;
  const negsim::SimulationResult result = negsim::simulate(game, automata, options);
  for (double v : result.mean_total)
    if (!std::isfinite(v)) __builtin_trap();
  return 0;
}
