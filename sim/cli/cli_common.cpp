#include "sim/cli/cli_common.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

#include "models/errors.hpp"
#include "models/io/game_file_kind.hpp"
#include "models/io/nfg.hpp"
#include "models/scenario/loader.hpp"
#include "models/io/atomic_file.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/cli/option_ranges.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/markdown_report.hpp"
#include "sim/report/text_escape.hpp"

namespace negsim {
std::string_view embedded_default_scenario();  // generated from scenarios/tiktok_2025.yaml
}

namespace negsim::cli {

namespace {
bool parse_only = false;  // set_parse_only(): the fuzzer's switch
}  // namespace

void add_scenario_options(po::options_description& desc, ScenarioOptions& options) {
  desc.add_options()
      ("set", po::value(&options.sets)->composing()->value_name("NAME=VALUE"),
       "override a scenario parameter (repeatable)")
      ("max-profiles", count_value(options.max_profiles, "max-profiles", 1, kMaxProfilesOption)->value_name("N"),
       "refuse to build games with more profiles than N (exit 3); default 100000000")
      ("time-limit",
       real_value([&options](double seconds) { options.deadline = Deadline::from_option(seconds); }, "time-limit",
                  RealRange{0, kMaxTimeLimitSeconds})
           ->value_name("SECONDS"),
       "stop after SECONDS of work (exit 3; 0 = none; see docs/cli.md); default none");
}

void add_select_option(po::options_description& desc, StageSelection& select) {
  desc.add_options()
      ("select", po::value<std::string>()->value_name("RULE")->notifier([&select](const std::string& text) {
         select = parse_stage_selection(text);
       }),
       "which equilibrium of a stage game: first|welfare|risk-dominant|all (subgame-perfect equilibria of the "
       "timeline, and the bargaining disagreement point); default first");
}

void add_output_options(po::options_description& desc, OutputOptions& options,
                        const std::string& formats) {
  desc.add_options()
      ("format", po::value(&options.format)->value_name("FMT"), ("output format: " + formats).c_str())
      ("out", po::value(&options.out)->value_name("FILE"),
       "write the output to FILE (atomically) instead of standard output");
}

void check_format(const OutputOptions& options, const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), options.format) != allowed.end()) return;
  std::string list;
  for (const auto& f : allowed) list += (list.empty() ? "" : "|") + f;
  throw UsageError("unknown --format '" + options.format + "' (expected " + list + ")");
}

void emit(const OutputOptions& options, std::string_view output) {
  // Text reports hold user text (titles, names, labels): no terminal escape or
  // other control character gets through, whichever writer made the text
  // (sim/report/text_escape.hpp). JSON escapes them itself.
  const std::string text = options.format == "json" ? std::string(output) : text_block(output);
  if (options.out.empty()) {
    std::cout << text;
    std::cout.flush();
  } else {
    write_file_atomically(options.out, text);
  }
}

bool is_document_format(const OutputOptions& options) {
  return std::find(kDocumentFormats.begin(), kDocumentFormats.end(), options.format) != kDocumentFormats.end();
}

void emit_document(const OutputOptions& options, const ReportDocument& document) {
  if (options.format == "markdown" && !options.out.empty()) {
    write_markdown_report(document, options.out);
    return;
  }
  emit(options, options.format == "html" ? html_report(document) : markdown_report(document, "").text);
}

bool parse_command_line(const std::vector<std::string>& args, const std::string& usage,
                        po::options_description& named, const std::vector<std::string>& positional,
                        po::variables_map& vm) {
  bool help = false;
  named.add_options()("help,h", po::bool_switch(&help), "show this help");
  po::options_description hidden;
  po::positional_options_description pos;
  for (const std::string& name : positional) {
    hidden.add_options()(name.c_str(), po::value<std::string>());
    pos.add(name.c_str(), 1);
  }
  po::options_description all;
  all.add(named).add(hidden);
  refuse_message_placeholders(args);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\n" + usage + "\n(see --help)");
  }
  if (help) {
    std::cout << usage << "\n\n" << named << "\n";
    return false;
  }
  if (parse_only) throw ParsedOnly{};
  return true;
}

void set_parse_only(bool on) { parse_only = on; }

std::string_view embedded_default_scenario_text() { return embedded_default_scenario(); }

Scenario load_scenario(const std::string& path, const ScenarioOptions& options) {
  if (!path.empty()) require_scenario_file(path, "");
  Scenario scenario = path.empty()
                          ? load_scenario_text(embedded_default_scenario(), kDefaultScenarioName)
                          : load_scenario_file(path);
  std::vector<std::pair<std::string, double>> sets;
  for (const std::string& s : options.sets) sets.push_back(parse_set_argument(s));
  apply_overrides(scenario, sets);
  return scenario;
}

bool looks_like_nfg(const std::string& path) { return game_file_kind(path) == GameFileKind::Nfg; }

LoadedGame load_game(const std::string& path, const ScenarioOptions& options, bool keep_exact) {
  LoadedGame loaded;
  if (!path.empty()) refuse_efg_file(path);
  if (!path.empty() && looks_like_nfg(path)) {
    if (!options.sets.empty())
      throw UsageError("--set applies to scenarios, not to .nfg files");
    NfgReadOptions read;
    read.exact = keep_exact ? ExactMode::Always : ExactMode::Auto;
    loaded.nfg = read_nfg_file(path, read);
    return loaded;
  }
  loaded.scenario = load_scenario(path, options);
  // The analysis's builder: `solve SCENARIO`, `run`, `repeated` and the
  // sweep points get the same stage game.
  AnalysisOptions analysis;
  analysis.build = build_options(options);
  loaded.built = build_stage_game(*loaded.scenario, analysis);
  return loaded;
}

BuildOptions build_options(const ScenarioOptions& options) {
  BuildOptions build;
  build.max_profiles = options.max_profiles;
  build.deadline = options.deadline;
  return build;
}

std::optional<ScenarioCommandLine> parse_scenario_command_line(const std::vector<std::string>& args,
                                                               const std::string& usage,
                                                               const std::string& title,
                                                               po::options_description* extra,
                                                               po::variables_map* vm_out,
                                                               const std::vector<std::string>& formats) {
  ScenarioCommandLine line;
  std::string format_list;
  for (const std::string& f : formats) format_list += (format_list.empty() ? "" : "|") + f;
  po::options_description named(title);
  add_output_options(named, line.output, format_list);
  add_scenario_options(named, line.scenario);
  add_select_option(named, line.select);
  if (extra) named.add(*extra);
  po::variables_map local_vm;
  po::variables_map& vm = vm_out ? *vm_out : local_vm;
  if (!parse_command_line(args, usage, named, {"scenario"}, vm)) return std::nullopt;
  check_format(line.output, formats);
  if (vm.count("scenario")) line.path = vm["scenario"].as<std::string>();
  refuse_output_onto_input(line.output.out, "--out", {line.path});
  return line;
}

void fail_after_partial_output(const std::string& limit_reached, std::size_t verified) {
  throw LimitError(limit_reached + "\n  the output lists the " + std::to_string(verified) +
                   " verified equilibria found before the limit, marked incomplete" +
                   "\n  hint: raise --time-limit, or make the game smaller");
}

}  // namespace negsim::cli
