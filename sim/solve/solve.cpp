#include "sim/solve/solve.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/errors.hpp"
#include "sim/solve/equilibrium_cap.hpp"
#include "sim/solve/lemke_howson.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/method_registry.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/vertex_enumeration.hpp"

namespace negsim {

namespace {

// Adds b's equilibria that are not already in a (same_profile).
void merge_into(SolveResult& a, const SolveResult& b) {
  for (const Equilibrium& eq : b.equilibria) {
    const bool known = std::any_of(a.equilibria.begin(), a.equilibria.end(),
                                   [&](const Equilibrium& e) { return same_profile(e.profile, eq.profile); });
    if (!known) a.equilibria.push_back(eq);
  }
  a.notes.insert(a.notes.end(), b.notes.begin(), b.notes.end());
  a.rejected += b.rejected;
  a.rejected_max_regrets.insert(a.rejected_max_regrets.end(), b.rejected_max_regrets.begin(),
                                b.rejected_max_regrets.end());
  a.none_verified = a.none_verified || b.none_verified;
  a.paths.insert(a.paths.end(), b.paths.begin(), b.paths.end());
  if (b.limit_reached) mark_limit_reached(a, *b.limit_reached);
}

}  // namespace

bool auto_enumerates(const NormalFormGame& game) {
  return game.num_players() == 2 && std::min(game.num_actions(0), game.num_actions(1)) <= kAutoEnumMaxActions;
}

SolveResult solve_auto(const NormalFormGame& game, const SolveOptions& options) {
  SolveResult result = solve_pure_nash(game, options);
  SolveOptions mixed = options;
  SolveResult more;
  try {
    if (auto_enumerates(game)) {
      more = enumerate_extreme_equilibria(game, mixed);
    } else if (game.num_players() == 2) {
      // One equilibrium by the label race: path lengths differ by orders of
      // magnitude between labels (one 200x200 game: 4.7 million pivots from
      // label 1, 2 from another), and the race stops at the first end.
      mixed.label_race = true;
      more = lemke_howson(game, mixed);
    } else {
      more = logit_qre(game, mixed);
    }
  } catch (const LimitError& e) {
    // The mixed search had one answer and ran out of time: keep the verified
    // pure equilibria, marked incomplete (solve() throws if there are none).
    // Only a time limit is turned into a partial result; other limits stop.
    if (!options.deadline.expired()) throw;
    const std::string message = e.what();
    more.method = game.num_players() == 2 ? "lh" : "logit";
    mark_limit_reached(more, LimitKind::time, message.substr(0, message.find('\n')));
  }
  result.method = "auto (pure + " + more.method + ")";
  result.complete = result.complete && more.complete;
  merge_into(result, more);
  return result;
}

std::vector<std::string> solve_method_names() {
  std::vector<std::string> names;
  for (const MethodInfo& m : method_registry()) names.push_back(m.name);
  return names;
}

SolveResult solve(const NormalFormGame& game, const SolveOptions& caller_options) {
  const MethodInfo& method = find_method(caller_options.method);
  if (method.solution != Solution::nash)
    throw UsageError("--method " + method.name + " gives a distribution, not a Nash equilibrium; use solve_correlated");
  if (const auto why = why_not_applicable(method, game)) throw UsageError(*why);
  // One deadline for the whole call (auto runs several methods).
  SolveOptions options = caller_options;
  options.deadline = solve_deadline(caller_options);
  SolveResult result;
  try {
    result = method.run(game, options);
  } catch (const std::invalid_argument& e) {
    // Methods reject games and options outside their scope (a bad label):
    // the user asked for something that does not apply.
    throw UsageError("--method " + method.name + ": " + e.what());
  }
  // A method that promises an equilibrium verified none in double precision
  // and has no exact fallback: not an answer, a limit (exit 3).
  if (result.none_verified && result.equilibria.empty())
    throw LimitError(std::string(kNoneVerifiedMessage) + " by --method " + options.method +
                     "\n  hint: for 2 players try --method enum --exact; else more --starts, or --method gnm");
  // Cut short by time with nothing verified: there is nothing to report, so
  // the limit is an error, as for methods with a single answer.
  if (result.limit_reached && result.limit_reached->kind == LimitKind::time && result.equilibria.empty())
    throw LimitError(result.limit_reached->message + "; no equilibrium was verified before the limit, so none is reported" +
                     "\n  hint: raise --time-limit, or make the game smaller");
  apply_equilibrium_cap(result, options.max_equilibria);
  return result;
}

}  // namespace negsim
