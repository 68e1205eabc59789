// Seeded extensive-form games for the extensive-form solvers' tests and
// benchmarks, built through the ExtensiveFormGame API.
//
// random_tree(spec): chance first deals each player a private type (uniform,
// observed by that player only); then `rounds` rounds in which every player
// moves once, in player order, choosing among spec.actions. Each move is
// seen by the other players, except that with probability spec.hide (drawn
// per node) they see only that a move happened. A player's information set is
// the list of what it has observed (its type, its own moves, the others'
// visible moves), so the game has perfect recall by construction; any node
// past the first round stops the game with probability spec.stop. Terminal
// payoffs: integers 0..payoff_range (reals on [0, 1) if payoff_range is 0);
// zero_sum makes player 2's payoff minus player 1's (2 players).
//
// kuhn_poker(): Kuhn's three-card poker (H. W. Kuhn, "A simplified two-person
// poker", Contributions to the Theory of Games I, 1950): value -1/18 to player 1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gmpxx.h>

#include "models/game/extensive_form.hpp"

namespace negsim::testing {

struct RandomTreeSpec {
  std::size_t players = 2;
  std::size_t types = 2;
  std::size_t rounds = 2;
  std::size_t actions = 2;
  double hide = 0.3;
  double stop = 0.1;
  int payoff_range = 10;
  bool zero_sum = false;
  std::uint64_t seed = 1;
};

namespace detail_trees {

struct Builder {
  const RandomTreeSpec& spec;
  ExtensiveFormGame& game;
  std::mt19937_64 rng;
  std::map<std::pair<std::size_t, std::vector<int>>, std::size_t> infoset_of;  // (player, observations)

  void leaf(std::size_t node) {
    std::vector<mpq_class> pay(spec.players);
    std::uniform_int_distribution<int> integer(0, spec.payoff_range);
    std::uniform_real_distribution<double> real(0.0, 1.0);
    for (std::size_t p = 0; p < spec.players; ++p)
      pay[p] = spec.payoff_range > 0 ? mpq_class(integer(rng)) : mpq_class(real(rng));
    if (spec.zero_sum && spec.players == 2) pay[1] = -pay[0];
    game.set_outcome(node, game.add_outcome(std::move(pay)));
  }

  void grow(std::size_t node, std::size_t step, std::vector<std::vector<int>> seen) {
    const std::size_t total = spec.rounds * spec.players;
    std::uniform_real_distribution<double> u(0.0, 1.0);
    if (step == total || (step >= spec.players && u(rng) < spec.stop)) {
      leaf(node);
      return;
    }
    const std::size_t mover = step % spec.players;
    const auto key = std::make_pair(mover, seen[mover]);
    auto it = infoset_of.find(key);
    if (it == infoset_of.end()) {
      std::vector<std::string> labels;
      for (std::size_t a = 0; a < spec.actions; ++a) labels.push_back("a" + std::to_string(a + 1));
      it = infoset_of.emplace(key, game.add_infoset(mover, labels)).first;
    }
    const bool hidden = u(rng) < spec.hide;
    const std::size_t first = game.set_move(node, it->second);
    for (std::size_t a = 0; a < spec.actions; ++a) {
      std::vector<std::vector<int>> next = seen;
      for (std::size_t p = 0; p < spec.players; ++p) {
        next[p].push_back(static_cast<int>(mover) * 1000);  // a move by `mover` happened
        if (p == mover || !hidden) next[p].push_back(static_cast<int>(a) + 1);
      }
      grow(first + a, step + 1, std::move(next));
    }
  }

  void deal(std::size_t node, std::size_t player, std::vector<std::vector<int>> seen) {
    if (player == spec.players) {
      grow(node, 0, std::move(seen));
      return;
    }
    if (spec.types <= 1) {
      deal(node, player + 1, std::move(seen));
      return;
    }
    std::vector<std::string> labels;
    std::vector<mpq_class> probs;
    for (std::size_t t = 0; t < spec.types; ++t) {
      labels.push_back("t" + std::to_string(t + 1));
      probs.emplace_back(1, static_cast<unsigned long>(spec.types));
    }
    const std::size_t first = game.set_move(node, game.add_chance_infoset(labels, probs));
    for (std::size_t t = 0; t < spec.types; ++t) {
      std::vector<std::vector<int>> next = seen;
      next[player].push_back(-static_cast<int>(t) - 1);
      deal(first + t, player + 1, std::move(next));
    }
  }
};

}  // namespace detail_trees

inline ExtensiveFormGame random_tree(const RandomTreeSpec& spec) {
  ExtensiveFormGame game;
  for (std::size_t p = 0; p < spec.players; ++p) game.add_player("P" + std::to_string(p + 1));
  detail_trees::Builder b{spec, game, std::mt19937_64(spec.seed), {}};
  b.deal(0, 0, std::vector<std::vector<int>>(spec.players));
  game.finalize();
  return game;
}

inline ExtensiveFormGame kuhn_poker() {
  ExtensiveFormGame g;
  g.add_player("P1");
  g.add_player("P2");
  const char* cards[] = {"J", "Q", "K"};
  std::vector<std::string> deals;
  std::vector<mpq_class> probs;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b)
      if (a != b) {
        deals.push_back(std::string(cards[a]) + cards[b]);
        probs.emplace_back(1, 6);
      }
  const std::size_t deal = g.add_chance_infoset(deals, probs);
  std::size_t p1_open[3], p1_after_bet[3], p2_after_check[3], p2_after_bet[3];
  for (int c = 0; c < 3; ++c) {
    p1_open[c] = g.add_infoset(0, {"check", "bet"}, std::string(cards[c]));
    p1_after_bet[c] = g.add_infoset(0, {"fold", "call"}, std::string(cards[c]) + " check-bet");
    p2_after_check[c] = g.add_infoset(1, {"check", "bet"}, std::string(cards[c]) + " check");
    p2_after_bet[c] = g.add_infoset(1, {"fold", "call"}, std::string(cards[c]) + " bet");
  }
  auto pay = [&](std::size_t node, int to_p1) {
    g.set_outcome(node, g.add_outcome(std::vector<mpq_class>{mpq_class(to_p1), mpq_class(-to_p1)}));
  };
  std::size_t first = g.set_move(0, deal);
  int k = 0;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) {
      if (a == b) continue;
      const std::size_t node = first + static_cast<std::size_t>(k++);
      const int win = a > b ? 1 : -1;
      const std::size_t open = g.set_move(node, p1_open[a]);
      // P1 checks
      const std::size_t after_check = g.set_move(open, p2_after_check[b]);
      pay(after_check, win);  // both check: showdown for the ante
      const std::size_t after_check_bet = g.set_move(after_check + 1, p1_after_bet[a]);
      pay(after_check_bet, -1);       // P1 folds
      pay(after_check_bet + 1, 2 * win);  // P1 calls
      // P1 bets
      const std::size_t after_bet = g.set_move(open + 1, p2_after_bet[b]);
      pay(after_bet, 1);             // P2 folds
      pay(after_bet + 1, 2 * win);   // P2 calls
    }
  g.finalize();
  return g;
}

}  // namespace negsim::testing
