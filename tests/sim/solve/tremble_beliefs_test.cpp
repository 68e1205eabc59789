#include "sim/solve/tremble_beliefs.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/io/efg.hpp"

using namespace negsim;

namespace {

// Selten's horse with a third action for player 2: P1 plays C (across) or D
// (down to player 3); after C, P2 plays c (ends), d (down to player 3) or e
// (ends). Player 3 does not know whether P1 or P2 went down.
const char* kHorse = R"(EFG 2 R "Selten's horse, P2 with three actions" { "P1" "P2" "P3" }
""
p "" 1 1 "" { "C" "D" } 0
p "" 2 1 "" { "c" "d" "e" } 0
t "" 1 "" { 1, 1, 1 }
p "" 3 1 "" { "L" "R" } 0
t "" 2 "" { 4, 4, 0 }
t "" 3 "" { 1, 1, 1 }
t "" 4 "" { 0, 0, 0 }
p "" 3 1 "" { "L" "R" } 0
t "" 5 "" { 3, 2, 2 }
t "" 6 "" { 0, 0, 0 }
)";

// Player 1 ends the game (A), goes straight to player 2 (B), or moves again
// (C) and then ends (c) or goes to player 2 (d): player 2's set has a node one
// tremble away and one two trembles away under (A, c).
const char* kTwoDeep = R"(EFG 2 R "one or two trembles" { "P1" "P2" }
""
p "" 1 1 "" { "A" "B" "C" } 0
t "" 1 "" { 0, 0 }
p "" 2 1 "" { "l" "r" } 0
t "" 2 "" { 1, 0 }
t "" 3 "" { 0, 1 }
p "" 1 2 "" { "c" "d" } 0
t "" 4 "" { 0, 0 }
p "" 2 1 "" { "l" "r" } 0
t "" 5 "" { 1, 0 }
t "" 6 "" { 0, 1 }
)";

// A signalling game: chance draws the sender's type (weak 1/4, strong 3/4);
// the sender, knowing it, plays L or R; the receiver sees only the signal.
// A third type has probability 0 and only it can send M.
const char* kSignal = R"(EFG 2 R "signalling" { "Sender" "Receiver" }
""
c "" 1 "" { "weak" 1/4 "strong" 3/4 "ghost" 0 } 0
p "" 1 1 "weak" { "L" "R" } 0
p "" 2 1 "after L" { "u" "v" } 0
t "" 1 "" { 1, 1 }
t "" 2 "" { 0, 0 }
p "" 2 2 "after R" { "u" "v" } 0
t "" 3 "" { 1, 1 }
t "" 4 "" { 0, 0 }
p "" 1 2 "strong" { "L" "R" } 0
p "" 2 1 "after L" { "u" "v" } 0
t "" 5 "" { 1, 1 }
t "" 6 "" { 0, 0 }
p "" 2 2 "after R" { "u" "v" } 0
t "" 7 "" { 1, 1 }
t "" 8 "" { 0, 0 }
p "" 1 3 "ghost" { "M" } 0
p "" 2 3 "after M" { "u" "v" } 0
t "" 9 "" { 1, 1 }
t "" 10 "" { 0, 0 }
)";

std::size_t set_of(const ExtensiveFormGame& g, std::size_t player, std::size_t position) {
  return g.player_infosets(player)[position];
}

// The member of a set whose parent is `parent`.
std::size_t member_under(const ExtensiveFormGame& g, std::size_t set, std::size_t ancestor) {
  for (std::size_t k = 0; k < g.infoset(set).nodes.size(); ++k) {
    std::size_t n = g.infoset(set).nodes[k];
    while (n != kNoIndex && n != ancestor) n = g.node(n).parent;
    if (n == ancestor) return k;
  }
  return kNoIndex;
}

ExactBehaviorProfile pure_exact(const ExtensiveFormGame& g, const std::vector<std::vector<int>>& rows_by_player) {
  ExactBehaviorProfile profile = g.exact_uniform_behavior();
  for (std::size_t p = 0; p < g.num_players(); ++p)
    for (std::size_t k = 0; k < rows_by_player[p].size(); ++k) {
      const std::size_t i = g.player_infosets(p)[k];
      for (std::size_t a = 0; a < profile[i].size(); ++a) profile[i][a] = static_cast<int>(a) == rows_by_player[p][k] ? 1 : 0;
    }
  return profile;
}

BehaviorProfile to_double(const ExactBehaviorProfile& exact) {
  BehaviorProfile out(exact.size());
  for (std::size_t i = 0; i < exact.size(); ++i)
    for (const mpq_class& v : exact[i]) out[i].push_back(v.get_d());
  return out;
}

