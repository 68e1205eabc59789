// Subgame-perfect outcome of alternating-offers bargaining by backward
// induction from the deadline (Stahl 1972), its infinite-horizon limit
// (Rubinstein 1982; Shaked's 3-player unanimity game, see Osborne and
// Rubinstein 1990, sec. 3.13), with outside options (Binmore, Shaked and
// Sutton 1989) and a deadline that a named player may extend at a cost.
//
// Contract (the protocol is stated in models/game/bargaining.hpp)
//  - Responders accept when indifferent (a responder's refusal value is the
//    larger of rejecting, worth discount * continuation value, and its outside
//    option; ties go to rejecting rather than opting out). A proposer picks the
//    offer that maximises its own payoff given the responses; ties go to an
//    accepted offer, then to the offer with the largest total utility of the
//    responders (each divided by its player's scale, below), then to the
//    lowest deal index. The extension holder extends
//    only if strictly better off. These tie rules make the SPE unique.
//  - Finite horizon: the deadline T (plus extensions) is solved exactly by
//    backward induction; the plan lists the SPE offer of every round.
//  - No deadline: the stationary SPE is the limit of the finite-horizon
//    solutions (value iteration over whole proposer cycles until no player's
//    round-1 value moves by more than 1e-15 times its scale, capped by
//    options.max_rounds; `converged` says whether it stopped by the test). For
//    the 2-player pie this is Rubinstein's unique SPE; for 3+ players it is the
//    stationary SPE (Shaked showed non-stationary SPEs also exist when
//    discount factors are high). Discrete deal spaces may cycle instead of
//    converging: then converged = false and a note says so.
//  - Pie: shares are nonnegative and sum to `pie`; everything is exact up to
//    floating-point rounding (no grid).
//  - Every result is verified by a one-shot deviation check of the plan
//    (discrete: every alternative offer of every proposer in every round, each
//    responder's acceptance, each extension decision; pie: the proposer's
//    alternatives per responder pattern); max_regret reports the largest gain,
//    relative to the gaining player's scale.
//  - Tolerances are per player (as in sim/solve/equilibrium.hpp): player q's
//    utilities are compared within rel_tol * scale_q, scale_q = the largest
//    |utility| q can get (deals, disagreement, outside option, extension
//    cost). Scaling one player's utilities (with its disagreement, outside
//    option and cost) by a > 0 changes no decision. Shifts do change the game
//    here: discounting applies to the utilities themselves.
// Complexity: discrete O(rounds * deals * players); pie O(rounds * players^2);
// infinite horizon: rounds until convergence (about log(eps)/log(prod of
// discounts) cycles). Memory O(rounds * players) for the plan.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/bargaining.hpp"

