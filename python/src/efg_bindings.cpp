// negsim.ExtensiveGame: a Gambit .efg game (models/game/extensive_form.hpp)
// for Python: read, write, inspect (players, information sets, sequences),
// solve with the extensive-form methods of the registry (as `negsim solve
// GAME.efg` does), and each player's exploitability of any behaviour profile
// (sim/solve/behavior_verify.hpp, the verifier every method passes through).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "interrupt.hpp"
#include "models/errors.hpp"
#include "models/io/efg.hpp"
#include "sim/report/behavior_report.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/method_registry.hpp"

namespace negsim::python {

namespace {

using EfgPtr = std::shared_ptr<const ExtensiveFormGame>;

struct PyExtensiveResult {
  EfgPtr game;
  ExtensiveSolveResult result;
};
struct PyBehaviorEquilibrium {
  EfgPtr game;
  BehaviorEquilibrium eq;
};

// One information set, as Python sees it.
py::dict infoset_dict(const ExtensiveFormGame& g, std::size_t i) {
  const EfgInfoset& s = g.infoset(i);
  py::dict d;
  d["index"] = i;
  d["player"] = s.is_chance() ? py::object(py::none()) : py::object(py::int_(s.player));
  d["position"] = g.infoset_position(i);
  d["label"] = g.infoset_label(i);
  d["actions"] = s.actions.list();
  d["nodes"] = s.nodes;
  if (s.is_chance()) {
    py::list probs;
    for (const mpq_class& q : s.chance_probs) probs.append(to_fraction(q));
    d["probabilities"] = py::tuple(probs);
  } else {
    d["first_sequence"] = g.first_sequence(i);
    d["parent_sequence"] = g.has_perfect_recall() ? py::object(py::int_(g.parent_sequence(i))) : py::object(py::none());
  }
  return d;
}

// A behaviour profile from Python: per player a list of per-information-set
// probability rows (canonical order), or one flat vector in Gambit's order.
// Entries may be floats or Fractions; `exact` says whether every entry was
// an exact number (int or Fraction), in which case `exact_out` holds them.
BehaviorProfile behavior_from_python(const ExtensiveFormGame& g, const py::handle& profile, bool& exact,
                                     ExactBehaviorProfile* exact_out) {
  std::vector<py::object> flat;
  auto flatten_into = [&](const py::handle& h) {
    for (py::handle x : py::reinterpret_borrow<py::iterable>(h)) flat.push_back(py::reinterpret_borrow<py::object>(x));
  };
  const bool nested = (py::isinstance<py::list>(profile) || py::isinstance<py::tuple>(profile)) &&
                      py::len(profile) == g.num_players() && py::len(profile) > 0 &&
                      (py::isinstance<py::list>(profile[py::int_(0)]) || py::isinstance<py::tuple>(profile[py::int_(0)]));
  if (nested) {
    for (std::size_t p = 0; p < g.num_players(); ++p) {
      py::sequence rows = py::reinterpret_borrow<py::sequence>(py::reinterpret_borrow<py::sequence>(profile)[p]);
      if (rows.size() != g.player_infosets(p).size())
        throw UsageError("player " + std::to_string(p + 1) + " has " + std::to_string(g.player_infosets(p).size()) +
                         " information sets; the profile gives " + std::to_string(rows.size()) + " rows");
      for (std::size_t k = 0; k < rows.size(); ++k) {
        const std::size_t before = flat.size();
        flatten_into(rows[k]);
        const std::size_t want = g.infoset(g.player_infosets(p)[k]).num_actions();
        if (flat.size() - before != want)
          throw UsageError("player " + std::to_string(p + 1) + "'s information set " + std::to_string(k + 1) + " has " +
                           std::to_string(want) + " actions; its row has " + std::to_string(flat.size() - before));
      }
    }
  } else {
    flatten_into(profile);
  }
  std::size_t total = 0;
  for (std::size_t p = 0; p < g.num_players(); ++p) total += g.num_behavior_actions(p);
  if (flat.size() != total)
    throw UsageError("a flat behaviour profile needs " + std::to_string(total) +
                     " probabilities (Gambit's order: player, information set, action); got " + std::to_string(flat.size()));
  static py::handle fraction = py::object(py::module_::import("fractions").attr("Fraction")).release();  // never released
  exact = true;
  for (const py::object& x : flat)
    if (!(py::isinstance<py::int_>(x) || py::isinstance(x, fraction))) exact = false;
  BehaviorProfile out = g.uniform_behavior();  // chance rows hold the chance probabilities
  ExactBehaviorProfile exact_profile;
  if (exact) exact_profile = g.exact_uniform_behavior();
  std::size_t at = 0;
  for (std::size_t p = 0; p < g.num_players(); ++p)
    for (std::size_t i : g.player_infosets(p))
      for (std::size_t a = 0; a < g.infoset(i).num_actions(); ++a, ++at) {
        if (exact) {
          exact_profile[i][a] = to_mpq(flat[at]);
          out[i][a] = exact_profile[i][a].get_d();
        } else {
          out[i][a] = flat[at].cast<double>();
        }
      }
  if (exact) {
    for (std::size_t p = 0; p < g.num_players(); ++p)
      for (std::size_t i : g.player_infosets(p)) {
        mpq_class sum = 0;
        for (const mpq_class& x : exact_profile[i]) {
          if (x < 0) throw UsageError("behaviour probabilities must be >= 0");
          sum += x;
        }
        if (sum != 1) throw UsageError("the probabilities at " + g.describe_infoset(i) + " sum to " + sum.get_str() + ", not 1");
      }
    if (exact_out) *exact_out = std::move(exact_profile);
  } else if (!g.is_valid_behavior(out)) {
    throw UsageError("each information set's probabilities must be >= 0 and sum to 1");
  }
  return out;
}

// Per player, one numpy array per information set (canonical order).
py::tuple behavior_to_python(const ExtensiveFormGame& g, const BehaviorProfile& profile) {
  py::tuple out(g.num_players());
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    py::list rows;
    for (std::size_t i : g.player_infosets(p)) rows.append(vector_to_array(profile[i]));
    out[p] = rows;
  }
  return out;
}

py::tuple exact_behavior_to_python(const ExtensiveFormGame& g, const ExactBehaviorProfile& profile) {
  py::tuple out(g.num_players());
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    py::list rows;
    for (std::size_t i : g.player_infosets(p)) {
      py::list row;
      for (const mpq_class& x : profile[i]) row.append(to_fraction(x));
      rows.append(py::tuple(row));
    }
    out[p] = rows;
  }
  return out;
}

