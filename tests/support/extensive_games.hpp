// Small extensive-form games for tests, built through the model's API, and a
// seeded random tree generator (perfect recall by construction).
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "models/game/extensive_form.hpp"

namespace negsim::testing {

// Entry deterrence: the Entrant chooses In or Out; after In the Incumbent
// chooses Fight or Yield. Out (0,2), In-Fight (-1,-1), In-Yield (1,1).
// Pure Nash: (In, Yield) and (Out, Fight); only (In, Yield) is subgame perfect.
inline ExtensiveFormGame entry_deterrence() {
  ExtensiveFormGame g;
  g.title = "Entry deterrence";
  g.add_player("Entrant");
  g.add_player("Incumbent");
  const std::size_t i1 = g.add_infoset(0, {"In", "Out"}, "entry");
  const std::size_t i2 = g.add_infoset(1, {"Fight", "Yield"}, "reply");
  const std::size_t c = g.set_move(0, i1);
  const std::size_t d = g.set_move(c, i2);
  g.set_outcome(c + 1, g.add_outcome(std::vector<double>{0, 2}, "out"));
  g.set_outcome(d, g.add_outcome(std::vector<double>{-1, -1}, "fight"));
  g.set_outcome(d + 1, g.add_outcome(std::vector<double>{1, 1}, "yield"));
  g.finalize();
  return g;
}

// A random game with perfect recall: each player's information is what it
// has seen of its own moves plus a coarse "bucket" of the history, so
// information sets are merged only between nodes with equal own histories.
// depth levels; players move in turn, chance at level 0 when with_chance.
inline ExtensiveFormGame random_extensive_form(std::size_t players, std::size_t depth,
                                               std::size_t actions, std::uint64_t seed,
                                               bool with_chance = true) {
  std::mt19937_64 rng(seed);
  ExtensiveFormGame g;
  for (std::size_t p = 0; p < players; ++p) g.add_player("P" + std::to_string(p + 1));
  // Node -> (own history key per player).
  struct Pending {
    std::size_t node;
    std::size_t level;
    std::vector<std::string> own;  // per player: its own actions so far
  };
  std::vector<Pending> frontier{{0, 0, std::vector<std::string>(players)}};
  std::map<std::string, std::size_t> infoset_of;  // (player, own history, bucket) -> infoset
  std::uniform_int_distribution<int> payoff(-5, 5);
  std::uniform_int_distribution<int> bucket(0, 1);
  while (!frontier.empty()) {
    Pending cur = std::move(frontier.back());
    frontier.pop_back();
    if (cur.level == depth) {
      std::vector<mpq_class> pay;
      for (std::size_t p = 0; p < players; ++p) pay.emplace_back(payoff(rng));
      g.set_outcome(cur.node, g.add_outcome(std::move(pay)));
      continue;
    }
    std::size_t infoset = 0;
    std::size_t mover = kChancePlayer;
    if (with_chance && cur.level == 0) {
      infoset = g.add_chance_infoset({"h", "l"}, std::vector<mpq_class>{mpq_class(1, 3), mpq_class(2, 3)});
    } else {
      mover = (cur.level - (with_chance ? 1 : 0)) % players;
      const std::string key = std::to_string(mover) + "|" + cur.own[mover] + "|" +
                              std::to_string(cur.level) + "|" + std::to_string(bucket(rng));
      auto it = infoset_of.find(key);
      if (it == infoset_of.end()) {
        std::vector<std::string> labels;
        for (std::size_t a = 0; a < actions; ++a) labels.push_back("a" + std::to_string(a + 1));
        it = infoset_of.emplace(key, g.add_infoset(mover, labels, key)).first;
      }
      infoset = it->second;
    }
    const std::size_t first = g.set_move(cur.node, infoset);
    for (std::size_t a = 0; a < g.infoset(infoset).num_actions(); ++a) {
      Pending next{first + a, cur.level + 1, cur.own};
      if (mover != kChancePlayer)
        next.own[mover] += "(" + std::to_string(infoset) + ":" + std::to_string(a) + ")";
      frontier.push_back(std::move(next));
    }
  }
  g.finalize();
  return g;
}

// A random behaviour profile (chance rows hold the chance probabilities).
inline BehaviorProfile random_behavior(const ExtensiveFormGame& g, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.05, 1.0);
  BehaviorProfile b = g.uniform_behavior();
  for (std::size_t i = 0; i < g.num_infosets(); ++i) {
    if (g.infoset(i).is_chance()) continue;
    double sum = 0;
    for (double& v : b[i]) sum += (v = u(rng));
    for (double& v : b[i]) v /= sum;
  }
  return b;
}

}  // namespace negsim::testing
