#include "sim/repeated/one_shot_deviation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <Eigen/SparseLU>

#include "models/errors.hpp"
#include "sim/repeated/critical_discount.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

namespace {

using Dist = std::vector<std::pair<std::uint64_t, double>>;

// Exact payoffs are the game's rationals, else the short rationals the doubles
// stand for (15.97 -> 1597/100), else the doubles' exact binary values.
mpq_class rational_payoff(const NormalFormGame& game, std::size_t player, std::size_t profile) {
  if (auto r = simple_rational(game, player, profile)) return *r;
  return game.exact_or_double_payoff(player, profile);
}

// Values of a functional graph chain: V(h) = (1 - d) r(h) + d V(next(h)).
// Each walk ends in a cycle c_0..c_{L-1}, where
// V(c_0) = (1 - d) sum_k d^k r(c_k) / (1 - d^L); the rest follows backwards.
template <typename T>
std::vector<T> functional_values(const std::vector<std::uint32_t>& next,
                                 const std::vector<T>& reward, std::size_t width, const T& d) {
  const std::size_t m = next.size();
  std::vector<T> value(m * width);
  std::vector<char> color(m, 0);  // 0 new, 1 on the current walk, 2 done
  std::vector<std::uint32_t> walk;
  const T one_minus = T(1) - d;
  for (std::size_t start = 0; start < m; ++start) {
    if (color[start]) continue;
    walk.clear();
    std::uint32_t h = static_cast<std::uint32_t>(start);
    while (color[h] == 0) {
      color[h] = 1;
      walk.push_back(h);
      h = next[h];
    }
    std::size_t tail_end = walk.size();  // walk[0..tail_end) are not on a new cycle
    if (color[h] == 1) {
      // A new cycle starts at h.
      const std::size_t first = static_cast<std::size_t>(std::find(walk.begin(), walk.end(), h) - walk.begin());
      const std::size_t L = walk.size() - first;
      for (std::size_t w = 0; w < width; ++w) {
        T sum = 0, power = 1;
        for (std::size_t k = 0; k < L; ++k) {
          sum += power * reward[walk[first + k] * width + w];
          power *= d;
        }
        T v0 = one_minus * sum / (T(1) - power);
        value[walk[first] * width + w] = v0;
        // Backwards around the cycle: V(c_k) = (1-d) r(c_k) + d V(c_{k+1}).
        T after = v0;
        for (std::size_t k = L; k-- > 1;) {
          const std::uint32_t c = walk[first + k];
          after = one_minus * reward[c * width + w] + d * after;
          value[c * width + w] = after;
        }
      }
      for (std::size_t k = first; k < walk.size(); ++k) color[walk[k]] = 2;
      tail_end = first;
    }
    for (std::size_t k = tail_end; k-- > 0;) {
      const std::uint32_t t = walk[k];
      for (std::size_t w = 0; w < width; ++w)
        value[t * width + w] = one_minus * reward[t * width + w] + d * value[next[t] * width + w];
      color[t] = 2;
    }
  }
  return value;
}

// Chains up to this size are solved densely: a sparse LU's symbolic analysis
// and allocations cost more than a dense LU of a few dozen states, and the
// critical-discount search solves thousands of such chains.
constexpr std::size_t kDenseChainStates = 96;

// Solves (I - d T) V = (1 - d) r for a chain given by weighted outcome lists.
Eigen::MatrixXd solve_chain(std::size_t m, std::size_t width,
                            const std::vector<Eigen::Triplet<double>>& transitions,
                            const Eigen::MatrixXd& reward, double d) {
  if (m <= kDenseChainStates) {
    Eigen::MatrixXd A = Eigen::MatrixXd::Identity(static_cast<int>(m), static_cast<int>(m));
    for (const auto& t : transitions) A(t.row(), t.col()) -= d * t.value();
    (void)width;
    return Eigen::PartialPivLU<Eigen::MatrixXd>(A).solve((1 - d) * reward);
  }
  std::vector<Eigen::Triplet<double>> trip;
  trip.reserve(transitions.size() + m);
  for (std::size_t h = 0; h < m; ++h) trip.emplace_back(static_cast<int>(h), static_cast<int>(h), 1.0);
  for (const auto& t : transitions) trip.emplace_back(t.row(), t.col(), -d * t.value());
  Eigen::SparseMatrix<double> A(static_cast<int>(m), static_cast<int>(m));
  A.setFromTriplets(trip.begin(), trip.end());
  Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
  lu.compute(A);
  if (lu.info() != Eigen::Success) throw std::runtime_error("value system is singular");
  (void)width;
  return lu.solve((1 - d) * reward);
}

}  // namespace

