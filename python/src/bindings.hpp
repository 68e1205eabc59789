// The parts of the compiled module _negsim, one function per file.
#pragma once

#include <memory>

#include <pybind11/pybind11.h>

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim::python {

namespace py = pybind11;

void bind_game(py::module_& m);
void bind_solve(py::module_& m);
void bind_scenario(py::module_& m);
void bind_dynamics(py::module_& m);
void bind_sweep(py::module_& m);
void bind_extensive(py::module_& m);

// A solve result with the game it belongs to (for regrets, JSON, labels).
struct PySolveResult {
  std::shared_ptr<const NormalFormGame> game;
  SolveResult result;
  py::object extra;  // method-specific: logit trace (array), dominance (dict); else None
};
struct PyEquilibrium {
  std::shared_ptr<const NormalFormGame> game;
  Equilibrium eq;
};

py::object wrap_result(std::shared_ptr<const NormalFormGame> game, SolveResult result);

}  // namespace negsim::python
