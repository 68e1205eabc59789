// Equilibrium check of a profile of strategy automata in the infinitely
// repeated game with discount factor delta (normalised values
// V = (1 - delta) sum_t delta^t u_t).
//
// Method
//  - The profile is a Markov chain on the product of the automata's states.
//    Exact state values solve (I - delta T) V = (1 - delta) r on the states
//    reachable after any history (Eigen SparseLU; mixed actions and random
//    transitions are taken in expectation).
//  - Subgame perfection, by the one-shot deviation principle (Blackwell 1965;
//    Mailath & Samuelson 2006, Prop. 2.2.1): at every history-reachable product
//    state no player gains by deviating for one round and then following its
//    automaton. gain(s, i, a) = Q_i(s, a) - V_i(s).
//  - Nash: for each player i, the best reply to the others' automata is solved
//    exactly as a Markov decision problem on the others' product states (policy
//    iteration); the profile is Nash iff no on-path state (positive probability
//    under the profile) has V*_i > V_i. A deviation reported for Nash is the
//    first action of the best reply there. Equivalently (used here, because it
//    gives a signed margin): no on-path state where deviating now and
//    best-replying afterwards beats following the automaton; if V* > V at some
//    on-path state, following the path from there leads to a state where the
//    best reply departs from the prescribed action with a positive gain.
//  - Gains are signed: deviations to actions other than a pure prescribed one
//    (all actions for mixed states). A negative max gain is a strict margin.
//  - Exact rational values (GMP) are available for deterministic pure profiles
//    (every automaton deterministic with pure actions): the chain is a
//    functional graph, each value a finite sum over a tail and a cycle.
//
// Tolerances are per player (OneShotOptions::tol).
//
// Complexity: S = product of state counts (history-reachable part), K = profiles
// (or 2^N deviation masks when all automata are mask-keyed): building
// O(S * K * N) transitions; values one sparse LU of size S; the check O(S * sum_i |A_i|
// * support). Limits: S <= max_product_states (LimitError beyond).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <gmpxx.h>

#include "models/game/normal_form.hpp"
#include "models/game/automaton.hpp"

namespace negsim {

struct OneShotOptions {
  // Per player, relative to that player's own payoff range (plus a rounding
  // floor), as in sim/solve/equilibrium.hpp: player i's gains are compared
  // with tolerance(i) = tol * range_i + 64 ulps of max |u_i|, so verdicts do
  // not change under a separate a_i * u_i + b_i of each player's payoffs.
  double tol = 1e-9;
  bool check_nash = true;
  bool check_spe = true;
};

struct DeviationReport {
  std::vector<std::uint32_t> state;  // each automaton's state
  std::size_t player = 0;
  std::size_t action = 0;
  double gain = 0;                   // normalised value gained
  bool on_path = false;              // `state` is reached when nobody deviates
};

struct OneShotResult {
  double delta = 0;
  std::size_t product_states = 0;    // history-reachable product states
  std::size_t on_path_states = 0;
  std::vector<double> initial_values;  // normalised, per player
  bool subgame_perfect = false;
  bool nash = false;
  std::vector<double> spe_gain;      // per player: max one-shot gain over reachable states (signed)
  std::vector<double> nash_gain;     // per player: max gain of deviating now and best-replying
                                     // afterwards, over on-path states (signed)
  // The most profitable one, if any: the largest gain relative to the
  // deviator's payoff range (ProfileModel::payoff_unit), so that the choice
  // between players does not depend on their payoff units.
  std::optional<DeviationReport> spe_deviation;
  std::optional<DeviationReport> nash_deviation;
};

// Precomputes the product chain once; check() then runs at any delta.
class ProfileModel {
 public:
  ProfileModel(const NormalFormGame& game, std::span<const Automaton> automata,
               std::size_t max_product_states = std::size_t{1} << 22);

  OneShotResult check(double delta, const OneShotOptions& options = {}) const;

  // Normalised values V[h * n + p] of the history-reachable states, in the
  // order of states(); states()[0] is the initial state.
  std::vector<double> values(double delta) const;
  std::vector<std::vector<std::uint32_t>> states() const;

  // True when every automaton is deterministic with pure actions.
  bool deterministic() const { return deterministic_; }
  // Exact per-player gains at a rational delta (deterministic profiles only):
  // SPE: max one-shot gain; Nash: the gain of the best reply found in floating
  // point at that delta, evaluated exactly (a lower bound on the true gain that
  // equals it whenever the float policy is optimal).
  // with_nash = false leaves `nash` empty (the MDP best replies are skipped).
  struct ExactGains {
    std::vector<mpq_class> spe, nash;
  };
  ExactGains exact_gains(const mpq_class& delta, bool with_nash = true) const;

  std::size_t num_players() const { return n_; }
  // Player i's payoff range (max - min of its stage payoffs), or 1 when that
  // is 0: gains divided by it are in the same units for every player.
  double payoff_unit(std::size_t player) const { return unit_[player]; }
  // Player i's tolerance on gains: rel_tol * range_i + the rounding floor of
  // its payoffs (regret_tolerances in sim/solve/equilibrium.hpp).
  double gain_tolerance(std::size_t player, double rel_tol) const;

 private:
  struct Outcome {
    double prob;
    std::uint32_t profile;
    std::uint32_t begin, end;  // next-state distribution in next_state_/next_prob_
  };
  struct PlayerMdp {
    std::vector<std::uint64_t> codes;  // others' product code per MDP state
    std::vector<std::uint32_t> range;  // outcomes of (x, a) at range[x * A + a] .. +1
    std::vector<Outcome> outcomes;
    std::vector<std::uint32_t> next_state;
    std::vector<double> next_prob;
    std::vector<std::uint32_t> of_state;  // MDP state of each history-reachable product state
  };

  void build_outcomes();
  void build_mdp(std::size_t player);
  std::vector<double> mdp_best_reply(std::size_t player, double delta,
                                     std::vector<std::uint32_t>* policy) const;
  std::vector<std::uint32_t> decode(std::uint64_t code) const;

  NormalFormGame game_;  // a copy: the model outlives temporaries
  std::vector<Automaton> automata_;
  std::size_t n_ = 0;
  std::vector<std::uint64_t> mult_;
  bool deterministic_ = true;
  std::vector<double> range_;           // per player: max - min of its payoffs
  std::vector<double> unit_;            // range_, or 1 where it is 0
  std::vector<double> rounding_floor_;  // per player: regret_tolerances(game, 0)
  std::vector<std::size_t> action_offset_;
  std::size_t total_actions_ = 0;
  std::vector<std::uint64_t> codes_;           // product code of each reachable state
  std::vector<std::uint32_t> dev_range_;       // (h, i, a) -> outcomes range
  std::vector<Outcome> outcomes_;
  std::vector<std::uint32_t> next_state_;
  std::vector<double> next_prob_;
  std::vector<std::vector<std::pair<std::uint32_t, double>>> support_;  // (h, i) -> (action, prob)
  std::vector<char> on_path_;
  std::vector<PlayerMdp> mdps_;
};

// Convenience: build the model and check at one delta.
OneShotResult check_one_shot_deviation(const NormalFormGame& game,
                                       std::span<const Automaton> automata, double delta,
                                       const OneShotOptions& options = {});

}  // namespace negsim
