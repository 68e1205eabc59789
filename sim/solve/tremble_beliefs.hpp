// Beliefs at EVERY information set of a behaviour profile: Bayes' rule on
// the path, and off it the limit of Bayes' rule under uniform trembles.
//
// Definition. For a behaviour profile s let
//   s_e = (1 - e) s + e * uniform
// at every player information set (chance unchanged). s_e is completely mixed
// wherever chance allows and s_e -> s, so the limit as e -> 0 of Bayes' rule
// under s_e is a CONSISTENT assessment with s (Kreps and Wilson 1982); on the
// path it is Bayes' rule under s itself.
//
// Method. Each node's reach under s_e is a polynomial in e; only its lowest
// order term matters in the limit. Per node keep that order k (the fewest
// trembles on its path) and its coefficient c, from the root (k = 0, c = 1)
// down: a chance move multiplies c by its probability (probability 0: the node
// is unreachable for every e); an action with s(a) > 0 keeps k and multiplies
// c by s(a); an action with s(a) = 0 adds one order and multiplies c by
// 1 / |A| (its tremble probability is e / |A|). At an information set the
// belief puts weight only on the members of minimal order, proportional to c.
// Minimal order 0 is the path (c is then the reach probability: Bayes' rule).
//
// Reference: D. M. Kreps and R. Wilson, "Sequential equilibria",
// Econometrica 50 (1982) 863-894 (consistency).
//
// Relation to other beliefs in negsim: quasi_perfect.hpp gives the beliefs of
// ITS own perturbation (Miltersen-Sorensen), which may differ off the path
// (both are consistent); sim/analysis/perfect_bayesian.hpp uses the same
// trembles (e / |A|) for pure profiles of a scenario's sequence tree, so for
// the same profile `run` and `solve` of its export agree off the path.
//
// Contract
//  - The game is finalized; profile rows of player sets are distributions
//    (chance rows ignored: the game's chance probabilities are used).
//  - "s(a) > 0" is exact for the exact version; for doubles any positive
//    value counts as played (a profile from an iterative method with tiny
//    positive probabilities is on the path everywhere it reaches).
//  - Result per GLOBAL information set (chance sets: empty belief); belief[i]
//    is over infoset(i).nodes in that order and sums to 1.
//  - An information set reached only through chance moves of probability 0
//    has no belief from any trembles of the players: uniform, origin
//    zero_chance (as quasi_perfect.hpp does).
//  - The exact and double versions give the same orders and origins for the
//    same profile, and beliefs equal up to the doubles' rounding.
// Complexity: O(nodes) arithmetic operations (exact: on rationals whose size
// grows with the depth). Limits: none beyond memory; perfect recall is not
// needed (the definition is per node).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <gmpxx.h>

#include "models/game/extensive_form.hpp"
#include "sim/solve/behavior_equilibrium.hpp"

namespace negsim {

enum class BeliefOrigin : std::uint8_t {
  bayes,             // the set is reached under the profile: Bayes' rule
  uniform_trembles,  // off the path: the limit of uniform trembles
  zero_chance,       // only zero-probability chance reaches it: uniform
  solver,            // off the path: the method's own consistent beliefs (qpe)
};
// "bayes", "uniform_trembles", "zero_chance", "solver" (the JSON names).
const char* belief_origin_name(BeliefOrigin origin);

template <class T>
struct TrembleAssessment {
  std::vector<std::vector<T>> belief;  // per global information set, over infoset(i).nodes
  std::vector<BeliefOrigin> origin;    // per global information set
  // Per global information set: the fewest trembles that reach it (0 on the
  // path); kNoIndex for zero_chance sets.
  std::vector<std::size_t> trembles;
};
using TrembleBeliefs = TrembleAssessment<double>;
using ExactTrembleBeliefs = TrembleAssessment<mpq_class>;

TrembleBeliefs tremble_limit_beliefs(const ExtensiveFormGame& game, const BehaviorProfile& profile);
ExactTrembleBeliefs exact_tremble_limit_beliefs(const ExtensiveFormGame& game, const ExactBehaviorProfile& profile);

// The assessment reported with a verified equilibrium (behavior_report.hpp):
//  - the method's own beliefs where it has them (eq.beliefs, qpe): origin
//    bayes on the path, solver off it;
//  - otherwise tremble_limit_beliefs of eq.profile, exact (exact_tremble_limit_beliefs
//    of eq.exact, kept in `exact`) when the equilibrium is exact. Rows marked
//    no_action (the player's own plan never reaches them; the profile holds an
//    arbitrary action there) are read as uniform: the plan says nothing there,
//    so no action is preferred when later beliefs are formed.
struct EquilibriumBeliefs {
  TrembleBeliefs beliefs;                    // doubles (the exact ones rounded when exact)
  std::optional<ExactTrembleBeliefs> exact;  // exact equilibria without the method's own beliefs
};
EquilibriumBeliefs equilibrium_beliefs(const ExtensiveFormGame& game, const BehaviorEquilibrium& eq);

}  // namespace negsim
