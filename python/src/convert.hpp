// Conversions between negsim's C++ types and Python's: profiles as numpy
// arrays, exact rationals as fractions.Fraction, games shared between Python
// objects (a result keeps its game alive).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
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

// A dict from (key, value) pairs, in order: the one way the bindings build
// result dicts (dict_of({{"value", py::cast(v)}, {"exact", py::cast(e)}})).
py::dict dict_of(std::initializer_list<std::pair<const char*, py::object>> items);

// The options of a repeated-game run that simulate() and run_tournament()
// share, as Python passes them; apply() copies them into either's options.
struct PlayArgs {
  std::size_t rounds = 0;
  double continuation = 0, discount = 1, tremble = 0;
  std::uint64_t seed = 0;
  template <class Options>
  void apply(Options& options) const {
    options.rounds = rounds;
    options.continuation = continuation;
    options.discount = discount;
    options.tremble = tremble;
    options.seed = seed;
  }
};

}  // namespace negsim::python
