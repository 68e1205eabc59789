#include "sim/solve/logit_qre.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "models/errors.hpp"
#include "models/memory_budget.hpp"
#include "sim/solve/newton_polish.hpp"
#include "sim/solve/path_following.hpp"
#include "sim/solve/payoff_jacobian.hpp"

namespace negsim {

namespace {

// H(w, lambda) of the logit system; see the header.
class LogitSystem final : public PathSystem {
 public:
  LogitSystem(const PayoffJacobian& kernel, std::vector<double> log_prior_ratio)
      : kernel_(kernel),
        k_(kernel.num_strategies()),
        c_(std::move(log_prior_ratio)),
        sigma_(k_),
        values_(k_),
        dv_(k_, k_) {}

  std::size_t num_equations() const override { return k_; }

  void evaluate(const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd& jac) override {
    const double lambda = x(k_);
    for (std::size_t i = 0; i < k_; ++i) sigma_[i] = std::exp(x(i));
    kernel_.values_and_jacobian(sigma_.data(), values_.data(), dv_);
    jac.setZero();
    for (std::size_t p = 0; p < kernel_.num_players(); ++p) {
      const std::size_t o = kernel_.offset(p), n = kernel_.num_actions(p);
      double total = -1.0;
      for (std::size_t a = 0; a < n; ++a) {
        total += sigma_[o + a];
        jac(o, o + a) = sigma_[o + a];
      }
      h(o) = total;
      for (std::size_t a = 1; a < n; ++a) {
        const std::size_t row = o + a;
        h(row) = x(row) - x(o) - c_[row] - lambda * (values_[row] - values_[o]);
        jac(row, row) = 1.0;
        jac(row, o) = -1.0;
        for (std::size_t q = 0; q < kernel_.num_players(); ++q) {
          if (q == p) continue;
          const std::size_t oq = kernel_.offset(q);
          for (std::size_t b = 0; b < kernel_.num_actions(q); ++b)
            jac(row, oq + b) = -lambda * (dv_(row, oq + b) - dv_(o, oq + b)) * sigma_[oq + b];
        }
        jac(row, k_) = -(values_[row] - values_[o]);
      }
    }
  }

  void residual(const Eigen::VectorXd& x, Eigen::VectorXd& h) override {
    const double lambda = x(k_);
    for (std::size_t i = 0; i < k_; ++i) sigma_[i] = std::exp(x(i));
    kernel_.values(sigma_.data(), values_.data());
    for (std::size_t p = 0; p < kernel_.num_players(); ++p) {
      const std::size_t o = kernel_.offset(p), n = kernel_.num_actions(p);
      double total = -1.0;
      for (std::size_t a = 0; a < n; ++a) total += sigma_[o + a];
      h(o) = total;
      for (std::size_t a = 1; a < n; ++a)
        h(o + a) = x(o + a) - x(o) - c_[o + a] - lambda * (values_[o + a] - values_[o]);
    }
  }

  const std::vector<double>& sigma() const { return sigma_; }
  const std::vector<double>& values() const { return values_; }

 private:
  const PayoffJacobian& kernel_;
  std::size_t k_;
  std::vector<double> c_;
  std::vector<double> sigma_, values_;
  Eigen::MatrixXd dv_;
};

constexpr double kMaxLambda = 1e9;      // in range-normalised payoff units
constexpr double kPolishRegret = 0.05;  // start polishing below this (normalised) regret
constexpr double kPolishDistance = 0.05;

}  // namespace

std::optional<MixedProfile> logit_branch(const NormalFormGame& original, const MixedProfile& prior,
                                         const Deadline& deadline, std::vector<QrePoint>* trace,
                                         std::uint64_t* passes, std::string* failure, PathRecord* record) {
  // The branch of the unit-range game (equilibrium.hpp): the same equilibria,
  // and lambda, step sizes and the polishing target mean the same for every
  // player whatever its payoff units (a_p * u_p + b_p changes nothing).
  std::optional<NormalFormGame> rescaled;
  if (!has_unit_ranges(original)) rescaled = unit_range_game(original);
  const NormalFormGame& game = rescaled ? *rescaled : original;
  const double range = payoff_range(game);
  // The deadline reaches inside each Jacobian evaluation (one can take
  // seconds on a game with thousands of players).
  const PayoffJacobian kernel(game, 1.0 / range, &deadline);
  const std::size_t k = kernel.num_strategies();
  std::vector<double> c(k, 0.0);
  Eigen::VectorXd x(k + 1);
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const std::size_t o = kernel.offset(p), n = game.num_actions(p);
    for (std::size_t a = 0; a < n; ++a) {
      const double pi = prior.empty() ? 1.0 / static_cast<double>(n) : prior[p][a];
      x(o + a) = std::log(pi);
    }
    for (std::size_t a = 0; a < n; ++a) c[o + a] = x(o + a) - x(o);
  }
  x(k) = 0.0;
  LogitSystem system(kernel, c);

