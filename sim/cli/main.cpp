// negsim: parse, call, report. See docs/cli.md.
#include <exception>
#include <iostream>
#include <map>
#include <new>
#include <string>

#include <nlohmann/json.hpp>

#include "models/errors.hpp"
#include "negsim_version.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/complete.hpp"
#include "sim/sweep/sweep_command.hpp"

namespace {

constexpr const char* kUsage =
    "negsim: negotiation game-theory simulator\n"
    "\n"
    "usage: negsim COMMAND [ARGS] [--help]\n"
    "\n"
    "commands:\n"
    "  run [SCENARIO]        analyse a scenario (default: the embedded TikTok 2025 scenario)\n"
    "  validate SCENARIO     check a scenario file and report its size\n"
    "  solve GAME            equilibria of a .nfg file or a scenario's stage game\n"
    "  export SCENARIO       write a scenario's stage game as a Gambit .nfg file\n"
    "  bargain [SCENARIO]    alternating offers, Nash and Kalai-Smorodinsky solutions of a deal\n"
    "  repeated [GAME]       repeated play: sustainability, simulation, tournaments, payoff sets\n"
    "  learn GAME            learning dynamics (fictitious play, replicator, ...): trajectory and verdict\n"
    "  sensitivity [SCENARIO] tipping points: where each parameter changes the predicted outcome\n"
    "  generate              write a seeded random game as a .nfg file\n"
    "  sweep SCENARIO        analyse many variants of a scenario (grids, lists, random, LHS)\n"
    "  merge FILE...         join the shards of a sweep into the file one run writes\n"
    "  report SWEEP.csv      HTML or Markdown report of a sweep: regime map, outcome shares\n"
    "\n"
    "exit codes: 0 success, 1 bad input, 2 bad usage, 3 limit exceeded, 4 internal error\n";

using Command = int (*)(const negsim::cli::Args&);

}  // namespace

int main(int argc, char** argv) {
  using namespace negsim;
  using namespace negsim::cli;
  const std::map<std::string, Command> commands = {
      {"run", command_run},         {"validate", command_validate}, {"solve", command_solve},
      {"export", command_export},   {"generate", command_generate},
      {"bargain", command_bargain},  {"repeated", command_repeated},
      {"learn", command_learn},    {"merge", command_merge},
      {"report", command_report}, {"sensitivity", command_sensitivity},
      {"sweep", run_sweep_command}};
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (name == "--version") {
    std::cout << "negsim " << kVersion << "\n";
    return kExitOk;
  }
  const auto it = commands.find(name);
  std::vector<std::string> names;
  for (const auto& [n, _] : commands) names.push_back(n);
  try {
    // Hidden: word lists for the bash completion script (sim/cli/complete.hpp).
    if (name == "complete") return command_complete(Args(argv + 2, argv + argc), names);
    if (it == commands.end()) {
      const std::string guess = closest_match(name, names);
      throw UsageError("unknown command '" + name + "'" +
                       (guess.empty() ? "" : " (did you mean '" + guess + "'?)") + "\n" + kUsage);
    }
    return it->second(Args(argv + 2, argv + argc));
  } catch (const InputError& e) {
    std::cerr << "negsim: error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const UsageError& e) {
    std::cerr << "negsim: usage error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const LimitError& e) {
    std::cerr << "negsim: limit exceeded: " << e.what() << "\n";
    return kExitLimit;
  } catch (const std::bad_alloc&) {
    std::cerr << "negsim: limit exceeded: out of memory (lower --max-profiles or the game size)\n";
    return kExitLimit;
  } catch (const nlohmann::json::type_error& e) {
    // 316: a string that is not UTF-8 reached the JSON writer. Files are
    // checked when they are read; what is left is a command-line argument
    // (a file name, --set): bad input, not a bug.
    if (e.id != 316) {
      std::cerr << "negsim: internal error: " << e.what() << "\n";
      return kExitInternal;
    }
    std::cerr << "negsim: error: the JSON output would contain text that is not UTF-8 (" << e.what()
              << ")\n  hint: use UTF-8 file names and arguments\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "negsim: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}
