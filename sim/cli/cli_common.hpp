// Shared pieces of the negsim subcommands: option groups, loading a game from
// a .nfg file or a scenario, and writing output (stdout or --out, atomically).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/report/report_document.hpp"
#include "sim/solve/backward_induction.hpp"

namespace negsim::cli {

namespace po = boost::program_options;

// Exit codes (DESIGN.md; docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitLimit = 3;
inline constexpr int kExitInternal = 4;

struct ScenarioOptions {
  std::vector<std::string> sets;  // NAME=VALUE
  std::uint64_t max_profiles = BuildOptions{}.max_profiles;
  // --time-limit SECONDS: made while the command line is parsed, so one
  // deadline bounds the whole command (building the game, every analysis).
  Deadline deadline;
};
// --set, --max-profiles and --time-limit.

void add_scenario_options(po::options_description& desc, ScenarioOptions& options);

struct OutputOptions {
  std::string format = "text";
  std::string out;  // empty: stdout
};
// --select first|welfare|risk-dominant|all: the selection rule of the
// analysis (subgame-perfect equilibria, the disagreement point). A value
// outside the list is a UsageError (exit 2) with a did-you-mean hint.
void add_select_option(po::options_description& desc, StageSelection& select);

void add_output_options(po::options_description& desc, OutputOptions& options,
                        const std::string& formats);
// Checks that options.format is one of `allowed` (UsageError otherwise).
void check_format(const OutputOptions& options, const std::vector<std::string>& allowed);
// Writes output to stdout or atomically to options.out; text (every format but
// json) passes through text_block, which neutralises control characters.
void emit(const OutputOptions& options, std::string_view text);
// The formats of a report document, for the commands that write one.
inline const std::vector<std::string> kDocumentFormats = {"html", "markdown"};
bool is_document_format(const OutputOptions& options);
// Writes a report document as --format html (one self-contained page) or
// markdown (with --out FILE.md, the pictures go to FILE_files/*.svg beside
// it, written before the Markdown file; on standard output, no pictures).
void emit_document(const OutputOptions& options, const ReportDocument& document);

// Parses argv for one subcommand: named options plus positionals (in order).
// Returns false after printing help when --help was given. Every numeric
// option is checked here (option_ranges.hpp notifiers).
bool parse_command_line(const std::vector<std::string>& args, const std::string& usage,
                        po::options_description& named, const std::vector<std::string>& positional,
                        po::variables_map& vm);

// The command line of a subcommand that reads one optional SCENARIO and writes
// text or json: SCENARIO, --format text|json, --out, --set, --max-profiles,
// --time-limit and --select, with `title` heading the option list in --help.
struct ScenarioCommandLine {
  ScenarioOptions scenario;
  OutputOptions output;
  StageSelection select = StageSelection::kFirst;  // --select (run, bargain)
  std::string path;  // SCENARIO; empty for the embedded default
};
// nullopt after printing help for --help; UsageError for a bad command line.
// `extra`: the command's own options (run: --sensitivity, --verbose).
// `formats` lists the accepted --format values (the first is the default).
std::optional<ScenarioCommandLine> parse_scenario_command_line(const std::vector<std::string>& args,
                                                               const std::string& usage,
                                                               const std::string& title,
                                                               po::options_description* extra = nullptr,
                                                               po::variables_map* vm_out = nullptr,
                                                               const std::vector<std::string>& formats = {"text", "json"});

// Build options from --max-profiles and --time-limit.
BuildOptions build_options(const ScenarioOptions& options);

// The scenario named on the command line (the embedded default when empty),
// with --set overrides applied.
Scenario load_scenario(const std::string& path, const ScenarioOptions& options);
bool looks_like_nfg(const std::string& path);

// A game from a .nfg file or a scenario. `scenario` is set for scenarios.
struct LoadedGame {
  std::optional<Scenario> scenario;
  std::optional<ScenarioGame> built;  // set for scenarios
  NormalFormGame nfg;                 // set for .nfg files
  const NormalFormGame& game() const { return built ? built->game : nfg; }
};
// Builds scenarios with options.max_profiles and options.deadline.
LoadedGame load_game(const std::string& path, const ScenarioOptions& options, bool keep_exact);

// After a result that a limit cut short has been written: LimitError (exit
// 3) with the limit's message and a note that the output is partial.
[[noreturn]] void fail_after_partial_output(const std::string& limit_reached, std::size_t verified);

// For the option-parser fuzzer (tests/fuzz/cli_options_fuzz.cpp): while set,
// parse_command_line throws ParsedOnly after a successful parse, so that a
// command stops before it reads files or does any work.
struct ParsedOnly {};
void set_parse_only(bool on);

std::string_view embedded_default_scenario_text();
inline constexpr const char* kDefaultScenarioName = "scenarios/tiktok_2025.yaml";

}  // namespace negsim::cli
