// The compiled part of the Python package negsim (python/negsim/): a thin
// layer over the method registry, the scenario analysis, the learning
// catalog, repeated games, bargaining and sweeps. The pure-Python package
// adds keyword defaults, docstrings and pandas.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "errors.hpp"
#include "negsim_version.hpp"

PYBIND11_MODULE(_negsim, m) {
  m.doc() = "negsim's compiled core (use the package negsim, not this module directly)";
  negsim::python::register_error_translators();
  negsim::python::bind_game(m);
  negsim::python::bind_solve(m);
  negsim::python::bind_extensive(m);
  negsim::python::bind_scenario(m);
  negsim::python::bind_dynamics(m);
  negsim::python::bind_sweep(m);
  m.attr("__version__") = NEGSIM_VERSION_STRING;
}
