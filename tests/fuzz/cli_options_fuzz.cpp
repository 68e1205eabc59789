// libFuzzer target: the command-line parsers of every negsim command
// (sim/cli/cmd_*.cpp with the checked numeric options of
// sim/cli/option_ranges.hpp, and `negsim sweep`).
//
// Input: one line per word. The first line picks the command (its first byte
// modulo the number of commands, or its name); every further line is one
// argument, as the shell would pass it (e.g. "--runs", "-1", "--delta=nan").
// The command runs in parse-only mode (cli::set_parse_only): it stops right
// after its options have been parsed and checked, before reading any file.
// Every input must either parse (ParsedOnly, or --help) or throw UsageError /
// InputError; nothing else (another exception, crash, hang, sanitizer
// report) is acceptable. An accepted numeric option is also re-checked: the
// parsers of option_ranges.hpp must give a value inside the range they were
// asked for, for every text they accept.
// Seeds: tests/fuzz/corpus/cli_options/ (see scripts/ci_fuzz).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "models/errors.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/option_ranges.hpp"
#include "sim/sweep/sweep_command.hpp"

// The executable embeds the default scenario; the parsers never read it.
namespace negsim {
std::string_view embedded_default_scenario() { return ""; }
}  // namespace negsim

namespace {

using Command = int (*)(const negsim::cli::Args&);

struct Named {
  const char* name;
  Command run;
};

int sweep_parse_only(const negsim::cli::Args& args) {
  negsim::check_sweep_arguments(args);
  return 0;
}

const Named kCommands[] = {
    {"run", negsim::cli::command_run},           {"validate", negsim::cli::command_validate},
    {"solve", negsim::cli::command_solve},       {"export", negsim::cli::command_export},
    {"generate", negsim::cli::command_generate}, {"bargain", negsim::cli::command_bargain},
    {"repeated", negsim::cli::command_repeated}, {"sweep", sweep_parse_only},
};

void check_ranges(const std::string& text) {
  using namespace negsim::cli;
  try {
    const std::uint64_t n = parse_count_option("n", text, 3, 1000);
    if (n < 3 || n > 1000) std::abort();
  } catch (const negsim::UsageError&) {
  }
  try {
    const RealRange range{0, 1, true, false};
    const double x = parse_real_option("x", text, range);
    if (!std::isfinite(x) || !(x > 0) || x > 1) std::abort();
  } catch (const negsim::UsageError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> words;
  std::stringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) words.push_back(line);
  if (words.empty()) return 0;
  constexpr std::size_t count = sizeof kCommands / sizeof kCommands[0];
  const Named* command = &kCommands[static_cast<unsigned char>(words[0].empty() ? 0 : words[0][0]) % count];
  for (const Named& c : kCommands)
    if (words[0] == c.name) command = &c;
  const negsim::cli::Args args(words.begin() + 1, words.end());
  for (const std::string& word : args) check_ranges(word);

  negsim::cli::set_parse_only(true);
  std::streambuf* saved = std::cout.rdbuf(nullptr);  // --help text goes nowhere
  try {
    command->run(args);
  } catch (const negsim::cli::ParsedOnly&) {
  } catch (const negsim::UsageError&) {
  } catch (const negsim::InputError&) {
  }
  std::cout.rdbuf(saved);
  return 0;
}
