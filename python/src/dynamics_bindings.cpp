// Learning dynamics (sim/learn/dynamics_catalog.hpp), repeated games
// (sim/repeated/) and bargaining (sim/bargain/) for Python: results as
// numpy arrays and dicts, the same JSON as the CLI where the CLI has one.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "interrupt.hpp"
#include "models/errors.hpp"
#include "sim/bargain/alternating_offers.hpp"
#include "sim/bargain/axiomatic.hpp"
#include "sim/learn/dynamics_catalog.hpp"
#include "sim/report/learning_report.hpp"
#include "sim/repeated/abreu_sannikov.hpp"
#include "sim/repeated/critical_discount.hpp"
#include "sim/repeated/minmax.hpp"
#include "sim/repeated/one_shot_deviation.hpp"
#include "sim/repeated/simulate.hpp"
#include "sim/repeated/strategy_library.hpp"

namespace negsim::python {

namespace {

using GameIn = std::shared_ptr<NormalFormGame>;

py::array_t<double> flat_rows(const std::vector<MixedProfile>& profiles, std::size_t width) {
  py::array_t<double> out({static_cast<py::ssize_t>(profiles.size()), static_cast<py::ssize_t>(width)});
  auto w = out.mutable_unchecked<2>();
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    py::ssize_t k = 0;
    for (const auto& row : profiles[i])
      for (double x : row) w(i, k++) = x;
  }
  return out;
}

PureProfile target_from_python(const NormalFormGame& game, const py::object& target) {
  PureProfile out;
  if (target.is_none()) throw UsageError("target: one action per player (index or label) is needed");
  py::sequence seq = target.cast<py::sequence>();
  if (seq.size() != game.num_players())
    throw UsageError("target: one action per player (" + std::to_string(game.num_players()) + "), got " +
                     std::to_string(seq.size()));
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    py::object a = seq[p];
    if (py::isinstance<py::str>(a)) out.push_back(find_action(game, p, a.cast<std::string>()));
    else {
      const auto index = a.cast<std::size_t>();
      if (index >= game.num_actions(p)) throw UsageError("target: action " + std::to_string(index) + " of player " +
                                                         std::to_string(p + 1) + " is out of range (0-based)");
      out.push_back(index);
    }
  }
  return out;
}


py::dict offers_dict(const AlternatingOffersResult& r) {
  py::dict d = dict_of({{"agreement", py::cast(r.agreement)}, {"agreement_round", py::cast(r.agreement_round)},
                        {"shares", vector_to_array(r.shares)}, {"payoffs", vector_to_array(r.payoffs)},
                        {"ending", py::cast(r.ending)}, {"deal", r.deal ? py::cast(*r.deal) : py::none()},
                        {"horizon", py::cast(r.horizon)}, {"infinite_horizon", py::cast(r.infinite_horizon)},
                        {"converged", py::cast(r.converged)}, {"iterations", py::cast(r.iterations)},
                        {"max_regret", py::cast(r.max_regret)}, {"notes", py::cast(r.notes)}});
  py::list plan;
  for (const OfferPlan& o : r.plan) {
    plan.append(dict_of({{"round", py::cast(o.round)}, {"proposer", py::cast(o.proposer)},
                         {"agreement", py::cast(o.agreement)}, {"shares", vector_to_array(o.shares)},
                         {"value", vector_to_array(o.value)}}));
  }
  d["plan"] = plan;
  return d;
}

py::dict axiomatic_dict(const AxiomaticSolution& s) {
  py::list lottery;
  for (const auto& [deal, prob] : s.lottery) lottery.append(py::make_tuple(deal, prob));
  return dict_of({{"exists", py::cast(s.exists)}, {"utilities", vector_to_array(s.utilities)},
                  {"deal", s.deal ? py::cast(*s.deal) : py::none()}, {"lottery", lottery},
                  {"note", py::cast(s.note)}});
}

}  // namespace