ProfileModel::ProfileModel(const NormalFormGame& game, std::span<const Automaton> automata,
                           std::size_t max_product_states)
    : game_(game), automata_(automata.begin(), automata.end()), n_(game.num_players()) {
  check_automata_profile(game, automata);
  mult_.assign(n_ + 1, 1);
  for (std::size_t p = 0; p < n_; ++p) {
    mult_[p + 1] = mult_[p] * automata_[p].num_states();
    if (mult_[p + 1] > (std::uint64_t{1} << 62)) throw LimitError("product state space too large");
    deterministic_ = deterministic_ && automata_[p].is_deterministic();
  }
  range_.assign(n_, 0.0);
  unit_.assign(n_, 1.0);
  for (std::size_t p = 0; p < n_; ++p) {
    const auto table = game.payoff_table(p);
    const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
    range_[p] = *hi - *lo;
    if (range_[p] > 0) unit_[p] = range_[p];
  }
  rounding_floor_ = regret_tolerances(game, 0.0);  // the floor alone
  action_offset_.assign(n_, 0);
  for (std::size_t p = 0; p < n_; ++p) {
    action_offset_[p] = total_actions_;
    total_actions_ += game.num_actions(p);
  }

  // Profiles that reach every transition: one per deviation mask when all
  // automata are mask-keyed, else every profile.
  bool all_mask = true;
  for (const auto& a : automata_) all_mask = all_mask && a.key == TransitionKey::DeviationMask;
  std::vector<std::uint32_t> probe;
  if (all_mask) {
    const PureProfile& target = automata_[0].target;
    for (std::uint32_t m = 0; m < (1u << n_); ++m) {
      std::size_t idx = 0;
      bool ok = true;
      for (std::size_t q = 0; q < n_; ++q) {
        std::size_t a = target[q];
        if (m & (1u << q)) {
          if (game.num_actions(q) < 2) { ok = false; break; }
          a = target[q] == 0 ? 1 : 0;
        }
        idx += a * game.stride(q);
      }
      if (ok) probe.push_back(static_cast<std::uint32_t>(idx));
    }
  } else {
    for (std::size_t idx = 0; idx < game.num_profiles(); ++idx) probe.push_back(static_cast<std::uint32_t>(idx));
  }

  // History-reachable product states: closure of the initial state under every profile.
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  std::uint64_t init = 0;
  for (std::size_t p = 0; p < n_; ++p) init += automata_[p].initial * mult_[p];
  index[init] = 0;
  codes_.push_back(init);
  Dist dist, tmp;
  auto product_next = [&](const std::vector<std::uint32_t>& sp, std::size_t idx, Dist& out) {
    std::uint32_t mask = 0;
    {
      for (std::size_t q = 0; q < n_; ++q) {
        const Automaton& a = automata_[q];
        if (a.key == TransitionKey::DeviationMask) {
          mask = deviation_mask(game, idx, a.target);
          break;
        }
      }
    }
    out.assign(1, {0, 1.0});
    for (std::size_t q = 0; q < n_; ++q) {
      const Automaton& a = automata_[q];
      const std::uint32_t nx = a.next[sp[q] * a.key_size + a.key_of(idx, mask)];
      if (!(nx & kRandomFlag)) {
        for (auto& e : out) e.first += nx * mult_[q];
      } else {
        tmp.clear();
        for (const auto& e : out)
          for (const auto& [pr, s] : a.random[nx & ~kRandomFlag])
            if (pr > 0) tmp.push_back({e.first + s * mult_[q], e.second * pr});
        out.swap(tmp);
      }
    }
  };
  for (std::size_t h = 0; h < codes_.size(); ++h) {
    const std::vector<std::uint32_t> sp = decode(codes_[h]);
    for (std::uint32_t idx : probe) {
      product_next(sp, idx, dist);
      for (const auto& [code, pr] : dist) {
        if (index.emplace(code, static_cast<std::uint32_t>(codes_.size())).second) {
          codes_.push_back(code);
          if (codes_.size() > max_product_states)
            throw LimitError("more than " + std::to_string(max_product_states) +
                             " reachable product states");
        }
      }
    }
  }

  // Outcomes of every (state, player, action): others follow their automata.
  const std::size_t H = codes_.size();
  dev_range_.assign(H * total_actions_ + 1, 0);
  support_.assign(H * n_, {});
  for (std::size_t h = 0; h < H; ++h) {
    const std::vector<std::uint32_t> sp = decode(codes_[h]);
    for (std::size_t q = 0; q < n_; ++q) {
      const std::vector<double> d = automata_[q].action_distribution(sp[q]);
      for (std::size_t a = 0; a < d.size(); ++a)
        if (d[a] > 0) support_[h * n_ + q].push_back({static_cast<std::uint32_t>(a), d[a]});
    }
    for (std::size_t i = 0; i < n_; ++i) {
      for (std::size_t a = 0; a < game.num_actions(i); ++a) {
        dev_range_[h * total_actions_ + action_offset_[i] + a] = static_cast<std::uint32_t>(outcomes_.size());
        // Enumerate the others' support combinations.
        std::vector<std::pair<std::size_t, double>> combos = {{a * game.stride(i), 1.0}}, next_combos;
        for (std::size_t q = 0; q < n_; ++q) {
          if (q == i) continue;
          next_combos.clear();
          for (const auto& [idx, pr] : combos)
            for (const auto& [b, pb] : support_[h * n_ + q])
              next_combos.push_back({idx + b * game.stride(q), pr * pb});
          combos.swap(next_combos);
        }
        for (const auto& [idx, pr] : combos) {
          product_next(sp, idx, dist);
          Outcome o{pr, static_cast<std::uint32_t>(idx), static_cast<std::uint32_t>(next_state_.size()), 0};
          for (const auto& [code, q] : dist) {
            next_state_.push_back(index.at(code));
            next_prob_.push_back(q);
          }
          o.end = static_cast<std::uint32_t>(next_state_.size());
          outcomes_.push_back(o);
        }
      }
    }
  }
  dev_range_[H * total_actions_] = static_cast<std::uint32_t>(outcomes_.size());
  // Fix the range ends: range of key k is [dev_range_[k], dev_range_[k+1]).

  // On-path states: reachable with positive probability when nobody deviates.
  on_path_.assign(H, 0);
  std::vector<std::uint32_t> stack = {0};
  on_path_[0] = 1;
  while (!stack.empty()) {
    const std::uint32_t h = stack.back();
    stack.pop_back();
    for (const auto& [a, pa] : support_[h * n_ + 0]) {
      const std::size_t k = h * total_actions_ + action_offset_[0] + a;
      for (std::uint32_t o = dev_range_[k]; o < dev_range_[k + 1]; ++o)
        for (std::uint32_t e = outcomes_[o].begin; e < outcomes_[o].end; ++e)
          if (!on_path_[next_state_[e]]) on_path_[next_state_[e]] = 1, stack.push_back(next_state_[e]);
    }
  }
  mdps_.resize(n_);
  for (std::size_t i = 0; i < n_; ++i) build_mdp(i);
}

