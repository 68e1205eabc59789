#include "sim/solve/agent_logit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include <Eigen/Dense>

#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/path_following.hpp"

namespace negsim {

namespace {

// Each player's gain from a best response, relative to its payoff range
// (the independent verifier, behavior_verify.hpp).
std::vector<double> relative_exploitability(const ExtensiveFormGame& game, const BehaviorProfile& profile) {
  const BehaviorCheck check = verify_behavior(game, profile);
  std::vector<double> out(game.num_players());
  for (std::size_t p = 0; p < out.size(); ++p) {
    const double range = game.max_payoff(p) - game.min_payoff(p);
    out[p] = check.gain[p] / (range > 0 ? range : 1.0);
  }
  return out;
}

// Conditional action values Q of every player action at a behaviour profile,
// on payoffs mapped onto [0, 1] per player.
class ActionValues {
 public:
  explicit ActionValues(const ExtensiveFormGame& game) : game_(game), n_(game.num_players()) {
    slot_.assign(game.num_infosets(), 0);
    for (std::size_t i = 0; i < game.num_infosets(); ++i) {
      slot_[i] = slots_;
      slots_ += game.infoset(i).num_actions();
    }
    const std::size_t nodes = game.num_nodes();
    unit_payoff_.assign(nodes * n_, 0.0);
    for (std::size_t t : game.terminals()) {
      const std::vector<double>& u = game.terminal_payoffs(t);
      for (std::size_t p = 0; p < n_; ++p) {
        const double range = game.max_payoff(p) - game.min_payoff(p);
        unit_payoff_[t * n_ + p] = range > 0 ? (u[p] - game.min_payoff(p)) / range : 0.0;
      }
    }
    excl_.assign(nodes * n_, 0.0);
    value_.assign(nodes * n_, 0.0);
    q_.assign(slots_, 0.0);
  }

  std::size_t slots() const { return slots_; }
  std::size_t slot(std::size_t infoset) const { return slot_[infoset]; }

  // sigma: one probability per slot (chance slots are ignored: the game's own).
  const std::vector<double>& evaluate(const std::vector<double>& sigma) {
    const std::size_t nodes = game_.num_nodes();
    auto prob = [&](std::size_t parent, std::size_t a) {
      const EfgInfoset& info = game_.infoset(game_.node(parent).infoset);
      return info.is_chance() ? info.chance_probs_d[a] : sigma[slot_[game_.node(parent).infoset] + a];
    };
    // Top-down: reach of node by everyone but p (parents precede children).
    std::fill(excl_.begin(), excl_.begin() + static_cast<std::ptrdiff_t>(n_), 1.0);
    for (std::size_t v = 1; v < nodes; ++v) {
      const EfgNode& node = game_.node(v);
      const std::size_t par = node.parent;
      const EfgInfoset& info = game_.infoset(game_.node(par).infoset);
      const double pr = prob(par, node.action_in_parent);
      for (std::size_t p = 0; p < n_; ++p)
        excl_[v * n_ + p] = excl_[par * n_ + p] * (!info.is_chance() && info.player == p ? 1.0 : pr);
    }
    // Bottom-up: subtree values.
    for (std::size_t v = nodes; v-- > 0;) {
      const EfgNode& node = game_.node(v);
      double* val = &value_[v * n_];
      if (node.kind == NodeKind::terminal) {
        std::copy_n(&unit_payoff_[v * n_], n_, val);
        continue;
      }
      std::fill(val, val + n_, 0.0);
      const std::size_t k = game_.infoset(node.infoset).num_actions();
      for (std::size_t a = 0; a < k; ++a) {
        const double pr = prob(v, a);
        if (pr == 0) continue;
        const double* c = &value_[(node.first_child + a) * n_];
        for (std::size_t p = 0; p < n_; ++p) val[p] += pr * c[p];
      }
    }
    // Q(I, a): belief-weighted child values (uniform beliefs if others never reach I).
    for (std::size_t i = 0; i < game_.num_infosets(); ++i) {
      const EfgInfoset& info = game_.infoset(i);
      if (info.is_chance()) continue;
      const std::size_t p = info.player, k = info.num_actions();
      double mass = 0;
      for (std::size_t h : info.nodes) mass += excl_[h * n_ + p];
      for (std::size_t a = 0; a < k; ++a) {
        double num = 0, plain = 0;
        for (std::size_t h : info.nodes) {
          const double c = value_[(game_.node(h).first_child + a) * n_ + p];
          num += excl_[h * n_ + p] * c;
          plain += c;
        }
        q_[slot_[i] + a] = mass > 1e-300 ? num / mass : plain / static_cast<double>(info.nodes.size());
      }
    }
    return q_;
  }

