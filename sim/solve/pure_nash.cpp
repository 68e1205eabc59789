#include "sim/solve/pure_nash.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>

#include "models/deadline.hpp"

namespace negsim {

namespace {

// Width of a column chunk: the chunk's n rows are scanned twice (max, then
// compare), so chunk * n doubles should stay in L1/L2.
constexpr std::size_t kChunk = 256;

// Progress and the time budget: the clock is read once per kCheckEvery
// payoff entries, so checking costs nothing measurable.
constexpr std::size_t kCheckEvery = std::size_t{1} << 16;

struct Progress {
  const Deadline* deadline = nullptr;
  std::size_t players_done = 0;
  std::size_t num_players = 0;
  std::size_t entries = 0;  // payoff entries read since the last clock check

  void advance(std::size_t count) {
    entries += count;
    if (entries < kCheckEvery || deadline == nullptr) return;
    entries = 0;
    if (deadline->expired())
      deadline->fail("searching for pure equilibria: " + std::to_string(players_done) + " of " +
                     std::to_string(num_players) +
                     " players' best responses checked; no equilibrium is reported, since none is "
                     "verified yet");
  }
};

// The view of player p's table as blocks [high][a][low], low < stride(p),
// a < num_actions(p).
struct Axis {
  const double* table;
  std::size_t n;       // num_actions(p)
  std::size_t stride;  // stride(p): the length of `low`
  std::size_t block;   // stride * n
  std::size_t blocks;  // num_profiles / block
};

Axis axis_of(const NormalFormGame& game, std::size_t p) {
  Axis x;
  x.table = game.payoff_table(p).data();
  x.n = game.num_actions(p);
  x.stride = game.stride(p);
  x.block = x.stride * x.n;
  x.blocks = game.num_profiles() / x.block;
  return x;
}

// First pass, for the player with the most actions: every profile at which
// that player best-responds, in increasing index order. One read of its table.
std::vector<std::size_t> best_responses(const Axis& x, double tol, Progress& progress) {
  std::vector<std::size_t> found;
  double best[kChunk];
  for (std::size_t b = 0; b < x.blocks; ++b) {
    const std::size_t base = b * x.block;
    if (x.stride == 1) {
      progress.advance(x.n);
      const double* row = x.table + base;
      const double threshold = *std::max_element(row, row + x.n) - tol;
      for (std::size_t a = 0; a < x.n; ++a)
        if (row[a] >= threshold) found.push_back(base + a);
      continue;
    }
    // Collect per chunk, then merge into index order within the block.
    const std::size_t first_of_block = found.size();
    for (std::size_t lo = 0; lo < x.stride; lo += kChunk) {
      const std::size_t width = std::min(kChunk, x.stride - lo);
      progress.advance(width * x.n);
      const double* first = x.table + base + lo;
      std::copy(first, first + width, best);
      for (std::size_t a = 1; a < x.n; ++a) {
        const double* row = first + a * x.stride;
        for (std::size_t i = 0; i < width; ++i) best[i] = std::max(best[i], row[i]);
      }
      for (std::size_t i = 0; i < width; ++i) best[i] -= tol;
      for (std::size_t a = 0; a < x.n; ++a) {
        const double* row = first + a * x.stride;
        for (std::size_t i = 0; i < width; ++i)
          if (row[i] >= best[i]) found.push_back(base + lo + a * x.stride + i);
      }
    }
    if (x.stride > kChunk) std::sort(found.begin() + first_of_block, found.end());
  }
  return found;
}

// Best-response value of every opponent profile ("column") of player p:
// colmax[low + high * stride]. One streaming read of p's table.
std::vector<double> column_maxima(const Axis& x, Progress& progress) {
  std::vector<double> colmax(x.blocks * x.stride);
  for (std::size_t b = 0; b < x.blocks; ++b) {
    const double* block = x.table + b * x.block;
    double* out = colmax.data() + b * x.stride;
    std::copy(block, block + x.stride, out);
    for (std::size_t a = 1; a < x.n; ++a) {
      progress.advance(x.stride);
      const double* row = block + a * x.stride;
      for (std::size_t i = 0; i < x.stride; ++i) out[i] = std::max(out[i], row[i]);
    }
  }
  return colmax;
}

// Keeps the candidates at which player p best-responds. Few candidates: look
// at each one's n deviations directly; many: one pass for all column maxima.
void keep_best_responses(const Axis& x, double tol, std::vector<std::size_t>& candidates,
                         Progress& progress) {
  // One action: always a best response. Skipped, not scanned: a game with
  // thousands of one-action players would otherwise read the whole table
  // once per such player, uncounted by `progress`.
  if (x.n == 1) return;
  const std::size_t profiles = x.blocks * x.block;
  std::size_t kept = 0;
  if (candidates.size() * x.n * 8 < profiles) {
    for (std::size_t idx : candidates) {
      progress.advance(x.n);
      const std::size_t a_own = (idx / x.stride) % x.n;
      const double* column = x.table + idx - a_own * x.stride;
      double best = column[0];
      for (std::size_t a = 1; a < x.n; ++a) best = std::max(best, column[a * x.stride]);
      if (x.table[idx] >= best - tol) candidates[kept++] = idx;
    }
  } else {
    const std::vector<double> colmax = column_maxima(x, progress);
    for (std::size_t idx : candidates) {
      const std::size_t col = idx % x.stride + (idx / x.block) * x.stride;
      if (x.table[idx] >= colmax[col] - tol) candidates[kept++] = idx;
    }
  }
  candidates.resize(kept);
}

// Each player's payoff and the largest regret of the pure profile `index`,
// read from the tables: O(sum of actions). The same numbers as
// expected_payoffs and max_regret of its mixed form, which sweep the others'
// distributions (O(profiles) per player): for 10,000 equilibria of a
// 20-player game that alone was minutes past any --time-limit.
void pure_payoffs_and_regret(const NormalFormGame& game, std::size_t index, std::vector<double>& payoffs,
                             double& max_regret) {
  payoffs.assign(game.num_players(), 0.0);
  max_regret = 0.0;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const std::size_t stride = game.stride(p);
    const std::size_t base = index - game.action_of(index, p) * stride;
    const double value = 0.0 + game.payoff(p, index);
    double best = value;
    for (std::size_t a = 0; a < game.num_actions(p); ++a) best = std::max(best, 0.0 + game.payoff(p, base + a * stride));
    payoffs[p] = value;
    max_regret = std::max(max_regret, best - value);
  }
}

// The candidates are checked and written out after the search: the clock is
// read every kCandidatesPerCheck of them.
constexpr std::size_t kCandidatesPerCheck = 256;

}  // namespace