namespace negsim {

struct AlternatingOffersOptions {
  std::size_t max_rounds = 2'000'000;  // infinite horizon: iteration cap in rounds
  double rel_tol = 1e-12;              // indifference tolerance, per player, relative to its scale
  // Checked every 256 rounds solved or verified; LimitError saying how many
  // rounds were done (nothing is verified before the plan is complete).
  Deadline deadline;
};

// The SPE behaviour in one round.
struct OfferPlan {
  std::size_t round = 0;     // 1-based
  std::size_t proposer = 0;
  bool agreement = false;    // the SPE offer is accepted
  std::optional<std::size_t> deal;   // discrete: the SPE offer (accepted or not)
  std::vector<double> shares;        // pie: the SPE offer
  std::vector<double> offer_utilities;  // per player, current value of the offer
  // Per player: the responder's refusal value (current value), NaN for the proposer.
  std::vector<double> reservation;
  std::optional<std::size_t> refuser;  // if not accepted: who ends the round
  bool opt_out = false;                // the refuser takes its outside option
  std::vector<double> value;           // SPE payoffs from the start of this round (current value)
  bool deadline_round = false;         // a rejection here is final unless extended
  bool extend_after = false;           // deadline_round: the holder extends after a rejection
};

struct AlternatingOffersResult {
  bool agreement = false;
  std::size_t agreement_round = 0;
  std::optional<std::size_t> deal;     // discrete
  std::vector<double> shares;          // pie
  std::vector<double> deal_utilities;  // undiscounted utilities of the agreed deal
  std::string ending;                  // agreement | opt-out | breakdown | perpetual disagreement
  std::optional<std::size_t> opted_out;
  std::size_t extensions_used = 0;
  std::vector<double> payoffs;         // present value at round 1, per player
  std::vector<OfferPlan> path;         // the rounds actually played
  std::vector<OfferPlan> plan;         // finite: every round 1..horizon; infinite: one stationary cycle
  std::size_t horizon = 0;             // finite: last possible round (deadline + extensions)
  bool infinite_horizon = false;
  bool converged = true;
  std::size_t iterations = 0;          // infinite horizon: rounds iterated
  double max_regret = 0;               // one-shot deviation check (relative to each player's scale)
  std::vector<std::string> notes;
  // Discrete deal spaces, when the talks end in agreement. The tie rules pick
  // one SPE; every other accepted offer that the proposer of the agreement
  // round values as much is another SPE (the proposer is indifferent and
  // nothing else changes). tied_offers counts them, offers with the same
  // utilities counted once (1 = one SPE outcome), and
  // payoff_low/high are the round-1 payoffs over them: a range the SPE
  // payoffs cover at least (SPEs that differ in other rounds are not searched).
  std::size_t tied_offers = 1;
  std::vector<double> payoff_low, payoff_high;
  // The agreed deal gives some responder strictly more than its reservation:
  // no deal on the grid gives exactly what patience would, so the grid, not
  // the discount factors, decides the split. surplus: per player, the amount
  // above the reservation (0 for the proposer).
  bool grid_decides = false;
  std::vector<double> surplus;
  // Discrete deal spaces without a deadline: every stationary SPE with
  // immediate agreement (each proposer always offers the same deal, accepted
  // at once), found by checking every pair (deal offered in round t, deal
  // offered in round t + 1) once, O(cycle * deals^2 * players), then every
  // consistent cycle. Searched when cycle * deals^2 <= 10^8. The result shown
  // above is one of them when the iteration converged. stationary_spe counts
  // distinct round-1 payoff vectors; low/high are their range.
  bool stationary_searched = false;
  std::size_t stationary_spe = 0;
  std::vector<double> stationary_low, stationary_high;
};

// Throws std::invalid_argument (via validate()) for malformed problems.
AlternatingOffersResult solve_alternating_offers(const BargainingProblem& problem,
                                                 const AlternatingOffersOptions& options = {});
AlternatingOffersResult solve_alternating_offers(const PieBargainingProblem& problem,
                                                 const AlternatingOffersOptions& options = {});

// Closed forms, for tests and reports.
// Rubinstein (1982): first proposer's share, discount factors d1 (proposer), d2.
double rubinstein_first_share(double delta1, double delta2);
// Stahl (1972): first proposer's share with T offers left, common discount,
// the last proposer taking everything: (1 - (-delta)^T) / (1 + delta).
double stahl_first_share(double delta, std::size_t rounds);
// Stationary n-player unanimity shares with common discount: the proposer
// gets 1/(1 + d + ... + d^(n-1)), the k-th next proposer d^k times that.
std::vector<double> unanimity_stationary_shares(double delta, std::size_t players);
// 3-player unanimity with a common discount and T rounds (last proposer takes
// all): proposer's share a_T = a* + d^(3k) (a_j - a*), T = 3k + j, j in {1,2,3},
// a_1 = 1, a_2 = a_3 = 1 - d, a* = 1/(1 + d + d^2).
double unanimity3_first_share(double delta, std::size_t rounds);

}  // namespace negsim
