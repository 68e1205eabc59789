// The result contract shared by every equilibrium method.
//
// A method returns candidate profiles; verify_equilibria() recomputes each
// player's payoff and regret from the game alone (models/game), independently
// of how the candidate was found, and keeps only those within tolerance. Only
// verified equilibria ever reach a report.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"

namespace negsim {

// Default regret tolerance for floating-point methods, relative to the payoff
// scale of the game (see regret_tolerance()).
inline constexpr double kDefaultRegretTolerance = 1e-9;

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

// Absolute regret tolerance for a game: rel_tol times the largest payoff
// magnitude (at least 1), so results are invariant under payoff scaling.
double regret_tolerance(const NormalFormGame& game, double rel_tol = kDefaultRegretTolerance);

// Per-player absolute tolerances, invariant under a positive affine change
// a_p * u_p + b_p of each player's payoffs (up to rounding): tol[p] is rel_tol
// times player p's payoff range (max - min over all profiles) plus a rounding
// floor of 64 ulps of p's largest payoff magnitude. One global tolerance is
// not invariant: with one player's payoffs in billions and another's in
// units, the billions would swamp the units' regrets (see
// tests/robustness/affine_invariance_test.cpp).
std::vector<double> regret_tolerances(const NormalFormGame& game,
                                      double rel_tol = kDefaultRegretTolerance);

// Builds a verified equilibrium from a candidate, or nullopt if its regret
// exceeds tol. With an exact candidate the regret is computed exactly and must be 0.
std::optional<Equilibrium> verify_equilibrium(const NormalFormGame& game, MixedProfile profile,
                                              std::string method, double tol);
// Same with per-player tolerances (regret_tolerances): every player's regret
// must be within its own tolerance.
std::optional<Equilibrium> verify_equilibrium(const NormalFormGame& game, MixedProfile profile,
                                              std::string method, const std::vector<double>& tol);
std::optional<Equilibrium> verify_exact_equilibrium(const NormalFormGame& game,
                                                    ExactMixedProfile profile, std::string method);

// True if two profiles agree within tol in every probability.
bool same_profile(const MixedProfile& a, const MixedProfile& b, double tol = 1e-7);

// For methods that find equilibria one candidate at a time (several starts or
// rays): verifies the candidate (verify_equilibrium with tol); a rejected one
// is counted in result.rejected, a verified one is appended to
// result.equilibria unless one listed already agrees within same_tol.
// Returns true if the candidate was appended.
bool add_verified_candidate(SolveResult& result, const NormalFormGame& game, MixedProfile candidate,
                            const std::string& method, double tol, double same_tol = 1e-6);

}  // namespace negsim
