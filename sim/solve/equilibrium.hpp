// The result contract shared by every equilibrium method.
//
// A method returns candidate profiles; verify_equilibrium() recomputes each
// player's payoff and regret from the game alone (models/game), independently
// of how the candidate was found, and keeps only those within tolerance. Only
// verified equilibria ever reach a report.
//
// The tolerance rule (one for every method, the verifier, reports and sweeps;
// docs/solvers/tolerances.md):
//  - Per player, relative to that player's own payoff range, so that it is
//    invariant under a separate positive affine change a_p * u_p + b_p of each
//    player's payoffs (von Neumann-Morgenstern utilities mean nothing more).
//    One tolerance for the whole game is not: with one player's payoffs in
//    billions and another's in units, the billions swamp the units' regrets.
//  - A mixed profile is an equilibrium if every player's regret is at most
//    regret_tolerances(game, rel_tol)[p] = rel_tol * range_p + a rounding
//    floor of kRoundingUlps ulps of p's largest payoff magnitude.
//  - A pure profile has no solver error (its regret is a difference of two
//    stored payoffs), so it is decided by is_pure_equilibrium() with no
//    tolerance at all: comparing the exact payoffs when the game has them,
//    else the doubles, which are the game (each is a dyadic rational). A
//    prisoner's dilemma with temptation 1e12 has one equilibrium, not three
//    "within 1e-9 of the range"; integers near 2^53 are decided exactly.
//  - Two profiles are "the same" (merging repeats, comparing answer sets) if
//    every probability agrees within kSameProfileTolerance: probabilities are
//    scale-free, so this rule is affine-invariant too.
//  - Methods that compute in floating point work on unit_range_game(game)
//    (each player's payoffs mapped affinely onto [0, 1]) where their internal
//    thresholds are absolute, so that those thresholds mean the same for every
//    player and every scaling.
//  - When double precision cannot decide (a candidate fails the check, or no
//    candidate survives) a method that guarantees an answer re-solves in exact
//    rational arithmetic from the game's payoffs (exact payoffs when the game
//    has them, else the doubles, each of which is a dyadic rational). Methods
//    without an exact counterpart (logit, gnm) that verify nothing say so:
//    SolveResult::none_verified, and solve() turns an empty answer into a
//    LimitError (exit 3).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"

