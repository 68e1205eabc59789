#include "sim/repeated/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <atomic>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "sim/repeated/strategy_library.hpp"

namespace negsim {

namespace {

constexpr std::size_t kGeometricCap = 1000000;

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// xoshiro256** (Blackman & Vigna 2018): small state, fast, good quality.
struct Rng {
  std::uint64_t s[4];
  explicit Rng(std::uint64_t seed) {
    for (auto& x : s) x = seed = splitmix64(seed);
  }
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
    const std::uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

// Read-only view of one automaton for the inner loop.
struct Seat {
  const std::uint32_t* next;
  const std::uint32_t* action;
  std::size_t key_size;
  bool mask_key;
  std::uint32_t initial;
  std::uint32_t num_actions;
  const Automaton* automaton;
};

std::uint32_t sample_action(const std::vector<double>& d, double u) {
  double acc = 0;
  for (std::size_t a = 0; a + 1 < d.size(); ++a) {
    acc += d[a];
    if (u < acc) return static_cast<std::uint32_t>(a);
  }
  for (std::size_t a = d.size(); a-- > 0;)
    if (d[a] > 0) return static_cast<std::uint32_t>(a);
  return 0;
}

std::uint32_t sample_state(const StateDistribution& d, double u) {
  double acc = 0;
  for (const auto& [p, s] : d) {
    acc += p;
    if (u < acc) return s;
  }
  return d.back().second;
}

struct RunOutput {
  std::size_t rounds = 0;
  double weight = 0;  // sum of discount weights
};

}  // namespace

std::uint64_t run_seed(std::uint64_t seed, std::uint64_t run) {
  return splitmix64(splitmix64(seed) ^ (run * 0xD1B54A32D192ED03ull + 1));
}

SimulationOptions simulation_options(const RepeatedGameSpec& spec) {
  SimulationOptions o;
  o.rounds = spec.rounds;
  o.continuation = spec.continuation;
  o.discount = spec.discount;
  if (o.rounds == 0 && o.continuation >= 1.0) o.rounds = 100;
  return o;
}

SimulationResult simulate(const NormalFormGame& game, std::span<const Automaton> automata,
                          const SimulationOptions& options) {
  check_automata_profile(game, automata);
  if (options.runs == 0) throw std::invalid_argument("simulate: runs must be >= 1");
  if (!(options.continuation > 0 && options.continuation <= 1))
    throw std::invalid_argument("simulate: continuation must be in (0, 1]");
  if (!(options.tremble >= 0 && options.tremble <= 1))
    throw std::invalid_argument("simulate: tremble must be in [0, 1]");
  if (options.continuation >= 1 && options.rounds == 0)
    throw std::invalid_argument("simulate: a fixed horizon needs rounds >= 1");
  const std::size_t n = game.num_players();
  if (n > 32) throw std::invalid_argument("simulate: at most 32 players");
  const std::size_t max_rounds =
      options.rounds > 0 ? options.rounds : kGeometricCap;
  const bool geometric = options.continuation < 1.0;

  std::vector<Seat> seats(n);
  PureProfile target(n, 0);
  for (std::size_t p = 0; p < n; ++p) {
    const Automaton& a = automata[p];
    seats[p] = {a.next.data(), a.action.data(), a.key_size,
                a.key == TransitionKey::DeviationMask, a.initial,
                static_cast<std::uint32_t>(a.num_actions), &a};
    if (a.key == TransitionKey::DeviationMask) target = a.target;
  }
  std::vector<std::size_t> strides(n);
  for (std::size_t p = 0; p < n; ++p) strides[p] = game.stride(p);
  const double* payoffs = game.payoffs().data();
  const std::size_t num_profiles = game.num_profiles();
  const double delta = options.discount;
  const double tremble = options.tremble;
  const double continuation = options.continuation;

  const std::size_t runs = options.runs;
  // Runs are played in chunks of at most kChunkRuns, whose per-run results
  // are folded into the sums in run order before the next chunk: memory does
  // not grow with --runs (10^7 runs of 32 players would need 2.7 GB at once),
  // and the sums are those of one pass over the runs in order, whatever the
  // number of threads.
  constexpr std::size_t kChunkRuns = std::size_t{1} << 16;
  const std::size_t chunk = std::min(runs, kChunkRuns);
  std::vector<double> totals(chunk * n, 0.0);
  std::vector<RunOutput> outputs(chunk);
  std::size_t chunk_first = 0;  // first run of the current chunk
  const std::size_t kept = std::min(options.history_runs, runs);
  std::vector<History> histories(kept);

  std::atomic<bool> stopped{false};
  std::atomic<std::size_t> runs_done{0};
  // Blocks are sized by work, not by runs: the clock is read after every
  // kRoundsPerCheck rounds played, whether by one long run or many short ones.
  constexpr std::size_t kRoundsPerCheck = 4096;
  auto one_run = [&](std::size_t run) -> std::size_t {
    Rng rng(run_seed(options.seed, run));
    std::uint32_t state[32], act[32];
    double total[32];
    for (std::size_t p = 0; p < n; ++p) state[p] = seats[p].initial, total[p] = 0;
    History* history = run < kept ? &histories[run] : nullptr;
    if (history) {
      history->run = run;
      history->profiles.reserve(std::min<std::size_t>(max_rounds, 1 << 20));
    }
    double w = 1.0, weight = 0.0;
    std::size_t t = 0;
    while (t < max_rounds) {
      // Every kRoundsPerCheck rounds (~0.1 ms of work), so one long run, or
      // the other runs of a block after the deadline, cannot overshoot it.
      if ((t & (kRoundsPerCheck - 1)) == kRoundsPerCheck - 1 &&
          (stopped.load(std::memory_order_relaxed) || options.deadline.expired())) {
        stopped.store(true, std::memory_order_relaxed);
        return 0;  // an unfinished run is not counted
      }
      std::size_t idx = 0;
      std::uint32_t mask = 0, trembled = 0;
      for (std::size_t p = 0; p < n; ++p) {
        const Seat& seat = seats[p];
        std::uint32_t a = seat.action[state[p]];
        if (a & kMixedFlag) a = sample_action(seat.automaton->mixed[a & ~kMixedFlag], rng.uniform());
        if (tremble > 0 && seat.num_actions > 1 && rng.uniform() < tremble) {
          std::uint32_t other = static_cast<std::uint32_t>(rng.next() % (seat.num_actions - 1));
          a = other >= a ? other + 1 : other;
          trembled |= 1u << p;
        }
        act[p] = a;
        idx += a * strides[p];
        mask |= static_cast<std::uint32_t>(a != target[p]) << p;
      }
      for (std::size_t p = 0; p < n; ++p) total[p] += w * payoffs[p * num_profiles + idx];
      weight += w;
      for (std::size_t p = 0; p < n; ++p) {
        const Seat& seat = seats[p];
        std::uint32_t s = seat.next[state[p] * seat.key_size + (seat.mask_key ? mask : idx)];
        if (s & kRandomFlag) s = sample_state(seat.automaton->random[s & ~kRandomFlag], rng.uniform());
        state[p] = s;
      }
      if (history) {
        history->profiles.push_back(static_cast<std::uint32_t>(idx));
        history->trembled.push_back(static_cast<std::uint8_t>(trembled));
      }
      w *= delta;
      ++t;
      if (geometric && rng.uniform() >= continuation) break;
    }
    (void)act;
    for (std::size_t p = 0; p < n; ++p) totals[(run - chunk_first) * n + p] = total[p];
    outputs[run - chunk_first] = {t, weight};
    runs_done.fetch_add(1, std::memory_order_relaxed);
    return t;
  };

  SimulationResult result;
  result.runs = runs;
  result.mean_total.assign(n, 0);
  result.ci_total.assign(n, 0);
  result.mean_average.assign(n, 0);
  result.ci_average.assign(n, 0);
  double rounds_sum = 0;
  std::vector<double> s(n, 0.0), s2(n, 0.0), a(n, 0.0), a2(n, 0.0);
  for (chunk_first = 0; chunk_first < runs; chunk_first += chunk) {
    const std::size_t chunk_end = std::min(runs, chunk_first + chunk);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(chunk_first, chunk_end, 64),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        if (stopped.load(std::memory_order_relaxed)) return;
                        if (options.deadline.expired()) {
                          stopped.store(true, std::memory_order_relaxed);
                          return;
                        }
                        std::size_t rounds_since_check = 0;
                        for (std::size_t r = range.begin(); r != range.end(); ++r) {
                          if (stopped.load(std::memory_order_relaxed)) return;
                          rounds_since_check += one_run(r) + 1;
                          if (rounds_since_check < kRoundsPerCheck) continue;
                          rounds_since_check = 0;
                          if (stopped.load(std::memory_order_relaxed) || options.deadline.expired()) {
                            stopped.store(true, std::memory_order_relaxed);
                            return;
                          }
                        }
                      });
    if (stopped.load()) break;
    for (std::size_t r = 0; r < chunk_end - chunk_first; ++r) {
      rounds_sum += static_cast<double>(outputs[r].rounds);
      result.player_rounds += outputs[r].rounds * n;
      for (std::size_t p = 0; p < n; ++p) {
        const double x = totals[r * n + p];
        const double y = x / outputs[r].weight;
        s[p] += x, s2[p] += x * x, a[p] += y, a2[p] += y * y;
      }
    }
  }
  if (stopped.load())
    options.deadline.fail("simulating the repeated game: " + std::to_string(runs_done.load()) + " of " +
                          std::to_string(runs) + " runs done; nothing is reported");
  result.mean_rounds = rounds_sum / static_cast<double>(runs);
  for (std::size_t p = 0; p < n; ++p) {
    const double m = static_cast<double>(runs);
    result.mean_total[p] = s[p] / m;
    result.mean_average[p] = a[p] / m;
    if (runs > 1) {
      const double var_t = std::max(0.0, (s2[p] - s[p] * s[p] / m) / (m - 1));
      const double var_a = std::max(0.0, (a2[p] - a[p] * a[p] / m) / (m - 1));
      result.ci_total[p] = 1.96 * std::sqrt(var_t / m);
      result.ci_average[p] = 1.96 * std::sqrt(var_a / m);
    }
  }
  result.histories = std::move(histories);
  return result;
}

