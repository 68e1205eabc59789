// Pure perfect Bayesian and sequential equilibria of a scenario's sequence
// tree (models/scenario/sequence_builder.hpp): a behaviour profile (one action
// per information set) with a belief at every information set.
//
// Definitions (Fudenberg and Tirole, Game Theory, 1991, ch. 8; Kreps and
// Wilson 1982)
//  - On the path (information sets reached with positive probability) beliefs
//    come from Bayes' rule: belief(x) = reach(x) / reach(h).
//  - Off the path, the belief is first the limit of uniform trembles: the
//    profile played as (1 - e) s + e * uniform at every information set, e ->
//    0, so an action off the profile has probability e / |A| at a set of |A|
//    actions; the nodes reached with the fewest deviations share the belief
//    in proportion to the chance (and prior) probabilities on their paths
//    times 1 / |A| per deviation. These beliefs all come from one sequence of
//    fully mixed profiles, so they are consistent (Kreps-Wilson) together,
//    by the rule `solve` uses for every .efg method
//    (sim/solve/tremble_beliefs.hpp: for the same profile on the tree's
//    extensive form, the same beliefs).
//  - Sequential rationality: at every information set the chosen action's
//    expected continuation payoff under the belief (later play as in the
//    profile) is within the player's tolerance of the best action's.
//  - If an off-path choice is rational under the tremble belief the
//    equilibrium is SEQUENTIAL (kind "sequential"). If it is not, the solver
//    looks for a belief on that information set's nodes that supports the
//    choice (a point mass on one node); with one, the profile is a WEAK
//    perfect Bayesian equilibrium (kind "weak PBE": Bayes on the path, the
//    stated belief off it), else it is rejected.
//  - Every equilibrium is also checked as a Nash equilibrium of the tree by
//    the independent best response of sim/analysis/sequence_verify.hpp
//    (regrets within per-player tolerances); a profile failing it is a bug
//    and is not returned.
//
// Search
//  - If the pure behaviour profiles number at most options.max_enumerated,
//    every one is checked (`complete`: the list is every pure PBE/sequential
//    equilibrium with the belief rules above).
//  - Otherwise best-response iteration with beliefs, from several starts
//    (first actions, last actions, seeded random ones): beliefs from the
//    current profile, then each information set, deepest first, switches to
//    its best action until nothing moves: it keeps its move on ties, and off
//    the path whenever a point-mass belief supports it; beliefs and values are
//    recomputed after every switch.
//    Fixed points are checked as above. Not complete: the result says so.
//    The check reads the iteration's reach and node values (kept up to date
//    move by move, equal to a fresh computation bit for bit); the Nash check
//    computes its own.
// Buffers are per thread and reused across calls (the tipping-point probes
// solve trees of one shape hundreds of times), so a call allocates little
// beyond its result. Thread-safe: concurrent calls on different threads.
// Complexity: enumeration O(profiles * nodes * players); iteration
// O(starts * passes * information sets * nodes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/scenario/extensive_builder.hpp"
#include "models/scenario/sequence_builder.hpp"

namespace negsim {

enum class BeliefSource { kBayes, kTrembles, kSupporting };
const char* to_string(BeliefSource source);

struct InfoSetAssessment {
  double reach = 0;             // probability the information set is reached
  std::vector<double> belief;   // over SequenceInfoSet::nodes
  BeliefSource source = BeliefSource::kBayes;
  std::vector<double> action_values;  // the mover's expected continuation payoff of each action
};

struct TreeEquilibrium {
  std::vector<std::size_t> actions;  // per information set
  std::vector<double> payoffs;       // expected, per player
  std::vector<InfoSetAssessment> assessment;  // per information set
  bool sequential = true;            // every belief is Bayes or the tremble limit
  std::vector<double> regrets;       // independent Nash check (sequence_verify.hpp)
  std::vector<double> tolerances;

  const char* kind() const { return sequential ? "sequential" : "weak PBE"; }
};

struct PerfectBayesianOptions {
  std::uint64_t max_enumerated = 1 << 16;
  std::size_t max_equilibria = 16;
  std::size_t random_starts = 2;
  double rel_tol = 1e-9;
  Deadline deadline;
};

struct PerfectBayesianResult {
  std::vector<TreeEquilibrium> equilibria;
  bool complete = false;
  std::string method;  // "enumeration of 16 pure profiles", "best-response iteration from 8 starts"
  std::uint64_t checked = 0;  // candidate profiles checked
};

PerfectBayesianResult solve_perfect_bayesian(const SequenceTree& tree, const PerfectBayesianOptions& options = {});

// The assessment of a profile (beliefs and values), and whether every choice
// is sequentially rational under it; used by the solver and by tests.
struct AssessmentCheck {
  std::vector<InfoSetAssessment> assessment;
  bool rational = false;
  bool sequential = false;
};
AssessmentCheck assess_profile(const SequenceTree& tree, const std::vector<std::size_t>& actions,
                               const std::vector<double>& tolerances);

// Per node, the probability that the move `threat` (an information-set
// predicate) is taken at some node from here on under the profile.
std::vector<double> threat_probabilities(const SequenceTree& tree, const std::vector<std::size_t>& actions,
                                         const std::vector<std::vector<char>>& threat_action);
// The same under a behaviour profile (behavior[h][a], e.g. BehaviorPerfectBayesian::behavior).
std::vector<double> threat_probabilities(const SequenceTree& tree, const std::vector<std::vector<double>>& behavior,
                                         const std::vector<std::vector<char>>& threat_action);

// Behaviour (mixed) perfect Bayesian equilibria, two players: the pure search
// above may find none (a signalling game whose prior rules out pooling), so a
// two-player tree also gets one equilibrium in behaviour strategies, the
// quasi-perfect equilibrium of its extensive form (sim/solve/quasi_perfect.hpp,
// exact): sequential, so its beliefs are Bayes' rule on the path and the
// consistent limit of trembles off it. Verified there (Nash by the behaviour
// verifier, sequential rationality exactly) and again here by assess_behavior
// in the tree's own terms (each mover's actions in the support within
// rel_tol of the best under the beliefs).
struct BehaviorPerfectBayesian {
  std::vector<std::vector<double>> behavior;  // per tree information set, per action
  std::vector<InfoSetAssessment> assessment;  // per tree information set (source: Bayes on the path, trembles off)
  std::vector<double> payoffs;                // expected, per player
  std::vector<double> gains;                  // the behaviour verifier's gain per player (0: exact)
  bool pure = false;                          // every move is pure
  std::string note;                           // how it was found
};
// The extensive form's sequences per player above which the (exact) method is
// not tried: nullopt then, and for trees with other than two players.
inline constexpr std::size_t kBehaviorPbeMaxSequences = 400;
std::optional<BehaviorPerfectBayesian> solve_behavior_perfect_bayesian(const SequenceTree& tree,
                                                                       const ScenarioExtensiveForm& efg,
                                                                       const Deadline& deadline = {});

}  // namespace negsim
