#include "sim/solve/method_registry.hpp"

#include <algorithm>

#include "models/errors.hpp"
#include "sim/solve/dominance.hpp"
#include "sim/solve/agent_logit.hpp"
#include "sim/solve/cfr_plus.hpp"
#include "sim/solve/efg_pure_equilibria.hpp"
#include "sim/solve/quasi_perfect.hpp"
#include "sim/solve/sequence_form_lemke.hpp"
#include "sim/solve/sequence_form_lp.hpp"
#include "sim/solve/global_newton.hpp"
#include "sim/solve/lemke_howson.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/solve.hpp"
#include "sim/solve/vertex_enumeration.hpp"
#include "sim/solve/zero_sum_lp.hpp"

namespace negsim {

std::string_view option_flag(MethodOption option) {
  switch (option) {
    case MethodOption::exact: return "--exact";
    case MethodOption::label: return "--label";
    case MethodOption::all_labels: return "--all-labels";
    case MethodOption::race: return "--race";
    case MethodOption::starts: return "--starts";
    case MethodOption::seed: return "--seed";
    case MethodOption::trace: return "--trace";
    case MethodOption::objective: return "--objective";
    case MethodOption::max_equilibria: return "--max-equilibria";
    case MethodOption::iterations: return "--iterations";
    case MethodOption::target: return "--target";
  }
  return "?";
}

std::string_view option_field(MethodOption option) {
  switch (option) {
    case MethodOption::exact: return "exact";
    case MethodOption::label: return "label";
    case MethodOption::all_labels: return "all_labels";
    case MethodOption::race: return "label_race";
    case MethodOption::starts: return "starts";
    case MethodOption::seed: return "seed";
    case MethodOption::trace: return "trace";
    case MethodOption::objective: return "objective";
    case MethodOption::max_equilibria: return "max_equilibria";
    case MethodOption::iterations: return "iterations";
    case MethodOption::target: return "target";
  }
  return "?";
}

std::string_view coverage_name(Coverage coverage) {
  switch (coverage) {
    case Coverage::all_pure: return "all pure";
    case Coverage::all_extreme: return "all extreme";
    case Coverage::unique: return "unique";
    case Coverage::some: return "some";
    case Coverage::one: return "one";
  }
  return "?";
}

bool MethodInfo::reads(MethodOption option) const {
  return std::find(options.begin(), options.end(), option) != options.end();
}

namespace {

using O = MethodOption;

std::function<Coverage(const NormalFormGame&)> always(Coverage coverage) {
  return [coverage](const NormalFormGame&) { return coverage; };
}

std::vector<MethodInfo> make_registry() {
  std::vector<MethodInfo> methods;
  {
    MethodInfo m;
    m.name = "auto";
    m.summary = "pure, then for 2 players `enum` (smaller player <= " + std::to_string(kAutoEnumMaxActions) +
                " actions) or the `lh` label race, for more players `logit`";
    m.min_players = 1;
    m.size_note = "as the methods it runs";
    m.options = {O::exact, O::starts, O::seed, O::max_equilibria};
    m.guarantee = "all extreme for 2 players up to " + std::to_string(kAutoEnumMaxActions) +
                  " actions for the smaller one; else all pure and some mixed";
    m.guarantee_for = [](const NormalFormGame& game) {
      return auto_enumerates(game) ? Coverage::all_extreme : Coverage::some;
    };
    m.arithmetic = Arithmetic::rational_if_exact;
    m.run = solve_auto;
    methods.push_back(std::move(m));
  }
  {
    MethodInfo m;
    m.name = "pure";
    m.summary = "all pure Nash equilibria";
    m.min_players = 1;
    m.size_note = "one pass over the payoff tables";
    m.options = {O::exact, O::max_equilibria};
    m.guarantee = "all pure";
    m.guarantee_for = always(Coverage::all_pure);
    m.arithmetic = Arithmetic::rational_if_exact;
    m.run = [](const NormalFormGame& g, const SolveOptions& o) { return solve_pure_nash(g, o); };
    methods.push_back(std::move(m));
  }
  {
    MethodInfo m;
    m.name = "dominance";
    m.summary = "iterated elimination of strictly dominated strategies (pure and mixed dominators, by LP); "
                "the equilibrium if one profile is left";
    m.min_players = 1;
    m.size_note = "one LP per action and round";
    m.guarantee = "the unique equilibrium if one profile survives, else none";
    m.guarantee_for = always(Coverage::unique);
    m.arithmetic = Arithmetic::floating;
    m.run = [](const NormalFormGame& g, const SolveOptions& o) { return solve_by_dominance(g, o).result; };
    methods.push_back(std::move(m));
  }
  {
    MethodInfo m;
    m.name = "lh";
    m.summary = "Lemke-Howson from `--label K` (1..m+n), `--all-labels`, or `--race` "
                "(up to 32 labels' paths in turn, the first end wins); lexicographic ratio test";
    m.max_players = 2;
    m.size_note = "pivots: few on most games, exponential in the worst case";
    m.options = {O::exact, O::label, O::all_labels, O::race, O::max_equilibria};
    m.guarantee = "one per label";
    m.guarantee_for = always(Coverage::some);
    m.arithmetic = Arithmetic::rational_if_exact;
    m.run = lemke_howson;
    methods.push_back(std::move(m));
  }
  {
    MethodInfo m;
    m.name = "enum";
    m.summary = "all extreme equilibria by vertex enumeration";
    m.max_players = 2;
    m.size_note = "exponential in the smaller player's actions";
    m.options = {O::exact, O::max_equilibria};
    m.guarantee = "all extreme";
    m.guarantee_for = always(Coverage::all_extreme);
    m.arithmetic = Arithmetic::exact_verified;
    m.run = enumerate_extreme_equilibria;
    methods.push_back(std::move(m));
  }
  {
    MethodInfo m;
    m.name = "lp";
    m.summary = "value and optimal strategies of a zero-sum (or constant-sum) game";
    m.max_players = 2;
    m.constant_sum_only = true;
    m.size_note = "one LP";
    m.guarantee = "one";
    m.guarantee_for = always(Coverage::one);
    m.run = solve_zero_sum;
    methods.push_back(std::move(m));
  }
  {
    MethodInfo m;
    m.name = "logit";
    m.summary = "logit quantal-response path following to a Nash equilibrium, one per start "
                "(`--trace` prints the branch as CSV)";
    m.size_note = "path steps, each O(profiles x players)";
    m.options = {O::starts, O::seed, O::trace, O::max_equilibria};
    m.guarantee = "one per start";
    m.guarantee_for = always(Coverage::some);
    m.run = [](const NormalFormGame& g, const SolveOptions& o) { return logit_qre(g, o); };
    methods.push_back(std::move(m));
  }
  {
    MethodInfo m;
    m.name = "gnm";
    m.summary = "global Newton method (Govindan-Wilson), `--starts K` random rays";
    m.size_note = "path steps, each O(profiles x players)";
    m.options = {O::starts, O::seed, O::max_equilibria};
    m.guarantee = "some (those on the rays)";
    m.guarantee_for = always(Coverage::some);
    m.run = global_newton;
    methods.push_back(std::move(m));
  }
  for (const char* name : {"ce", "cce"}) {
    MethodInfo m;
    m.name = name;
    m.summary = std::string("a ") + (m.name == "ce" ? "correlated" : "coarse correlated") +
                " equilibrium (a distribution over profiles) by LP; "
                "`--objective` any, welfare or player:NAME";
    m.solution = Solution::correlated;
    m.min_players = 1;
    m.size_note = "one LP over all profiles";
    m.options = {O::objective};
    m.guarantee = "one distribution";
    m.guarantee_for = always(Coverage::one);
    methods.push_back(std::move(m));
  }
  return methods;
}

std::string join_flags(const std::vector<MethodOption>& options) {
  std::string out;
  for (MethodOption o : options) out += (out.empty() ? "" : ", ") + std::string(option_flag(o));
  return out;
}

std::string players_text(const MethodInfo& m) {
  if (m.max_players == 0) return m.min_players <= 1 ? "any" : std::to_string(m.min_players) + " or more";
  if (m.min_players == m.max_players) return std::to_string(m.max_players);
  return std::to_string(m.min_players) + ".." + std::to_string(m.max_players);
}

std::string arithmetic_text(Arithmetic a) {
  switch (a) {
    case Arithmetic::floating: return "floating";
    case Arithmetic::exact_verified: return "floating search, exact check; `--exact`: rational";
    case Arithmetic::rational_if_exact: return "floating; `--exact`: rational";
  }
  return "?";
}

}  // namespace

const std::vector<MethodInfo>& method_registry() {
  static const std::vector<MethodInfo> methods = make_registry();
  return methods;
}

const MethodInfo& find_method(const std::string& name) {
  for (const MethodInfo& m : method_registry())
    if (m.name == name) return m;
  std::vector<std::string> names;
  for (const MethodInfo& m : method_registry()) names.push_back(m.name);
  const std::string guess = closest_match(name, names);
  throw UsageError("unknown method '" + name + "'" +
                   (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)") +
                   "\n  hint: negsim solve --help lists the methods");
}

std::optional<std::string> why_not_applicable(const MethodInfo& method, const NormalFormGame& game) {
  const std::size_t n = game.num_players();
  if (n < method.min_players || (method.max_players != 0 && n > method.max_players)) {
    std::string hint = method.max_players == 2 ? "; try --method logit or gnm" : "";
    return "--method " + method.name + " needs a " + players_text(method) + "-player game (this one has " +
           std::to_string(n) + " players)" + hint;
  }
  if (method.constant_sum_only && !is_constant_sum(game))
    return "--method " + method.name + " needs a constant-sum game (payoffs summing to the same total in every profile)";
  return std::nullopt;
}

void require_options_apply(const MethodInfo& method, const std::vector<MethodOption>& given) {
  for (MethodOption option : given) {
    if (method.reads(option)) continue;
    const std::string reads = method.options.empty() ? "no method options" : join_flags(method.options);
    std::string users;
    for (const MethodInfo& m : method_registry())
      if (m.reads(option)) users += (users.empty() ? "" : ", ") + m.name;
    std::string efg_users;  // options only extensive-form methods read (cfr's --iterations)
    for (const ExtensiveMethodInfo& m : extensive_method_registry())
      if (m.reads(option)) efg_users += (efg_users.empty() ? "" : ", ") + m.name;
    if (users.empty()) users = efg_users + " on .efg games";
    throw UsageError(std::string(option_flag(option)) + " does not apply to --method " + method.name +
                     " (it reads " + reads + ", and --time-limit)\n  hint: " + std::string(option_flag(option)) +
                     " applies to --method " + users);
  }
}

std::string method_table_markdown() {
  std::string out =
      "| method | what | players | options | guarantee | arithmetic |\n"
      "|---|---|---|---|---|---|\n";
  for (const MethodInfo& m : method_registry()) {
    std::string players = players_text(m);
    if (m.constant_sum_only) players += ", constant-sum";
    std::string options_cell;
    for (MethodOption o : m.options) options_cell += (options_cell.empty() ? "`" : ", `") + std::string(option_flag(o)) + "`";
    if (options_cell.empty()) options_cell = "none";
    out += "| `" + m.name + "`" + (m.name == "auto" ? " (default)" : "") + " | " + m.summary + " | " + players +
           " | " + options_cell + " | " + m.guarantee + " | " +
           arithmetic_text(m.arithmetic) + " |\n";
  }
  return out;
}

std::string method_help_text() {
  std::string out = "methods (--method NAME; every method honours --time-limit):\n";
  auto plain = [](std::string text) {
    std::erase(text, '`');
    return text;
  };
  for (const MethodInfo& m : method_registry()) {
    out += "  " + m.name + std::string(m.name.size() < 10 ? 10 - m.name.size() : 1, ' ') + plain(m.summary) + "\n";
    out += std::string(12, ' ') + "players: " + players_text(m) + (m.constant_sum_only ? ", constant-sum" : "") +
           "; finds: " + m.guarantee + "; " + plain(arithmetic_text(m.arithmetic)) +
           (m.options.empty() ? "" : "; options: " + join_flags(m.options)) + "\n";
  }
  return out;
}

// ---- extensive-form methods ------------------------------------------------

bool ExtensiveMethodInfo::reads(MethodOption option) const {
  return std::find(options.begin(), options.end(), option) != options.end();
}

const std::vector<ExtensiveMethodInfo>& extensive_method_registry() {
  static const std::vector<ExtensiveMethodInfo> registry = [] {
    std::vector<ExtensiveMethodInfo> r;
    // The three enumerations of pure equilibria differ in the form and the refinement only.
    auto pure = [&r](std::string name, std::string summary, std::string guarantee, EfgEquilibriumForm form,
                     bool subgame_perfect) {
      ExtensiveMethodInfo m;
      m.name = std::move(name);
      m.summary = std::move(summary);
      m.options = {MethodOption::max_equilibria};
      m.guarantee = std::move(guarantee);
      m.run = [form, subgame_perfect](const ExtensiveFormGame& g, const SolveOptions& o) {
        return solve_efg_pure(g, o, form, subgame_perfect);
      };
      r.push_back(std::move(m));
    };
    pure("pure", "every Nash equilibrium in pure strategies (strategic form, reduced; as gambit-enumpure)",
         "all pure (strategic form)", EfgEquilibriumForm::strategic, false);
    pure("pure-agent", "every pure agent-form equilibrium: no single move gains (as gambit-enumpure -A)",
         "all pure (agent form)", EfgEquilibriumForm::agent, false);
    pure("pure-spe", "every subgame-perfect equilibrium in pure behaviour strategies", "all pure subgame-perfect",
         EfgEquilibriumForm::strategic, true);
    {
      ExtensiveMethodInfo m;
      m.name = "lcp";
      m.summary = "Lemke's algorithm on the sequence form (Koller-Megiddo-von Stengel), as gambit-lcp";
      m.min_players = 2;
      m.max_players = 2;
      m.options = {MethodOption::exact};
      m.guarantee = "one (double path re-solved exactly; `--exact`: rational path)";
      m.run = solve_sequence_form_lemke;
      r.push_back(std::move(m));
    }
    {
      ExtensiveMethodInfo m;
      m.name = "qpe";
      m.summary = "a quasi-perfect equilibrium with consistent beliefs (Miltersen-Sorensen perturbed sequence form, exact)";
      m.min_players = 2;
      m.max_players = 2;
      m.guarantee = "one, exact (exit 3 if eps does not stabilise)";
      m.run = solve_quasi_perfect;
      r.push_back(std::move(m));
    }
    {
      ExtensiveMethodInfo m;
      m.name = "lp";
      m.summary = "value and optimal behaviour strategies of a zero-sum game by the sequence-form LP";
      m.min_players = 2;
      m.max_players = 2;
      m.constant_sum_only = true;
      m.guarantee = "one optimal pair";
      m.run = solve_sequence_form_lp;
      r.push_back(std::move(m));
    }
    {
      ExtensiveMethodInfo m;
      m.name = "cfr";
      m.summary = "CFR+ average strategy, reported with its verified exploitability (epsilon-Nash)";
      m.min_players = 1;
      m.options = {MethodOption::iterations, MethodOption::target};
      m.guarantee = "one epsilon-equilibrium (converges in 2-player zero-sum games)";
      m.run = solve_cfr_plus;
      r.push_back(std::move(m));
    }
    {
      ExtensiveMethodInfo m;
      m.name = "logit";
      m.summary = "agent logit QRE branch from the centroid, traced to its limit and polished";
      m.min_players = 1;
      m.guarantee = "one (exit 3 if none verifies)";
      m.run = solve_agent_logit;
      r.push_back(std::move(m));
    }
    return r;
  }();
  return registry;
}

const ExtensiveMethodInfo& find_extensive_method(const std::string& name) {
  for (const ExtensiveMethodInfo& m : extensive_method_registry())
    if (m.name == name) return m;
  std::vector<std::string> names;
  for (const ExtensiveMethodInfo& m : extensive_method_registry()) names.push_back(m.name);
  const std::string guess = closest_match(name, names);
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  throw UsageError("unknown method '" + name + "' for an extensive-form game" +
                   (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)") +
                   "\n  hint: the methods for .efg games are " + list +
                   "; or export the reduced normal form with negsim export GAME.efg --nfg OUT.nfg");
}

std::string default_extensive_method(const ExtensiveFormGame&) { return "pure"; }

std::optional<std::string> why_not_applicable(const ExtensiveMethodInfo& method, const ExtensiveFormGame& game) {
  const std::size_t n = game.num_players();
  if (n < method.min_players || (method.max_players != 0 && n > method.max_players))
    return "--method " + method.name + " does not apply to a " + std::to_string(n) + "-player game";
  if (method.needs_perfect_recall && !game.has_perfect_recall())
    return "--method " + method.name + " needs a game with perfect recall: " + game.recall_problem()->message;
  if (method.constant_sum_only && !is_constant_sum(game))
    return "--method " + method.name + " needs a zero-sum (constant-sum) game: u1 + u2 differs between terminals";
  return std::nullopt;
}

namespace {
std::string extensive_players_text(const ExtensiveMethodInfo& m) {
  return m.max_players == 0 ? std::to_string(m.min_players) + "+"
         : m.max_players == m.min_players ? std::to_string(m.min_players)
                                          : std::to_string(m.min_players) + "-" + std::to_string(m.max_players);
}
}  // namespace

std::string extensive_method_table_markdown() {
  std::string out = "| method | what it computes | players | options | guarantee |\n|---|---|---|---|---|\n";
  for (const ExtensiveMethodInfo& m : extensive_method_registry()) {
    std::string options_cell;
    for (MethodOption o : m.options) options_cell += (options_cell.empty() ? "`" : ", `") + std::string(option_flag(o)) + "`";
    if (options_cell.empty()) options_cell = "none";
    out += "| `" + m.name + "`" + (m.name == "pure" ? " (default)" : "") + " | " + m.summary + " | " +
           extensive_players_text(m) + (m.constant_sum_only ? ", zero-sum" : "") + " | " + options_cell + " | " +
           m.guarantee + " |\n";
  }
  return out;
}

std::string extensive_method_help_text() {
  std::string out = "methods for .efg games (--method NAME; every method honours --time-limit):\n";
  for (const ExtensiveMethodInfo& m : extensive_method_registry()) {
    std::string summary = m.summary, guarantee = m.guarantee;
    std::erase(summary, '`');
    std::erase(guarantee, '`');
    out += "  " + m.name + std::string(m.name.size() < 10 ? 10 - m.name.size() : 1, ' ') + summary + "\n";
    out += std::string(12, ' ') + "players: " + extensive_players_text(m) + (m.constant_sum_only ? ", zero-sum" : "") +
           "; finds: " + guarantee + (m.options.empty() ? "" : "; options: " + join_flags(m.options)) + "\n";
  }
  return out;
}

std::vector<std::string> extensive_method_names() {
  std::vector<std::string> names;
  for (const ExtensiveMethodInfo& m : extensive_method_registry()) names.push_back(m.name);
  return names;
}

}  // namespace negsim
