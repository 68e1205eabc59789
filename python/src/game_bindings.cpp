// negsim.Game: a normal-form game (models/game/normal_form.hpp) for Python:
// made from numpy arrays or a .nfg, read back as zero-copy numpy views.
#include <algorithm>
#include <cstring>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "models/errors.hpp"
#include "models/io/nfg.hpp"

namespace negsim::python {

namespace {


// Player p's payoff array, indexed [a_0, ..., a_{n-1}], to the game's table
// (Gambit order = Fortran order of that array).
std::shared_ptr<NormalFormGame> game_from_arrays(const std::vector<py::object>& arrays, const py::object& players,
                                                 const py::object& labels, const std::string& title) {
  static py::handle np = py::object(py::module_::import("numpy")).release();  // never released: no decref after Python has finalized
  if (arrays.empty()) throw UsageError("a game needs one payoff array per player");
  const std::size_t n = arrays.size();
  std::vector<py::array> as_arrays;
  bool exact = false;
  for (const py::object& a : arrays) {
    py::array arr = py::isinstance<py::array>(a) ? py::reinterpret_borrow<py::array>(a) : py::array(np.attr("asarray")(a));
    if (arr.dtype().kind() == 'O') exact = true;
    as_arrays.push_back(arr);
  }
  std::vector<std::size_t> shape;
  for (py::ssize_t d = 0; d < as_arrays[0].ndim(); ++d) shape.push_back(static_cast<std::size_t>(as_arrays[0].shape(d)));
  if (shape.size() != n)
    throw UsageError("with " + std::to_string(n) + " payoff arrays (one per player) each array needs " +
                     std::to_string(n) + " dimensions (one per player's action); the first has " +
                     std::to_string(shape.size()));
  for (std::size_t p = 0; p < n; ++p) {
    std::vector<std::size_t> s;
    for (py::ssize_t d = 0; d < as_arrays[p].ndim(); ++d) s.push_back(static_cast<std::size_t>(as_arrays[p].shape(d)));
    if (s != shape) throw UsageError("payoff array " + std::to_string(p + 1) + " has another shape than the first");
    if (std::find(shape.begin(), shape.end(), 0) != shape.end())
      throw UsageError("every player needs at least one action");
  }
  auto game = std::make_shared<NormalFormGame>(shape);
  const std::size_t profiles = game->num_profiles();
  if (exact) {
    std::vector<mpq_class> values(n * profiles);
    for (std::size_t p = 0; p < n; ++p) {
      py::list flat = as_arrays[p].attr("flatten")(py::arg("order") = "F").attr("tolist")();
      for (std::size_t i = 0; i < profiles; ++i) values[p * profiles + i] = to_mpq(flat[i]);
    }
    game->set_exact_payoffs(std::move(values));
  } else {
    for (std::size_t p = 0; p < n; ++p) {
      auto f = py::array_t<double, py::array::f_style | py::array::forcecast>::ensure(as_arrays[p]);
      if (!f) throw UsageError("payoff array " + std::to_string(p + 1) + " is not numeric");
      std::memcpy(game->payoff_table(p).data(), f.data(), profiles * sizeof(double));
    }
  }
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t i = 0; i < profiles; ++i)
      if (!std::isfinite(game->payoff(p, i)))
        throw InputError("", 0, 0, "payoff of player " + std::to_string(p + 1) + " is not a finite number",
                         "every payoff must be finite");
  if (!players.is_none()) {
    auto names = players.cast<std::vector<std::string>>();
    if (names.size() != n) throw UsageError("players: one name per player");
    game->player_names = names;
  }
  if (!labels.is_none()) {
    auto l = labels.cast<std::vector<std::vector<std::string>>>();
    if (l.size() != n) throw UsageError("labels: one list per player");
    for (std::size_t p = 0; p < n; ++p)
      if (l[p].size() != shape[p])
        throw UsageError("labels: player " + std::to_string(p + 1) + " has " + std::to_string(shape[p]) + " actions");
    game->action_labels = l;
  }
  game->title = title;
  return game;
}

// A read-only view of `count` doubles of the game, kept alive by `owner`.
py::array readonly_view(const double* data, std::vector<py::ssize_t> shape, std::vector<py::ssize_t> strides,
                        py::handle owner) {
  py::array view(py::dtype::of<double>(), std::move(shape), std::move(strides), data, owner);
  py::detail::array_proxy(view.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return view;
}

std::vector<py::ssize_t> fortran_strides(const NormalFormGame& g) {
  std::vector<py::ssize_t> strides;
  for (std::size_t p = 0; p < g.num_players(); ++p) strides.push_back(static_cast<py::ssize_t>(g.stride(p) * sizeof(double)));
  return strides;
}

std::vector<py::ssize_t> action_shape(const NormalFormGame& g) {
  std::vector<py::ssize_t> shape;
  for (std::size_t n : g.action_counts()) shape.push_back(static_cast<py::ssize_t>(n));
  return shape;
}

}  // namespace

void bind_game(py::module_& m) {
  py::class_<NormalFormGame, std::shared_ptr<NormalFormGame>> game(m, "Game", R"doc(
A normal-form game: N players, dense payoffs, action labels.

Make one with negsim.Game.from_arrays(A, B, ...) (one array per player, each
indexed [a_1, ..., a_N]), negsim.Game.from_nfg(text) / read_nfg(path), or a
scenario's stage_game(). Payoffs read back as zero-copy, read-only numpy views
(payoff_arrays(), payoffs). Profiles are indexed in Gambit's order (player 1's
action changes fastest). Exact payoffs: arrays of fractions.Fraction.)doc");
  game.def_static("from_arrays",
                  [](py::args arrays, py::object players, py::object labels, std::string title) {
                    std::vector<py::object> list;
                    for (py::handle a : arrays) list.push_back(py::reinterpret_borrow<py::object>(a));
                    return game_from_arrays(list, players, labels, title);
                  },
                  py::arg("players") = py::none(), py::arg("labels") = py::none(), py::arg("title") = "",
                  R"doc(from_arrays(*payoffs, players=None, labels=None, title="") -> Game

One array per player; array p gives player p's payoff at every profile,
indexed [a_1, ..., a_N] (N = number of arrays). For two players these are
Nashpy's and QuantEcon's A and B (row player's and column player's payoffs).
Arrays of fractions.Fraction (dtype object) give exact payoffs.)doc")
      .def_static("from_nfg",
                  [](const std::string& text, const std::string& name) {
                    NfgReadOptions options;
                    options.file_name = name;
                    return std::make_shared<NormalFormGame>(read_nfg(text, options));
                  },
                  py::arg("text"), py::arg("name") = "<string>",
                  "from_nfg(text, name='<string>') -> Game\n\nA game from the text of a Gambit .nfg file "
                  "(exact payoffs kept for games up to 10^6 entries).")
      .def_static("read_nfg",
                  [](const std::string& path, bool exact) {
                    NfgReadOptions options;
                    options.exact = exact ? ExactMode::Always : ExactMode::Auto;
                    return std::make_shared<NormalFormGame>(read_nfg_file(path, options));
                  },
                  py::arg("path"), py::arg("exact") = false,
                  "read_nfg(path, exact=False) -> Game\n\nReads a Gambit .nfg file (as `negsim solve FILE`).")
      .def("to_nfg", [](const NormalFormGame& g, bool outcomes) {
             return write_nfg(g, outcomes ? NfgBodyStyle::OutcomeList : NfgBodyStyle::PayoffList);
           }, py::arg("outcomes") = false, "to_nfg(outcomes=False) -> str\n\nGambit .nfg text (exact payoffs when the game has them).")
      .def("write_nfg", [](const NormalFormGame& g, const std::string& path) { write_nfg_file(path, g); },
           py::arg("path"), "write_nfg(path)\n\nWrites the .nfg file atomically.")
      .def_property_readonly("num_players", &NormalFormGame::num_players)
      .def_property_readonly("shape", [](const NormalFormGame& g) {
        py::tuple t(g.num_players());
        for (std::size_t p = 0; p < g.num_players(); ++p) t[p] = g.num_actions(p);
        return t;
      }, "Actions per player.")
      .def_property_readonly("num_profiles", &NormalFormGame::num_profiles)
      .def_readwrite("title", &NormalFormGame::title)
      .def_readwrite("comment", &NormalFormGame::comment)
      .def_readwrite("players", &NormalFormGame::player_names, "Player names.")
      .def_readwrite("labels", &NormalFormGame::action_labels, "Action labels per player.")
      .def_property_readonly("has_exact", &NormalFormGame::has_exact, "True if the game keeps exact (rational) payoffs.")
      .def("payoff_array", [](py::object self, std::size_t player) {
             const auto& g = self.cast<const NormalFormGame&>();
             if (player >= g.num_players()) throw UsageError("no player " + std::to_string(player) + " (0-based)");
             return readonly_view(g.payoff_table(player).data(), action_shape(g), fortran_strides(g), self);
           }, py::arg("player"),
           "payoff_array(player) -> numpy.ndarray\n\nPlayer's payoffs indexed [a_1, ..., a_N]: a zero-copy, read-only view.")
      .def("payoff_arrays", [](py::object self) {
             const auto& g = self.cast<const NormalFormGame&>();
             py::tuple out(g.num_players());
             for (std::size_t p = 0; p < g.num_players(); ++p)
               out[p] = readonly_view(g.payoff_table(p).data(), action_shape(g), fortran_strides(g), self);
             return out;
           }, "payoff_arrays() -> tuple of numpy.ndarray\n\n(A, B, ...) as given to from_arrays: zero-copy, read-only views.")
      .def_property_readonly("payoffs", [](py::object self) {
             const auto& g = self.cast<const NormalFormGame&>();
             auto shape = action_shape(g);
             shape.insert(shape.begin(), static_cast<py::ssize_t>(g.num_players()));
             auto strides = fortran_strides(g);
             strides.insert(strides.begin(), static_cast<py::ssize_t>(g.num_profiles() * sizeof(double)));
             return readonly_view(g.payoffs().data(), shape, strides, self);
           }, "All payoffs, shape (N, n_1, ..., n_N): a zero-copy, read-only view.")
      .def("exact_payoff_arrays", [](const NormalFormGame& g) {
             static py::handle np = py::object(py::module_::import("numpy")).release();  // never released: no decref after Python has finalized
             py::tuple out(g.num_players());
             for (std::size_t p = 0; p < g.num_players(); ++p) {
               py::list flat;
               for (std::size_t i = 0; i < g.num_profiles(); ++i) flat.append(to_fraction(g.exact_or_double_payoff(p, i)));
               py::object a = np.attr("array")(flat, py::arg("dtype") = "object");
               out[p] = a.attr("reshape")(py::tuple(py::cast(action_shape(g))), py::arg("order") = "F");
             }
             return out;
           }, "exact_payoff_arrays() -> tuple of object arrays of fractions.Fraction (the exact values of the doubles when the game has no exact payoffs).")
      .def("expected_payoffs", [](const NormalFormGame& g, py::object profile) {
             return vector_to_array(g.expected_payoffs(profile_from_python(g, profile)));
           }, py::arg("profile"), "expected_payoffs(profile) -> numpy.ndarray\n\nEach player's expected payoff; profile: one probability vector per player, or a flat Gambit-order vector.")
      .def("regrets", [](const NormalFormGame& g, py::object profile) {
             const MixedProfile mixed = profile_from_python(g, profile);
             if (!g.is_valid_mixed(mixed)) throw UsageError("each player's probabilities must be >= 0 and sum to 1");
             return vector_to_array(g.regrets(mixed));
           }, py::arg("profile"), "regrets(profile) -> numpy.ndarray\n\nEach player's best-deviation gain (>= 0).")
      .def("__repr__", [](const NormalFormGame& g) {
        std::string s = "<negsim.Game ";
        for (std::size_t p = 0; p < g.num_players(); ++p) s += (p ? "x" : "") + std::to_string(g.num_actions(p));
        if (!g.title.empty()) s += " '" + g.title + "'";
        return s + (g.has_exact() ? " exact>" : ">");
      });
}

}  // namespace negsim::python
