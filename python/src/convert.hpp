// Conversions between negsim's C++ types and Python's: profiles as numpy
// arrays, exact rationals as fractions.Fraction, games shared between Python
// objects (a result keeps its game alive).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gmpxx.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "models/game/normal_form.hpp"

namespace negsim::python {

namespace py = pybind11;

using GamePtr = std::shared_ptr<const NormalFormGame>;

// fractions.Fraction(value); and back (an int, a Fraction, or a string "p/q").
py::object to_fraction(const mpq_class& value);
mpq_class to_mpq(const py::handle& value);

// A mixed profile as a tuple of 1-d float arrays (one per player).
py::tuple profile_to_python(const MixedProfile& profile);
py::tuple exact_profile_to_python(const ExactMixedProfile& profile);
py::array_t<double> vector_to_array(const std::vector<double>& values);
// A tuple/list of per-player probability vectors, or one flat vector in
// player-then-strategy order (a Gambit NE line), for `game`.
MixedProfile profile_from_python(const NormalFormGame& game, const py::handle& profile);

// json.loads of a JSON text: Python dicts and lists.
py::object json_to_python(const std::string& text);

}  // namespace negsim::python
