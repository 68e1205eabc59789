// negsim learn GAME --dynamics NAME: run one learning dynamic of sim/learn/ on
// a .nfg game or a scenario's stage game and print its trajectory (csv, json)
// or a summary with an independent verdict on where it ended (text).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/learn/dynamics_catalog.hpp"
#include "sim/report/learning_report.hpp"

namespace negsim::cli {

namespace {

constexpr std::uint64_t kMaxIterations = 100'000'000;
constexpr std::uint64_t kMaxTrajectoryRows = 1'000'000;

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

// A whole number in [low, high], written in digits only.
std::uint64_t whole(const std::string& option, const std::string& text, std::uint64_t low, std::uint64_t high) {
  const std::string t = trim(text);
  const bool digits = !t.empty() && t.size() <= 20 && t.find_first_not_of("0123456789") == std::string::npos;
  std::uint64_t value = 0;
  bool in_range = digits;
  if (digits) {
    try {
      const unsigned long long v = std::stoull(t);
      value = static_cast<std::uint64_t>(v);
    } catch (const std::exception&) {
      in_range = false;
    }
  }
  if (!in_range || value < low || value > high)
    throw UsageError("--" + option + ": expected a whole number from " + std::to_string(low) + " to " +
                     std::to_string(high) + ", got '" + text + "'");
  return value;
}

// A finite number in (low, high] (or [low, high] when low_inclusive).
double real(const std::string& option, const std::string& text, double low, double high, bool low_inclusive = false) {
  const std::string t = trim(text);
  double value = std::numeric_limits<double>::quiet_NaN();
  std::size_t used = 0;
  try {
    value = std::stod(t, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const bool ok = !t.empty() && used == t.size() && std::isfinite(value) &&
                  (low_inclusive ? value >= low : value > low) && value <= high;
  if (!ok) {
    std::ostringstream range;
    range << (low_inclusive ? "[" : "(") << low << ", " << high << "]";
    throw UsageError("--" + option + ": expected a finite number in " + range.str() + ", got '" + text + "'");
  }
  return value;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(separator, start);
    out.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

// --initial: one part per player separated by ';', each either the player's
// probabilities (comma-separated, one per action) or one action label.
MixedProfile parse_initial(const std::string& text, const NormalFormGame& game) {
  const std::vector<std::string> parts = split(text, ';');
  if (parts.size() != game.num_players())
    throw UsageError("--initial: expected " + std::to_string(game.num_players()) +
                     " parts separated by ';' (one per player), got " + std::to_string(parts.size()));
  MixedProfile out(game.num_players());
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const std::string part = trim(parts[p]);
    const std::vector<std::string>& labels = game.action_labels[p];
    const auto label = std::find(labels.begin(), labels.end(), part);
    if (label != labels.end()) {
      out[p].assign(labels.size(), 0.0);
      out[p][static_cast<std::size_t>(label - labels.begin())] = 1.0;
      continue;
    }
    const std::vector<std::string> numbers = split(part, ',');
    bool numeric = numbers.size() == labels.size();
    double sum = 0;
    for (std::size_t a = 0; numeric && a < numbers.size(); ++a) {
      const std::string t = trim(numbers[a]);
      std::size_t used = 0;
      double x = 0;
      try {
        x = std::stod(t, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (t.empty() || used != t.size()) {
        numeric = false;
        break;
      }
      if (!std::isfinite(x) || x < 0 || x > 1)
        throw UsageError("--initial: player " + game.player_names[p] + ": probability '" + t +
                         "' is not in [0, 1]");
      out[p].push_back(x);
      sum += x;
    }
    if (!numeric) {
      const std::string guess = closest_match(part, labels);
      throw UsageError("--initial: player " + game.player_names[p] + ": '" + part + "' is neither one of its " +
                       std::to_string(labels.size()) + " actions nor " + std::to_string(labels.size()) +
                       " comma-separated probabilities" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
    }
    if (std::abs(sum - 1) > 1e-9)
      throw UsageError("--initial: player " + game.player_names[p] + ": probabilities sum to " +
                       std::to_string(sum) + ", not 1");
  }
  return out;
}

std::string users_of(bool DynamicsInfo::*flag) {
  std::string out;
  for (const DynamicsInfo& d : dynamics_catalog())
    if (d.*flag) out += (out.empty() ? "" : ", ") + d.name;
  return out;
}

}  // namespace

int command_learn(const Args& args) {
  std::string names;
  std::string listed;  // for --help, where the line may wrap
  for (const DynamicsInfo& d : dynamics_catalog()) {
    names += (names.empty() ? "" : "|") + d.name;
    listed += (listed.empty() ? "" : ", ") + d.name;
  }
  const std::string usage =
      "usage: negsim learn GAME --dynamics NAME [--iterations N] [--every K] [--format csv|json|text] ...\n"
      "GAME is a Gambit .nfg file or a scenario (YAML). Dynamics: " + names + ".\n"
      "Prints the trajectory (csv, json) or a summary with an independent verdict (text).";
  ScenarioOptions scenario_options;
  OutputOptions output;
  std::string dynamics, iterations = "10000", every, tol = "1e-6", step = "0.1", lambda = "10", seed = "0",
                        initial, regret_tol = "1e-6";
  bool simultaneous = false;
  po::options_description named("learn options");
  add_output_options(named, output, "text|csv|json (csv and json: the trajectory)");
  add_scenario_options(named, scenario_options);
  named.add_options()
      ("dynamics", po::value(&dynamics)->value_name("NAME"), ("the learning dynamic, one of: " + listed).c_str())
      ("iterations", po::value(&iterations)->value_name("N"), "at most N iterations (rounds), 1..1e8 (default 10000)")
      ("every", po::value(&every)->value_name("K"), "record the trajectory every K iterations (default N/500, at least 1)")
      ("tol", po::value(&tol)->value_name("X"), "the dynamic's own stopping threshold, > 0 (default 1e-6)")
      ("step", po::value(&step)->value_name("X"), "replicator: RK4 step; logit: mixing weight; in (0, 1] (default 0.1)")
      ("lambda", po::value(&lambda)->value_name("X"), "logit: precision, in (0, 1e6] (default 10)")
      ("seed", po::value(&seed)->value_name("S"), "regret-matching: seed of the sampled play (default 0)")
      ("simultaneous", po::bool_switch(&simultaneous), "best-response: all players switch at once")
      ("initial", po::value(&initial)->value_name("SPEC"),
       "starting profile: per player (';'-separated) an action label or comma-separated probabilities")
      ("regret-tol", po::value(&regret_tol)->value_name("REL"),
       "verdict: a player's regret must be within REL of its payoff range, in (0, 1) (default 1e-6)");
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"game"}, vm)) return kExitOk;
  if (!vm.count("game")) throw UsageError("learn needs a GAME (.nfg file or scenario)\n" + usage);
  if (dynamics.empty()) throw UsageError("learn needs --dynamics NAME (" + names + ")");
  check_format(output, {"text", "csv", "json"});
  const DynamicsInfo& info = find_dynamics(dynamics);
  const auto applies = [&](const char* option, bool DynamicsInfo::*flag) {
    if (vm.count(option) && !vm[option].defaulted() && !(info.*flag))
      throw UsageError(std::string("--") + option + " does not apply to --dynamics " + info.name +
                       " (it applies to: " + users_of(flag) + ")");
  };
  applies("step", &DynamicsInfo::uses_step);
  applies("lambda", &DynamicsInfo::uses_lambda);
  applies("seed", &DynamicsInfo::uses_seed);
  if (simultaneous && !info.uses_simultaneous)
    throw UsageError("--simultaneous does not apply to --dynamics " + info.name +
                     " (it applies to: " + users_of(&DynamicsInfo::uses_simultaneous) + ")");

  LearningOptions options;
  options.max_iterations = whole("iterations", iterations, 1, kMaxIterations);
  options.trace_every = every.empty() ? std::max<std::size_t>(1, options.max_iterations / 500)
                                      : whole("every", every, 1, options.max_iterations);
  if (options.max_iterations / options.trace_every > kMaxTrajectoryRows)
    throw UsageError("--every " + std::to_string(options.trace_every) + " would record more than " +
                     std::to_string(kMaxTrajectoryRows) + " trajectory points; raise --every");
  options.tol = real("tol", tol, 0, 1e9);
  options.step = real("step", step, 0, 1);
  options.lambda = real("lambda", lambda, 0, 1e6);
  options.seed = whole("seed", seed, 0, std::numeric_limits<std::uint64_t>::max());
  options.simultaneous = simultaneous;
  const double rel_tol = real("regret-tol", regret_tol, 0, 1);
  if (rel_tol >= 1) throw UsageError("--regret-tol: expected a finite number in (0, 1), got '" + regret_tol + "'");
  options.deadline = scenario_options.deadline;

  const std::string path = vm["game"].as<std::string>();
  const LoadedGame loaded = load_game(path, scenario_options, false);
  const NormalFormGame& game = loaded.game();
  if (!initial.empty()) options.initial = parse_initial(initial, game);
  const LearningRun run = run_learning(game, info.name, options, rel_tol);
  if (output.format == "csv") emit(output, learning_csv(game, run));
  else if (output.format == "json") emit(output, learning_json(game, run).dump(2) + "\n");
  else emit(output, learning_text(game, run, path));
  return kExitOk;
}

}  // namespace negsim::cli
