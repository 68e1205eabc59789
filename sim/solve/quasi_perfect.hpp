// A quasi-perfect equilibrium of a two-player extensive-form game with
// perfect recall, exactly, with consistent beliefs at every information set
// (off the equilibrium path included).
//
// Definition (van Damme 1984): a behaviour profile b is quasi-perfect if it is
// the limit of completely mixed profiles b(eps) -> b such that at every
// information set each player's action under b is a best reply against the
// OTHERS' perturbed b(eps), given the player's own later moves as in b. Every
// quasi-perfect equilibrium is sequential (with the consistent beliefs of the
// limit) and its strategies are not weakly dominated, which Nash, subgame-
// perfect and even sequential equilibria can be (a Nash equilibrium may rest
// on a weakly dominated off-path move).
//
// Method (Miltersen and Sorensen 2010). Perturb the sequence form: every
// non-empty sequence s of either player must have realization weight at least
// l_s(eps) = eps^|s| (|s| = number of the player's own moves in s). Writing
// x = x' + l, the perturbed sequence-form LCP of sequence_form_lemke.hpp is the
// same matrix M with q(eps) = q + M l(eps), a polynomial in eps. Every
// complementary solution of it is a Nash equilibrium of the perturbed game
// (for eps < 1 / max actions, where the perturbed plan constraints stay tight),
// and limits of those as eps -> 0 are quasi-perfect (their Theorem 1).
//  1. For eps = eps_0, eps_0 / 16, ... (rationals; eps_0 = 1 / (4 max actions)),
//     run Lemke (lcp_tableau.hpp) on q(eps): in double precision first (its
//     basis is only a candidate for step 2), and when that basis fails step 2
//     or the path fails, in exact integer pivoting (lexicographic, so never
//     cycling) at the same eps.
//  2. Its final basis B is solved SYMBOLICALLY: z_B(eps) = -M_{T,B}^-1 q_T(eps),
//     a vector of polynomials, and every basic variable must be
//     lexicographically >= 0 (first nonzero coefficient positive): then B is a
//     complementary feasible basis for EVERY eps in (0, eps_bar) (eps_bar from
//     a Cauchy bound on the polynomials), so its limit is quasi-perfect. If
//     not, the next smaller eps is tried; at most max_steps values
//     (std::nullopt: "did not stabilise").
//  3. Certificate, independent of the solve: at a rational eps* < eps_bar the
//     z(eps*) of the polynomials is plugged into w = q(eps*) + M z directly and
//     checked exactly (z >= 0, w >= 0, z_i w_i = 0).
//  4. The limit: behaviour at every information set is lim x(sa)/x(s) (leading
//     terms of the polynomials, so a player's moves where its own plan does not
//     go are the limit too, not a placeholder), and beliefs at every
//     information set are lim of Bayes' rule under the perturbed plans (chance
//     times the other player's weight; the mover's own is common to the set):
//     a consistent assessment (Kreps and Wilson 1982).
// Verification by the caller-independent checks: the limit is a Nash
// equilibrium by behavior_verify.hpp (exactly), and the assessment is
// sequentially rational by is_sequentially_rational() below (one-shot
// deviations at every information set given the beliefs, exactly; enough for
// consistent assessments with perfect recall: Hendon, Jacobsen and Sloth 1996).
//
// References: P. B. Miltersen and T. B. Sorensen, "Computing a quasi-perfect
// equilibrium of a two-player game", Economic Theory 42 (2010) 175-192;
// E. van Damme, "A relation between perfect equilibria in extensive form games
// and proper equilibria in normal form games", IJGT 13 (1984) 1-13;
// D. Koller, N. Megiddo, B. von Stengel, GEB 14 (1996).
// Complexity: per eps, one double Lemke path, at worst an exact one too (see
// sequence_form_lemke.hpp), plus
// an O(k^3 (D + 1)) rational solve of the basis (k basic variables, D the
// longest sequence); numbers grow with D log(1/eps).
// Limits: two players, perfect recall; the answer is exact (the double path
// only proposes bases), meant for games of up to a few hundred sequences (the
// symbolic solve is dense rational Gauss-Jordan); may fail to find a stable basis within
// max_steps values of eps (then nothing is printed: exit 3). Information sets
// reached only through zero-probability chance moves get uniform beliefs and
// are skipped by the sequential-rationality check (noted).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <gmpxx.h>

#include "models/deadline.hpp"
#include "models/game/extensive_form.hpp"
#include "sim/solve/behavior_equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

struct QuasiPerfectOptions {
  std::size_t max_steps = 12;  // eps values tried: eps_0 / 16^k, k < max_steps
  Deadline deadline{};
};

struct QuasiPerfectResult {
  ExactBehaviorProfile behavior;                // limit behaviour at every set; chance rows: chance probabilities
  std::vector<std::vector<mpq_class>> beliefs;  // per global infoset, over infoset(i).nodes; empty for chance sets
  std::vector<std::size_t> zero_chance_sets;    // sets only zero-probability chance reaches (uniform beliefs)
  mpq_class epsilon;                            // the eps whose Lemke basis was stable
  mpq_class certified_epsilon;                  // eps* where the basis was checked by substitution
  std::size_t steps = 0;                        // eps values tried
  std::size_t pivots = 0;                       // over all of them
  std::size_t lcp_rows = 0;
  bool double_path = false;  // the stable basis came from the double-precision path (checked exactly all the same)
};

// nullopt when no eps within options.max_steps gives a stable basis. Throws
// std::invalid_argument (not 2 players), InputError (imperfect recall),
// LimitError (deadline).
std::optional<QuasiPerfectResult> quasi_perfect_equilibrium(const ExtensiveFormGame& game,
                                                            const QuasiPerfectOptions& options = {});

// One-shot deviations against an assessment, exactly: at every player
// information set not in `skip`, every action `behavior` plays with positive
// probability maximises the mover's expected continuation payoff under the
// beliefs (continuations follow `behavior`). True if none gains.
bool is_sequentially_rational(const ExtensiveFormGame& game, const ExactBehaviorProfile& behavior,
                              const std::vector<std::vector<mpq_class>>& beliefs,
                              const std::vector<std::size_t>& skip = {});

// `negsim solve GAME.efg --method qpe`: the equilibrium, verified (Nash by
// behavior_verify, sequential rationality by the check above), beliefs kept
// for the report. LimitError (exit 3) when eps does not stabilise.
ExtensiveSolveResult solve_quasi_perfect(const ExtensiveFormGame& game, const SolveOptions& options);

}  // namespace negsim
