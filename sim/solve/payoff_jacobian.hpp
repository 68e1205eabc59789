// Action values and their derivatives for N-player mixed profiles: the hot
// loop shared by the N-player methods (logit_qre, global_newton,
// newton_polish).
//
// Contract
//  - Strategies are flattened player-then-action: player p's action a is at
//    offset(p) + a, K = num_strategies() in all.
//  - values(sigma, v): v[offset(p)+a] = scale * expected payoff of player p's
//    action a when every other player q plays sigma_q (p's own entry of sigma
//    is ignored). sigma may contain zeros and need not sum to one (the
//    formula is multilinear).
//  - values_and_jacobian(sigma, v, jac): also jac(offset(p)+a, offset(q)+b) =
//    d v_p(a) / d sigma_q(b); the diagonal blocks (q == p) are zero.
//  - scale multiplies every payoff (solvers normalise payoff ranges with it).
//
// Complexity (P = num_profiles, N players)
//  - values: N passes over the payoff tables, one per player table (this is
//    one "all_action_values pass", the unit counted by passes()).
//  - values_and_jacobian: 3 players use two matrix-vector contractions per
//    table (2 passes, via Eigen); other N use one odometer sweep costing
//    O(P * N^3) arithmetic for N <= kDirectProductPlayers, O(P * N^2) above
//    (products of the others' probabilities from prefix/suffix products),
//    counted as 2 passes as well.
//  - The Jacobian is dense K x K; memory O(K^2): callers check it with
//    check_memory_estimate (jacobian_bytes) before allocating.
//  - deadline (optional): read inside the sweep every few hundred thousand
//    operations, so one evaluation on a game with thousands of players cannot
//    overrun --time-limit; LimitError when it has passed.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"

namespace negsim {

class PayoffJacobian {
 public:
  explicit PayoffJacobian(const NormalFormGame& game, double scale = 1.0,
                          const Deadline* deadline = nullptr);

  // Up to this many players the generic sweep forms each product of the
  // others' probabilities directly (unchanged rounding for small games).
  static constexpr std::size_t kDirectProductPlayers = 8;

  std::size_t num_players() const { return sizes_.size(); }
  std::size_t num_strategies() const { return num_strategies_; }
  std::size_t offset(std::size_t p) const { return offsets_[p]; }
  std::size_t num_actions(std::size_t p) const { return sizes_[p]; }
  double scale() const { return scale_; }

  void values(const double* sigma, double* values) const;
  void values_and_jacobian(const double* sigma, double* values, Eigen::MatrixXd& jac) const;

  // Number of all_action_values-equivalent passes over the payoff tables so far.
  std::uint64_t passes() const { return passes_; }

 private:
  void generic(const double* sigma, double* values, Eigen::MatrixXd* jac) const;
  void three_player(const double* sigma, double* values, Eigen::MatrixXd& jac) const;

  const NormalFormGame& game_;
  double scale_;
  const Deadline* deadline_ = nullptr;
  std::vector<std::size_t> sizes_;
  std::vector<std::size_t> offsets_;
  std::size_t num_strategies_ = 0;
  mutable std::uint64_t passes_ = 0;
};

// Flattens a mixed profile player-then-action, and back.
std::vector<double> flatten_profile(const MixedProfile& profile);
MixedProfile unflatten_profile(const NormalFormGame& game, const double* flat);

// Bytes of the dense K x K matrices a path follower over K strategies holds
// (the Jacobian, its augmented copy, a QR and an LU: about six).
double jacobian_bytes(std::size_t num_strategies);

// Largest payoff range (max - min) over all players, or 1 when every payoff is
// equal: the solvers divide payoffs by it so their tolerances and step sizes
// do not depend on the payoff scale.
double payoff_range(const NormalFormGame& game);

}  // namespace negsim