double ProfileModel::gain_tolerance(std::size_t player, double rel_tol) const {
  // Values are averages of payoffs, so their rounding is relative to the
  // payoffs' magnitude (a shift of 1e12 leaves about 1e-4 of noise in gains).
  return rel_tol * range_[player] + rounding_floor_[player];
}

std::vector<std::uint32_t> ProfileModel::decode(std::uint64_t code) const {
  std::vector<std::uint32_t> sp(n_);
  for (std::size_t p = 0; p < n_; ++p)
    sp[p] = static_cast<std::uint32_t>((code / mult_[p]) % automata_[p].num_states());
  return sp;
}

std::vector<std::vector<std::uint32_t>> ProfileModel::states() const {
  std::vector<std::vector<std::uint32_t>> out;
  for (std::uint64_t c : codes_) out.push_back(decode(c));
  return out;
}

void ProfileModel::build_mdp(std::size_t i) {
  const NormalFormGame& game = game_;
  PlayerMdp& mdp = mdps_[i];
  const std::size_t A = game.num_actions(i);
  auto others_code = [&](std::uint64_t code) {
    return code - ((code / mult_[i]) % automata_[i].num_states()) * mult_[i];
  };
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  const std::uint64_t x0 = others_code(codes_[0]);
  index[x0] = 0;
  mdp.codes.push_back(x0);
  Dist out, tmp;
  for (std::size_t x = 0; x < mdp.codes.size(); ++x) {
    const std::vector<std::uint32_t> sp = decode(mdp.codes[x]);
    std::vector<std::pair<std::size_t, double>> combos = {{0, 1.0}}, next_combos;
    for (std::size_t q = 0; q < n_; ++q) {
      if (q == i) continue;
      const std::vector<double> d = automata_[q].action_distribution(sp[q]);
      next_combos.clear();
      for (const auto& [idx, pr] : combos)
        for (std::size_t b = 0; b < d.size(); ++b)
          if (d[b] > 0) next_combos.push_back({idx + b * game.stride(q), pr * d[b]});
      combos.swap(next_combos);
    }
    for (std::size_t a = 0; a < A; ++a) {
      mdp.range.push_back(static_cast<std::uint32_t>(mdp.outcomes.size()));
      for (const auto& [base, pr] : combos) {
        const std::size_t idx = base + a * game.stride(i);
        std::uint32_t mask = 0;
        for (const auto& au : automata_)
          if (au.key == TransitionKey::DeviationMask) { mask = deviation_mask(game, idx, au.target); break; }
        out.assign(1, {0, 1.0});
        for (std::size_t q = 0; q < n_; ++q) {
          if (q == i) continue;
          const Automaton& au = automata_[q];
          const std::uint32_t nx = au.next[sp[q] * au.key_size + au.key_of(idx, mask)];
          if (!(nx & kRandomFlag)) {
            for (auto& e : out) e.first += nx * mult_[q];
          } else {
            tmp.clear();
            for (const auto& e : out)
              for (const auto& [pq, s] : au.random[nx & ~kRandomFlag])
                if (pq > 0) tmp.push_back({e.first + s * mult_[q], e.second * pq});
            out.swap(tmp);
          }
        }
        Outcome o{pr, static_cast<std::uint32_t>(idx), static_cast<std::uint32_t>(mdp.next_state.size()), 0};
        for (const auto& [code, q] : out) {
          auto [it, fresh] = index.emplace(code, static_cast<std::uint32_t>(mdp.codes.size()));
          if (fresh) mdp.codes.push_back(code);
          mdp.next_state.push_back(it->second);
          mdp.next_prob.push_back(q);
        }
        o.end = static_cast<std::uint32_t>(mdp.next_state.size());
        mdp.outcomes.push_back(o);
      }
    }
  }
  mdp.range.push_back(static_cast<std::uint32_t>(mdp.outcomes.size()));
  mdp.of_state.resize(codes_.size());
  for (std::size_t h = 0; h < codes_.size(); ++h) {
    auto it = index.find(others_code(codes_[h]));
    mdp.of_state[h] = it == index.end() ? UINT32_MAX : it->second;
  }
}

