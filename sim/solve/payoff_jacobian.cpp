#include "sim/solve/payoff_jacobian.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace negsim {

PayoffJacobian::PayoffJacobian(const NormalFormGame& game, double scale, const Deadline* deadline)
    : game_(game), scale_(scale), deadline_(deadline), sizes_(game.action_counts()) {
  offsets_.resize(sizes_.size());
  for (std::size_t p = 0; p < sizes_.size(); ++p) {
    offsets_[p] = num_strategies_;
    num_strategies_ += sizes_[p];
  }
}

void PayoffJacobian::values(const double* sigma, double* values) const {
  const std::size_t n = num_players();
  passes_ += 1;
  if (n == 3) {
    // v_p(a) by two nested contractions, one pass over each table.
    const std::size_t n0 = sizes_[0], n1 = sizes_[1], n2 = sizes_[2];
    using Map = Eigen::Map<const Eigen::MatrixXd>;
    using VecMap = Eigen::Map<const Eigen::VectorXd>;
    const VecMap s0(sigma, n0), s1(sigma + n0, n1), s2(sigma + n0 + n1, n2);
    Eigen::Map<Eigen::VectorXd> v0(values, n0), v1(values + n0, n1), v2(values + n0 + n1, n2);
    {
      const Eigen::VectorXd m = Map(game_.payoff_table(0).data(), n0 * n1, n2) * s2;
      v0 = scale_ * (Map(m.data(), n0, n1) * s1);
    }
    {
      const Eigen::VectorXd m = Map(game_.payoff_table(1).data(), n0 * n1, n2) * s2;
      v1 = scale_ * (Map(m.data(), n0, n1).transpose() * s0);
    }
    {
      const Eigen::VectorXd m = Map(game_.payoff_table(2).data(), n0, n1 * n2).transpose() * s0;
      v2 = scale_ * (Map(m.data(), n1, n2).transpose() * s1);
    }
    return;
  }
  passes_ -= 1;
  generic(sigma, values, nullptr);
}

void PayoffJacobian::values_and_jacobian(const double* sigma, double* values,
                                         Eigen::MatrixXd& jac) const {
  const std::size_t k = num_strategies_;
  if (jac.rows() != static_cast<Eigen::Index>(k) || jac.cols() != static_cast<Eigen::Index>(k))
    jac.resize(k, k);
  if (num_players() == 3) {
    three_player(sigma, values, jac);
    return;
  }
  generic(sigma, values, &jac);
}

// Three players, sizes n0, n1, n2; table T_p[a0 + n0*a1 + n0*n1*a2]. Each
// Jacobian block is a contraction of one table with one other player's
// strategy; the values are then one small matrix-vector product per player.
void PayoffJacobian::three_player(const double* sigma, double* values,
                                  Eigen::MatrixXd& jac) const {
  passes_ += 2;
  const std::size_t n0 = sizes_[0], n1 = sizes_[1], n2 = sizes_[2];
  const std::size_t o1 = n0, o2 = n0 + n1;
  using Map = Eigen::Map<const Eigen::MatrixXd>;
  using VecMap = Eigen::Map<const Eigen::VectorXd>;
  const VecMap s0(sigma, n0), s1(sigma + o1, n1), s2(sigma + o2, n2);
  Eigen::Map<Eigen::VectorXd> v0(values, n0), v1(values + o1, n1), v2(values + o2, n2);
  jac.block(0, 0, n0, n0).setZero();
  jac.block(o1, o1, n1, n1).setZero();
  jac.block(o2, o2, n2, n2).setZero();
  Eigen::VectorXd m;
  {  // player 0
    const double* t = game_.payoff_table(0).data();
    m.noalias() = Map(t, n0 * n1, n2) * s2;  // (a0, a1): sum_a2 T0 s2
    const Map m01(m.data(), n0, n1);
    jac.block(0, o1, n0, n1) = scale_ * m01;
    v0 = scale_ * (m01 * s1);
    for (std::size_t a2 = 0; a2 < n2; ++a2)  // (a0, a2): sum_a1 T0 s1
      jac.block(0, o2 + a2, n0, 1).noalias() = scale_ * (Map(t + a2 * n0 * n1, n0, n1) * s1);
  }
  {  // player 1
    const double* t = game_.payoff_table(1).data();
    m.noalias() = Map(t, n0 * n1, n2) * s2;  // (a0, a1): sum_a2 T1 s2
    const Map m01(m.data(), n0, n1);
    jac.block(o1, 0, n1, n0) = scale_ * m01.transpose();
    v1 = scale_ * (m01.transpose() * s0);
    m.noalias() = Map(t, n0, n1 * n2).transpose() * s0;  // (a1, a2): sum_a0 T1 s0
    jac.block(o1, o2, n1, n2) = scale_ * Map(m.data(), n1, n2);
  }
  {  // player 2
    const double* t = game_.payoff_table(2).data();
    m.noalias() = Map(t, n0, n1 * n2).transpose() * s0;  // (a1, a2): sum_a0 T2 s0
    const Map m12(m.data(), n1, n2);
    jac.block(o2, o1, n2, n1) = scale_ * m12.transpose();
    v2 = scale_ * (m12.transpose() * s1);
    for (std::size_t a2 = 0; a2 < n2; ++a2)  // (a0, a2): sum_a1 T2 s1
      jac.block(o2 + a2, 0, 1, n0).noalias() =
          scale_ * (Map(t + a2 * n0 * n1, n0, n1) * s1).transpose();
  }
}

