// negsim.Scenario: a scenario file (models/scenario/) and its one analysis
// (sim/analysis/scenario_analysis.hpp), as `negsim run` does it.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "interrupt.hpp"
#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "models/io/nfg.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/report/repeated_report.hpp"
#include "sim/report/scenario_report.hpp"
#include "sim/report/sequential_report.hpp"
#include "sim/report/solve_report.hpp"
#include "scenario_handle.hpp"

namespace negsim {
std::string_view embedded_default_scenario();  // generated from scenarios/tiktok_2025.yaml
}

namespace negsim::python {

namespace {

py::dict pos_dict(const SourcePos& pos) {
  return dict_of({{"file", py::cast(pos.file)}, {"line", py::cast(pos.line)}, {"column", py::cast(pos.column)}});
}

AnalysisOptions analysis_options(std::uint64_t max_profiles, const std::string& select, const Deadline& deadline) {
  AnalysisOptions options;
  options.build.max_profiles = max_profiles;
  options.build.deadline = deadline;
  options.select = parse_stage_selection(select);
  return options;
}

struct PyAnalysis {
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const ScenarioGame> built;
  std::shared_ptr<const ScenarioAnalysis> analysis;
  std::vector<std::string> sets;
};

}  // namespace

PyScenarioHandle load_scenario_handle(const std::string& path) {
  PyScenarioHandle h;
  h.scenario = std::make_shared<Scenario>(load_scenario_file(path));
  return h;
}

void bind_scenario(py::module_& m) {
  py::class_<PyScenarioHandle>(m, "_Scenario")
      .def_static("from_file", &load_scenario_handle, py::arg("path"))
      .def_static("from_yaml", [](const std::string& text, const std::string& name) {
        PyScenarioHandle h;
        h.scenario = std::make_shared<Scenario>(load_scenario_text(text, name));
        return h;
      }, py::arg("text"), py::arg("name") = "<string>")
      .def_static("default", [] {
        PyScenarioHandle h;
        h.scenario = std::make_shared<Scenario>(load_scenario_text(embedded_default_scenario(), "scenarios/tiktok_2025.yaml"));
        return h;
      })
      .def("copy", [](const PyScenarioHandle& h) {
        PyScenarioHandle c;
        c.scenario = std::make_shared<Scenario>(*h.scenario);
        c.sets = h.sets;
        return c;
      })
      .def("set", [](PyScenarioHandle& h, const std::vector<std::string>& sets) {
        std::vector<std::pair<std::string, double>> parsed;
        for (const std::string& s : sets) parsed.push_back(parse_set_argument(s));
        apply_overrides(*h.scenario, parsed);
        h.sets.insert(h.sets.end(), sets.begin(), sets.end());
      })
      .def_property_readonly("sets", [](const PyScenarioHandle& h) { return h.sets; })
      .def_property_readonly("id", [](const PyScenarioHandle& h) { return h.scenario->id; })
      .def_property_readonly("title", [](const PyScenarioHandle& h) { return h.scenario->title; })
      .def_property_readonly("description", [](const PyScenarioHandle& h) { return h.scenario->description; })
      .def_property_readonly("units", [](const PyScenarioHandle& h) { return h.scenario->units; })
      .def_property_readonly("file", [](const PyScenarioHandle& h) { return h.scenario->file; })
      .def_property_readonly("has_timeline", [](const PyScenarioHandle& h) { return h.scenario->timeline.present; })
      .def_property_readonly("has_bargaining", [](const PyScenarioHandle& h) { return h.scenario->bargaining.present; })
      .def_property_readonly("has_repeated", [](const PyScenarioHandle& h) { return h.scenario->repeated.present; })
      .def_property_readonly("sources", [](const PyScenarioHandle& h) {
        py::list out;
        for (const ScenarioSource& s : h.scenario->sources)
          out.append(dict_of({{"id", py::cast(s.id)}, {"text", py::cast(s.text)}, {"url", py::cast(s.url)},
                              {"pos", pos_dict(s.pos)}}));
        return out;
      })
      .def_property_readonly("parameters", [](const PyScenarioHandle& h) {
        py::dict out;
        for (const ScenarioParameter& p : h.scenario->parameters)
          out[py::str(p.id)] = dict_of({{"value", py::cast(p.value)}, {"unit", py::cast(p.unit)},
                                        {"source", py::cast(p.source)}, {"doc", py::cast(p.doc)},
                                        {"pos", pos_dict(p.pos)}});
        return out;
      })
      .def_property_readonly("players", [](const PyScenarioHandle& h) {
        py::list out;
        for (const ScenarioPlayer& p : h.scenario->players) {
          py::list levers;
          for (const Lever& l : p.levers)
            levers.append(dict_of({{"id", py::cast(l.id)}, {"numeric", py::cast(l.numeric)},
                                   {"values", py::cast(l.labels)}, {"numbers", py::cast(l.numbers)},
                                   {"unit", py::cast(l.unit)}, {"doc", py::cast(l.doc)}}));
          out.append(dict_of({{"id", py::cast(p.id)}, {"name", py::cast(p.name)}, {"doc", py::cast(p.doc)},
                              {"levers", levers}, {"pos", pos_dict(p.pos)}}));
        }
        return out;
      })
      .def("stage_game", [](const PyScenarioHandle& h, std::uint64_t max_profiles, double time_limit) {
        ScenarioGame built = run_interruptibly(time_limit, [&](const Deadline& d) {
          return build_stage_game(*h.scenario, analysis_options(max_profiles, "first", d));
        });
        return std::make_shared<NormalFormGame>(std::move(built.game));
      }, py::arg("max_profiles") = BuildOptions{}.max_profiles, py::arg("time_limit") = 0.0)
      .def("repeated_spec", [](const PyScenarioHandle& h, std::uint64_t max_profiles) {
        AnalysisOptions options = analysis_options(max_profiles, "first", Deadline{});
        const ScenarioGame built = build_stage_game(*h.scenario, options);
        const RepeatedScenarioSpec spec = build_repeated_spec(*h.scenario, built);
        py::dict d;
        d["stage"] = std::make_shared<NormalFormGame>(spec.spec.stage);
        d["target"] = py::tuple(py::cast(spec.spec.target));
        d["discount"] = spec.spec.discount;
        d["discount_parameter"] = spec.spec.discount_parameter;
        d["rounds"] = spec.spec.rounds;
        d["continuation"] = spec.spec.continuation;
        d["strategies"] = spec.strategies;
        d["completed"] = spec.completed;
        return d;
      }, py::arg("max_profiles") = BuildOptions{}.max_profiles)
      .def("timeline", [](const PyScenarioHandle& h) {
        py::list stages;
        for (const auto& stage : read_timeline_stages(*h.scenario)) {
          py::list s;
          for (std::size_t p : stage) s.append(h.scenario->players[p].id);
          stages.append(s);
        }
        return stages;
      })
      .def("bargaining_problem", [](const PyScenarioHandle& h, std::uint64_t max_deals) {
        BargainingBuildOptions options;
        options.max_deals = max_deals;
        const ScenarioBargaining b = build_bargaining(*h.scenario, options);
        const BargainingProtocol& pr = b.problem.protocol;
        py::dict d;
        d["players"] = b.player_ids;
        d["issues"] = b.issue_ids;
        d["issue_values"] = b.issue_labels;
        d["discount"] = pr.discount;
        d["proposer_order"] = pr.proposer_order;
        d["deadline"] = pr.deadline ? py::cast(*pr.deadline) : py::none();
        d["disagreement"] = pr.disagreement;
        d["disagreement_from_stage_equilibrium"] = b.disagreement_from_stage_equilibrium;
        d["deal_labels"] = b.problem.deals.labels;
        py::array_t<double> u({static_cast<py::ssize_t>(b.problem.deals.num_deals()),
                               static_cast<py::ssize_t>(b.problem.deals.num_players)});
        std::copy(b.problem.deals.utilities.begin(), b.problem.deals.utilities.end(), u.mutable_data());
        d["utilities"] = u;
        d["nash_weights"] = b.nash_weights;
        return d;
      }, py::arg("max_deals") = BargainingBuildOptions{}.max_deals)
      .def("analyze", [](const PyScenarioHandle& h, const std::string& select, std::uint64_t max_profiles,
                         double time_limit, std::vector<std::string> parts) {
        PyAnalysis out;
        out.scenario = h.scenario;
        out.sets = h.sets;
        AnalysisOptions options = analysis_options(max_profiles, select, Deadline{});
        if (!parts.empty()) {
          AnalysisParts p = AnalysisParts::none();
          for (const std::string& name : parts) {
            if (name == "pure") p.pure = true;
            else if (name == "dominance") p.dominance = true;
            else if (name == "mixed") p.mixed = true;
            else if (name == "correlated") p.correlated = true;
            else if (name == "sequential") p.sequential = true;
            else if (name == "bargaining") p.bargaining = true;
            else if (name == "repeated") p.repeated = true;
            else throw UsageError("unknown analysis part '" + name + "' (expected pure, dominance, mixed, correlated, sequential, bargaining, repeated)");
          }
          options.parts = p;
        }
        auto result = run_interruptibly(time_limit, [&](const Deadline& d) {
          AnalysisOptions o = options;
          o.build.deadline = d;
          o.mixed.deadline = d;
          auto built = std::make_shared<ScenarioGame>(build_stage_game(*h.scenario, o));
          auto analysis = std::make_shared<ScenarioAnalysis>(analyze_scenario(*h.scenario, *built, o));
          return std::make_pair(built, analysis);
        });
        out.built = result.first;
        out.analysis = result.second;
        return out;
      }, py::arg("select") = "first", py::arg("max_profiles") = BuildOptions{}.max_profiles,
         py::arg("time_limit") = 0.0, py::arg("parts") = std::vector<std::string>{});

  py::class_<PyAnalysis>(m, "Analysis", "The analysis of a scenario, as `negsim run` computes and reports it.")
      .def("to_json", [](const PyAnalysis& a) {
        return scenario_json_report(*a.scenario, *a.built, *a.analysis, a.sets).dump(2) + "\n";
      }, "The text of `negsim run --format json` (same --set list).")
      .def("text", [](const PyAnalysis& a) { return scenario_text_report(*a.scenario, *a.built, *a.analysis, a.sets); },
           "The text report of `negsim run`.")
      .def_property_readonly("stage_game", [](const PyAnalysis& a) { return std::make_shared<NormalFormGame>(a.built->game); })
      .def_property_readonly("pure", [](const PyAnalysis& a) {
        return wrap_result(std::make_shared<NormalFormGame>(a.built->game), a.analysis->pure);
      }, "Every pure Nash equilibrium of the stage game (SolveResult).")
      .def_property_readonly("mixed", [](const PyAnalysis& a) -> py::object {
        if (!a.analysis->mixed) return py::none();
        return wrap_result(std::make_shared<NormalFormGame>(a.built->game), *a.analysis->mixed);
      }, "The mixed (not pure) equilibria of the search (SolveResult), or None.")
      .def_property_readonly("mixed_complete", [](const PyAnalysis& a) { return a.analysis->mixed_complete; })
      .def_property_readonly("dominance", [](const PyAnalysis& a) -> py::object {
        if (!a.analysis->dominance) return py::none();
        return json_to_python(dominance_json(a.built->game, *a.analysis->dominance).dump());
      })
      .def_property_readonly("correlated", [](const PyAnalysis& a) -> py::object {
        if (!a.analysis->correlated) return py::none();
        return json_to_python(correlated_json(a.built->game, *a.analysis->correlated).dump());
      })
      .def_property_readonly("sequential", [](const PyAnalysis& a) -> py::object {
        if (!a.analysis->sequential) return py::none();
        return json_to_python(sequential_json(*a.scenario, *a.built, *a.analysis->sequential).dump());
      }, "Subgame-perfect equilibria of the timeline (dict, as in the JSON report), or None.")
      .def_property_readonly("bargaining", [](const PyAnalysis& a) -> py::object {
        if (!a.analysis->bargaining) return py::none();
        return json_to_python(bargaining_json(*a.analysis->bargaining).dump());
      }, "Alternating offers and the axiomatic solutions (dict), or None.")
      .def_property_readonly("repeated", [](const PyAnalysis& a) -> py::object {
        if (!a.analysis->repeated) return py::none();
        return json_to_python(repeated_json(*a.built, *a.analysis->repeated).dump());
      });
}

}  // namespace negsim::python