namespace negsim {

// Default regret tolerance for floating-point methods, relative to each
// player's payoff range (see regret_tolerances()).
inline constexpr double kDefaultRegretTolerance = 1e-9;
// Rounding floor of every payoff comparison, in ulps of the payoffs compared.
inline constexpr double kRoundingUlps = 64;
// Two profiles are the same equilibrium if no probability differs by more.
inline constexpr double kSameProfileTolerance = 1e-6;

struct Equilibrium {
  MixedProfile profile;
  std::optional<ExactMixedProfile> exact;  // set by exact methods; then regret is exactly 0
  std::vector<double> payoffs;             // each player's expected payoff
  double max_regret = 0.0;                 // computed independently of the method
  std::string method;
  bool is_pure() const;
};

// Which limit stopped a method before it finished.
enum class LimitKind {
  time,            // --time-limit (SolveOptions::deadline): the CLI exits 3
  equilibria_cap,  // --max-equilibria: the list is cut, the CLI still exits 0
};
// "time" or "equilibria_cap", as in JSON output.
const char* limit_kind_name(LimitKind kind);

// A method stopped early: which limit, and what had been done, for people
// ("time limit of 2 s reached while enumerating vertices: 1280 bases visited,
// 3 verified equilibria found; the list is incomplete").
struct LimitReached {
  LimitKind kind = LimitKind::time;
  std::string message;
};

// Why one path of a path-following method (Lemke-Howson label, logit start,
// global Newton ray) ended.
enum class PathEndReason {
  equilibrium,          // at an end point that passed verification
  not_verified,         // at an end point that failed verification
  numerical_failure,    // floating-point trouble (singular basis, a pivot cycle)
  step_limit,           // the continuation's step budget
  step_underflow,       // the continuation's step size fell below its minimum
  singular_jacobian,    // the continuation's Jacobian became singular
  cell_limit,           // global Newton: out of support cells
  cell_loop,            // global Newton: the cell walk closed into a loop (degenerate game)
  time_limit,           // the deadline passed on this path
  overtaken,            // Lemke-Howson race: another label's path ended first
};
// "equilibrium", "not_verified", ... as in JSON output.
const char* path_end_reason_name(PathEndReason reason);

// One path a method followed, in the order followed.
struct PathRecord {
  int label = -1;           // Lemke-Howson: the dropped label, 0-based (users count from 1); else -1
  int start = -1;           // logit: the start; global Newton: the ray; else -1
  std::size_t steps = 0;    // Lemke-Howson: pivots; continuation: accepted steps
  bool exact = false;       // followed in rational arithmetic
  PathEndReason end = PathEndReason::equilibrium;
};

struct SolveResult {
  std::string method;
  std::vector<Equilibrium> equilibria;
  // False when the method does not promise every equilibrium of its kind, or
  // stopped at a limit (then limit_reached says which).
  bool complete = true;
  // For people only: programs read the typed fields below.
  std::vector<std::string> notes;
  std::size_t rejected = 0;  // candidates that failed verification (a solver bug if > 0)
  // The max regret of each rejected candidate that was a mixed profile (a
  // candidate that is not one, e.g. a singular vertex, has none), so at most
  // `rejected` entries. See reject_candidate().
  std::vector<double> rejected_max_regrets;
  // Set when a limit cut the method short (then complete = false). With
  // LimitKind::time, methods that collect several equilibria (enum,
  // logit/gnm with starts, lh --all-labels, auto) return the verified ones
  // found so far and the CLI prints them marked incomplete and exits 3;
  // methods with one answer throw LimitError instead (nothing verified to
  // return). With LimitKind::equilibria_cap the list stops at
  // SolveOptions::max_equilibria.
  std::optional<LimitReached> limit_reached;
  // Path-following methods (lh, logit, gnm): every path followed, why it
  // ended and how long it was. For the Lemke-Howson race, the winner is the
  // one path that ended at an equilibrium (first_equilibrium_path()).
  std::vector<PathRecord> paths;
  // Set by a method that promises an equilibrium (every finite game has one)
  // but verified none and has no exact fallback (logit, gnm: every candidate
  // failed the check, or no path ended). complete is then false, and solve()
  // turns an empty answer into a LimitError (exit 3).
  bool none_verified = false;
};

// Marks `result` as cut short by a limit: complete = false, the first limit
// in limit_reached, its message in notes (once).
void mark_limit_reached(SolveResult& result, LimitKind kind, const std::string& message);
void mark_limit_reached(SolveResult& result, const LimitReached& limit);

// Counts a candidate that failed verification; with its profile (if it is a
// valid mixed profile) its max regret is kept in rejected_max_regrets.
void reject_candidate(SolveResult& result, const NormalFormGame& game, const MixedProfile* candidate);

// The first path that ended at an equilibrium (for the Lemke-Howson race,
// the winning label's path, the only one), or nullptr.
const PathRecord* first_equilibrium_path(const SolveResult& result);

// Per-player absolute tolerances, invariant under a positive affine change
// a_p * u_p + b_p of each player's payoffs (up to rounding): tol[p] is rel_tol
// times player p's payoff range (max - min over all profiles) plus a rounding
// floor of kRoundingUlps ulps of p's largest payoff magnitude. (There is no
// tolerance for the whole game on purpose; see the comment at the top and
// tests/robustness/affine_invariance_test.cpp.)
std::vector<double> regret_tolerances(const NormalFormGame& game,
                                      double rel_tol = kDefaultRegretTolerance);

// The pure-profile rule: true if no player gains by a unilateral pure
// deviation, comparing the exact payoffs when the game has them, else the
// stored doubles, exactly. (A payoff computed as 0.1 + 0.2 is one ulp above
// 0.3: a scenario that means a tie should say so with equal expressions, or
// be loaded with exact payoffs.)
bool is_pure_equilibrium(const NormalFormGame& game, std::size_t profile_index);
// The pure profile a mixed profile puts probability 1 on, if it is pure.
std::optional<PureProfile> pure_actions(const MixedProfile& profile);

// The game with each player's payoffs mapped affinely onto [0, 1]
// ((u - min_p) / range_p; a player whose payoffs are all equal gets 0). Same
// equilibria, same labels; no exact payoffs. Floating-point methods with
// absolute thresholds (pivot tolerances, path step sizes, polishing targets)
// run on it so that the thresholds mean the same for every player and scale.
NormalFormGame unit_range_game(const NormalFormGame& game);
// True if every player's payoffs already span [0, 1] (or are all 0).
bool has_unit_ranges(const NormalFormGame& game);

// Builds a verified equilibrium from a candidate, or nullopt: a pure
// candidate by is_pure_equilibrium, a mixed one if every player's regret is
// within its own tolerance (regret_tolerances). With an exact candidate the
// regret is computed exactly and must be 0 (verify_exact_equilibrium).
std::optional<Equilibrium> verify_equilibrium(const NormalFormGame& game, MixedProfile profile,
                                              std::string method, const std::vector<double>& tol);
std::optional<Equilibrium> verify_exact_equilibrium(const NormalFormGame& game,
                                                    ExactMixedProfile profile, std::string method);

// The same-profile rule: true if two profiles agree within tol in every
// probability. Methods, merges and sweeps use the default; tests may ask for
// a closer match.
bool same_profile(const MixedProfile& a, const MixedProfile& b, double tol = kSameProfileTolerance);

// For methods that find equilibria one candidate at a time (several starts or
// rays): verifies the candidate (verify_equilibrium with tol); a rejected one
// is counted in result.rejected, a verified one is appended to
// result.equilibria unless one listed already is the same profile.
// Returns true if the candidate was appended.
bool add_verified_candidate(SolveResult& result, const NormalFormGame& game, MixedProfile candidate,
                            const std::string& method, const std::vector<double>& tol);

// Marks a result in which nothing could be verified (see none_verified):
// complete = false and `why` in notes.
void mark_none_verified(SolveResult& result, const std::string& why);
// The message solve() and the CLI give for it.
inline constexpr const char* kNoneVerifiedMessage =
    "no equilibrium could be verified in double precision";

}  // namespace negsim
