#include "convert.hpp"

#include <stdexcept>

#include "models/errors.hpp"

namespace negsim::python {

py::object to_fraction(const mpq_class& value) {
  static py::handle fraction = py::object(py::module_::import("fractions").attr("Fraction")).release();  // never released: no decref after Python has finalized
  const std::string num = value.get_num().get_str(), den = value.get_den().get_str();
  py::object n = py::reinterpret_steal<py::object>(PyLong_FromString(num.c_str(), nullptr, 10));
  py::object d = py::reinterpret_steal<py::object>(PyLong_FromString(den.c_str(), nullptr, 10));
  return fraction(n, d);
}

mpq_class to_mpq(const py::handle& value) {
  if (py::isinstance<py::bool_>(value)) return mpq_class(value.cast<bool>() ? 1 : 0);
  if (py::isinstance<py::int_>(value)) return mpq_class(py::str(value).cast<std::string>());
  if (py::hasattr(value, "numerator") && py::hasattr(value, "denominator") && !py::isinstance<py::float_>(value)) {
    mpq_class q(py::str(value.attr("numerator")).cast<std::string>() + "/" +
                py::str(value.attr("denominator")).cast<std::string>());
    q.canonicalize();
    return q;
  }
  if (py::isinstance<py::str>(value)) {
    mpq_class q;
    if (q.set_str(value.cast<std::string>(), 10) != 0)
      throw UsageError("'" + value.cast<std::string>() + "' is not a rational number p/q");
    q.canonicalize();
    return q;
  }
  // A float is exactly a dyadic rational: keep that exact value.
  return mpq_class(value.cast<double>());
}

py::tuple profile_to_python(const MixedProfile& profile) {
  py::tuple out(profile.size());
  for (std::size_t p = 0; p < profile.size(); ++p) out[p] = vector_to_array(profile[p]);
  return out;
}

py::tuple exact_profile_to_python(const ExactMixedProfile& profile) {
  py::tuple out(profile.size());
  for (std::size_t p = 0; p < profile.size(); ++p) {
    py::list row;
    for (const mpq_class& x : profile[p]) row.append(to_fraction(x));
    out[p] = py::tuple(row);
  }
  return out;
}

py::array_t<double> vector_to_array(const std::vector<double>& values) {
  py::array_t<double> out(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

MixedProfile profile_from_python(const NormalFormGame& game, const py::handle& profile) {
  const std::size_t n = game.num_players();
  MixedProfile out(n);
  auto as_vector = [](const py::handle& h) {
    py::array_t<double, py::array::c_style | py::array::forcecast> a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(h);
    if (!a) throw UsageError("a profile row must be a sequence of numbers");
    if (a.ndim() != 1) throw UsageError("a profile row must be one-dimensional");
    return std::vector<double>(a.data(), a.data() + a.size());
  };
  if (py::isinstance<py::tuple>(profile) || py::isinstance<py::list>(profile)) {
    py::sequence seq = py::reinterpret_borrow<py::sequence>(profile);
    bool nested = seq.size() > 0 && (py::isinstance<py::sequence>(seq[0]) || py::isinstance<py::array>(seq[0])) &&
                  !py::isinstance<py::str>(seq[0]);
    if (nested) {
      if (seq.size() != n)
        throw UsageError("the profile has " + std::to_string(seq.size()) + " rows; the game has " +
                         std::to_string(n) + " players");
      for (std::size_t p = 0; p < n; ++p) out[p] = as_vector(seq[p]);
      for (std::size_t p = 0; p < n; ++p)
        if (out[p].size() != game.num_actions(p))
          throw UsageError("player " + std::to_string(p + 1) + "'s row has " + std::to_string(out[p].size()) +
                           " probabilities; the player has " + std::to_string(game.num_actions(p)) + " actions");
      return out;
    }
  }
  const std::vector<double> flat = as_vector(profile);
  if (flat.size() != game.num_strategies())
    throw UsageError("a flat profile needs " + std::to_string(game.num_strategies()) +
                     " probabilities (player-then-strategy order); got " + std::to_string(flat.size()));
  std::size_t at = 0;
  for (std::size_t p = 0; p < n; ++p) {
    out[p].assign(flat.begin() + at, flat.begin() + at + game.num_actions(p));
    at += game.num_actions(p);
  }
  return out;
}

py::object json_to_python(const std::string& text) {
  static py::handle loads = py::object(py::module_::import("json").attr("loads")).release();  // never released: no decref after Python has finalized
  return loads(text);
}

py::dict dict_of(std::initializer_list<std::pair<const char*, py::object>> items) {
  py::dict d;
  for (const auto& item : items) d[item.first] = item.second;
  return d;
}

}  // namespace negsim::python