// The double and exact versions agree, and on the path both are Bayes' rule.
void check_agree_and_bayes(const ExtensiveFormGame& g, const ExactBehaviorProfile& exact) {
  const BehaviorProfile profile = to_double(exact);
  const TrembleBeliefs d = tremble_limit_beliefs(g, profile);
  const ExactTrembleBeliefs q = exact_tremble_limit_beliefs(g, exact);
  const std::vector<mpq_class> reach = g.exact_reach_probabilities(exact);
  for (std::size_t i = 0; i < g.num_infosets(); ++i) {
    const EfgInfoset& s = g.infoset(i);
    if (s.is_chance()) continue;
    REQUIRE(d.origin[i] == q.origin[i]);
    REQUIRE(d.trembles[i] == q.trembles[i]);
    mpq_class set_reach = 0, total = 0;
    for (std::size_t n : s.nodes) set_reach += reach[n];
    CHECK((q.origin[i] == BeliefOrigin::bayes) == (set_reach > 0));
    for (std::size_t k = 0; k < s.nodes.size(); ++k) {
      total += q.belief[i][k];
      CHECK(d.belief[i][k] == doctest::Approx(q.belief[i][k].get_d()).epsilon(1e-12));
      if (set_reach > 0) CHECK(q.belief[i][k] == reach[s.nodes[k]] / set_reach);
    }
    CHECK(total == 1);
  }
}

}  // namespace

TEST_CASE("tremble beliefs: Selten's horse off the path weighs each route by 1 over its action count") {
  const ExtensiveFormGame g = read_efg(kHorse);
  const std::size_t p3 = set_of(g, 2, 0);
  const std::size_t via_p1 = member_under(g, p3, g.child(0, 1));  // P1 went down
  REQUIRE(via_p1 != kNoIndex);
  const std::size_t via_p2 = 1 - via_p1;
  // (C, c, R): P3's set is off the path, one tremble from either mover:
  // P1's D has e/2, P2's d has e/3, so beliefs 3/5 and 2/5.
  const ExactBehaviorProfile across = pure_exact(g, {{0}, {0}, {1}});
  const ExactTrembleBeliefs b = exact_tremble_limit_beliefs(g, across);
  CHECK(b.origin[p3] == BeliefOrigin::uniform_trembles);
  CHECK(b.trembles[p3] == 1);
  CHECK(b.belief[p3][via_p1] == mpq_class(3, 5));
  CHECK(b.belief[p3][via_p2] == mpq_class(2, 5));
  check_agree_and_bayes(g, across);
  // (C, d, L): reached through P2, Bayes puts everything there.
  const ExactBehaviorProfile p2_down = pure_exact(g, {{0}, {1}, {0}});
  const ExactTrembleBeliefs on = exact_tremble_limit_beliefs(g, p2_down);
  CHECK(on.origin[p3] == BeliefOrigin::bayes);
  CHECK(on.belief[p3][via_p2] == 1);
  check_agree_and_bayes(g, p2_down);
  // Mixed: P1 C 1/3, D 2/3; P2 c 1/2, d 1/2: reach 2/3 and 1/6, Bayes 4/5 and 1/5.
  ExactBehaviorProfile mixed = across;
  mixed[set_of(g, 0, 0)] = {mpq_class(1, 3), mpq_class(2, 3)};
  mixed[set_of(g, 1, 0)] = {mpq_class(1, 2), mpq_class(1, 2), mpq_class(0)};
  const ExactTrembleBeliefs m = exact_tremble_limit_beliefs(g, mixed);
  CHECK(m.origin[p3] == BeliefOrigin::bayes);
  CHECK(m.belief[p3][via_p1] == mpq_class(4, 5));
  check_agree_and_bayes(g, mixed);
}

TEST_CASE("tremble beliefs: only the nodes with the fewest trembles get weight") {
  const ExtensiveFormGame g = read_efg(kTwoDeep);
  const std::size_t set = set_of(g, 1, 0);
  const std::size_t direct = member_under(g, set, g.child(0, 1));  // after B
  REQUIRE(direct != kNoIndex);
  // (A, c): B is one tremble, C then d two: all weight on the B node.
  const ExactTrembleBeliefs one = exact_tremble_limit_beliefs(g, pure_exact(g, {{0, 0}, {0}}));
  CHECK(one.trembles[set] == 1);
  CHECK(one.belief[set][direct] == 1);
  CHECK(one.belief[set][1 - direct] == 0);
  // P1's second set is off the path too (its own first move excludes it).
  CHECK(one.origin[set_of(g, 0, 1)] == BeliefOrigin::uniform_trembles);
  // (A, d): both one tremble away, each e/3: equal.
  const ExactTrembleBeliefs equal = exact_tremble_limit_beliefs(g, pure_exact(g, {{0, 1}, {0}}));
  CHECK(equal.belief[set][direct] == mpq_class(1, 2));
  check_agree_and_bayes(g, pure_exact(g, {{0, 0}, {0}}));
  check_agree_and_bayes(g, pure_exact(g, {{0, 1}, {1}}));
}

