#include "sim/solve/pure_nash.hpp"

#include <algorithm>
#include <cstdint>

namespace negsim {

namespace {

// Width of a column chunk: chunk * num_actions doubles are scanned twice
// (max, then compare), so keep the chunk small enough to stay in L1/L2.
constexpr std::size_t kChunk = 256;

// Clears mask entries whose player-p payoff is below the best response by
// more than tol. The table is viewed as blocks [high][a][low] with
// low < stride(p), a < num_actions(p).
void clear_non_best_responses(const NormalFormGame& game, std::size_t p, double tol,
                              std::vector<std::uint8_t>& mask) {
  const double* table = game.payoff_table(p).data();
  const std::size_t n = game.num_actions(p);
  const std::size_t low_count = game.stride(p);
  const std::size_t block = low_count * n;
  const std::size_t blocks = game.num_profiles() / block;
  std::uint8_t* m = mask.data();
  if (low_count == 1) {
    // Contiguous rows of n payoffs: player 1, or one after players with a single action.
    for (std::size_t b = 0; b < blocks; ++b) {
      const double* row = table + b * n;
      double best = row[0];
      for (std::size_t a = 1; a < n; ++a) best = std::max(best, row[a]);
      const double threshold = best - tol;
      std::uint8_t* mrow = m + b * n;
      // Player 1 goes first, so its pass sets the mask rather than narrowing it.
      if (p == 0)
        for (std::size_t a = 0; a < n; ++a) mrow[a] = static_cast<std::uint8_t>(row[a] >= threshold);
      else
        for (std::size_t a = 0; a < n; ++a) mrow[a] &= static_cast<std::uint8_t>(row[a] >= threshold);
    }
    return;
  }
  double best[kChunk];
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t base = b * block;
    for (std::size_t lo = 0; lo < low_count; lo += kChunk) {
      const std::size_t width = std::min(kChunk, low_count - lo);
      const double* first = table + base + lo;
      std::copy(first, first + width, best);
      for (std::size_t a = 1; a < n; ++a) {
        const double* row = first + a * low_count;
        for (std::size_t i = 0; i < width; ++i) best[i] = std::max(best[i], row[i]);
      }
      for (std::size_t i = 0; i < width; ++i) best[i] -= tol;
      for (std::size_t a = 0; a < n; ++a) {
        const double* row = first + a * low_count;
        std::uint8_t* mrow = m + base + lo + a * low_count;
        for (std::size_t i = 0; i < width; ++i)
          mrow[i] &= static_cast<std::uint8_t>(row[i] >= best[i]);
      }
    }
  }
}

// Exact check of a pure profile against every unilateral pure deviation.
bool is_exact_pure_equilibrium(const NormalFormGame& game, std::size_t index) {
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const std::size_t own = game.action_of(index, p);
    const std::size_t base = index - own * game.stride(p);
    const mpq_class& value = game.exact_payoff(p, index);
    for (std::size_t a = 0; a < game.num_actions(p); ++a)
      if (game.exact_payoff(p, base + a * game.stride(p)) > value) return false;
  }
  return true;
}

}  // namespace

std::vector<std::size_t> pure_nash_profiles(const NormalFormGame& game, double tol,
                                            std::size_t max_count, bool* truncated) {
  // Player 1's pass initialises every entry (see clear_non_best_responses).
  std::vector<std::uint8_t> mask(game.num_profiles());
  for (std::size_t p = 0; p < game.num_players(); ++p) clear_non_best_responses(game, p, tol, mask);
  std::vector<std::size_t> result;
  if (truncated) *truncated = false;
  const std::uint8_t* m = mask.data();
  const std::size_t count = mask.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (!m[i]) continue;
    if (result.size() == max_count) {
      if (truncated) *truncated = true;
      break;
    }
    result.push_back(i);
  }
  return result;
}

SolveResult solve_pure_nash(const NormalFormGame& game, const SolveOptions& options) {
  SolveResult result;
  result.method = "pure";
  // Search with a tolerance far below the verification tolerance, so that
  // verification is a real second check rather than the same comparison.
  const double verify_tol = regret_tolerance(game, options.rel_tol);
  const double search_tol = game.has_exact() ? 0.0 : verify_tol * 1e-3;
  bool truncated = false;
  const std::vector<std::size_t> profiles =
      pure_nash_profiles(game, search_tol, options.max_equilibria, &truncated);
  for (std::size_t index : profiles) {
    const PureProfile actions = game.profile_actions(index);
    if (game.has_exact()) {
      // The double search is only a filter here; exact ties decide.
      if (!is_exact_pure_equilibrium(game, index)) continue;
      ExactMixedProfile exact(game.num_players());
      for (std::size_t p = 0; p < game.num_players(); ++p) {
        exact[p].assign(game.num_actions(p), 0);
        exact[p][actions[p]] = 1;
      }
      Equilibrium eq;
      eq.profile = game.pure_to_mixed(actions);
      eq.max_regret = game.max_regret(eq.profile);
      eq.payoffs = game.expected_payoffs(eq.profile);
      eq.exact = std::move(exact);
      eq.method = "pure";
      result.equilibria.push_back(std::move(eq));
      continue;
    }
    auto eq = verify_equilibrium(game, game.pure_to_mixed(actions), "pure", verify_tol);
    if (eq) result.equilibria.push_back(std::move(*eq));
    else ++result.rejected;
  }
  if (truncated) {
    result.complete = false;
    result.notes.push_back("stopped after " + std::to_string(options.max_equilibria) +
                           " pure equilibria (--max-equilibria)");
  }
  return result;
}

}  // namespace negsim