  const double polish_target = 1e-10;  // absolute on the unit-range game
  std::optional<MixedProfile> result;
  double next_check = 0.0;
  std::vector<double> sigma(k), values(k);
  auto approx_regret = [&](const std::vector<double>& s) {
    kernel.values(s.data(), values.data());
    double worst = 0.0;
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      const std::size_t o = kernel.offset(p), n = game.num_actions(p);
      double best = values[o], mean = 0.0;
      for (std::size_t a = 0; a < n; ++a) {
        best = std::max(best, values[o + a]);
        mean += s[o + a] * values[o + a];
      }
      worst = std::max(worst, best - mean);
    }
    return worst;
  };

  PathOptions path;
  path.direction_coordinate = k;
  path.initial_direction = +1;
  path.min_turn_cosine = 0.9;
  path.max_step = 1e9;
  path.deadline = &deadline;
  bool reached_end = false;
  PathStats stats;
  const PathEnd end = follow_path(system, x, path, [&](const Eigen::VectorXd& point,
                                                       const Eigen::VectorXd&) {
    const double lambda = point(k);
    for (std::size_t i = 0; i < k; ++i) sigma[i] = std::exp(point(i));
    if (trace) trace->push_back({lambda / range, unflatten_profile(game, sigma.data())});
    if (lambda >= kMaxLambda) {
      reached_end = true;
      return false;
    }
    if (lambda < next_check) return true;
    next_check = std::max(1.0, lambda * 1.5);
    if (approx_regret(sigma) > kPolishRegret) return true;
    const MixedProfile current = unflatten_profile(game, sigma.data());
    const auto polished = polish_equilibrium(game, current, 1e-10, &deadline);
    const MixedProfile& candidate = polished ? *polished : current;
    if (!same_profile(candidate, current, kPolishDistance)) return true;
    if (game.max_regret(candidate) <= polish_target) {
      result = candidate;
      return false;
    }
    return true;
  }, &stats);
  if (passes) *passes = kernel.passes();
  if (record) record->steps = stats.steps;
  if (result) return result;
  if (!reached_end) {
    if (failure) *failure = std::string(path_end_reason(end)) + " at lambda " + std::to_string(x(k) / range);
    if (record) record->end = path_end_reason_of(end, PathEndReason::not_verified);
  }
  // The last point of the branch: polish once more, else return it as is.
  for (std::size_t i = 0; i < k; ++i) sigma[i] = std::exp(x(i));
  MixedProfile last = unflatten_profile(game, sigma.data());
  if (auto polished = polish_equilibrium(game, last, 1e-10, &deadline)) return polished;
  return last;
}

SolveResult logit_qre(const NormalFormGame& game, const SolveOptions& options,
                      std::vector<QrePoint>* trace) {
  SolveResult result;
  result.method = "logit";
  result.complete = false;
  const Deadline deadline = solve_deadline(options);
  const std::vector<double> tol = regret_tolerances(game, options.rel_tol);
  // The path holds a few dense K x K matrices (K = sum of actions): refuse
  // before allocating them (LimitError, exit 3), not halfway with bad_alloc.
  std::size_t strategies = 0;
  for (std::size_t p = 0; p < game.num_players(); ++p) strategies += game.num_actions(p);
  check_memory_estimate(jacobian_bytes(strategies),
                        "the logit path's dense Jacobian matrices (" + std::to_string(strategies) + " x " +
                            std::to_string(strategies) + ", one row per action of every player)");
  const int starts = std::max(1, options.starts);
  std::mt19937_64 rng(options.seed);
  std::gamma_distribution<double> gamma(0.3, 1.0);
  std::size_t failed = 0;
  int started = 0;
  bool cut = false;  // the time limit stopped a branch or kept starts from running
  for (int start = 0; start < starts; ++start) {
    if (deadline.expired()) {
      cut = true;
      break;
    }
    started = start + 1;
    MixedProfile prior;
    if (start > 0) {
      prior.resize(game.num_players());
      for (std::size_t p = 0; p < game.num_players(); ++p) {
        double total = 0.0;
        for (std::size_t a = 0; a < game.num_actions(p); ++a) {
          prior[p].push_back(std::max(gamma(rng), 1e-300));
          total += prior[p].back();
        }
        double floored = 0.0;
        for (double& x : prior[p]) floored += (x = std::max(x / total, 1e-4));
        for (double& x : prior[p]) x /= floored;
      }
    }
    std::string failure;
    PathRecord record;
    record.start = start;
    std::optional<MixedProfile> candidate;
    try {
      candidate = logit_branch(game, prior, deadline, start == 0 ? trace : nullptr, nullptr, &failure, &record);
    } catch (const LimitError&) {
      if (!deadline.expired()) throw;  // a memory limit, not the clock
      record.end = PathEndReason::time_limit;  // stopped inside a Jacobian evaluation
    }
    if (record.end == PathEndReason::time_limit) cut = true;
    if (!failure.empty()) {
      ++failed;
      result.notes.push_back("start " + std::to_string(start) + ": path ended early (" + failure + ")");
    }
    if (candidate) {
      const std::size_t rejected_before = result.rejected;
      add_verified_candidate(result, game, std::move(*candidate), "logit", tol);
      // The end point decides when the path itself did not fail.
      if (failure.empty())
        record.end = result.rejected > rejected_before ? PathEndReason::not_verified : PathEndReason::equilibrium;
    }
    result.paths.push_back(record);
    if (cut) break;
  }
  result.notes.push_back("logit path following: one equilibrium per start (" +
                         std::to_string(starts) + (starts == 1 ? " start" : " starts") + "), not necessarily all equilibria");
  (void)failed;
  if (result.equilibria.empty() && !cut)
    mark_none_verified(result, "no logit branch ended at a profile that passed the regret check (" +
                                   std::to_string(result.rejected) + " candidates rejected)");
  if (cut)
    mark_limit_reached(result, LimitKind::time, deadline.message("following logit branches: " + std::to_string(started) + " of " +
                                                std::to_string(starts) + " starts begun, " +
                                                std::to_string(result.equilibria.size()) +
                                                " verified equilibria found; the list is incomplete"));
  return result;
}

}  // namespace negsim
