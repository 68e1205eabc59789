#include "models/game/automaton.hpp"

#include <doctest/doctest.h>

#include "sim/repeated/strategy_library.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("deviation masks and mask-to-profile conversion keep behaviour") {
  const NormalFormGame g = testing::public_goods(3);
  const PureProfile t{0, 0, 0};
  const std::size_t idx = g.profile_index(std::vector<std::size_t>{0, 1, 1});
  CHECK(deviation_mask(g, idx, t) == 6u);
  const Automaton tft = make_strategy("tit-for-tat", g, 0, t);
  const Automaton dense = to_profile_keyed(g, tft);
  CHECK(dense.key == TransitionKey::Profile);
  CHECK(dense.key_size == 8);
  for (std::size_t s = 0; s < tft.num_states(); ++s)
    for (std::size_t p = 0; p < g.num_profiles(); ++p)
      CHECK(dense.transition(s, p, 0) == tft.transition(s, p, deviation_mask(g, p, t)));
}

TEST_CASE("validation rejects broken automata and mismatched profiles") {
  const NormalFormGame g = testing::pd_axelrod();
  Automaton a = make_automaton(g, 0, 2, TransitionKey::Profile, {}, "x");
  CHECK_NOTHROW(a.validate());
  a.next[0] = 5;
  CHECK_THROWS_AS(a.validate(), std::invalid_argument);
  a.next[0] = 0;
  a.action[1] = 7;
  CHECK_THROWS_AS(a.validate(), std::invalid_argument);
  const std::vector<Automaton> wrong_seat = {make_strategy("tft", g, 1, {0, 0}), make_strategy("tft", g, 1, {0, 0})};
  CHECK_NOTHROW(check_automata_profile(g, wrong_seat));  // symmetric PD: same sizes, allowed
  NormalFormGame h({3, 2});
  const std::vector<Automaton> bad = {make_strategy("tft", h, 1, {0, 0}), make_strategy("tft", h, 1, {0, 0})};
  CHECK_THROWS_AS(check_automata_profile(h, bad), std::invalid_argument);
  const std::vector<Automaton> targets = {make_strategy("tft", g, 0, {0, 0}), make_strategy("tft", g, 1, {1, 0})};
  CHECK_THROWS_AS(check_automata_profile(g, targets), std::invalid_argument);
}