// Any number of players: one odometer sweep over all profiles. For each
// profile the products of the other players' probabilities are formed
// directly (N is small whenever P is large enough to matter).
void PayoffJacobian::generic(const double* sigma, double* values, Eigen::MatrixXd* jac) const {
  const std::size_t n = num_players();
  passes_ += jac ? 2 : 1;
  std::fill(values, values + num_strategies_, 0.0);
  if (jac) jac->setZero();
  std::vector<std::size_t> act(n, 0);
  std::vector<double> prob(n);
  for (std::size_t p = 0; p < n; ++p) prob[p] = sigma[offsets_[p]];
  const std::size_t profiles = game_.num_profiles();
  const double* tables = game_.payoffs().data();
  // Many players: the products over r != p (and r != p, q) from prefix and
  // suffix products, O(N) per player instead of O(N^2).
  const bool direct = n <= kDirectProductPlayers;
  std::vector<double> prefix(direct ? 0 : n + 1), suffix(direct ? 0 : n + 1), without_p(direct ? 0 : n);
  // The clock is read about every 2^18 multiplications.
  const std::size_t work_per_profile = direct ? n * n * n : 3 * n * n;
  const std::size_t profiles_per_check = std::max<std::size_t>(1, (std::size_t{1} << 18) / std::max<std::size_t>(1, work_per_profile));
  for (std::size_t index = 0; index < profiles; ++index) {
    if (deadline_ != nullptr && index % profiles_per_check == profiles_per_check - 1 && deadline_->expired())
      deadline_->fail("evaluating expected payoffs and their derivatives: " + std::to_string(index) + " of " +
                      std::to_string(profiles) + " profiles done");
    if (!direct) {
      prefix[0] = 1.0;
      for (std::size_t r = 0; r < n; ++r) prefix[r + 1] = prefix[r] * prob[r];
      suffix[n] = 1.0;
      for (std::size_t r = n; r-- > 0;) suffix[r] = suffix[r + 1] * prob[r];
    }
    for (std::size_t p = 0; p < n; ++p) {
      const double u = scale_ * tables[p * profiles + index];
      if (u == 0.0) continue;
      if (!direct) {
        values[offsets_[p] + act[p]] += u * prefix[p] * suffix[p + 1];
        if (!jac) continue;
        // without_p[q] = product of prob[r] over r != p, q, as prefix/suffix
        // products of the sequence with prob[p] replaced by 1.
        double run = 1.0;
        for (std::size_t q = 0; q < n; ++q) {
          without_p[q] = run;
          if (q != p) run *= prob[q];
        }
        run = 1.0;
        for (std::size_t q = n; q-- > 0;) {
          without_p[q] *= run;
          if (q != p) run *= prob[q];
        }
        for (std::size_t q = 0; q < n; ++q)
          if (q != p) (*jac)(offsets_[p] + act[p], offsets_[q] + act[q]) += u * without_p[q];
        continue;
      }
      double others = u;
      for (std::size_t r = 0; r < n; ++r)
        if (r != p) others *= prob[r];
      values[offsets_[p] + act[p]] += others;
      if (!jac) continue;
      for (std::size_t q = 0; q < n; ++q) {
        if (q == p) continue;
        double w = u;
        for (std::size_t r = 0; r < n; ++r)
          if (r != p && r != q) w *= prob[r];
        (*jac)(offsets_[p] + act[p], offsets_[q] + act[q]) += w;
      }
    }
    for (std::size_t p = 0; p < n; ++p) {  // advance the odometer, player 0 fastest
      if (++act[p] < sizes_[p]) {
        prob[p] = sigma[offsets_[p] + act[p]];
        break;
      }
      act[p] = 0;
      prob[p] = sigma[offsets_[p]];
    }
  }
}

std::vector<double> flatten_profile(const MixedProfile& profile) {
  std::vector<double> flat;
  for (const auto& row : profile) flat.insert(flat.end(), row.begin(), row.end());
  return flat;
}

MixedProfile unflatten_profile(const NormalFormGame& game, const double* flat) {
  MixedProfile profile(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    profile[p].assign(flat, flat + game.num_actions(p));
    flat += game.num_actions(p);
  }
  return profile;
}

double jacobian_bytes(std::size_t num_strategies) {
  const double side = static_cast<double>(num_strategies) + 1.0;
  return 6.0 * side * side * static_cast<double>(sizeof(double));
}

double payoff_range(const NormalFormGame& game) {
  double range = 0.0;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto table = game.payoff_table(p);
    const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
    range = std::max(range, *hi - *lo);
  }
  return range > 0.0 && std::isfinite(range) ? range : 1.0;
}

}  // namespace negsim
