#include "sim/solve/solve.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/errors.hpp"
#include "sim/solve/dominance.hpp"
#include "sim/solve/global_newton.hpp"
#include "sim/solve/lemke_howson.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/vertex_enumeration.hpp"
#include "sim/solve/zero_sum_lp.hpp"

namespace negsim {

namespace {

// `auto` enumerates all extreme equilibria of 2-player games up to this many
// actions for the smaller player (16x16 takes about a second), else runs LH from
// one label (options.label).
constexpr std::size_t kAutoEnumMaxActions = 12;

void require_two_players(const NormalFormGame& game, const std::string& method) {
  if (game.num_players() != 2)
    throw UsageError("--method " + method + " needs a 2-player game (this one has " +
                     std::to_string(game.num_players()) + " players); try --method logit or gnm");
}

// Adds b's equilibria that are not already in a (same_profile).
void merge_into(SolveResult& a, const SolveResult& b) {
  for (const Equilibrium& eq : b.equilibria) {
    const bool known = std::any_of(a.equilibria.begin(), a.equilibria.end(),
                                   [&](const Equilibrium& e) { return same_profile(e.profile, eq.profile); });
    if (!known) a.equilibria.push_back(eq);
  }
  a.notes.insert(a.notes.end(), b.notes.begin(), b.notes.end());
  a.rejected += b.rejected;
  a.none_verified = a.none_verified || b.none_verified;
  if (!b.limit_reached.empty()) mark_limit_reached(a, b.limit_reached);
}

SolveResult solve_auto(const NormalFormGame& game, const SolveOptions& options) {
  SolveResult result = solve_pure_nash(game, options);
  SolveOptions mixed = options;
  SolveResult more;
  try {
    if (game.num_players() == 2) {
      if (std::min(game.num_actions(0), game.num_actions(1)) <= kAutoEnumMaxActions) {
        more = enumerate_extreme_equilibria(game, mixed);
      } else {
        // One equilibrium by the label race: path lengths differ by orders of
        // magnitude between labels (one 200x200 game: 4.7 million pivots from
        // label 1, 2 from another), and the race stops at the first end.
        mixed.label_race = true;
        more = lemke_howson(game, mixed);
      }
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
    mark_limit_reached(more, message.substr(0, message.find('\n')));
  }
  result.method = "auto (pure + " + more.method + ")";
  result.complete = result.complete && more.complete;
  merge_into(result, more);
  return result;
}

}  // namespace

std::vector<std::string> solve_method_names() {
  return {"auto", "pure", "dominance", "lh", "enum", "lp", "logit", "gnm"};
}

namespace {

SolveResult dispatch(const NormalFormGame& game, const SolveOptions& options) {
  const std::string& m = options.method;
  try {
    if (m == "auto") return solve_auto(game, options);
    if (m == "pure") return solve_pure_nash(game, options);
    if (m == "dominance") return solve_by_dominance(game, options).result;
    if (m == "logit") return logit_qre(game, options);
    if (m == "gnm") return global_newton(game, options);
    if (m == "lh" || m == "enum" || m == "lp") {
      require_two_players(game, m);
      if (m == "lh") return lemke_howson(game, options);
      if (m == "enum") return enumerate_extreme_equilibria(game, options);
      return solve_zero_sum(game, options);
    }
  } catch (const std::invalid_argument& e) {
    // Methods reject games outside their scope (a bad label, a game that is
    // not constant-sum): the user asked for something that does not apply.
    throw UsageError("--method " + m + ": " + e.what());
  }
  if (m == "ce" || m == "cce")
    throw UsageError("--method " + m + " gives a distribution, not a Nash equilibrium; use solve_correlated");
  const std::string guess = closest_match(m, solve_method_names());
  throw UsageError("unknown method '" + m + "'" +
                   (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)"));
}

}  // namespace

SolveResult solve(const NormalFormGame& game, const SolveOptions& caller_options) {
  // One deadline for the whole call (auto runs several methods).
  SolveOptions options = caller_options;
  options.deadline = solve_deadline(caller_options);
  SolveResult result = dispatch(game, options);
  // A method that promises an equilibrium verified none in double precision
  // and has no exact fallback: not an answer, a limit (exit 3).
  if (result.none_verified && result.equilibria.empty())
    throw LimitError(std::string(kNoneVerifiedMessage) + " by --method " + options.method +
                     "\n  hint: for 2 players try --method enum --exact; else more --starts, or --method gnm");
  // Cut short with nothing verified: there is nothing to report, so the
  // limit is an error, as for methods with a single answer.
  if (!result.limit_reached.empty() && result.equilibria.empty())
    throw LimitError(result.limit_reached + "; no equilibrium was verified before the limit, so none is reported" +
                     "\n  hint: raise --time-limit, or make the game smaller");
  return result;
}

}  // namespace negsim