std::vector<double> ProfileModel::values(double delta) const {
  const NormalFormGame& game = game_;
  const std::size_t H = codes_.size();
  if (deterministic_) {
    std::vector<std::uint32_t> next(H);
    std::vector<double> reward(H * n_);
    for (std::size_t h = 0; h < H; ++h) {
      const std::uint32_t a = support_[h * n_][0].first;
      const Outcome& o = outcomes_[dev_range_[h * total_actions_ + a]];
      next[h] = next_state_[o.begin];
      for (std::size_t p = 0; p < n_; ++p) reward[h * n_ + p] = game.payoff(p, o.profile);
    }
    return functional_values<double>(next, reward, n_, delta);
  }
  std::vector<Eigen::Triplet<double>> trans;
  Eigen::MatrixXd reward = Eigen::MatrixXd::Zero(static_cast<int>(H), static_cast<int>(n_));
  for (std::size_t h = 0; h < H; ++h) {
    for (const auto& [a, pa] : support_[h * n_]) {
      const std::size_t k = h * total_actions_ + a;
      for (std::uint32_t oi = dev_range_[k]; oi < dev_range_[k + 1]; ++oi) {
        const Outcome& o = outcomes_[oi];
        const double w = pa * o.prob;
        for (std::size_t p = 0; p < n_; ++p) reward(static_cast<int>(h), static_cast<int>(p)) += w * game.payoff(p, o.profile);
        for (std::uint32_t e = o.begin; e < o.end; ++e)
          trans.emplace_back(static_cast<int>(h), static_cast<int>(next_state_[e]), w * next_prob_[e]);
      }
    }
  }
  const Eigen::MatrixXd V = solve_chain(H, n_, trans, reward, delta);
  std::vector<double> out(H * n_);
  for (std::size_t h = 0; h < H; ++h)
    for (std::size_t p = 0; p < n_; ++p) out[h * n_ + p] = V(static_cast<int>(h), static_cast<int>(p));
  return out;
}