TournamentEntry library_entry(const std::string& spec) {
  const std::string name = spec.substr(0, spec.find(':'));
  return {name, [spec](const NormalFormGame& g, std::size_t p, const PureProfile& t) {
            return make_strategy_from_spec(spec, g, p, t);
          }};
}

namespace {
bool is_symmetric(const NormalFormGame& g) {
  if (g.num_players() != 2 || g.num_actions(0) != g.num_actions(1)) return false;
  const std::size_t k = g.num_actions(0);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j)
      if (g.payoff(0, i + j * k) != g.payoff(1, j + i * k)) return false;
  return true;
}
}  // namespace

TournamentResult run_tournament(const NormalFormGame& stage, const PureProfile& target,
                                const std::vector<TournamentEntry>& entries,
                                const TournamentOptions& options) {
  if (stage.num_players() != 2) throw std::invalid_argument("tournaments need a 2-player stage game");
  const std::size_t m = entries.size();
  const bool symmetric = is_symmetric(stage);
  if (symmetric && target[0] != target[1])
    throw std::invalid_argument("tournament on a symmetric game needs a symmetric target");
  TournamentResult result;
  for (const auto& e : entries) result.names.push_back(e.name);
  result.scores.assign(m, 0.0);
  result.matrix.assign(m, std::vector<double>(m, 0.0));
  SimulationOptions sim;
  sim.rounds = options.rounds;
  sim.continuation = options.continuation;
  sim.discount = options.discount;
  sim.tremble = options.tremble;
  sim.runs = options.repetitions;
  sim.history_runs = 0;
  sim.deadline = options.deadline;
  auto play = [&](std::size_t row, std::size_t col, std::uint64_t salt) {
    const std::vector<Automaton> pair = {entries[row].make(stage, 0, target),
                                         entries[col].make(stage, 1, target)};
    sim.seed = run_seed(options.seed, salt);
    return simulate(stage, pair, sim).mean_total;
  };
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = i; j < m; ++j) {
      if (i == j && !options.self_play) continue;
      const std::uint64_t salt = i * m + j;
      std::vector<double> r = play(i, j, salt);
      double score_i = r[0], score_j = r[1];
      if (i == j) score_i = score_j = (r[0] + r[1]) / 2;
      if (!symmetric) {
        const std::vector<double> s = play(j, i, salt + m * m);
        score_i = (score_i + s[1]) / 2;
        score_j = (score_j + s[0]) / 2;
      }
      result.matrix[i][j] = score_i;
      result.matrix[j][i] = score_j;
      result.scores[i] += score_i;
      if (i != j) result.scores[j] += score_j;
    }
  }
  result.ranking.resize(m);
  for (std::size_t i = 0; i < m; ++i) result.ranking[i] = i;
  std::stable_sort(result.ranking.begin(), result.ranking.end(), [&](std::size_t a, std::size_t b) {
    if (result.scores[a] != result.scores[b]) return result.scores[a] > result.scores[b];
    return result.names[a] < result.names[b];
  });
  return result;
}

}  // namespace negsim