  // Counterfactual value sum_h reach_{-p}(h) V(child) (after evaluate), and
  // the others' reach of I.
  double others_reach(std::size_t infoset) const {
    const EfgInfoset& info = game_.infoset(infoset);
    double mass = 0;
    for (std::size_t h : info.nodes) mass += excl_[h * n_ + info.player];
    return mass;
  }

 private:
  const ExtensiveFormGame& game_;
  std::size_t n_, slots_ = 0;
  std::vector<std::size_t> slot_;
  std::vector<double> unit_payoff_, excl_, value_, q_;
};

// The agent logit system in x = (w per player action, lambda).
class AgentLogitSystem : public PathSystem {
 public:
  explicit AgentLogitSystem(const ExtensiveFormGame& game) : game_(game), values_(game) {
    for (std::size_t i = 0; i < game.num_infosets(); ++i) {
      if (game.infoset(i).is_chance()) continue;
      infosets_.push_back(i);
      for (std::size_t a = 0; a < game.infoset(i).num_actions(); ++a) var_slot_.push_back(values_.slot(i) + a);
    }
    sigma_.assign(values_.slots(), 0.0);
  }

  std::size_t num_equations() const override { return var_slot_.size(); }
  std::size_t unknowns() const { return var_slot_.size(); }

  Eigen::VectorXd start() const {
    Eigen::VectorXd x(static_cast<Eigen::Index>(unknowns() + 1));
    std::size_t k = 0;
    for (std::size_t i : infosets_) {
      const std::size_t m = game_.infoset(i).num_actions();
      for (std::size_t a = 0; a < m; ++a) x[static_cast<Eigen::Index>(k++)] = -std::log(static_cast<double>(m));
    }
    x[static_cast<Eigen::Index>(k)] = 0.0;
    return x;
  }

  void residual(const Eigen::VectorXd& x, Eigen::VectorXd& h) override {
    load(x);
    const std::vector<double>& q = values_.evaluate(sigma_);
    const double lambda = x[static_cast<Eigen::Index>(unknowns())];
    h.resize(static_cast<Eigen::Index>(unknowns()));
    std::size_t k = 0;
    for (std::size_t i : infosets_) {
      const std::size_t m = game_.infoset(i).num_actions(), s = values_.slot(i);
      double total = 0;
      for (std::size_t a = 0; a < m; ++a) total += sigma_[s + a];
      h[static_cast<Eigen::Index>(k)] = total - 1.0;
      for (std::size_t a = 1; a < m; ++a)
        h[static_cast<Eigen::Index>(k + a)] =
            x[static_cast<Eigen::Index>(k + a)] - x[static_cast<Eigen::Index>(k)] - lambda * (q[s + a] - q[s]);
      k += m;
    }
  }

  void evaluate(const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd& jac) override {
    const Eigen::Index n = static_cast<Eigen::Index>(unknowns());
    residual(x, h);
    jac.setZero(n, n + 1);
    // d/d lambda analytically: -(Q(a) - Q(0)).
    const std::vector<double>& q = values_.evaluate(sigma_);
    std::size_t k = 0;
    for (std::size_t i : infosets_) {
      const std::size_t m = game_.infoset(i).num_actions(), s = values_.slot(i);
      for (std::size_t a = 1; a < m; ++a) jac(static_cast<Eigen::Index>(k + a), n) = -(q[s + a] - q[s]);
      k += m;
    }
    Eigen::VectorXd xp = x, hp;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double step = 1e-7 * std::max(1.0, std::abs(x[j]));
      xp[j] = x[j] + step;
      residual(xp, hp);
      jac.col(j) = (hp - h) / step;
      xp[j] = x[j];
    }
  }