std::vector<double> ProfileModel::mdp_best_reply(std::size_t i, double delta,
                                                 std::vector<std::uint32_t>* policy_out) const {
  const NormalFormGame& game = game_;
  const PlayerMdp& mdp = mdps_[i];
  const std::size_t X = mdp.codes.size(), A = game.num_actions(i);
  std::vector<double> r(X * A, 0.0);
  for (std::size_t k = 0; k < X * A; ++k)
    for (std::uint32_t o = mdp.range[k]; o < mdp.range[k + 1]; ++o)
      r[k] += mdp.outcomes[o].prob * game.payoff(i, mdp.outcomes[o].profile);
  std::vector<std::uint32_t> policy(X, 0);
  // Start from the myopic best action.
  for (std::size_t x = 0; x < X; ++x)
    for (std::size_t a = 1; a < A; ++a)
      if (r[x * A + a] > r[x * A + policy[x]]) policy[x] = static_cast<std::uint32_t>(a);
  std::vector<double> V(X, 0.0);
  const double eps = 1e-12 * unit_[i] + rounding_floor_[i];
  for (int iter = 0; iter < 1000; ++iter) {
    std::vector<Eigen::Triplet<double>> trans;
    Eigen::MatrixXd reward(static_cast<int>(X), 1);
    for (std::size_t x = 0; x < X; ++x) {
      const std::size_t k = x * A + policy[x];
      reward(static_cast<int>(x), 0) = r[k];
      for (std::uint32_t o = mdp.range[k]; o < mdp.range[k + 1]; ++o)
        for (std::uint32_t e = mdp.outcomes[o].begin; e < mdp.outcomes[o].end; ++e)
          trans.emplace_back(static_cast<int>(x), static_cast<int>(mdp.next_state[e]),
                             mdp.outcomes[o].prob * mdp.next_prob[e]);
    }
    const Eigen::MatrixXd sol = solve_chain(X, 1, trans, reward, delta);
    for (std::size_t x = 0; x < X; ++x) V[x] = sol(static_cast<int>(x), 0);
    bool changed = false;
    for (std::size_t x = 0; x < X; ++x) {
      double best = -INFINITY;
      std::uint32_t best_a = policy[x];
      for (std::size_t a = 0; a < A; ++a) {
        const std::size_t k = x * A + a;
        double q = (1 - delta) * r[k];
        for (std::uint32_t o = mdp.range[k]; o < mdp.range[k + 1]; ++o)
          for (std::uint32_t e = mdp.outcomes[o].begin; e < mdp.outcomes[o].end; ++e)
            q += delta * mdp.outcomes[o].prob * mdp.next_prob[e] * V[mdp.next_state[e]];
        if (a == policy[x]) q += eps;  // keep the current action on ties
        if (q > best) best = q, best_a = static_cast<std::uint32_t>(a);
      }
      if (best_a != policy[x]) policy[x] = best_a, changed = true;
    }
    if (!changed) break;
  }
  if (policy_out) *policy_out = policy;
  return V;
}