TEST_CASE("tremble beliefs: signalling off the path keeps the prior, zero-probability chance gets uniform") {
  const ExtensiveFormGame g = read_efg(kSignal);
  const std::size_t after_r = set_of(g, 1, 1);
  const std::size_t after_m = set_of(g, 1, 2);
  REQUIRE(g.infoset_label(after_r) == "after R");
  const std::size_t weak = member_under(g, after_r, g.child(0, 0));
  REQUIRE(weak != kNoIndex);
  // Pooling on L: after R both types tremble once (e/2 each): the prior 1/4, 3/4.
  const ExactBehaviorProfile pooling = pure_exact(g, {{0, 0, 0}, {0, 0, 0}});
  const ExactTrembleBeliefs b = exact_tremble_limit_beliefs(g, pooling);
  CHECK(b.origin[after_r] == BeliefOrigin::uniform_trembles);
  CHECK(b.belief[after_r][weak] == mpq_class(1, 4));
  CHECK(b.origin[after_m] == BeliefOrigin::zero_chance);
  CHECK(b.belief[after_m][0] == 1);  // one node
  CHECK(b.trembles[after_m] == kNoIndex);
  check_agree_and_bayes(g, pooling);
  // Semi-separating: weak plays R, strong mixes; after R Bayes: 1/4 against 3/8.
  ExactBehaviorProfile semi = pooling;
  semi[set_of(g, 0, 0)] = {mpq_class(0), mpq_class(1)};
  semi[set_of(g, 0, 1)] = {mpq_class(1, 2), mpq_class(1, 2)};
  const ExactTrembleBeliefs s = exact_tremble_limit_beliefs(g, semi);
  CHECK(s.origin[after_r] == BeliefOrigin::bayes);
  CHECK(s.belief[after_r][weak] == mpq_class(2, 5));
  check_agree_and_bayes(g, semi);
}

TEST_CASE("tremble beliefs on Gambit's example games: exact and double agree, Bayes on the path") {
  // Every pure equilibrium Gambit lists (expected/NAME.pure): rows it prints
  // as zeros (the player's own plan never gets there) read as uniform.
  const std::string dir = std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/";
  std::size_t profiles = 0;
  for (const std::string name : {"bayes1a", "bayes2a", "cent2", "e04", "e05", "hs1", "km1", "palf", "pvw", "condjury",
                                 "sww1", "w_ex1", "2smp", "montyhal"}) {
    INFO(name);
    const ExtensiveFormGame g = read_efg_file(dir + name + ".efg");
    std::ifstream in(dir + "expected/" + name + ".pure");
    REQUIRE(in);
    std::string line;
    std::size_t lines = 0;
    while (std::getline(in, line) && lines < 40) {
      if (line.rfind("NE,", 0) != 0) continue;
      ++lines;
      std::stringstream fields(line.substr(3));
      std::string field;
      ExactBehaviorProfile profile = g.exact_uniform_behavior();
      for (std::size_t p = 0; p < g.num_players(); ++p)
        for (std::size_t i : g.player_infosets(p)) {
          std::vector<mpq_class> row;
          mpq_class sum = 0;
          for (std::size_t a = 0; a < g.infoset(i).num_actions(); ++a) {
            REQUIRE(std::getline(fields, field, ','));
            row.emplace_back(field);
            row.back().canonicalize();
            sum += row.back();
          }
          if (sum != 0) profile[i] = row;
        }
      check_agree_and_bayes(g, profile);
      ++profiles;
    }
  }
  CHECK(profiles > 40);
}

TEST_CASE("equilibrium beliefs read a set the player's own plan skips as uniform, and keep a method's own") {
  const ExtensiveFormGame g = read_efg(kTwoDeep);
  const std::size_t set = set_of(g, 1, 0);
  const std::size_t direct = member_under(g, set, g.child(0, 1));
  BehaviorEquilibrium eq;
  eq.exact = pure_exact(g, {{0, 0}, {0}});  // A; the second set's row holds an arbitrary c
  eq.profile = to_double(*eq.exact);
  eq.no_action.assign(g.num_infosets(), false);
  eq.no_action[set_of(g, 0, 1)] = true;
  // Read as uniform: B is e/3, C then d is e/3 * 1/2: beliefs 2/3 and 1/3.
  const EquilibriumBeliefs b = equilibrium_beliefs(g, eq);
  REQUIRE(b.exact.has_value());
  CHECK(b.exact->belief[set][direct] == mpq_class(2, 3));
  CHECK(b.beliefs.belief[set][direct] == doctest::Approx(2.0 / 3));
  CHECK(b.beliefs.origin[set] == BeliefOrigin::uniform_trembles);
  // A method's own beliefs replace the off-path ones; the path stays Bayes.
  eq.beliefs.assign(g.num_infosets(), {});
  eq.beliefs[set] = {0.25, 0.75};
  eq.beliefs[set_of(g, 0, 0)] = {1.0};
  eq.beliefs[set_of(g, 0, 1)] = {1.0};
  const EquilibriumBeliefs own = equilibrium_beliefs(g, eq);
  CHECK(own.beliefs.origin[set] == BeliefOrigin::solver);
  CHECK(own.beliefs.belief[set][0] == 0.25);
  CHECK(own.beliefs.origin[set_of(g, 0, 0)] == BeliefOrigin::bayes);
  CHECK(!own.exact.has_value());
}
