// From a scenario's `sequence:` block (with its `types:`) to a game tree with
// chance, information sets and discounted payoffs (format: docs/scenario.md,
// "Sequences"). models/scenario/extensive_builder.hpp turns the tree into the
// project's extensive-form model; the analyses read the tree itself.
//
// Contract
//  - The root is a chance node over the type profiles of positive prior
//    probability (type_prior.hpp; a scenario without types has a root chance
//    node with one outcome of probability 1). Then the round's steps run in
//    order, `rounds` times: a chance step is a chance node (probabilities
//    from its expressions, evaluated at the node: in [0, 1] and summing to 1
//    within 1e-9, else InputError at the expression naming the history); a
//    move step is one decision node per mover (simultaneous movers in file
//    order, none seeing the others' choice of that step). A mover's actions
//    are the settings of the levers the step gives it (product, first lever
//    slowest), labelled `lever=value,...` as in build_normal_form; the
//    scenario's `constraints` do not apply to the sequence.
//  - A move step with `when: EXPR` happens only at the histories where EXPR
//    holds (evaluated where the step would start, over what is set then);
//    elsewhere it has no node, its levers take the step's `default:` values
//    (what payoffs, stop_when and later steps read), and the history records
//    for each of its levers that the step was skipped (the fact's value is
//    SequenceKnowledge::kSkipped), seen by whoever observes that lever: its
//    movers always (their own levers), so a player later knows whether each
//    of its own conditional steps happened (perfect recall). A mover's
//    information set holds only nodes where its step happens: moving, it
//    knows the condition held. Static checks: EXPR reads only what is set
//    before the step in round 1, and none of the step's own levers.
//  - After each round, every player gets its per-round payoff (the block's
//    `payoffs`, else the scenario's) times discount^(round-1); the game ends
//    after `rounds` rounds or at the end of the first round where `stop_when`
//    holds. A leaf's payoffs are the discounted sums.
//  - Information: a mover knows the clock (round and step), its own type, its
//    own earlier moves, and what it observed at this or any earlier move of
//    its own (perfect recall by construction): `observes: all` is every
//    earlier move and chance outcome (not other players' types); `none` is
//    nothing new; a list names players (all their levers), PLAYER.LEVER,
//    PLAYER.type, chance.EVENT. Decision nodes with the same player, clock
//    and knowledge form one information set, described in words by what the
//    mover knows (SequenceInfoSet::knows(), put in words on demand: the tree
//    keeps what each set knows as indices, so that a tree nobody reads in
//    words does not pay for the words).
//  - SequenceBuildOptions::reveal_types: every mover also knows every type
//    (the complete-information games, one per type profile, under one root).
//  - SequenceBuildOptions::reveal_types_to = P: player P alone also knows
//    every type at each of its moves; the others keep their information
//    (P's value of learning the others' types, belief_analysis.hpp).
//  - Static checks (InputError at the expression): payoffs and stop_when read
//    only levers a move sets or `fixed` gives; chance probabilities read only
//    what is set before their step in round 1 (fixed levers, types, earlier
//    steps), and so do conditions (`when`). rounds must be a whole number in
//    [1, 1000]; discount in (0, 1].
//  - Budget before building: an upper bound on the nodes (no early stops,
//    every conditional step taken)
//    must be at most BuildOptions::max_profiles, and its memory within the
//    machine's budget (models/memory_budget.hpp), else LimitError.
// Complexity: O(nodes * (players + expression size)).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/game/extensive_form.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "models/scenario/type_prior.hpp"

namespace negsim {

struct SequenceNode {
  enum class Kind : unsigned char { kChance, kDecision, kTerminal };
  Kind kind = Kind::kTerminal;
  std::size_t player = 0;   // decision: scenario player index
  std::size_t infoset = 0;  // decision: index into SequenceTree::infosets
  // Chance: index into the sequence's chance events, or kTypeDraw for the root.
  std::size_t chance_event = 0;
  std::vector<std::size_t> children;        // one per action / outcome
  std::vector<double> probabilities;        // chance: one per child
  std::vector<double> payoffs;              // terminal: per player, discounted sum
  std::size_t parent = static_cast<std::size_t>(-1);
  std::size_t parent_branch = 0;            // which child of the parent this is
  std::size_t round = 0;                    // 1-based; 0 at the root
  std::size_t type_profile = 0;             // index into SequenceTree::prior.profiles (0 at the root)

  static constexpr std::size_t kTypeDraw = static_cast<std::size_t>(-1);
};

// What the movers of a tree's information sets know, as indices into the
// scenario's names, put in words by describe() (the words of
// SequenceInfoSet::knows()). Shared by the tree, its information sets and the
// extensive-form game built from it, whose information sets it labels.
class SequenceKnowledge : public InfosetLabeler {
 public:
  // Something that happened on the path before a move: a type, a lever
  // setting, a chance outcome; `known` if the mover knows it.
  struct Fact {
    enum class Kind : std::uint8_t { kType, kLever, kChance };
    Kind kind = Kind::kType;
    bool known = false;
    std::uint32_t player = 0;  // kType, kLever
    std::uint32_t what = 0;    // kLever: lever; kChance: event
    std::uint32_t value = 0;
    std::uint32_t round = 0;
  };
  struct Names {
    std::vector<std::string> players;                          // display names
    std::vector<std::vector<std::string>> levers;              // per player, lever ids
    std::vector<std::vector<std::vector<std::string>>> values; // per player, lever, value labels
    std::vector<std::string> chance;                           // chance event ids
    std::vector<std::vector<std::string>> outcomes;            // per chance event
    std::vector<std::vector<std::string>> types;               // per player, type labels
  };