std::vector<std::size_t> pure_nash_profiles(const NormalFormGame& game, double tol,
                                            std::size_t max_count, bool* truncated,
                                            const Deadline* deadline) {
  return pure_nash_profiles(game, std::vector<double>(game.num_players(), tol), max_count, truncated,
                            deadline);
}

std::vector<std::size_t> pure_nash_profiles(const NormalFormGame& game, const std::vector<double>& tol,
                                            std::size_t max_count, bool* truncated,
                                            const Deadline* deadline) {
  Progress progress;
  progress.deadline = deadline;
  progress.num_players = game.num_players();
  // Start with the player with the most actions: its pass leaves the fewest
  // candidates (about num_profiles / num_actions) for the others to check.
  std::vector<std::size_t> order(game.num_players());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return game.num_actions(a) > game.num_actions(b);
  });
  std::vector<std::size_t> candidates = best_responses(axis_of(game, order[0]), tol[order[0]], progress);
  for (std::size_t k = 1; k < order.size() && !candidates.empty(); ++k) {
    progress.players_done = k;
    keep_best_responses(axis_of(game, order[k]), tol[order[k]], candidates, progress);
  }
  if (truncated) *truncated = candidates.size() > max_count;
  if (candidates.size() > max_count) candidates.resize(max_count);
  return candidates;
}

SolveResult solve_pure_nash(const NormalFormGame& game, const SolveOptions& options) {
  SolveResult result;
  result.method = "pure";
  // The pure rule (equilibrium.hpp) has no tolerance: the search compares
  // the doubles exactly, then each candidate is decided again by
  // is_pure_equilibrium (on the exact payoffs when the game has them, where
  // doubles equal by rounding are only a filter). A candidate it turns down
  // is not a rejected equilibrium.
  const std::vector<double> search_tol(game.num_players(), 0.0);
  bool truncated = false;
  const Deadline deadline = solve_deadline(options);
  const std::vector<std::size_t> profiles =
      pure_nash_profiles(game, search_tol, options.max_equilibria, &truncated, &deadline);
  std::size_t checked = 0;
  for (std::size_t index : profiles) {
    if (checked++ % kCandidatesPerCheck == kCandidatesPerCheck - 1 && deadline.expired()) {
      mark_limit_reached(result, LimitKind::time,
                         deadline.message("listing pure equilibria: " + std::to_string(checked - 1) + " of " +
                                          std::to_string(profiles.size()) + " candidates checked, " +
                                          std::to_string(result.equilibria.size()) +
                                          " verified equilibria found; the list is incomplete"));
      return result;
    }
    if (!is_pure_equilibrium(game, index)) continue;
    const PureProfile actions = game.profile_actions(index);
    Equilibrium eq;
    eq.profile = game.pure_to_mixed(actions);
    pure_payoffs_and_regret(game, index, eq.payoffs, eq.max_regret);
    eq.method = "pure";
    if (game.has_exact()) {
      ExactMixedProfile exact(game.num_players());
      for (std::size_t p = 0; p < game.num_players(); ++p) {
        exact[p].assign(game.num_actions(p), 0);
        exact[p][actions[p]] = 1;
      }
      eq.exact = std::move(exact);
    }
    result.equilibria.push_back(std::move(eq));
  }
  if (truncated)
    mark_limit_reached(result, LimitKind::equilibria_cap,
                       "stopped after " + std::to_string(options.max_equilibria) +
                           " pure equilibria (--max-equilibria)");
  return result;
}

}  // namespace negsim