py::tuple fractions(const std::vector<mpq_class>& values) {
  py::tuple out(values.size());
  for (std::size_t k = 0; k < values.size(); ++k) out[k] = to_fraction(values[k]);
  return out;
}

PyExtensiveResult solve_extensive(EfgPtr game, const std::string& method_name, std::optional<bool> exact,
                                  std::optional<std::size_t> max_equilibria, double time_limit, double rel_tol) {
  const std::string name = method_name == "auto" ? default_extensive_method(*game) : method_name;
  const ExtensiveMethodInfo& method = find_extensive_method(name);
  SolveOptions options;
  options.method = name;
  std::vector<MethodOption> given;
  if (exact && *exact) { given.push_back(MethodOption::exact); options.exact = true; }
  if (max_equilibria) {
    given.push_back(MethodOption::max_equilibria);
    if (*max_equilibria < 1) throw UsageError("max_equilibria must be at least 1");
    options.max_equilibria = *max_equilibria;
  }
  for (MethodOption option : given)
    if (!method.reads(option))
      throw UsageError(std::string(option_field(option)) + " does not apply to method " + method.name +
                       " on an extensive-form game");
  if (const auto why = why_not_applicable(method, *game)) {
    if (method.needs_perfect_recall && !game->has_perfect_recall())
      game->require_perfect_recall("method " + method.name);  // InputError naming the set
    throw UsageError(*why);
  }
  if (!(rel_tol > 0 && rel_tol < 1)) throw UsageError("rel_tol must be in (0, 1)");
  options.rel_tol = rel_tol;
  ExtensiveSolveResult result = run_with_options(time_limit, options, [&](const SolveOptions& o) {
    ExtensiveSolveResult r = method.run(*game, o);
    require_verified(*game, r, o.rel_tol);  // nothing unverified reaches Python
    return r;
  });
  return PyExtensiveResult{std::move(game), std::move(result)};
}

}  // namespace