  static constexpr std::uint32_t kNoFact = static_cast<std::uint32_t>(-1);
  // A lever fact's value where its step was skipped (`when` false): "(skipped)".
  static constexpr std::uint32_t kSkipped = 0x7FFFFFFF;

  explicit SequenceKnowledge(Names names) : names_(std::move(names)) {}
  // A fact that happened after fact `before` (kNoFact: the first); returns its
  // index. Histories share their beginnings: one fact per edge of the tree.
  std::uint32_t add_fact(std::uint32_t before, const Fact& fact);
  void reserve_facts(std::size_t count) {
    facts_.reserve(count);
    fact_before_.reserve(count);
  }
  // Records the next information set: its mover, round, the last fact of its
  // history and, per fact of the history (oldest first), whether the mover
  // knows it. Returns the set's index.
  std::size_t add(std::size_t player, std::size_t round, std::uint32_t last_fact, const std::vector<char>& known);
  // "Seller in round 2, knowing its type (low); buyer offer=high (round 1); not knowing ..."
  std::string describe(std::size_t set) const;
  std::string label(std::size_t set) const override { return describe(set); }
  std::size_t size() const { return sets_.size(); }

 private:
  struct Set {
    std::size_t player, round;
    std::uint32_t last_fact;
    std::size_t count;        // facts in its history
    std::size_t known_first;  // its first word in known_
  };
  Names names_;
  std::vector<Set> sets_;
  std::vector<Fact> facts_;                 // `known` unused here
  std::vector<std::uint32_t> fact_before_;  // per fact, the one before it (kNoFact: none)
  std::vector<std::uint64_t> known_;        // per set, a bit per fact of its history
};

struct SequenceInfoSet {
  std::size_t player = 0;
  std::size_t round = 0, step = 0;  // 1-based
  // What the move is (shared by every information set of the same move):
  SharedList<std::size_t> levers;                      // the levers the move sets
  SharedList<std::vector<std::size_t>> action_values;  // per action, the value index of each lever
  ActionLabels action_labels;                          // `deadline=extend`
  std::vector<std::size_t> nodes;                       // its decision nodes, in tree order
  // "in round 2, knowing: ...; not knowing: ...", put in words on each call.
  std::string knows() const { return knowledge->describe(index); }
  std::shared_ptr<const SequenceKnowledge> knowledge;
  std::size_t index = 0;  // this set's index in the tree (and in knowledge)
};

// What refresh_sequence_numbers needs of a built tree, recorded by the build
// (sequence_builder.cpp): the expressions, the distinct settings of the slots
// they read, and where each setting's numbers go.
struct SequenceNumberPlan;

struct SequenceTree {
  std::vector<std::string> player_ids, player_names;
  TypePrior prior;
  std::vector<SequenceNode> nodes;  // nodes[0] is the root
  std::vector<SequenceInfoSet> infosets;
  std::shared_ptr<const SequenceKnowledge> knowledge;  // what each information set knows
  std::vector<std::string> chance_names;                  // per chance event
  std::vector<std::vector<std::string>> chance_outcomes;  // per chance event
  std::size_t rounds = 1;
  double discount = 1;
  // Set by every build that keeps the tree; shared by its copies, never changed.
  std::shared_ptr<const SequenceNumberPlan> number_plan;

  // Labels of a node's branches ("committed", "open", "deadline=extend").
  std::vector<std::string> branch_labels(std::size_t node) const;
  std::size_t num_players() const { return player_ids.size(); }
};

struct SequenceBuildOptions {
  BuildOptions build;
  bool reveal_types = false;
  std::optional<std::size_t> reveal_types_to;  // a player index
};

// An upper bound on the tree's nodes (no early stop), for budgets and memory
// estimates before anything is built. Throws InputError on a bad `rounds`.
double sequence_node_bound(const Scenario& scenario);

// Throws InputError if the scenario has no `sequence:` block.
SequenceTree build_sequence_tree(const Scenario& scenario, const SequenceBuildOptions& options = {});

// The numbers of `tree` at `scenario`'s parameter values, its shape kept:
// `tree` was built by build_sequence_tree from a copy of `scenario` with other
// parameter values. The build records in the tree (SequenceTree::number_plan)
// each expression, the distinct settings of the slots it reads (the levers,
// types, chance outcomes and round it sees) in the order the walk met them,
// and, per node, the setting its number comes from; a refresh binds the
// expressions at the new values, evaluates each setting once, and writes the
// prior, the discount, the chance probabilities and the leaves' payoffs with
// the builder's arithmetic (the same programs on the same settings, sums in
// the same order): every number is the one a fresh build gives, bit for bit.
// The shape rests on the rounds, the type profiles of positive probability,
// and the value of stop_when and of each `when:` condition at each of their
// settings; a refresh evaluates those again and returns false when one
// differs (another shape), when a number is invalid (a probability, a payoff,
// the discount), or when an expression at the new values reads a slot the
// build's did not (an `if` folded the other way): `tree` is then unusable,
// and build_sequence_tree gives the tree or the error.
// What tipping points' probes use (sim/analysis/tipping_points.hpp): most of a
// build is the shape and the information sets, which no payoff parameter moves.
// Complexity: O(settings * expression size + nodes); no walk of the tree, no
// deadline checks.
bool refresh_sequence_numbers(const Scenario& scenario, SequenceTree& tree);

}  // namespace negsim
