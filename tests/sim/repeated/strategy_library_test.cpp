#include "sim/repeated/strategy_library.hpp"

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {
// Plays automata round by round; forced[t][p] >= 0 overrides player p's action in round t.
std::vector<std::vector<std::size_t>> play(const NormalFormGame& g, const std::vector<Automaton>& a,
                                           std::size_t rounds, std::vector<std::vector<int>> forced = {}) {
  std::vector<std::uint32_t> s;
  for (const auto& x : a) s.push_back(x.initial);
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t t = 0; t < rounds; ++t) {
    PureProfile act;
    for (std::size_t p = 0; p < a.size(); ++p) {
      std::size_t x = a[p].action[s[p]];
      if (t < forced.size() && p < forced[t].size() && forced[t][p] >= 0) x = static_cast<std::size_t>(forced[t][p]);
      act.push_back(x);
    }
    out.push_back(act);
    const std::size_t idx = g.profile_index(act);
    for (std::size_t p = 0; p < a.size(); ++p) {
      const std::uint32_t mask = deviation_mask(g, idx, a[p].target);
      s[p] = a[p].transition(s[p], idx, mask)[0].second;
    }
  }
  return out;
}
using Rounds = std::vector<std::vector<std::size_t>>;
}  // namespace

TEST_CASE("the library has at least 15 strategies and each builds for 2 and 3 players") {
  CHECK(strategy_catalog().size() >= 15);
  const NormalFormGame pd = testing::pd_axelrod();
  const NormalFormGame pg = testing::public_goods(3);
  for (const auto& info : strategy_catalog()) {
    StrategyOptions o;
    o.action = 1;
    for (std::size_t p = 0; p < 2; ++p) CHECK_NOTHROW(make_strategy(info.name, pd, p, {0, 0}, o).validate());
    for (std::size_t p = 0; p < 3; ++p) CHECK_NOTHROW(make_strategy(info.name, pg, p, {0, 0, 0}, o).validate());
  }
}

TEST_CASE("unknown strategies and options get a did-you-mean") {
  const NormalFormGame pd = testing::pd_axelrod();
  try {
    make_strategy("tit-for-tatt", pd, 0, {0, 0});
    FAIL("no error");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()).find("did you mean 'tit-for-tat'") != std::string::npos);
  }
  CHECK_THROWS_AS(make_strategy_from_spec("random:q=0.2", pd, 0, {0, 0}), UsageError);
  CHECK_THROWS_AS(make_strategy_from_spec("always-action:action=X", pd, 0, {0, 0}), UsageError);
}

TEST_CASE("defaults: the stage best response defects, Nash reversion to (D,D)") {
  const NormalFormGame pd = testing::pd_axelrod();
  CHECK(default_defect_action(pd, 0, {0, 0}) == 1);
  CHECK(default_punishment_profile(pd, {0, 0}) == PureProfile{1, 1});
}

TEST_CASE("reactive strategies behave as their definitions say") {
  const NormalFormGame g = testing::pd_axelrod();
  const PureProfile t{0, 0};
  auto pair = [&](const std::string& a, const std::string& b) {
    return std::vector<Automaton>{make_strategy_from_spec(a, g, 0, t), make_strategy_from_spec(b, g, 1, t)};
  };
  // Tit-for-two-tats forgives a single defection, answers two in a row.
  CHECK(play(g, pair("tit-for-two-tats", "always-target"), 5, {{-1, 1}, {-1, -1}, {-1, 1}, {-1, 1}}) ==
        Rounds{{0, 1}, {0, 0}, {0, 1}, {0, 1}, {1, 0}});
  // Pavlov: repeat after CC or DD, switch after CD / DC.
  CHECK(play(g, pair("pavlov", "always-defect"), 4) == Rounds{{0, 1}, {1, 1}, {0, 1}, {1, 1}});
  // k-round punishment with k = 2.
  CHECK(play(g, pair("k-round-punishment:k=2", "always-target"), 5, {{-1, 1}}) ==
        Rounds{{0, 1}, {1, 0}, {1, 0}, {0, 0}, {0, 0}});
  // TFT pair echoes a single mistake forever; contrite TFT pair restores cooperation.
  CHECK(play(g, pair("tft", "tft"), 5, {{1, -1}}) == Rounds{{1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}});
  CHECK(play(g, pair("contrite-tft", "contrite-tft"), 5, {{1, -1}}) ==
        Rounds{{1, 0}, {0, 1}, {0, 0}, {0, 0}, {0, 0}});
  // Suspicious TFT opens with a defection; grudger never forgives.
  CHECK(play(g, pair("suspicious-tft", "grudger"), 4) == Rounds{{1, 0}, {0, 1}, {1, 1}, {1, 1}});
  // Two tits for tat: two defections after one.
  CHECK(play(g, pair("two-tits-for-tat", "always-target"), 4, {{-1, 1}}) == Rounds{{0, 1}, {1, 0}, {1, 0}, {0, 0}});
  // Go-by-majority with memory 2 saturates its count.
  CHECK(play(g, pair("go-by-majority:memory=2", "always-defect"), 3) == Rounds{{0, 1}, {1, 1}, {1, 1}});
  CHECK(play(g, pair("alternator", "always-target"), 3) == Rounds{{0, 0}, {1, 0}, {0, 0}});
}

