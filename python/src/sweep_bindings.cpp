// negsim.sweep: the sweep engine (sim/sweep/) on a scenario held by Python,
// writing the same CSV rows as `negsim sweep` (deterministic: the rows do
// not depend on the number of threads), which negsim/sweeps.py reads into a
// DataFrame.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "interrupt.hpp"
#include "models/errors.hpp"
#include "scenario_handle.hpp"
#include "sim/solve/backward_induction.hpp"
#include "sim/sweep/sweep_analysis.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace negsim::python {

void bind_sweep(py::module_& m) {
  m.def("_sweep", [](const PyScenarioHandle& h, std::vector<std::pair<std::string, std::string>> axes,
                     std::size_t samples, std::uint64_t seed, std::vector<std::string> analyses,
                     std::uint64_t max_profiles, unsigned jobs, const std::string& select, const std::string& out,
                     double time_limit) {
    std::vector<SweepAxisArgument> arguments;
    for (const auto& [option, value] : axes) arguments.push_back({option, value});
    if (arguments.empty()) throw UsageError("sweep: no axis given (grid, list, random or lhs)");
    SweepOptions options;
    if (!analyses.empty()) options.analyses = analyses;
    options.build.max_profiles = max_profiles;
    options.jobs = jobs;
    options.select = parse_stage_selection(select);
    options.out = out;
    options.format = SweepFormat::Csv;
    options.progress = false;
    const SweepSpec spec(*h.scenario, arguments, samples, seed);
    SweepSummary summary = run_interruptibly(time_limit, [&](const Deadline& d) {
      SweepOptions o = options;
      o.deadline = d;
      return run_sweep(*h.scenario, spec, o);
    });
    py::dict d;
    d["points"] = summary.points_total;
    d["rows"] = summary.rows;
    d["error_points"] = summary.error_points;
    d["seconds"] = summary.seconds;
    return d;
  });
  m.def("sweep_analyses", [] { return sweep_analysis_names(); },
        "sweep_analyses() -> list of (name, description): the analyses a sweep can run.");
}

}  // namespace negsim::python
