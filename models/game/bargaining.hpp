// Bargaining problems: who bargains, over what, under which protocol.
//
// Contract
//  - A deal space is either discrete (DiscreteDealSpace: named points, each
//    with a utility per player, stored deal-major: a deal's utilities are
//    contiguous, which is what the per-deal response computation reads) or
//    the continuous pie (PieBargainingProblem: a pie of `pie` split in
//    nonnegative shares; utility = share).
//  - BargainingProtocol holds the alternating-offers rules (Rubinstein 1982;
//    Stahl 1972; Osborne and Rubinstein 1990, ch. 3-4):
//      round t = 1, 2, ...: proposer_order[(t-1) mod size] proposes; every other
//      player responds in increasing player order (unanimity); the first one
//      who does not accept ends the round, by rejecting (next round) or, if it
//      has an outside option, by opting out.
//      A deal agreed in round t pays player p  discount[p]^(t-1) * u_p(deal).
//      Opting out by r in round t pays r  discount[r]^(t-1) * outside_option[r]
//      and every other player q  discount[q]^(t-1) * disagreement[q].
//      After a rejection in the deadline round T the talks break down and p
//      gets discount[p]^(T-1) * disagreement[p] (breakdown takes effect in the
//      deadline round), unless the extension holder extends: it pays
//      discount^(T-1) * cost and bargaining continues for `rounds` more rounds
//      (at most max_times extensions).
//      No deadline means the infinite horizon (Rubinstein); then some discount
//      must be below 1.
//  - validate() throws std::invalid_argument naming the first problem.
// Plain data; solvers are in sim/bargain/.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace negsim {

struct DeadlineExtension {
  std::size_t player = 0;     // who may extend
  std::size_t rounds = 1;     // rounds added per extension (>= 1)
  double cost = 0;            // paid by `player` (current value at the deadline round)
  std::size_t max_times = 1;  // how many extensions are allowed
};

struct BargainingProtocol {
  std::vector<std::string> player_names;
  std::vector<double> discount;                       // per round, in (0, 1]
  std::vector<std::size_t> proposer_order;            // non-empty cycle of proposers
  std::optional<std::size_t> deadline;                // rounds (>= 1); nullopt = infinite horizon
  std::vector<double> disagreement;                   // per player
  std::vector<std::optional<double>> outside_option;  // per player; empty = none for anyone
  std::optional<DeadlineExtension> extension;

  std::size_t num_players() const { return discount.size(); }
  std::size_t proposer(std::size_t round) const {  // round is 1-based
    return proposer_order[(round - 1) % proposer_order.size()];
  }
  bool has_outside_option(std::size_t p) const {
    return p < outside_option.size() && outside_option[p].has_value();
  }
  void validate() const;
};

struct DiscreteDealSpace {
  std::size_t num_players = 0;
  std::vector<std::string> labels;  // one per deal
  std::vector<double> utilities;    // utilities[d * num_players + p]

  std::size_t num_deals() const { return labels.size(); }
  double utility(std::size_t p, std::size_t d) const { return utilities[d * num_players + p]; }
  const double* deal_utilities(std::size_t d) const { return utilities.data() + d * num_players; }
  // Adds a deal (amortised O(players)); returns its index.
  std::size_t add(std::string label, const std::vector<double>& utility);
  void validate() const;
};

struct BargainingProblem {
  BargainingProtocol protocol;
  DiscreteDealSpace deals;
  void validate() const;
};

struct PieBargainingProblem {
  BargainingProtocol protocol;
  double pie = 1.0;
  void validate() const;
};

}  // namespace negsim
