#include "models/game/multistage.hpp"

#include <stdexcept>

#include <doctest/doctest.h>

using negsim::GameStage;
using negsim::MultiStageGame;

TEST_CASE("multi-stage histories: first stage most significant, Gambit order within a stage") {
  // Stage 0: player 0 with 2 actions; stage 1: players 1 and 0 together (3 x 2).
  MultiStageGame g(2, {GameStage{"a", {0}, {2}, {}}, GameStage{"b", {1, 0}, {3, 2}, {}}});
  CHECK(g.stage_profiles(0) == 2);
  CHECK(g.stage_profiles(1) == 6);
  CHECK(g.num_leaves() == 12);
  CHECK(g.num_decision_nodes() == 3);
  CHECK(g.nodes_at_depth(1) == 2);
  // Within stage 1 the first mover (player 1) changes fastest.
  const std::vector<std::size_t> acts{2, 1};
  CHECK(g.stage_profile_index(1, acts) == 2 + 1 * 3);
  CHECK(g.stage_profile_actions(1, 5) == acts);
  CHECK(g.mover_slot(1, 0) == 1);
  CHECK(g.child(1, 1, 5) == 11);
  const std::vector<std::size_t> h{1, 5};
  CHECK(g.node_of(h) == 11);
  CHECK(g.history(2, 11) == h);
  // fill_payoffs visits leaves in index order with the actions of every stage.
  g.fill_payoffs([](const std::vector<std::vector<std::size_t>>& a, std::span<double> out) {
    out[0] = static_cast<double>(a[0][0] * 100 + a[1][0] * 10 + a[1][1]);
    out[1] = -out[0];
  });
  CHECK(g.payoff(0, 11) == 121);
  CHECK(g.payoff(1, 11) == -121);
  CHECK(g.payoff(0, 0) == 0);
  CHECK(g.payoff(0, 1) == 10);  // leaf 1 = stage-1 profile 1 = player 1's action 1
}

TEST_CASE("multi-stage game rejects malformed stages") {
  CHECK_THROWS_AS(MultiStageGame(2, {GameStage{"", {}, {}, {}}}), std::invalid_argument);
  CHECK_THROWS_AS(MultiStageGame(2, {GameStage{"", {0, 0}, {2, 2}, {}}}), std::invalid_argument);
  CHECK_THROWS_AS(MultiStageGame(2, {GameStage{"", {2}, {2}, {}}}), std::invalid_argument);
  CHECK_THROWS_AS(MultiStageGame(2, {GameStage{"", {0}, {0}, {}}}), std::invalid_argument);
  CHECK_THROWS_AS(MultiStageGame(1, {GameStage{"", {0}, {1000}, {}}, GameStage{"", {0}, {1000}, {}}}, 1000),
                  std::length_error);
}