TEST_CASE("escalation ladder climbs one rung per deviation and comes down after cooperation") {
  // Player 1 has 4 tariff levels; higher levels hurt player 2 more.
  NormalFormGame g({4, 2});
  for (std::size_t a = 0; a < 4; ++a)
    for (std::size_t b = 0; b < 2; ++b) {
      const std::size_t idx = a + 4 * b;
      g.set_payoff(0, idx, b == 0 ? 3.0 - 0.1 * a : 1.0);
      g.set_payoff(1, idx, 3.0 - static_cast<double>(a) + (b == 1 ? 0.5 : 0.0));
    }
  const Automaton ladder = make_strategy("escalation-ladder", g, 0, {0, 0});
  CHECK(ladder.action == std::vector<std::uint32_t>{0, 1, 2, 3});
  const std::vector<Automaton> prof = {ladder, make_strategy("always-target", g, 1, {0, 0})};
  const auto r = play(g, prof, 7, {{}, {}, {}, {}, {}, {}, {}} );
  CHECK(r[0] == std::vector<std::size_t>{0, 0});
  const auto forced = play(g, prof, 7, {{-1, 1}, {-1, 1}, {-1, 1}, {-1, 1}, {-1, 0}, {-1, 0}});
  std::vector<std::size_t> rungs;
  for (const auto& x : forced) rungs.push_back(x[0]);
  CHECK(rungs == std::vector<std::size_t>{0, 1, 2, 3, 3, 2, 1});
}

TEST_CASE("the random strategy mixes target and defect with probability p") {
  const NormalFormGame g = testing::pd_axelrod();
  const Automaton r = make_strategy_from_spec("random:p=0.3", g, 0, {0, 0});
  CHECK(r.action_distribution(0) == std::vector<double>{0.3, 0.7});
  const Automaton gen = make_strategy_from_spec("generous-tft:g=0.25", g, 0, {0, 0});
  const StateDistribution d = gen.transition(0, 2, 2u);  // the other defected
  REQUIRE(d.size() == 2);
  CHECK(d[0].first == 0.25);
}

TEST_CASE("--strategies arguments: one name for all, or PLAYER=SPEC by id, name or number") {
  const NormalFormGame g = testing::public_goods(3);
  const PureProfile t{0, 0, 0};
  const std::vector<std::string> ids = {"us", "china", "bytedance"};
  const auto all = parse_strategy_profile("grim-trigger", g, t, ids);
  REQUIRE(all.size() == 3);
  CHECK(all[2].name == "grim-trigger");
  const auto mixed = parse_strategy_profile("us=tft,3=k-round-punishment:k=2", g, t, ids, "always-target");
  CHECK(mixed[0].name == "tft");
  CHECK(mixed[1].name == "always-target");
  CHECK(mixed[2].num_states() == 3);
  CHECK_THROWS_WITH_AS(parse_strategy_profile("chinaa=tft", g, t, ids, "tft"), doctest::Contains("did you mean 'china'"),
                       UsageError);
  CHECK_THROWS_AS(parse_strategy_profile("us=tft", g, t, ids), UsageError);  // no fallback for the others
}