void bind_extensive(py::module_& m) {
  py::class_<ExtensiveFormGame, std::shared_ptr<ExtensiveFormGame>> game(m, "ExtensiveGame", R"doc(
A finite extensive-form game (a Gambit .efg tree): players, chance,
information sets, outcomes; its sequence form and reduced normal form.

Make one with negsim.read_efg(path) or negsim.from_efg(text). Information
sets are numbered globally (index) and per player in Gambit's order
(position: first appearance in the file). Behaviour profiles are, per
player, one probability row per information set in that order, or one flat
vector in Gambit's NE order.)doc");
  game.def_static("read_efg", [](const std::string& path) { return std::make_shared<ExtensiveFormGame>(read_efg_file(path)); },
                  py::arg("path"), "read_efg(path) -> ExtensiveGame\n\nReads a Gambit .efg file (errors: InputError with file:line:col).")
      .def_static("from_efg", [](const std::string& text, const std::string& name) {
             return std::make_shared<ExtensiveFormGame>(read_efg(text, name));
           }, py::arg("text"), py::arg("name") = "<string>", "from_efg(text, name='<string>') -> ExtensiveGame")
      .def("to_efg", [](const ExtensiveFormGame& g) { return write_efg(g); },
           "to_efg() -> str\n\nGambit .efg text (exact numbers); from_efg(g.to_efg()) is the same game.")
      .def("write_efg", [](const ExtensiveFormGame& g, const std::string& path) { write_efg_file(path, g); },
           py::arg("path"), "write_efg(path)\n\nWrites the .efg file atomically.")
      .def_property_readonly("title", [](const ExtensiveFormGame& g) { return g.title; })
      .def_property_readonly("comment", [](const ExtensiveFormGame& g) { return g.comment; })
      .def_property_readonly("players", &ExtensiveFormGame::player_names, "Player names.")
      .def_property_readonly("num_players", &ExtensiveFormGame::num_players)
      .def_property_readonly("num_nodes", &ExtensiveFormGame::num_nodes)
      .def_property_readonly("terminals", &ExtensiveFormGame::terminals, "Terminal nodes in preorder.")
      .def_property_readonly("has_perfect_recall", &ExtensiveFormGame::has_perfect_recall)
      .def_property_readonly("recall_problem", [](const ExtensiveFormGame& g) -> py::object {
        if (g.has_perfect_recall()) return py::none();
        return py::str(g.recall_problem()->message);
      }, "Why the game has imperfect recall (naming the information set), or None.")
      .def("infosets", [](const ExtensiveFormGame& g, py::object player) {
        py::list out;
        if (player.is_none()) {
          for (std::size_t i = 0; i < g.num_infosets(); ++i) out.append(infoset_dict(g, i));
        } else if (py::isinstance<py::str>(player) && player.cast<std::string>() == "chance") {
          for (std::size_t i : g.chance_infosets()) out.append(infoset_dict(g, i));
        } else {
          const auto p = player.cast<std::size_t>();
          if (p >= g.num_players()) throw UsageError("no player " + std::to_string(p) + " (0-based)");
          for (std::size_t i : g.player_infosets(p)) out.append(infoset_dict(g, i));
        }
        return out;
      }, py::arg("player") = py::none(),
         "infosets(player=None) -> list of dict\n\nInformation sets (index, player, position, label, actions, nodes; "
         "chance: probabilities as Fractions; players: first_sequence, parent_sequence) of one player (0-based), "
         "of 'chance', or all of them (player None).")
      .def("sequences", [](const ExtensiveFormGame& g, std::size_t p) {
        if (p >= g.num_players()) throw UsageError("no player " + std::to_string(p) + " (0-based)");
        g.require_perfect_recall("sequences");
        py::list out;
        out.append(py::none());  // sequence 0: the empty sequence
        for (std::size_t s = 1; s < g.num_sequences(p); ++s) {
          const std::size_t i = g.sequence_infoset(p, s);
          out.append(py::make_tuple(g.infoset_position(i), g.sequence_action(p, s), g.infoset(i).actions[g.sequence_action(p, s)]));
        }
        return out;
      }, py::arg("player"),
         "sequences(player) -> list\n\nPlayer's sequences of the sequence form: None for the empty sequence, then "
         "(information set position, action, action label) for the sequence ending in that move.")
      .def("reduced_normal_form", [](const ExtensiveFormGame& g) { return std::make_shared<NormalFormGame>(g.reduced_normal_form()); },
           "reduced_normal_form() -> Game\n\nThe reduced normal form (exact payoffs); LimitError when too big for memory.")
      .def("expected_payoffs", [](const ExtensiveFormGame& g, py::object profile) -> py::object {
        bool exact = false;
        ExactBehaviorProfile exact_profile;
        const BehaviorProfile b = behavior_from_python(g, profile, exact, &exact_profile);
        if (exact) return fractions(g.exact_expected_payoffs(exact_profile));
        return vector_to_array(g.expected_payoffs(b));
      }, py::arg("profile"), "expected_payoffs(profile) -> numpy array (Fractions for an exact profile)")
      .def("exploitability", [](const ExtensiveFormGame& g, py::object profile) -> py::object {
        g.require_perfect_recall("exploitability");
        bool exact = false;
        ExactBehaviorProfile exact_profile;
        const BehaviorProfile b = behavior_from_python(g, profile, exact, &exact_profile);
        if (exact) return fractions(verify_exact_behavior(g, exact_profile).gain);
        return vector_to_array(verify_behavior(g, b).gain);
      }, py::arg("profile"),
         "exploitability(profile) -> numpy array\n\nEach player's gain from its best response against the profile "
         "(0 for every player at a Nash equilibrium), computed by negsim's independent verifier. A profile of ints "
         "and Fractions is checked exactly and gives Fractions.")
      .def("__repr__", [](const ExtensiveFormGame& g) {
        std::string s = "<negsim.ExtensiveGame";
        if (!g.title.empty()) s += " '" + g.title + "'";
        s += ": " + std::to_string(g.num_players()) + " players, " + std::to_string(g.num_nodes()) + " nodes, information sets";
        for (std::size_t p = 0; p < g.num_players(); ++p) s += (p ? " + " : " ") + std::to_string(g.player_infosets(p).size());
        return s + ">";
      });

  py::class_<PyBehaviorEquilibrium>(m, "BehaviorEquilibrium",
                                    "A verified equilibrium of an extensive-form game in behaviour strategies.")
      .def_property_readonly("profile", [](const PyBehaviorEquilibrium& e) { return behavior_to_python(*e.game, e.eq.profile); },
                             "Per player, one probability array per information set (Gambit's order).")
      .def_property_readonly("flat", [](const PyBehaviorEquilibrium& e) { return vector_to_array(e.game->flatten_behavior(e.eq.profile)); },
                             "The profile as one array in Gambit's NE order.")
      .def_property_readonly("exact", [](const PyBehaviorEquilibrium& e) -> py::object {
        if (!e.eq.exact) return py::none();
        return exact_behavior_to_python(*e.game, *e.eq.exact);
      }, "The profile in Fractions (exact methods), else None.")
      .def_property_readonly("no_action", [](const PyBehaviorEquilibrium& e) {
        py::tuple out(e.game->num_players());
        for (std::size_t p = 0; p < e.game->num_players(); ++p) {
          py::list row;
          for (std::size_t i : e.game->player_infosets(p)) row.append(static_cast<bool>(e.eq.no_action[i]));
          out[p] = row;
        }
        return out;
      }, "Per player and information set: True where the player's own plan cannot reach it (Gambit prints 0s).")
      .def_property_readonly("payoffs", [](const PyBehaviorEquilibrium& e) { return vector_to_array(e.eq.payoffs); })
      .def_property_readonly("exact_payoffs", [](const PyBehaviorEquilibrium& e) -> py::object {
        if (!e.eq.exact) return py::none();
        return fractions(e.game->exact_expected_payoffs(*e.eq.exact));
      }, "Each player's payoff as a Fraction (exact equilibria), else None.")
      .def_property_readonly("exploitability", [](const PyBehaviorEquilibrium& e) { return vector_to_array(e.eq.gains); },
                             "Each player's verified gain from a best response (0 at an exact equilibrium).")
      .def_property_readonly("max_relative_gain", [](const PyBehaviorEquilibrium& e) { return e.eq.max_relative_gain; },
                             "Largest gain relative to that player's payoff range.")
      .def_property_readonly("method", [](const PyBehaviorEquilibrium& e) { return e.eq.method; })
      .def("gambit", [](const PyBehaviorEquilibrium& e) { return behavior_gambit_line(*e.game, e.eq); },
           "The NE,... line Gambit prints (exact numbers for exact equilibria).")
      .def("__repr__", [](const PyBehaviorEquilibrium& e) {
        return "<negsim.BehaviorEquilibrium " + behavior_gambit_line(*e.game, e.eq, 6) + ">";
      });

  py::class_<PyExtensiveResult>(m, "ExtensiveSolveResult", "The verified equilibria an extensive-form method found.")
      .def_property_readonly("method", [](const PyExtensiveResult& r) { return r.result.method; })
      .def_property_readonly("form", [](const PyExtensiveResult& r) { return r.result.form; },
                             "What kind of equilibrium: strategic-form, agent-form, subgame-perfect (...).")
      .def_property_readonly("form_note", [](const PyExtensiveResult& r) { return r.result.form_note; })
      .def_property_readonly("complete", [](const PyExtensiveResult& r) { return r.result.complete; },
                             "True when every equilibrium of the promised kind is listed.")
      .def_property_readonly("note", [](const PyExtensiveResult& r) { return r.result.note; })
      .def_property_readonly("game", [](const PyExtensiveResult& r) { return std::const_pointer_cast<ExtensiveFormGame>(r.game); })
      .def_property_readonly("equilibria", [](const PyExtensiveResult& r) {
        py::list out;
        for (const BehaviorEquilibrium& eq : r.result.equilibria) out.append(PyBehaviorEquilibrium{r.game, eq});
        return out;
      })
      .def("__len__", [](const PyExtensiveResult& r) { return r.result.equilibria.size(); })
      .def("__getitem__", [](const PyExtensiveResult& r, py::ssize_t i) {
        const auto n = static_cast<py::ssize_t>(r.result.equilibria.size());
        if (i < 0) i += n;
        if (i < 0 || i >= n) throw py::index_error();
        return PyBehaviorEquilibrium{r.game, r.result.equilibria[static_cast<std::size_t>(i)]};
      })
      .def("to_json", [](const PyExtensiveResult& r) { return behavior_result_json(*r.game, r.result).dump(2) + "\n"; },
           "The text of `negsim solve GAME.efg --format json`.")
      .def("gambit", [](const PyExtensiveResult& r) { return behavior_gambit_report(*r.game, r.result); },
           "The text of `negsim solve GAME.efg --format gambit`.")
      .def("text", [](const PyExtensiveResult& r) { return behavior_text_report(*r.game, r.result); },
           "The text report of `negsim solve GAME.efg`.")
      .def("__repr__", [](const PyExtensiveResult& r) {
        return "<negsim.ExtensiveSolveResult " + r.result.method + ": " + std::to_string(r.result.equilibria.size()) +
               " equilibria" + (r.result.complete ? ", complete>" : ">");
      });

  m.def("_solve_extensive",
        [](std::shared_ptr<ExtensiveFormGame> game, std::string method, std::optional<bool> exact,
           std::optional<std::size_t> max_equilibria, double time_limit, double rel_tol) {
          return solve_extensive(std::move(game), method, exact, max_equilibria, time_limit, rel_tol);
        },
        py::arg("game"), py::arg("method") = "auto", py::arg("exact") = py::none(),
        py::arg("max_equilibria") = py::none(), py::arg("time_limit") = 0.0,
        py::arg("rel_tol") = kDefaultRegretTolerance);

  m.def("extensive_methods", [] {
    py::list out;
    for (const ExtensiveMethodInfo& mi : extensive_method_registry()) {
      py::list opts;
      for (MethodOption o : mi.options) opts.append(std::string(option_field(o)));
      out.append(dict_of({{"name", py::cast(mi.name)}, {"summary", py::cast(mi.summary)},
                          {"min_players", py::cast(mi.min_players)}, {"max_players", py::cast(mi.max_players)},
                          {"constant_sum_only", py::cast(mi.constant_sum_only)},
                          {"needs_perfect_recall", py::cast(mi.needs_perfect_recall)},
                          {"guarantee", py::cast(mi.guarantee)}, {"options", opts}}));
    }
    return out;
  }, "extensive_methods() -> list of dict\n\nThe extensive-form methods of the registry (pure, pure-agent, pure-spe, lcp, lp, cfr, logit).");
}

}  // namespace negsim::python
