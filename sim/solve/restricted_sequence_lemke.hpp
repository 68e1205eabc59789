// Lemke's algorithm on restricted games grown by best responses: one Nash
// equilibrium of a large two-player extensive-form game with perfect recall,
// in double precision, where Lemke's path on the whole sequence form is too
// long to follow.
//
// Why: on random trees the complementary path of the full sequence-form LCP
// grows much faster than its n rows (measured in docs/benchmarks.md: 2.1n
// pivots at 1,900 rows, 13n at 2,446, over 23n unfinished at 2,980, from the
// centroid, from random priors and from CFR+'s near-equilibrium prior alike;
// the long paths are genuine, not rounding: a fresh factorisation at every
// pivot follows the same path). Restricting each player to the actions an
// approximate equilibrium uses cuts each round's path to 0.2n to 0.4n pivots
// (0.8n over the 3 rounds at 9,817 rows).
//
// Method (a double-oracle loop, McMahan, Gordon and Blum 2003, with Lemke's
// algorithm as the restricted-game solver):
//  1. CFR+ (cfr_plus.hpp), options.cfr_iterations iterations; at each
//     information set keep the actions its average plays with probability
//     > options.support_threshold, and always the most played one.
//  2. Solve the restricted game (the same game with the other actions
//     removed) by Lemke's algorithm on its sequence form: the full LCP
//     (sequence_form_lcp.hpp) without the rows and columns of removed
//     sequences (x_s = 0 there), which is exactly the restricted game's LCP,
//     so Koller, Megiddo and von Stengel's guarantee holds. Engine: the
//     revised double-precision engine (lcp_revised.hpp) with the geometric
//     tie-breaking perturbation; covering vector: the tracing procedure's
//     prior (von Stengel, van den Elzen and Talman 2002), half CFR+'s average
//     and half uniform over the kept actions.
//  3. Check the restricted equilibrium in the whole game with the independent
//     tree verifier (behavior_verify.hpp). An equilibrium: done. Otherwise add
//     every action of each player's best pure response and go to 2. Each
//     round adds at least one action (a restricted equilibrium that some
//     player can improve on needs an action outside the restriction), so the
//     loop ends, at worst with the whole game.
//
// Contract
//  - Two players, perfect recall (the caller, sequence_form_lemke, checks);
//    lcp = detail::build_sequence_lcp(game).
//  - solved: profile and plans are an equilibrium the verifier accepted
//    (rel_tol 1e-9); kept_rows lists the full LCP's rows the last restricted
//    LCP kept (in order) and basis its final complementary basis in that
//    LCP's ids (w_j = j, z_j = k + j), for an exact re-solve of the
//    restricted game (whose exact solution must then pass the exact verifier
//    in the whole game: the restricted LCP's values p, q at information sets
//    behind removed actions are not the whole game's). Not solved: failure says why (a restricted path that cycled or
//    ended in a ray twice, or more than max_rounds rounds); the caller falls
//    back to the whole LCP.
//  - The deadline is checked by the engine every 64 pivots (LimitError
//    through deadline.fail).
// References: H. B. McMahan, G. J. Gordon, A. Blum, "Planning in the presence
// of cost functions controlled by an adversary", ICML 2003 (double oracle);
// D. Koller, N. Megiddo, B. von Stengel, GEB 14 (1996) 247-259; B. von
// Stengel, A. van den Elzen, D. Talman, Econometrica 70 (2002) 693-715;
// O. Tammelin, arXiv:1407.5042 (CFR+).
// Complexity: CFR+ O(iterations x nodes); per round one Lemke path on the
// restricted LCP (rows <= n) and one verifier pass O(nodes). Random trees
// with 2,000 / 4,400 sequences: 3 rounds, about 8,000 pivots in all.
// Limits: double precision (the final basis can be re-solved exactly by the
// caller); rounds restart Lemke from scratch; the number of rounds is not
// bounded by anything smaller than the number of actions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/extensive_form.hpp"
#include "sim/solve/sequence_form_lcp.hpp"

namespace negsim {

struct RestrictedLemkeOptions {
  std::size_t cfr_iterations = 1000;
  double support_threshold = 0.01;
  std::size_t max_rounds = 64;
  Deadline deadline{};
};

struct RestrictedLemkeResult {
  bool solved = false;
  BehaviorProfile profile;        // players' rows; chance rows hold chance probabilities
  std::vector<double> plan[2];    // realization plans x, y
  std::vector<std::size_t> kept_rows;  // the last restricted LCP's rows, as rows of the full LCP
  std::vector<int> basis;              // its final basis, restricted ids
  std::size_t rounds = 0;
  std::size_t pivots = 0;         // over all rounds
  std::size_t factorizations = 0;
  std::size_t restricted_rows = 0;  // the last restricted LCP's rows
  std::size_t actions_added = 0;    // by best responses, over all rounds
  double cfr_exploitability = 0;    // of the CFR+ average that chose the first restriction
  std::string failure;
};

RestrictedLemkeResult restricted_sequence_lemke(const ExtensiveFormGame& game, const detail::SequenceLcp& lcp,
                                                const RestrictedLemkeOptions& options = {});

namespace detail {

// The tie-breaking perturbation of q on an LCP of n rows: r_i = 1e-5 rho^i
// with rho^n = 1e-4 (so it breaks ties roughly as the lexicographic rule
// would, without a BTRAN per tied row), 0 at row `keep` (the first pivot's,
// which must stay its unique row).
std::vector<double> geometric_perturbation(std::size_t n, std::size_t keep);

}  // namespace detail

}  // namespace negsim
