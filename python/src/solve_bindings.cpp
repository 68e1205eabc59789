// negsim.solve: every method of the registry (sim/solve/method_registry.hpp)
// with its options, checked as `negsim solve` checks them.
#include <optional>

#include <nlohmann/json.hpp>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "errors.hpp"
#include "interrupt.hpp"
#include "models/errors.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/dominance.hpp"
#include "sim/solve/equilibrium_cap.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/method_registry.hpp"
#include "sim/solve/solve.hpp"

namespace negsim::python {

namespace {

struct PyCorrelated {
  std::shared_ptr<const NormalFormGame> game;
  CorrelatedEquilibrium ce;
  std::string method, objective;
};

py::object limit_reached_to_python(const std::optional<LimitReached>& limit) {
  if (!limit) return py::none();
  py::dict d;
  d["kind"] = limit_kind_name(limit->kind);
  d["message"] = limit->message;
  return d;
}

}  // namespace

py::object wrap_result(std::shared_ptr<const NormalFormGame> game, SolveResult result) {
  return py::cast(PySolveResult{std::move(game), std::move(result), py::none()});
}

void bind_solve(py::module_& m) {
  py::class_<PyEquilibrium>(m, "Equilibrium", "A verified Nash equilibrium (regret computed independently of the method).")
      .def_property_readonly("profile", [](const PyEquilibrium& e) { return profile_to_python(e.eq.profile); },
                             "One probability array per player (tuple).")
      .def_property_readonly("flat", [](const PyEquilibrium& e) {
        std::vector<double> flat;
        for (const auto& row : e.eq.profile) flat.insert(flat.end(), row.begin(), row.end());
        return vector_to_array(flat);
      }, "The profile as one array, player then strategy (Gambit's NE line).")
      .def_property_readonly("exact", [](const PyEquilibrium& e) -> py::object {
        if (!e.eq.exact) return py::none();
        return exact_profile_to_python(*e.eq.exact);
      }, "Rational profile (tuple of tuples of fractions.Fraction) from exact methods, else None.")
      .def_property_readonly("payoffs", [](const PyEquilibrium& e) { return vector_to_array(e.eq.payoffs); })
      .def_property_readonly("exact_payoffs", [](const PyEquilibrium& e) -> py::object {
        if (!e.eq.exact) return py::none();
        py::list out;
        for (const mpq_class& q : e.game->exact_expected_payoffs(*e.eq.exact)) out.append(to_fraction(q));
        return py::tuple(out);
      }, "Each player's payoff as a Fraction (exact equilibria), else None.")
      .def_property_readonly("max_regret", [](const PyEquilibrium& e) { return e.eq.max_regret; })
      .def_property_readonly("regrets", [](const PyEquilibrium& e) { return vector_to_array(e.game->regrets(e.eq.profile)); },
                             "Each player's regret, recomputed from the game.")
      .def_property_readonly("method", [](const PyEquilibrium& e) { return e.eq.method; })
      .def_property_readonly("is_pure", [](const PyEquilibrium& e) { return e.eq.is_pure(); })
      .def_property_readonly("actions", [](const PyEquilibrium& e) -> py::object {
        auto pure = pure_actions(e.eq.profile);
        if (!pure) return py::none();
        return py::tuple(py::cast(*pure));
      }, "The action of each player (0-based) for a pure equilibrium, else None.")
      .def("gambit", [](const PyEquilibrium& e) { return gambit_line(e.eq); }, "The NE,... line Gambit prints.")
      .def("to_dict", [](const PyEquilibrium& e) { return json_to_python(equilibrium_json(*e.game, e.eq).dump()); },
           "The equilibrium as in `negsim solve --format json`.")
      .def("__repr__", [](const PyEquilibrium& e) { return "<negsim.Equilibrium " + gambit_line(e.eq, 6) + ">"; });

  py::class_<PySolveResult>(m, "SolveResult", "The verified equilibria a method found, and how complete the list is.")
      .def_property_readonly("method", [](const PySolveResult& r) { return r.result.method; })
      .def_property_readonly("equilibria", [](const PySolveResult& r) {
        py::list out;
        for (const Equilibrium& eq : r.result.equilibria) out.append(PyEquilibrium{r.game, eq});
        return out;
      })
      .def_property_readonly("complete", [](const PySolveResult& r) { return r.result.complete; },
                             "True only when the method promises every equilibrium of its kind and no limit cut it.")
      .def_property_readonly("notes", [](const PySolveResult& r) { return r.result.notes; })
      .def_property_readonly("rejected", [](const PySolveResult& r) { return r.result.rejected; })
      .def_property_readonly("limit_reached", [](const PySolveResult& r) { return limit_reached_to_python(r.result.limit_reached); })
      .def_property_readonly("paths", [](const PySolveResult& r) {
        py::list out;
        for (const PathRecord& p : r.result.paths) out.append(json_to_python(path_json(p).dump()));
        return out;
      }, "Path-following methods: each path followed and why it ended.")
      .def_property_readonly("game", [](const PySolveResult& r) { return std::const_pointer_cast<NormalFormGame>(r.game); })
      .def_readonly("extra", &PySolveResult::extra)
      .def("to_json", [](const PySolveResult& r) {
        nlohmann::json j = solve_result_json(*r.game, r.result);
        if (!r.extra.is_none() && py::isinstance<py::dict>(r.extra) && r.extra.contains("dominance"))
          j["dominance"] = nlohmann::json::parse(py::module_::import("json").attr("dumps")(r.extra["dominance"]).cast<std::string>());
        return j.dump(2) + "\n";
      }, "The text of `negsim solve --format json`.")
      .def("gambit", [](const PySolveResult& r) { return gambit_report(r.result); }, "The text of `negsim solve --format gambit`.")
      .def("text", [](const PySolveResult& r) { return text_report(*r.game, r.result); }, "The text report of `negsim solve`.")
      .def("profiles", [](const PySolveResult& r) {
        py::array_t<double> out({static_cast<py::ssize_t>(r.result.equilibria.size()),
                                 static_cast<py::ssize_t>(r.game->num_strategies())});
        auto w = out.mutable_unchecked<2>();
        for (std::size_t i = 0; i < r.result.equilibria.size(); ++i) {
          py::ssize_t k = 0;
          for (const auto& row : r.result.equilibria[i].profile)
            for (double x : row) w(i, k++) = x;
        }
        return out;
      }, "All profiles as one array, one row per equilibrium (Gambit's NE order).")
      .def("__len__", [](const PySolveResult& r) { return r.result.equilibria.size(); })
      .def("__getitem__", [](const PySolveResult& r, py::ssize_t i) {
        const auto n = static_cast<py::ssize_t>(r.result.equilibria.size());
        if (i < 0) i += n;
        if (i < 0 || i >= n) throw py::index_error();
        return PyEquilibrium{r.game, r.result.equilibria[static_cast<std::size_t>(i)]};
      })
      .def("__repr__", [](const PySolveResult& r) {
        return "<negsim.SolveResult " + r.result.method + ": " + std::to_string(r.result.equilibria.size()) +
               " equilibria" + (r.result.complete ? ", complete>" : ">");
      });

  py::class_<PyCorrelated>(m, "CorrelatedResult", "A correlated (ce) or coarse correlated (cce) equilibrium: a distribution over profiles.")
      .def_property_readonly("distribution", [](const PyCorrelated& c) {
        std::vector<double> dense(c.game->num_profiles(), 0.0);
        for (const auto& [index, prob] : c.ce.distribution) dense[index] = prob;
        py::array flat = vector_to_array(dense);
        py::tuple shape(c.game->num_players());
        for (std::size_t p = 0; p < c.game->num_players(); ++p) shape[p] = c.game->num_actions(p);
        return flat.attr("reshape")(shape, py::arg("order") = "F");
      }, "Probability of each profile, indexed [a_1, ..., a_N].")
      .def_property_readonly("payoffs", [](const PyCorrelated& c) { return vector_to_array(c.ce.payoffs); })
      .def_property_readonly("max_gain", [](const PyCorrelated& c) { return c.ce.max_gain; },
                             "Largest deviation gain, recomputed from the game.")
      .def("to_json", [](const PyCorrelated& c) {
        nlohmann::json j = {{"schema_version", kJsonSchemaVersion}, {"game", game_summary_json(*c.game)},
                            {"method", c.method}, {"objective", c.objective},
                            {"equilibrium", correlated_json(*c.game, c.ce)}};
        return j.dump(2) + "\n";
      }, "The text of `negsim solve --method ce --format json`.")
      .def("text", [](const PyCorrelated& c) { return correlated_text(*c.game, c.ce); });

  m.def("_solve",
        [](std::shared_ptr<NormalFormGame> game_in, std::string method_name, std::optional<bool> exact,
           std::optional<int> label, std::optional<bool> all_labels, std::optional<bool> race,
           std::optional<int> starts, std::optional<std::uint64_t> seed, std::optional<bool> trace,
           std::optional<std::string> objective, std::optional<std::size_t> max_equilibria, double time_limit,
           double rel_tol, bool partial) -> py::object {
          std::shared_ptr<const NormalFormGame> game = game_in;
          const MethodInfo& method = find_method(method_name);
          std::vector<MethodOption> given;
          SolveOptions options;
          options.method = method_name;
          if (exact && *exact) { given.push_back(MethodOption::exact); options.exact = true; }
          if (label) {
            given.push_back(MethodOption::label);
            if (*label < 0) throw UsageError("label counts from 0 in Python (1 on the command line)");
            options.label = *label;
          }
          if (all_labels && *all_labels) { given.push_back(MethodOption::all_labels); options.all_labels = true; }
          if (race && *race) { given.push_back(MethodOption::race); options.label_race = true; }
          if (starts) {
            given.push_back(MethodOption::starts);
            if (*starts < 1) throw UsageError("starts must be at least 1");
            options.starts = *starts;
          }
          if (seed) { given.push_back(MethodOption::seed); options.seed = *seed; }
          if (trace && *trace) { given.push_back(MethodOption::trace); options.trace = true; }
          if (objective) { given.push_back(MethodOption::objective); options.objective = *objective; }
          if (max_equilibria) {
            given.push_back(MethodOption::max_equilibria);
            if (*max_equilibria < 1) throw UsageError("max_equilibria must be at least 1");
            options.max_equilibria = *max_equilibria;
          }
          if (!(rel_tol > 0 && rel_tol < 1)) throw UsageError("rel_tol must be in (0, 1)");
          options.rel_tol = rel_tol;
          require_options_apply(method, given);
          if (options.all_labels && (label || options.label_race))
            throw UsageError(std::string(label ? "label" : "race") + " does not apply with all_labels (which runs from every label)");
          if (method.solution == Solution::correlated) {
            CorrelatedEquilibrium ce = run_interruptibly(time_limit, [&](const Deadline& d) {
              SolveOptions o = options;
              o.deadline = d;
              return solve_correlated(*game, o);
            });
            return py::cast(PyCorrelated{game, std::move(ce), options.method, options.objective});
          }
          py::object extra = py::none();
          SolveResult result;
          if (options.trace) {
            std::vector<QrePoint> points;
            result = run_interruptibly(time_limit, [&](const Deadline& d) {
              SolveOptions o = options;
              o.deadline = d;
              return logit_qre(*game, o, &points);
            });
            py::array_t<double> t({static_cast<py::ssize_t>(points.size()), static_cast<py::ssize_t>(game->num_strategies() + 1)});
            auto w = t.mutable_unchecked<2>();
            for (std::size_t i = 0; i < points.size(); ++i) {
              w(i, 0) = points[i].lambda;
              py::ssize_t k = 1;
              for (const auto& row : points[i].profile)
                for (double x : row) w(i, k++) = x;
            }
            py::dict d;
            d["trace"] = t;
            extra = d;
          } else if (options.method == "dominance") {
            DominanceSolve ds = run_interruptibly(time_limit, [&](const Deadline& d) {
              SolveOptions o = options;
              o.deadline = d;
              return solve_by_dominance(*game, o);
            });
            apply_equilibrium_cap(ds.result, options.max_equilibria);
            py::dict d;
            d["dominance"] = json_to_python(dominance_json(*game, ds.elimination).dump());
            extra = d;
            result = std::move(ds.result);
          } else {
            result = run_interruptibly(time_limit, [&](const Deadline& d) {
              SolveOptions o = options;
              o.deadline = d;
              return solve(*game, o);
            });
          }
          const bool cut_by_time = result.limit_reached && result.limit_reached->kind == LimitKind::time;
          const std::string limit_message = cut_by_time ? result.limit_reached->message : "";
          const std::size_t verified = result.equilibria.size();
          py::object wrapped = py::cast(PySolveResult{game, std::move(result), extra});
          if (cut_by_time && !partial)
            raise_limit_with_result(limit_message + "\n  the result (.result of this error) lists the " +
                                        std::to_string(verified) +
                                        " verified equilibria found before the limit, marked incomplete"
                                        "\n  hint: raise time_limit, or make the game smaller",
                                    wrapped);
          return wrapped;
        },
        py::arg("game"), py::arg("method") = "auto", py::arg("exact") = py::none(), py::arg("label") = py::none(),
        py::arg("all_labels") = py::none(), py::arg("race") = py::none(), py::arg("starts") = py::none(),
        py::arg("seed") = py::none(), py::arg("trace") = py::none(), py::arg("objective") = py::none(),
        py::arg("max_equilibria") = py::none(), py::arg("time_limit") = 0.0,
        py::arg("rel_tol") = kDefaultRegretTolerance, py::arg("partial") = false);

  m.def("methods", [] {
    py::list out;
    for (const MethodInfo& mi : method_registry()) {
      py::list opts;
      for (MethodOption o : mi.options) opts.append(std::string(option_field(o)));
      out.append(dict_of({{"name", py::cast(mi.name)}, {"summary", py::cast(mi.summary)},
                          {"solution", py::str(mi.solution == Solution::nash ? "nash" : "correlated")},
                          {"min_players", py::cast(mi.min_players)}, {"max_players", py::cast(mi.max_players)},
                          {"constant_sum_only", py::cast(mi.constant_sum_only)},
                          {"guarantee", py::cast(mi.guarantee)}, {"size_note", py::cast(mi.size_note)},
                          {"options", opts}}));
    }
    return out;
  }, "methods() -> list of dict\n\nThe method registry: name, summary, which games, options, guarantee.");
  m.def("method_help", &method_help_text, "The method list of `negsim solve --help`.");
}

}  // namespace negsim::python