OneShotResult ProfileModel::check(double delta, const OneShotOptions& options) const {
  if (!(delta > 0 && delta < 1)) throw std::invalid_argument("one-shot deviation check needs 0 < delta < 1");
  const NormalFormGame& game = game_;
  const std::size_t H = codes_.size();
  std::vector<double> tol(n_);
  for (std::size_t i = 0; i < n_; ++i) tol[i] = gain_tolerance(i, options.tol);
  OneShotResult res;
  res.delta = delta;
  res.product_states = H;
  res.on_path_states = static_cast<std::size_t>(std::count(on_path_.begin(), on_path_.end(), 1));
  const std::vector<double> V = values(delta);
  res.initial_values.assign(V.begin(), V.begin() + static_cast<long>(n_));
  res.spe_gain.assign(n_, -INFINITY);
  res.nash_gain.assign(n_, -INFINITY);
  double best_spe = -INFINITY, best_nash = -INFINITY;
  // The most profitable deviations so far as (state, player, action, gain):
  // decoded into reports once, after the loops.
  struct Best {
    std::size_t h = 0, i = 0, a = 0;
    double gain = 0;
    bool found = false;
  } spe_best, nash_best;
  if (options.check_spe) {
    for (std::size_t h = 0; h < H; ++h) {
      for (std::size_t i = 0; i < n_; ++i) {
        const double v = V[h * n_ + i];
        const auto& sup = support_[h * n_ + i];
        for (std::size_t a = 0; a < game.num_actions(i); ++a) {
          if (sup.size() == 1 && sup[0].first == a) continue;  // following is no deviation
          const std::size_t k = h * total_actions_ + action_offset_[i] + a;
          double q = 0;
          for (std::uint32_t oi = dev_range_[k]; oi < dev_range_[k + 1]; ++oi) {
            const Outcome& o = outcomes_[oi];
            double cont = 0;
            for (std::uint32_t e = o.begin; e < o.end; ++e) cont += next_prob_[e] * V[next_state_[e] * n_ + i];
            q += o.prob * ((1 - delta) * game.payoff(i, o.profile) + delta * cont);
          }
          const double gain = q - v;
          if (gain > res.spe_gain[i]) res.spe_gain[i] = gain;
          if (gain / unit_[i] > best_spe) {
            best_spe = gain / unit_[i];
            spe_best = {h, i, a, gain, true};
          }
        }
      }
    }
    res.subgame_perfect = true;
    for (std::size_t i = 0; i < n_; ++i) res.subgame_perfect = res.subgame_perfect && res.spe_gain[i] <= tol[i];
    if (!res.subgame_perfect && spe_best.found)
      res.spe_deviation =
          DeviationReport{decode(codes_[spe_best.h]), spe_best.i, spe_best.a, spe_best.gain, on_path_[spe_best.h] != 0};
  }
  if (options.check_nash) {
    for (std::size_t i = 0; i < n_; ++i) {
      std::vector<std::uint32_t> policy;
      const std::vector<double> best = mdp_best_reply(i, delta, &policy);
      const PlayerMdp& mdp = mdps_[i];
      const std::size_t A = game.num_actions(i);
      for (std::size_t h = 0; h < H; ++h) {
        if (!on_path_[h]) continue;
        const std::uint32_t x = mdp.of_state[h];
        const auto& sup = support_[h * n_ + i];
        // Deviate to a now, best-reply afterwards (see the header for why
        // checking this at on-path states is equivalent to Nash).
        for (std::size_t a = 0; a < A; ++a) {
          if (sup.size() == 1 && sup[0].first == a) continue;
          const std::size_t k = x * A + a;
          double q = 0;
          for (std::uint32_t o = mdp.range[k]; o < mdp.range[k + 1]; ++o) {
            const Outcome& oc = mdp.outcomes[o];
            double cont = 0;
            for (std::uint32_t e = oc.begin; e < oc.end; ++e) cont += mdp.next_prob[e] * best[mdp.next_state[e]];
            q += oc.prob * ((1 - delta) * game.payoff(i, oc.profile) + delta * cont);
          }
          const double gain = q - V[h * n_ + i];
          if (gain > res.nash_gain[i]) res.nash_gain[i] = gain;
          if (gain / unit_[i] > best_nash) {
            best_nash = gain / unit_[i];
            nash_best = {h, i, a, gain, true};
          }
        }
      }
    }
    res.nash = true;
    for (std::size_t i = 0; i < n_; ++i) res.nash = res.nash && res.nash_gain[i] <= tol[i];
    if (!res.nash && nash_best.found)
      res.nash_deviation = DeviationReport{decode(codes_[nash_best.h]), nash_best.i, nash_best.a, nash_best.gain, true};
  }
  return res;
}

