// Repeated-game strategies as finite automata (Moore machines).
//
// Contract
//  - An automaton plays for one player (`player`) of a given stage game. It has
//    states 0..num_states()-1 and starts in `initial`.
//  - Each state prescribes an action: pure (an action index) or mixed (a
//    distribution over the player's actions, sampled in simulation and taken in
//    expectation by the equilibrium analysis).
//  - After each round the automaton moves on the observed pure profile. The
//    transition table is keyed either by
//      * the profile index (TransitionKey::Profile, dense [state][profile]), or
//      * the deviation mask (TransitionKey::DeviationMask): bit q is set when
//        player q did not play its target action. Tables are [state][2^N]; this is
//        how strategies defined against a target ("cooperate" = play the target)
//        scale to stage games with many actions.
//    A table entry is a next state, or (kRandomFlag | k) for the k-th random
//    transition: a distribution over next states.
//  - Everything is plain data; the simulator reads the tables in its inner loop.
//
// Limits: at most 2^31 states; mask keys need N <= 20 players; dense profile
// tables need states * profiles <= kMaxTableEntries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "models/game/normal_form.hpp"

namespace negsim {

enum class TransitionKey : std::uint8_t { Profile, DeviationMask };

inline constexpr std::uint32_t kRandomFlag = 0x80000000u;
inline constexpr std::uint32_t kMixedFlag = 0x80000000u;
inline constexpr std::size_t kMaxTableEntries = std::size_t{1} << 26;

// A distribution over next states: (probability, state) pairs summing to 1.
using StateDistribution = std::vector<std::pair<double, std::uint32_t>>;

struct Automaton {
  std::string name;
  std::size_t player = 0;
  std::size_t num_actions = 0;        // of this player in the stage game
  std::size_t num_players = 0;        // of the stage game
  TransitionKey key = TransitionKey::Profile;
  std::size_t key_size = 0;           // num_profiles, or 2^num_players for masks
  PureProfile target;                 // the target profile masks are taken against
  std::uint32_t initial = 0;
  std::vector<std::string> state_names;
  // action[s]: a pure action, or (kMixedFlag | k) for mixed[k].
  std::vector<std::uint32_t> action;
  std::vector<std::vector<double>> mixed;  // each a distribution over num_actions
  // next[s * key_size + key]: a state, or (kRandomFlag | k) for random[k].
  std::vector<std::uint32_t> next;
  std::vector<StateDistribution> random;

  std::size_t num_states() const { return action.size(); }
  bool has_mixed_actions() const { return !mixed.empty(); }
  bool has_random_transitions() const { return !random.empty(); }
  bool is_deterministic() const { return mixed.empty() && random.empty(); }

  // The table key of a profile (index into the stage game) with deviation mask.
  std::size_t key_of(std::size_t profile, std::uint32_t mask) const {
    return key == TransitionKey::Profile ? profile : mask;
  }
  // The action distribution of state s (a unit vector for pure states).
  std::vector<double> action_distribution(std::size_t s) const;
  // Next-state distribution from state s after the given profile.
  StateDistribution transition(std::size_t s, std::size_t profile, std::uint32_t mask) const;

  // Throws std::invalid_argument if tables, sizes or distributions are inconsistent.
  void validate() const;
};

// Creates an automaton with `states` states that all play action 0 and stay put.
// key = DeviationMask needs the target profile.
Automaton make_automaton(const NormalFormGame& game, std::size_t player, std::size_t states,
                         TransitionKey key, const PureProfile& target, std::string name);

// Deviation mask of a profile against a target: bit q set iff action q != target[q].
std::uint32_t deviation_mask(const NormalFormGame& game, std::size_t profile,
                             const PureProfile& target);

// Converts a mask-keyed automaton to a dense profile-keyed one (same behaviour).
Automaton to_profile_keyed(const NormalFormGame& game, const Automaton& automaton);

// Checks that a profile of automata fits the game: one per player in order, the
// right action counts, and a common target for mask-keyed ones. Throws
// std::invalid_argument otherwise.
void check_automata_profile(const NormalFormGame& game, std::span<const Automaton> automata);

}  // namespace negsim