  BehaviorProfile profile(const Eigen::VectorXd& x) {
    load(x);
    BehaviorProfile out = game_.uniform_behavior();
    for (std::size_t i : infosets_) {
      const std::size_t m = game_.infoset(i).num_actions(), s = values_.slot(i);
      double total = 0;
      for (std::size_t a = 0; a < m; ++a) total += sigma_[s + a];
      for (std::size_t a = 0; a < m; ++a) out[i][a] = sigma_[s + a] / total;
    }
    return out;
  }

  // Newton on the indifference equations of the guessed support, at the
  // information sets the support profile reaches. Nullopt if it fails.
  std::optional<BehaviorProfile> polish(const BehaviorProfile& start) {
    BehaviorProfile b = start;
    std::vector<std::vector<std::size_t>> support(game_.num_infosets());
    for (std::size_t i : infosets_) {
      const double best = *std::max_element(b[i].begin(), b[i].end());
      double total = 0;
      for (std::size_t a = 0; a < b[i].size(); ++a) {
        if (b[i][a] >= 1e-3 * best) {
          support[i].push_back(a);
          total += b[i][a];
        } else {
          b[i][a] = 0;
        }
      }
      for (double& v : b[i]) v /= total;
    }
    const std::vector<double> reach = game_.reach_probabilities(b);
    std::vector<std::pair<std::size_t, std::size_t>> vars;  // (infoset, action)
    std::vector<std::size_t> active;
    for (std::size_t i : infosets_) {
      double r = 0;
      for (std::size_t h : game_.infoset(i).nodes) r += reach[h];
      if (r <= 1e-12 || support[i].size() < 2) continue;
      active.push_back(i);
      for (std::size_t a : support[i]) vars.emplace_back(i, a);
    }
    const Eigen::Index n = static_cast<Eigen::Index>(vars.size());
    if (n == 0) return b;
    auto equations = [&](const BehaviorProfile& p, Eigen::VectorXd& out) {
      for (std::size_t s = 0; s < sigma_.size(); ++s) sigma_[s] = 0;
      for (std::size_t i : infosets_)
        for (std::size_t a = 0; a < p[i].size(); ++a) sigma_[values_.slot(i) + a] = p[i][a];
      const std::vector<double>& q = values_.evaluate(sigma_);
      out.resize(n);
      Eigen::Index k = 0;
      for (std::size_t i : active) {
        const double scale = values_.others_reach(i);  // counterfactual form: smooth in p
        const std::size_t s = values_.slot(i), a0 = support[i][0];
        double total = 0;
        for (std::size_t a : support[i]) total += p[i][a];
        out[k++] = total - 1.0;
        for (std::size_t j = 1; j < support[i].size(); ++j) out[k++] = scale * (q[s + support[i][j]] - q[s + a0]);
      }
    };
    Eigen::VectorXd f, fp;
    for (int iteration = 0; iteration < 30; ++iteration) {
      equations(b, f);
      if (f.lpNorm<Eigen::Infinity>() < 1e-14) break;
      Eigen::MatrixXd jac(n, n);
      for (Eigen::Index j = 0; j < n; ++j) {
        BehaviorProfile bp = b;
        const double step = 1e-8;
        bp[vars[static_cast<std::size_t>(j)].first][vars[static_cast<std::size_t>(j)].second] += step;
        equations(bp, fp);
        jac.col(j) = (fp - f) / step;
      }
      const Eigen::VectorXd dx = jac.fullPivLu().solve(-f);
      if (!dx.allFinite()) return std::nullopt;
      for (Eigen::Index j = 0; j < n; ++j)
        b[vars[static_cast<std::size_t>(j)].first][vars[static_cast<std::size_t>(j)].second] += dx[j];
      if (dx.lpNorm<Eigen::Infinity>() < 1e-15) break;
    }
    for (std::size_t i : infosets_) {
      for (double& v : b[i]) {
        if (v < -1e-9) return std::nullopt;
        v = std::max(v, 0.0);
      }
      double total = 0;
      for (double v : b[i]) total += v;
      for (double& v : b[i]) v /= total;
    }
    return b;
  }