ProfileModel::ExactGains ProfileModel::exact_gains(const mpq_class& delta, bool with_nash) const {
  if (!deterministic_) throw std::invalid_argument("exact gains need deterministic pure automata");
  const NormalFormGame& game = game_;
  const std::size_t H = codes_.size();
  std::vector<std::uint32_t> next(H);
  std::vector<mpq_class> reward(H * n_);
  for (std::size_t h = 0; h < H; ++h) {
    const std::uint32_t a = support_[h * n_][0].first;
    const Outcome& o = outcomes_[dev_range_[h * total_actions_ + a]];
    next[h] = next_state_[o.begin];
    for (std::size_t p = 0; p < n_; ++p) reward[h * n_ + p] = rational_payoff(game, p, o.profile);
  }
  const std::vector<mpq_class> V = functional_values<mpq_class>(next, reward, n_, delta);
  const mpq_class one_minus = 1 - delta;
  ExactGains out;
  out.spe.resize(n_);
  if (with_nash) out.nash.resize(n_);
  for (std::size_t i = 0; i < n_; ++i) {
    bool first = true;
    for (std::size_t h = 0; h < H; ++h)
      for (std::size_t a = 0; a < game.num_actions(i); ++a) {
        if (support_[h * n_ + i][0].first == a) continue;
        const Outcome& o = outcomes_[dev_range_[h * total_actions_ + action_offset_[i] + a]];
        mpq_class gain = one_minus * rational_payoff(game, i, o.profile) +
                         delta * V[next_state_[o.begin] * n_ + i] - V[h * n_ + i];
        if (first || gain > out.spe[i]) out.spe[i] = gain, first = false;
      }
    if (!with_nash) continue;
    // Nash: evaluate the float best reply exactly.
    std::vector<std::uint32_t> policy;
    mdp_best_reply(i, delta.get_d(), &policy);
    const PlayerMdp& mdp = mdps_[i];
    const std::size_t X = mdp.codes.size(), A = game.num_actions(i);
    std::vector<std::uint32_t> mnext(X);
    std::vector<mpq_class> mreward(X);
    for (std::size_t x = 0; x < X; ++x) {
      const Outcome& o = mdp.outcomes[mdp.range[x * A + policy[x]]];
      mnext[x] = mdp.next_state[o.begin];
      mreward[x] = rational_payoff(game, i, o.profile);
    }
    const std::vector<mpq_class> W = functional_values<mpq_class>(mnext, mreward, 1, delta);
    first = true;
    for (std::size_t h = 0; h < H; ++h) {
      if (!on_path_[h]) continue;
      const std::uint32_t x = mdp.of_state[h];
      for (std::size_t a = 0; a < A; ++a) {
        if (support_[h * n_ + i][0].first == a) continue;
        const Outcome& o = mdp.outcomes[mdp.range[x * A + a]];
        mpq_class gain = one_minus * rational_payoff(game, i, o.profile) +
                         delta * W[mdp.next_state[o.begin]] - V[h * n_ + i];
        if (first || gain > out.nash[i]) out.nash[i] = gain, first = false;
      }
    }
  }
  return out;
}

OneShotResult check_one_shot_deviation(const NormalFormGame& game,
                                       std::span<const Automaton> automata, double delta,
                                       const OneShotOptions& options) {
  return ProfileModel(game, automata).check(delta, options);
}

}  // namespace negsim
