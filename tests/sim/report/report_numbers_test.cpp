// Every number in the JSON report of each shipped scenario is recomputed by
// an independent path from what it describes: equilibrium payoffs and
// regrets from the game (models/game, not the solvers), lottery utilities
// from the deals and probabilities, the alternating-offers payoffs from the
// agreed deal and round, and each critical discount factor by checking the
// one-shot deviation inequality of Nash reversion just above and just below
// it (and exactly at p/q when the report gives one).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gmpxx.h>
#include <nlohmann/json.hpp>

#include "models/game/normal_form.hpp"
#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "sim/repeated/one_shot_deviation.hpp"
#include "sim/repeated/strategy_library.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/shipped_scenarios.hpp"

using negsim::testing::run_negsim;
using negsim::testing::shipped_scenarios;

namespace {

using nlohmann::json;
using negsim::NormalFormGame;

// Agreement of a printed number with its recomputation: relative to the scale
// of the numbers it is computed from.
void check_close(double reported, double recomputed, double scale, const std::string& what) {
  CAPTURE(what);
  CHECK(std::abs(reported - recomputed) <= 1e-9 * std::max(1.0, scale));
}

double payoff_scale(const NormalFormGame& game) {
  double s = 1;
  for (double u : game.payoffs()) s = std::max(s, std::abs(u));
  return s;
}

std::size_t player_by_name(const NormalFormGame& game, const std::string& name) {
  for (std::size_t p = 0; p < game.num_players(); ++p)
    if (game.player_names[p] == name) return p;
  FAIL("no player named " << name);
  return 0;
}

std::size_t action_by_label(const NormalFormGame& game, std::size_t player, const std::string& label) {
  const auto& labels = game.action_labels[player];
  const auto it = std::find(labels.begin(), labels.end(), label);
  REQUIRE_MESSAGE(it != labels.end(), "no action " << label);
  return static_cast<std::size_t>(it - labels.begin());
}

std::size_t profile_of_labels(const NormalFormGame& game, const json& labels) {
  std::vector<std::size_t> actions;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    actions.push_back(action_by_label(game, p, labels.at(p).get<std::string>()));
  return game.profile_index(actions);
}

// Equilibria: payoffs and max regret recomputed from the profile the report prints.
void check_equilibria(const NormalFormGame& game, const json& result) {
  const double scale = payoff_scale(game);
  for (const json& eq : result.at("equilibria")) {
    negsim::MixedProfile profile(game.num_players());
    for (std::size_t p = 0; p < game.num_players(); ++p) profile[p].assign(game.num_actions(p), 0.0);
    for (const json& s : eq.at("strategies")) {
      const std::size_t p = player_by_name(game, s.at("player"));
      for (const json& a : s.at("support"))
        profile[p][action_by_label(game, p, a.at("action"))] = a.at("probability").get<double>();
    }
    const std::vector<double> payoffs = game.expected_payoffs(profile);
    for (std::size_t p = 0; p < game.num_players(); ++p)
      check_close(eq.at("payoffs").at(p), payoffs[p], scale, "equilibrium payoff of " + game.player_names[p]);
    const double regret = game.max_regret(profile);
    check_close(eq.at("max_regret"), regret, scale, "max regret");
    CHECK(regret <= 1e-6 * scale);  // a printed equilibrium is one
  }
}

void check_correlated(const NormalFormGame& game, const json& ce) {
  std::vector<double> payoffs(game.num_players(), 0.0);
  double total = 0;
  for (const json& entry : ce.at("distribution")) {
    const std::size_t idx = profile_of_labels(game, entry.at("profile"));
    const double prob = entry.at("probability");
    total += prob;
    for (std::size_t p = 0; p < game.num_players(); ++p) payoffs[p] += prob * game.payoff(p, idx);
  }
  check_close(total, 1.0, 1.0, "correlated probabilities sum to 1");
  for (std::size_t p = 0; p < game.num_players(); ++p)
    check_close(ce.at("payoffs").at(p), payoffs[p], payoff_scale(game), "correlated payoff");
}

// Bargaining: lotteries' and deals' utilities from the deal space; the
// alternating-offers payoffs from the agreed deal discounted to round 1.
void check_bargaining(const negsim::Scenario& scenario, const json& b) {
  const negsim::ScenarioBargaining built = negsim::build_bargaining(scenario);
  const negsim::DiscreteDealSpace& deals = built.problem.deals;
  double scale = 1;
  for (double u : deals.utilities) scale = std::max(scale, std::abs(u));
  auto deal_index = [&](const std::string& label) {
    const auto it = std::find(deals.labels.begin(), deals.labels.end(), label);
    REQUIRE(it != deals.labels.end());
    return static_cast<std::size_t>(it - deals.labels.begin());
  };
  const std::vector<double> d = b.at("disagreement");
  for (const char* key : {"nash", "nash_lotteries", "kalai_smorodinsky", "kalai_smorodinsky_lotteries"}) {
    CAPTURE(key);
    const json& s = b.at(key);
    if (!s.at("exists").get<bool>()) continue;
    std::vector<double> u(deals.num_players, 0.0);
    if (!s.at("deal").is_null()) {
      const std::size_t i = deal_index(s.at("deal"));
      for (std::size_t p = 0; p < u.size(); ++p) u[p] = deals.utility(p, i);
    } else {
      double total = 0;
      for (const json& entry : s.at("lottery")) {
        const std::size_t i = deal_index(entry.at("deal"));
        const double prob = entry.at("probability");
        total += prob;
        for (std::size_t p = 0; p < u.size(); ++p) u[p] += prob * deals.utility(p, i);
      }
      check_close(total, 1.0, 1.0, "lottery probabilities sum to 1");
    }
    for (std::size_t p = 0; p < u.size(); ++p) {
      check_close(s.at("utilities").at(p), u[p], scale, "utility of the printed deal or lottery");
      CHECK(u[p] >= d[p] - 1e-9 * scale);  // individually rational
    }
    if (s.contains("variant")) {  // Kalai-Smorodinsky over lotteries
      const std::vector<double> point = s.at("kalai_smorodinsky_point");
      for (std::size_t p = 0; p < u.size(); ++p) {
        if (s.at("variant") == "exact") check_close(u[p], point[p], scale, "exact KS point");
        else CHECK(u[p] >= point[p] - 1e-9 * scale);
      }
    }
  }
  const json& o = b.at("alternating_offers");
  for (const json& round : o.at("plan")) {  // each round's offer is worth what its deal gives
    if (round.at("deal").is_null()) continue;
    const std::size_t i = deal_index(round.at("deal"));
    for (std::size_t p = 0; p < deals.num_players; ++p)
      check_close(round.at("offer_utilities").at(p), deals.utility(p, i), scale, "plan offer utility");
  }
  if (o.at("agreement").get<bool>() && !o.at("deal").is_null()) {
    const std::size_t i = deal_index(o.at("deal"));
    const std::size_t round = o.at("round");
    for (std::size_t p = 0; p < deals.num_players; ++p) {
      const double discount = built.problem.protocol.discount[p];
      check_close(o.at("payoffs").at(p), std::pow(discount, static_cast<double>(round - 1)) * deals.utility(p, i),
                  scale, "alternating-offers payoff");
    }
  }
}

// Nash reversion: player i's one-shot deviation gain at delta,
// (1 - delta) T_i + delta P_i - R_i, written out from the stage payoffs.
double reversion_gain(double delta, double R, double T, double P) { return (1 - delta) * T + delta * P - R; }

void check_threshold(const std::vector<double>& R, const std::vector<double>& T, const std::vector<double>& P,
                     const json& threshold, const json& exact, double scale, const std::string& what) {
  CAPTURE(what);
  const double tol = 1e-9 * scale;
  auto worst = [&](double delta) {
    double g = -INFINITY;
    for (std::size_t i = 0; i < R.size(); ++i) g = std::max(g, reversion_gain(delta, R[i], T[i], P[i]));
    return g;
  };
  if (threshold.is_null()) {  // never: fails even close to 1
    CHECK(worst(1 - 1e-9) > tol);
    return;
  }
  const double t = threshold;
  if (t > 1e-6) CHECK(worst(t * (1 - 1e-6)) > 0);  // below: some player gains by deviating
  CHECK(worst(std::min(t * (1 + 1e-6), 1 - 1e-12)) <= tol);  // above: nobody does
  if (exact.is_string() && !exact.get<std::string>().empty()) {
    // At p/q exactly, with the payoffs as the decimals they print as.
    const mpq_class delta(exact.get<std::string>(), 10);
    mpq_class g_max = -1;
    for (std::size_t i = 0; i < R.size(); ++i) {
      // The payoff as the short fraction it stands for (smallest denominator
      // within 8 ulps of the payoff), found by plain search.
      auto q = [](double x) {
        for (long den = 1; den <= 1000000; ++den) {
          mpq_class r(std::lround(x * static_cast<double>(den)), den);
          r.canonicalize();
          if (std::abs(negsim::nearest_double(r) - x) <= 8 * 2.220446049250313e-16 * std::abs(x)) return r;
        }
        return mpq_class(x);
      };
      const mpq_class g = (1 - delta) * q(T[i]) + delta * q(P[i]) - q(R[i]);
      if (g > g_max) g_max = g;
    }
    CHECK(g_max == 0);
    CHECK(std::abs(mpq_class(delta).get_d() - t) <= 1e-12);
  }
}

void check_repeated(const NormalFormGame& game, const json& r) {
  const double scale = payoff_scale(game);
  const std::size_t n = game.num_players();
  const std::size_t target = profile_of_labels(game, r.at("target"));
  const std::size_t reversion = profile_of_labels(game, r.at("reversion_profile"));
  std::vector<double> R(n), T(n), P(n), Pown(n);
  for (std::size_t i = 0; i < n; ++i) {
    R[i] = game.payoff(i, target);
    check_close(r.at("target_payoffs").at(i), R[i], scale, "target payoff");
    // The best one-shot deviation, searched here over every other action.
    const std::size_t own = game.action_of(target, i);
    const std::size_t base = target - own * game.stride(i);
    double best = -INFINITY;
    for (std::size_t a = 0; a < game.num_actions(i); ++a)
      if (a != own) best = std::max(best, game.payoff(i, base + a * game.stride(i)));
    const std::size_t printed = action_by_label(game, i, r.at("best_deviation").at(i));
    check_close(game.payoff(i, base + printed * game.stride(i)), best, scale, "the printed deviation is the best");
    check_close(r.at("deviation_payoffs").at(i), best, scale, "deviation payoff");
    CHECK(r.at("tempted").at(i).get<bool>() == (best > R[i]));
    T[i] = best;
    P[i] = game.payoff(i, reversion);
    check_close(r.at("reversion_payoffs").at(i), P[i], scale, "punishment payoff");
  }
  const std::vector<double>& T_eff = T;  // the best alternative, tempting or not
  // Every candidate strategy opens with the target and keeps it while nobody
  // deviates: its normalised values at the discount are the target payoffs.
  for (const json& s : r.at("strategies")) {
    CAPTURE(s.at("strategy").get<std::string>());
    if (s.at("values").empty()) continue;  // not checked at this discount
    for (std::size_t i = 0; i < n; ++i) check_close(s.at("values").at(i), R[i], scale, "value of the strategy profile");
  }
  if (r.at("reversion_is_equilibrium").get<bool>())
    check_threshold(R, T_eff, P, r.at("critical_discount"), r.at("critical_discount_exact"), scale,
                    "Nash reversion, common punishment");
  const json& own = r.at("own_punishment");
  if (!own.empty()) {
    REQUIRE(own.size() == n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t idx = profile_of_labels(game, own.at(i).at("profile"));
      Pown[i] = game.payoff(i, idx);
      check_close(own.at(i).at("payoff"), Pown[i], scale, "own punishment payoff");
      // It is a stage equilibrium, and the worst one for i among the pure ones.
      for (std::size_t q = 0; q < n; ++q) {
        const std::size_t base = idx - game.action_of(idx, q) * game.stride(q);
        for (std::size_t a = 0; a < game.num_actions(q); ++a)
          CHECK(game.payoff(q, base + a * game.stride(q)) <= game.payoff(q, idx));
      }
    }
    check_threshold(R, T_eff, Pown, r.at("own_punishment_threshold"), r.at("own_punishment_threshold_exact"), scale,
                    "Nash reversion, each deviator's own worst equilibrium");
  }
}

// Iterated dominance: each step's margin is the smallest gain of the
// dominator over the dominated action against the others' actions still in
// play at the start of its round; the dominated action is never a best reply there.
void check_dominance(const NormalFormGame& game, const json& d) {
  const double scale = payoff_scale(game);
  const std::size_t n = game.num_players();
  std::vector<std::vector<char>> alive(n);
  for (std::size_t p = 0; p < n; ++p) alive[p].assign(game.num_actions(p), 1);
  std::size_t round = 0;
  std::vector<std::pair<std::size_t, std::size_t>> pending;  // removed at the end of the round
  for (const json& step : d.at("steps")) {
    const std::size_t r = step.at("round");
    if (r != round) {
      for (const auto& [p, a] : pending) alive[p][a] = 0;
      pending.clear();
      round = r;
    }
    const std::size_t p = player_by_name(game, step.at("player"));
    const std::size_t a = action_by_label(game, p, step.at("action"));
    std::vector<std::pair<std::size_t, double>> dominator;
    for (const json& dom : step.at("dominator"))
      dominator.push_back({action_by_label(game, p, dom.at("action")), dom.at("weight").get<double>()});
    double margin = INFINITY;
    for (std::size_t idx = 0; idx < game.num_profiles(); ++idx) {
      if (game.action_of(idx, p) != a) continue;
      bool others_alive = true;
      for (std::size_t q = 0; q < n; ++q)
        if (q != p && !alive[q][game.action_of(idx, q)]) others_alive = false;
      if (!others_alive) continue;
      const std::size_t base = idx - a * game.stride(p);
      double mixed = 0;
      for (const auto& [b, w] : dominator) mixed += w * game.payoff(p, base + b * game.stride(p));
      margin = std::min(margin, mixed - game.payoff(p, idx));
    }
    CHECK(margin > 0);
    check_close(step.at("margin"), margin, scale, "dominance margin");
    pending.push_back({p, a});
  }
}

// Sequential game: with every player moving once, a pure path names one
// action per player, and its payoffs are the one-shot game's payoffs of that
// profile. The same for each threat (the path before it, the deviation, what
// follows), and its deviation gain is the payoff difference.
void check_sequential(const negsim::ScenarioGame& built, const json& seq) {
  const NormalFormGame& game = built.game;
  const double scale = payoff_scale(game);
  auto player_of = [&](const std::string& id) {
    const auto it = std::find(built.player_ids.begin(), built.player_ids.end(), id);
    REQUIRE(it != built.player_ids.end());
    return static_cast<std::size_t>(it - built.player_ids.begin());
  };
  auto apply = [&](std::vector<long>& actions, const json& step_actions) {
    for (const auto& [id, label] : step_actions.items()) {
      const std::size_t p = player_of(id);
      actions[p] = static_cast<long>(action_by_label(game, p, label.get<std::string>()));
    }
  };
  auto payoffs_of = [&](const std::vector<long>& actions, std::vector<double>& out) {
    std::vector<std::size_t> profile;
    for (long a : actions) {
      if (a < 0) return false;  // a mixed or missing step: not a pure leaf
      profile.push_back(static_cast<std::size_t>(a));
    }
    const std::size_t idx = game.profile_index(profile);
    out.resize(game.num_players());
    for (std::size_t p = 0; p < game.num_players(); ++p) out[p] = game.payoff(p, idx);
    return true;
  };
  for (const json& eq : seq.at("equilibria")) {
    std::vector<long> path(game.num_players(), -1);
    for (const json& step : eq.at("path"))
      if (step.at("pure").get<bool>()) apply(path, step.at("actions"));
    std::vector<double> u;
    if (!payoffs_of(path, u)) continue;
    for (std::size_t p = 0; p < u.size(); ++p) check_close(eq.at("payoffs").at(p), u[p], scale, "SPE payoff");
    for (const json& threat : eq.at("threats")) {
      std::vector<long> actions(game.num_players(), -1);
      const std::size_t stage = threat.at("stage");
      for (const json& step : eq.at("path"))
        if (step.at("stage").get<std::size_t>() < stage) apply(actions, step.at("actions"));
      apply(actions, threat.at("actions"));
      for (const json& step : threat.at("continuation"))
        if (step.at("pure").get<bool>()) apply(actions, step.at("actions"));
      std::vector<double> v;
      if (!payoffs_of(actions, v)) continue;
      const std::size_t p = player_of(threat.at("player"));
      for (std::size_t q = 0; q < v.size(); ++q) check_close(threat.at("payoffs").at(q), v[q], scale, "threat payoff");
      check_close(threat.at("deviation_gain"), v[p] - u[p], scale, "deviation gain");
      CHECK(v[p] - u[p] <= 1e-9 * scale);  // no threat is a profitable deviation
    }
  }
}

// Each candidate strategy's intervals: the one-shot deviation check just
// inside each finite end holds and just outside fails.
void check_strategy_intervals(const NormalFormGame& game, const json& r) {
  const std::size_t target = profile_of_labels(game, r.at("target"));
  const negsim::PureProfile target_actions = game.profile_actions(target);
  for (const json& s : r.at("strategies")) {
    const std::string name = s.at("strategy");
    CAPTURE(name);
    std::vector<negsim::Automaton> automata;
    for (std::size_t i = 0; i < game.num_players(); ++i)
      automata.push_back(negsim::make_strategy_from_spec(name, game, i, target_actions));
    const negsim::ProfileModel model(game, automata);
    auto holds = [&](double delta) { return model.check(delta).subgame_perfect; };
    auto inside_any = [&](double delta) {
      for (const json& i : s.at("spe_intervals"))
        if (delta >= i.at("lo").get<double>() && delta <= i.at("hi").get<double>()) return true;
      return false;
    };
    for (const json& i : s.at("spe_intervals")) {
      const double lo = i.at("lo"), hi = i.at("hi");
      if (lo == hi) continue;  // an isolated point: too thin to probe by floats
      const double eps = 1e-5;
      if (lo > 0) {
        CHECK(holds(lo + eps));
        if (lo - eps > 0 && !inside_any(lo - eps)) CHECK_FALSE(holds(lo - eps));
      }
      if (hi < 1) {
        CHECK(holds(hi - eps));
        if (hi + eps < 1 && !inside_any(hi + eps)) CHECK_FALSE(holds(hi + eps));
      }
      CHECK(holds(0.5 * (std::max(lo, 1e-3) + std::min(hi, 1 - 1e-3))));
    }
  }
}

}  // namespace

TEST_CASE("report numbers: every number of each shipped scenario's JSON report is recomputed") {
  for (const std::string& path : shipped_scenarios()) {
    CAPTURE(path);
    const auto run = run_negsim("run '" + path + "' --format json");
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    const json report = json::parse(run.out);
    const negsim::Scenario scenario =
        negsim::load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/" + path);
    const negsim::ScenarioGame built = negsim::build_normal_form(scenario);
    const NormalFormGame& game = built.game;
    check_equilibria(game, report.at("pure_equilibria"));
    for (const json& eq : report.at("pure_equilibria").at("equilibria")) CHECK(eq.at("pure").get<bool>());
    if (report.contains("mixed_equilibria")) check_equilibria(game, report.at("mixed_equilibria"));
    if (report.contains("dominance")) check_dominance(game, report.at("dominance"));
    if (report.contains("correlated_max_welfare")) check_correlated(game, report.at("correlated_max_welfare"));
    if (report.contains("bargaining")) check_bargaining(scenario, report.at("bargaining"));
    if (report.contains("repeated")) {
      check_repeated(game, report.at("repeated"));
      check_strategy_intervals(game, report.at("repeated"));
    }
    if (report.contains("sequential")) check_sequential(built, report.at("sequential"));
  }
}