void bind_dynamics(py::module_& m) {
  m.def("dynamics", [] {
    py::list out;
    for (const DynamicsInfo& d : dynamics_catalog()) {
      py::dict e;
      e["name"] = d.name;
      e["description"] = d.description;
      e["tracked"] = d.tracked;
      e["stopping"] = d.stopping;
      py::list options;
      if (d.uses_step) options.append("step");
      if (d.uses_lambda) options.append("lam");
      if (d.uses_seed) options.append("seed");
      if (d.uses_simultaneous) options.append("simultaneous");
      e["options"] = options;
      e["pure_initial"] = d.pure_initial;
      out.append(e);
    }
    return out;
  }, "dynamics() -> list of dict\n\nThe learning dynamics catalog (names for negsim.learn).");

  m.def("_learn", [](GameIn game, const std::string& name, std::size_t iterations, double tol,
                     std::optional<std::uint64_t> seed, py::object initial, std::optional<double> step,
                     std::optional<double> lam, std::optional<bool> simultaneous, std::size_t trace_every,
                     double rel_tol, double time_limit) {
    const DynamicsInfo& info = find_dynamics(name);
    auto refuse = [&](bool given, bool uses, const char* option) {
      if (given && !uses) throw UsageError(std::string(option) + " does not apply to " + info.name);
    };
    refuse(seed.has_value(), info.uses_seed, "seed");
    refuse(step.has_value(), info.uses_step, "step");
    refuse(lam.has_value(), info.uses_lambda, "lam");
    refuse(simultaneous.has_value(), info.uses_simultaneous, "simultaneous");
    if (iterations < 1 || iterations > 100'000'000) throw UsageError("iterations: expected a whole number from 1 to 100000000");
    if (!(tol > 0 && tol <= 1e9)) throw UsageError("tol: expected a number in (0, 1e9]");
    if (step && !(*step > 0 && *step <= 1)) throw UsageError("step: expected a number in (0, 1]");
    if (lam && !(*lam > 0 && *lam <= 1e6)) throw UsageError("lam: expected a number in (0, 1e6]");
    if (!(rel_tol > 0 && rel_tol < 1)) throw UsageError("rel_tol: expected a number in (0, 1)");
    if (trace_every == 0) trace_every = std::max<std::size_t>(1, iterations / 500);  // as `negsim learn`'s --every
    LearningOptions options;
    options.max_iterations = iterations;
    options.tol = tol;
    if (seed) options.seed = *seed;
    if (step) options.step = *step;
    if (lam) options.lambda = *lam;
    if (simultaneous) options.simultaneous = *simultaneous;
    options.trace_every = trace_every;
    if (!initial.is_none()) options.initial = profile_from_python(*game, initial);
    LearningRun run = run_with_options(time_limit, options, [&](const LearningOptions& o) {
      return run_learning(*game, name, o, rel_tol);
    });
    py::dict out;
    out["dynamics"] = run.dynamics.name;
    out["iterations"] = run.result.iterations;
    out["converged"] = run.result.converged;
    out["final_change"] = run.result.final_change;
    out["final_profile"] = profile_to_python(run.result.final_profile);
    out["empirical"] = run.result.empirical.empty() ? py::object(py::none()) : py::object(profile_to_python(run.result.empirical));
    out["max_regret"] = run.verdict.max_regret;
    out["regrets"] = vector_to_array(run.verdict.regrets);
    out["tolerances"] = vector_to_array(run.verdict.tolerances);
    out["payoffs"] = vector_to_array(run.verdict.payoffs);
    out["is_equilibrium"] = run.verdict.is_equilibrium;
    std::vector<MixedProfile> profiles;
    std::vector<std::vector<double>> payoffs;
    py::array_t<std::int64_t> its(static_cast<py::ssize_t>(run.trajectory.size()));
    for (std::size_t i = 0; i < run.trajectory.size(); ++i) {
      its.mutable_data()[i] = static_cast<std::int64_t>(run.trajectory[i].iteration);
      profiles.push_back(run.trajectory[i].profile);
      payoffs.push_back(run.trajectory[i].payoffs);
    }
    out["trajectory_iterations"] = its;
    out["trajectory_profiles"] = flat_rows(profiles, game->num_strategies());
    py::array_t<double> pay({static_cast<py::ssize_t>(payoffs.size()), static_cast<py::ssize_t>(game->num_players())});
    for (std::size_t i = 0; i < payoffs.size(); ++i)
      for (std::size_t p = 0; p < game->num_players(); ++p) pay.mutable_at(i, p) = payoffs[i][p];
    out["trajectory_payoffs"] = pay;
    out["json"] = learning_json(*game, run).dump(2) + "\n";
    out["csv"] = learning_csv(*game, run);
    return out;
  }, py::arg("game"), py::arg("dynamics"), py::arg("iterations"), py::arg("tol"), py::arg("seed"),
     py::arg("initial"), py::arg("step"), py::arg("lam"), py::arg("simultaneous"), py::arg("trace_every"),
     py::arg("rel_tol"), py::arg("time_limit"));

  m.def("strategies", [] {
    py::list out;
    for (const StrategyInfo& s : strategy_catalog()) out.append(py::make_tuple(s.name, s.description));
    return out;
  }, "strategies() -> list of (name, description)\n\nThe repeated-game strategy library.");

  m.def("_simulate", [](GameIn game, const std::string& strategies, py::object target, std::size_t rounds,
                        double continuation, double discount, double tremble, std::size_t runs, std::uint64_t seed,
                        std::size_t history_runs, double time_limit) {
    const PureProfile t = target_from_python(*game, target);
    const std::vector<Automaton> automata = parse_strategy_profile(strategies, *game, t);
    SimulationOptions sim;
    PlayArgs{rounds, continuation, discount, tremble, seed}.apply(sim);
    sim.runs = runs;
    sim.history_runs = history_runs;
    SimulationResult result =
        run_with_options(time_limit, sim, [&](const SimulationOptions& o) { return simulate(*game, automata, o); });
    py::dict out;
    out["runs"] = result.runs;
    out["mean_total"] = vector_to_array(result.mean_total);
    out["ci_total"] = vector_to_array(result.ci_total);
    out["mean_average"] = vector_to_array(result.mean_average);
    out["ci_average"] = vector_to_array(result.ci_average);
    out["mean_rounds"] = result.mean_rounds;
    py::list histories;
    const std::size_t n = game->num_players();
    for (const History& h : result.histories) {
      const auto len = static_cast<py::ssize_t>(h.profiles.size());
      py::array_t<std::int64_t> actions({len, static_cast<py::ssize_t>(n)});
      py::array_t<std::int64_t> profiles(len);
      py::array_t<bool> trembled({len, static_cast<py::ssize_t>(n)});
      py::array_t<double> payoffs({len, static_cast<py::ssize_t>(n)});
      for (py::ssize_t r = 0; r < len; ++r) {
        profiles.mutable_at(r) = h.profiles[r];
        for (std::size_t p = 0; p < n; ++p) {
          actions.mutable_at(r, p) = static_cast<std::int64_t>(game->action_of(h.profiles[r], p));
          trembled.mutable_at(r, p) = r < static_cast<py::ssize_t>(h.trembled.size()) && ((h.trembled[r] >> p) & 1);
          payoffs.mutable_at(r, p) = game->payoff(p, h.profiles[r]);
        }
      }
      py::dict hd;
      hd["run"] = h.run;
      hd["profiles"] = profiles;
      hd["actions"] = actions;
      hd["payoffs"] = payoffs;
      hd["trembled"] = trembled;
      histories.append(hd);
    }
    out["histories"] = histories;
    if (discount < 1.0) {
      const OneShotResult check = check_one_shot_deviation(*game, automata, discount);
      py::dict c;
      c["subgame_perfect"] = check.subgame_perfect;
      c["nash"] = check.nash;
      c["initial_values"] = vector_to_array(check.initial_values);
      out["check"] = c;
    } else {
      out["check"] = py::none();
    }
    return out;
  });

  m.def("_tournament", [](GameIn game, std::vector<std::string> names, py::object target, std::size_t rounds,
                          double continuation, double discount, double tremble, std::size_t repetitions,
                          std::uint64_t seed, bool self_play, double time_limit) {
    if (game->num_players() != 2) throw UsageError("a tournament needs a 2-player stage game");
    const PureProfile t = target_from_python(*game, target);
    std::vector<TournamentEntry> entries;
    for (const std::string& name : names) entries.push_back(library_entry(name));
    TournamentOptions options;
    PlayArgs{rounds, continuation, discount, tremble, seed}.apply(options);
    options.repetitions = repetitions;
    options.self_play = self_play;
    TournamentResult r = run_with_options(time_limit, options, [&](const TournamentOptions& o) {
      return run_tournament(*game, t, entries, o);
    });
    py::dict out;
    out["names"] = r.names;
    out["scores"] = vector_to_array(r.scores);
    py::array_t<double> matrix({static_cast<py::ssize_t>(r.names.size()), static_cast<py::ssize_t>(r.names.size())});
    for (std::size_t i = 0; i < r.matrix.size(); ++i)
      for (std::size_t j = 0; j < r.matrix[i].size(); ++j) matrix.mutable_at(i, j) = r.matrix[i][j];
    out["matrix"] = matrix;
    out["ranking"] = r.ranking;
    return out;
  });

  m.def("_payoff_set", [](GameIn game, double delta, double time_limit) {
    if (game->num_players() != 2) throw UsageError("the payoff set needs a 2-player stage game");
    if (!(delta > 0 && delta < 1)) throw UsageError("delta must be in (0, 1)");
    PayoffSetResult set = run_with_options(time_limit, PayoffSetOptions{}, [&](const PayoffSetOptions& o) {
      return abreu_sannikov(*game, delta, o);
    });
    if (!set.converged)
      throw LimitError("the Abreu-Sannikov iteration did not converge in " + std::to_string(set.iterations) +
                       " iterations; the payoff set is not reported");
    py::array_t<double> v({static_cast<py::ssize_t>(set.vertices.size()), static_cast<py::ssize_t>(2)});
    for (std::size_t i = 0; i < set.vertices.size(); ++i) {
      v.mutable_at(i, 0) = set.vertices[i][0];
      v.mutable_at(i, 1) = set.vertices[i][1];
    }
    py::dict out;
    out["vertices"] = v;
    out["punishment"] = py::make_tuple(set.punishment[0], set.punishment[1]);
    out["iterations"] = set.iterations;
    return out;
  });

  m.def("_critical_discount", [](GameIn game, const std::string& strategies, py::object target, double time_limit) {
    const PureProfile t = target_from_python(*game, target);
    const std::vector<Automaton> automata = parse_strategy_profile(strategies, *game, t);
    CriticalDiscountResult r = run_with_options(time_limit, CriticalDiscountOptions{}, [&](const CriticalDiscountOptions& o) {
      return critical_discount(*game, automata, o);
    });
    py::dict out;
    out["spe"] = r.spe_threshold;
    out["nash"] = r.nash_threshold;
    out["spe_per_player"] = vector_to_array(r.spe_threshold_per_player);
    out["nash_per_player"] = vector_to_array(r.nash_threshold_per_player);
    py::list roots;
    for (const DiscountRoot& root : r.roots)
      roots.append(dict_of({{"delta", py::cast(root.delta)}, {"exact", py::cast(root.exact)},
                            {"kind", py::cast(root.kind)}, {"player", py::cast(root.player)}}));
    out["roots"] = roots;
    return out;
  });

  m.def("_minmax", [](GameIn game, std::size_t player, const std::string& kind) {
    if (player >= game->num_players()) throw UsageError("no player " + std::to_string(player) + " (0-based)");
    MinmaxValue v = kind == "pure" ? pure_minmax(*game, player)
                    : kind == "mixed" ? mixed_minmax(*game, player)
                    : kind == "correlated" ? correlated_minmax(*game, player)
                    : throw UsageError("minmax kind: pure, mixed or correlated");
    return dict_of({{"value", py::cast(v.value)}, {"lower", py::cast(v.lower)}, {"upper", py::cast(v.upper)},
                    {"exact", py::cast(v.exact)}, {"punishers", profile_to_python(v.punishers)},
                    {"method", py::cast(v.method)}});
  });

  m.def("_rubinstein", [](std::vector<double> discount, double pie, std::optional<std::size_t> deadline,
                          std::vector<std::size_t> proposer_order, std::vector<double> disagreement,
                          std::vector<std::string> names, double time_limit) {
    PieBargainingProblem problem;
    problem.pie = pie;
    problem.protocol.discount = discount;
    problem.protocol.proposer_order = proposer_order;
    if (problem.protocol.proposer_order.empty())
      for (std::size_t p = 0; p < discount.size(); ++p) problem.protocol.proposer_order.push_back(p);
    problem.protocol.deadline = deadline;
    problem.protocol.disagreement = disagreement.empty() ? std::vector<double>(discount.size(), 0.0) : disagreement;
    if (names.empty())
      for (std::size_t p = 0; p < discount.size(); ++p) names.push_back("Player " + std::to_string(p + 1));
    problem.protocol.player_names = names;
    problem.validate();
    AlternatingOffersResult r = run_with_options(time_limit, AlternatingOffersOptions{}, [&](const AlternatingOffersOptions& o) {
      return solve_alternating_offers(problem, o);
    });
    return offers_dict(r);
  });

  m.def("_bargain_deals", [](py::array_t<double, py::array::c_style | py::array::forcecast> utilities,
                             std::vector<std::string> labels, std::vector<double> disagreement,
                             std::vector<double> weights) {
    if (utilities.ndim() != 2) throw UsageError("utilities: one row per deal, one column per player");
    DiscreteDealSpace deals;
    deals.num_players = static_cast<std::size_t>(utilities.shape(1));
    for (py::ssize_t d = 0; d < utilities.shape(0); ++d) {
      std::vector<double> u(utilities.data(d, 0), utilities.data(d, 0) + deals.num_players);
      deals.add(static_cast<std::size_t>(d) < labels.size() ? labels[d] : std::to_string(d + 1), u);
    }
    deals.validate();
    if (disagreement.empty()) disagreement.assign(deals.num_players, 0.0);
    py::dict out;
    out["nash"] = axiomatic_dict(nash_solution_discrete(deals, disagreement, weights));
    out["nash_lotteries"] = axiomatic_dict(nash_solution_lotteries(deals, disagreement, weights));
    out["kalai_smorodinsky"] = axiomatic_dict(kalai_smorodinsky_discrete(deals, disagreement));
    out["kalai_smorodinsky_lotteries"] = axiomatic_dict(kalai_smorodinsky_lotteries(deals, disagreement));
    return out;
  });
}

}  // namespace negsim::python