 private:
  void load(const Eigen::VectorXd& x) {
    for (std::size_t k = 0; k < var_slot_.size(); ++k) sigma_[var_slot_[k]] = std::exp(x[static_cast<Eigen::Index>(k)]);
  }

  const ExtensiveFormGame& game_;
  ActionValues values_;
  std::vector<std::size_t> infosets_, var_slot_;
  std::vector<double> sigma_;
};

double max_of(const std::vector<double>& v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); }

}  // namespace

AgentLogitResult agent_logit(const ExtensiveFormGame& game, const AgentLogitOptions& options) {
  game.require_perfect_recall("agent logit QRE (logit)");
  AgentLogitSystem system(game);
  AgentLogitResult out;
  if (system.unknowns() == 0) {  // no player moves: the empty profile is the equilibrium
    out.profile = game.uniform_behavior();
    out.verified = true;
    return out;
  }
  Eigen::VectorXd x = system.start();
  const Eigen::Index lambda_at = static_cast<Eigen::Index>(system.unknowns());
  PathOptions path;
  path.max_step = 1e5;
  path.deadline = &options.deadline;
  path.direction_coordinate = static_cast<std::size_t>(lambda_at);
  path.initial_direction = +1;
  path.min_turn_cosine = 0.0;
  double next_check = 2.0;
  bool done = false;
  PathStats stats;
  const PathEnd end = follow_path(
      system, x,
      path,
      [&](const Eigen::VectorXd& point, const Eigen::VectorXd&) {
        const double lambda = point[lambda_at];
        if (options.keep_trace) out.trace.push_back({lambda, system.profile(point)});
        if (lambda >= next_check || lambda >= options.max_lambda) {
          while (next_check <= lambda) next_check *= 2;
          const BehaviorProfile here = system.profile(point);
          if (auto polished = system.polish(here)) {
            const std::vector<double> gaps = relative_exploitability(game, *polished);
            if (max_of(gaps) <= options.tolerance) {
              out.profile = *polished;
              out.exploitability = max_of(gaps);
              out.verified = true;
              out.lambda = lambda;
              done = true;
              return false;
            }
          }
        }
        return lambda < options.max_lambda;
      },
      &stats);
  out.steps = stats.steps;
  if (!done) {
    out.lambda = x[lambda_at];
    out.profile = system.profile(x);
    out.exploitability = max_of(relative_exploitability(game, out.profile));
    out.verified = out.exploitability <= options.tolerance;
    if (end != PathEnd::stopped)
      out.notes.push_back(std::string("the logit branch ended early (") + path_end_reason(end) + ") at lambda " +
                          std::to_string(out.lambda));
    else
      out.notes.push_back("no support polish verified up to lambda " + std::to_string(out.lambda));
  } else {
    out.notes.push_back("polished on the support guessed at lambda " + std::to_string(out.lambda));
  }
  return out;
}

}  // namespace negsim

#include <cstdio>

#include "models/errors.hpp"

namespace negsim {

ExtensiveSolveResult solve_agent_logit(const ExtensiveFormGame& game, const SolveOptions& options) {
  AgentLogitOptions logit;
  logit.tolerance = options.rel_tol;
  logit.deadline = solve_deadline(options);
  const AgentLogitResult r = agent_logit(game, logit);
  std::optional<BehaviorEquilibrium> eq;
  if (r.verified) eq = make_verified_equilibrium(game, r.profile, std::nullopt, "logit", options.rel_tol);
  if (!eq) {
    char eps[32];
    std::snprintf(eps, sizeof eps, "%.3g", r.exploitability);
    throw LimitError("agent logit: no verified equilibrium; the branch stopped at lambda " + std::to_string(r.lambda) +
                     " with exploitability " + eps + " of the payoff range (try --method lcp or cfr)");
  }
  ExtensiveSolveResult out;
  out.method = "logit";
  out.form = "strategic-form";
  out.form_note = "the limit of the agent logit quantal-response branch from the centroid (a Nash equilibrium "
                  "in behaviour strategies; McKelvey-Palfrey 1998)";
  out.equilibria.push_back(std::move(*eq));
  out.complete = false;
  for (const std::string& n : r.notes) out.note += (out.note.empty() ? "" : "; ") + n;
  return out;
}

}  // namespace negsim
