// The result contract shared by every equilibrium method.
//
// A method returns candidate profiles; verify_equilibria() recomputes each
// player's payoff and regret from the game alone (models/game), independently
// of how the candidate was found, and keeps only those within tolerance. Only
// verified equilibria ever reach a report.
#pragma once

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

struct SolveResult {
  std::string method;
  std::vector<Equilibrium> equilibria;
  // False when the method does not promise every equilibrium of its kind, or
  // stopped at a limit; notes say which.
  bool complete = true;
  std::vector<std::string> notes;
  std::size_t rejected = 0;  // candidates that failed verification (a solver bug if > 0)
  // Non-empty when a time limit cut the search short: "time limit of 2 s
  // reached while ...: what was done". Methods that collect several
  // equilibria (enum, logit/gnm with starts, lh --all-labels, auto) return
  // the verified ones found so far, with complete = false and this text in
  // notes too; the CLI prints them marked incomplete and exits 3. Methods
  // with one answer throw LimitError instead (nothing verified to return).
  std::string limit_reached;
};

// Marks `result` as cut short by a limit: complete = false, the message in
// limit_reached and in notes (once).
void mark_limit_reached(SolveResult& result, const std::string& message);

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

}  // namespace negsim
