#include "sim/sweep/sweep_command.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>

#include <unistd.h>

#include <boost/program_options.hpp>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "models/io/game_file_kind.hpp"
#include "models/scenario/loader.hpp"
#include "negsim_version.hpp"
#include "sim/cli/option_ranges.hpp"
#include "sim/sweep/refine_plan.hpp"
#include "sim/sweep/shard_from_environment.hpp"
#include "sim/sweep/sweep_identity.hpp"
#include "sim/report/sweep_document.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "sim/sweep/sweep_spec.hpp"
#ifdef NEGSIM_MPI
#include "sim/sweep/mpi_sweep.hpp"
#endif

namespace negsim {

namespace po = boost::program_options;

namespace {

po::options_description sweep_options() {
  po::options_description options("negsim sweep options");
  options.add_options()
      ("help,h", "print this help")
      ("grid", po::value<std::vector<std::string>>()->composing(), "NAME=LO:HI:N: N evenly spaced values, both ends included")
      ("list", po::value<std::vector<std::string>>()->composing(), "NAME=a,b,c: the listed values (a lever's item may be a set a|b)")
      ("random", po::value<std::vector<std::string>>()->composing(), "NAME=LO:HI: uniform samples (needs --samples)")
      ("lhs", po::value<std::vector<std::string>>()->composing(), "NAME=LO:HI: Latin hypercube samples (needs --samples)")
      ("samples", po::value<std::string>(), "K: number of random/LHS samples")
      ("seed", po::value<std::string>()->default_value("0"), "S: seed of the random/LHS values and of each point's seed")
      ("analyses", po::value<std::vector<std::string>>()->composing(), "comma-separated analyses to run at each point (default: stage)")
      ("select", po::value<std::string>(), "RULE: first|welfare|risk-dominant|all: which subgame-perfect equilibria `spe` reports (default first)")
      ("set", po::value<std::vector<std::string>>()->composing(), "NAME=VALUE: override a parameter for the whole sweep")
      ("max-profiles", po::value<std::string>(), "N: profile budget of each point's game (default 100000000)")
      ("jobs,j", po::value<std::string>(), "N: threads (default: every core)")
      ("out,o", po::value<std::string>(), "FILE: output file (default: standard output)")
      ("format", po::value<std::string>()->default_value("csv"), "csv|jsonl")
      ("resume", "continue an interrupted sweep in --out FILE")
      ("force", "replace an existing, non-empty --out FILE (without it, a new sweep refuses to destroy one)")
      ("shard", po::value<std::string>(), "I/N: only points with index % N == I (with --refine: level-0 cells); auto (or auto/N): I and N from Slurm's or Kubernetes' task index")
      ("refine", po::value<std::string>(), "L: adaptive regime map: after the grid given, split every cell whose corners differ in outcome, L times (rows of the grid 2^L times finer, plus a level column)")
      ("refine-by", po::value<std::string>(), "COLUMN[,COLUMN...]: the outcome --refine compares (default regime: every action_<player> column)")
      ("batch", po::value<std::string>(), "N: points per durable batch (default: adaptive, about 0.25 s)")
      ("report", po::value<std::string>(), "FILE: afterwards, write the sweep's report: FILE.html, FILE.md with its pictures beside it, or FILE.txt (needs --out FILE)")
      ("no-progress", "never draw the progress bar")
      ("time-limit", po::value<std::string>(), "SECONDS: stop before the next batch once SECONDS have passed (exit 3; the output stays a valid prefix for --resume)")
      ("scenario", po::value<std::string>(), "scenario file");
  return options;
}

// Numbers on the command line are checked like every other command's
// (sim/cli/option_ranges.hpp): digits only, inside the documented range.
std::uint64_t parse_unsigned(const std::string& option, const std::string& text, std::uint64_t min = 0,
                             std::uint64_t max = std::numeric_limits<std::uint64_t>::max()) {
  return cli::parse_count_option(option, text, min, max);
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    while (!item.empty() && item.back() == ' ') item.pop_back();
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

struct ParsedCommand {
  bool help = false;
  bool force = false;
  std::string scenario;
  std::vector<SweepAxisArgument> axes;
  std::size_t samples = 0;
  std::uint64_t seed = 0;
  std::vector<std::pair<std::string, double>> sets;
  std::vector<std::string> set_texts;       // as given, for the sweep's description
  std::vector<std::string> analysis_texts;  // --analyses, --select, --max-profiles, --format as given
  std::string report;  // --report FILE
  SweepOptions options;
};

ParsedCommand parse_command(const std::vector<std::string>& args) {
  ParsedCommand command;
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::options_description described = sweep_options();  // parsed_options points into it
  po::parsed_options parsed(nullptr);
  po::variables_map vm;
  try {
    cli::refuse_message_placeholders(args);
    parsed = po::command_line_parser(args).options(described).positional(positional).run();
    po::store(parsed, vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string("sweep: ") + e.what() + " (see negsim sweep --help)");
  }
  if (vm.count("help")) {
    command.help = true;
    return command;
  }
  // Axes keep the order in which they were given (first = slowest).
  for (const po::option& option : parsed.options) {
    if (option.string_key == "grid" || option.string_key == "list" || option.string_key == "random" ||
        option.string_key == "lhs")
      for (const std::string& value : option.value) command.axes.push_back({option.string_key, value});
  }
  if (!vm.count("scenario")) throw UsageError("sweep: missing SCENARIO (negsim sweep SCENARIO --grid ...)");
  command.scenario = vm["scenario"].as<std::string>();
  if (command.axes.empty())
    throw UsageError("sweep: no axis given (--grid, --list, --random or --lhs)");
  if (vm.count("samples")) {
    command.samples = parse_unsigned("samples", vm["samples"].as<std::string>(), 1);
  }
  command.seed = parse_unsigned("seed", vm["seed"].as<std::string>());
  if (vm.count("set"))
    for (const std::string& set : vm["set"].as<std::vector<std::string>>()) {
      command.sets.push_back(parse_set_argument(set));
      command.set_texts.push_back(set);
    }

  SweepOptions& options = command.options;
  if (vm.count("analyses")) {
    options.analyses.clear();
    for (const std::string& value : vm["analyses"].as<std::vector<std::string>>())
      for (const std::string& name : split_commas(value)) options.analyses.push_back(name);
  }
  if (vm.count("select")) options.select = parse_stage_selection(vm["select"].as<std::string>());
  if (vm.count("max-profiles")) {
    options.build.max_profiles =
        parse_unsigned("max-profiles", vm["max-profiles"].as<std::string>(), 1, cli::kMaxProfilesOption);
  }
  if (vm.count("jobs")) {
    const std::uint64_t jobs = parse_unsigned("jobs", vm["jobs"].as<std::string>(), 1, 4096);
    options.jobs = static_cast<unsigned>(jobs);
  }
  if (vm.count("out")) options.out = vm["out"].as<std::string>();
  const std::string format = vm["format"].as<std::string>();
  if (format == "csv") options.format = SweepFormat::Csv;
  else if (format == "jsonl") options.format = SweepFormat::JsonLines;
  else throw UsageError("--format: expected csv or jsonl, got '" + format + "'");
  options.resume = vm.count("resume") > 0;
  command.force = vm.count("force") > 0;
  if (options.resume && command.force) throw UsageError("--resume continues --out FILE and --force replaces it: give one");
  if (options.resume && (options.out.empty() || options.out == "-"))
    throw UsageError("--resume needs --out FILE");
  for (const std::string& name : options.analyses) command.analysis_texts.push_back(name);
  command.analysis_texts.push_back("select=" + (vm.count("select") ? vm["select"].as<std::string>() : "first"));
  command.analysis_texts.push_back("max-profiles=" + std::to_string(options.build.max_profiles));
  command.analysis_texts.push_back("format=" + format);
  if (vm.count("shard") && vm["shard"].as<std::string>().rfind("auto", 0) == 0) {
    const std::string shard = vm["shard"].as<std::string>();
    std::optional<std::size_t> count;
    if (shard != "auto") {
      if (shard.size() < 6 || shard[4] != '/') throw UsageError("--shard: expected I/N, auto or auto/N, got '" + shard + "'");
      count = parse_unsigned("shard", shard.substr(5), 1);
    }
    const ShardChoice choice = shard_from_environment(count);
    options.shard_index = choice.index;
    options.shard_count = choice.count;
  } else if (vm.count("shard")) {
    const std::string shard = vm["shard"].as<std::string>();
    const std::size_t slash = shard.find('/');
    if (slash == std::string::npos) throw UsageError("--shard: expected I/N, got '" + shard + "'");
    options.shard_index = parse_unsigned("shard", shard.substr(0, slash));
    options.shard_count = parse_unsigned("shard", shard.substr(slash + 1));
    if (options.shard_count == 0 || options.shard_index >= options.shard_count)
      throw UsageError("--shard: expected I/N with 0 <= I < N, got '" + shard + "'");
  }
  if (vm.count("refine")) {
    options.refine_levels = static_cast<int>(parse_unsigned("refine", vm["refine"].as<std::string>(), 0, 20));
    if (vm.count("refine-by")) {
      options.refine_by = split_commas(vm["refine-by"].as<std::string>());
      if (options.refine_by.empty()) throw UsageError("--refine-by: expected COLUMN[,COLUMN...]");
    }
  } else if (vm.count("refine-by")) {
    throw UsageError("--refine-by chooses the outcome of --refine L; give --refine too");
  }
  if (vm.count("batch")) {
    options.batch_points = parse_unsigned("batch", vm["batch"].as<std::string>(), 1);
  }
  if (vm.count("report")) {
    command.report = vm["report"].as<std::string>();
    if (options.out.empty() || options.out == "-")
      throw UsageError("--report reads the sweep back from its file: give --out FILE");
  }
  options.progress = vm.count("no-progress") == 0;
  if (vm.count("time-limit")) options.deadline = Deadline::from_option(
        cli::parse_real_option("time-limit", vm["time-limit"].as<std::string>(), {0, cli::kMaxTimeLimitSeconds}));
  return command;
}

// What the rows depend on (sweep_identity.hpp), for --resume and merge.
SweepIdentity sweep_identity(const ParsedCommand& command, const SweepSpec& spec) {
  SweepIdentity id;
  id.shard_index = command.options.shard_index;
  id.shard_count = command.options.shard_count;
  // A refined sweep's points are indices of the grid 2^L times finer.
  id.points = command.options.refine_levels >= 0
                  ? spec.refined(static_cast<unsigned>(command.options.refine_levels)).num_points()
                  : spec.num_points();
  id.negsim = kVersion;
  std::ifstream file(command.scenario, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  if (!file) throw InputError(command.scenario, 0, 0, "cannot read the scenario file again to fingerprint it");
  id.scenario = sweep_hash({bytes.str()});
  id.set = sweep_hash(command.set_texts);
  std::vector<std::string> axes;
  for (const SweepAxisArgument& axis : command.axes) axes.push_back("--" + axis.option + " " + axis.value);
  axes.push_back("samples=" + std::to_string(command.samples));
  axes.push_back("seed=" + std::to_string(command.seed));
  id.axes = sweep_hash(axes);
  id.analyses = sweep_hash(command.analysis_texts);
  if (command.options.refine_levels >= 0) {
    id.refine = std::to_string(command.options.refine_levels);
    id.refine_by = command.options.refine_by;
    const RefineGrid grid = RefineGrid::of(spec.refined(static_cast<unsigned>(command.options.refine_levels)));
    id.refine_grid = grid.text();
    if (RefinePlan::shares_level0(grid, static_cast<unsigned>(command.options.refine_levels), id.shard_count))
      id.refine_shards = kRefineShardDeal;
  }
  return id;
}

}  // namespace

std::string sweep_usage() {
  std::ostringstream out;
  out << "usage: negsim sweep SCENARIO --grid NAME=LO:HI:N ... [--jobs N] [--out FILE] [--format csv|jsonl]\n"
         "                    [--resume | --force] [--shard I/N] [--analyses stage,...] [--select RULE] [--set NAME=VALUE]...\n"
         "                    [--refine L [--refine-by COLUMN,...]]\n"
         "NAME is a parameter or player.lever. Several grids/lists form a product, the first slowest;\n"
         "random and LHS axes add --samples K points per grid cell. See docs/sweeps.md.\n\n";
  out << sweep_options();
  out << "\nanalyses:\n";
  for (const auto& [name, description] : sweep_analysis_names()) out << "  " << name << ": " << description << "\n";
  return out.str();
}

void check_sweep_arguments(const std::vector<std::string>& args) { parse_command(args); }

void claim_sweep_output(std::optional<OutputLock>& lock, const std::string& scenario_path, const std::string& out,
                        bool resume, bool force) {
  // Never the scenario; one sweep at a time (a lock held until the sweep
  // ends); an existing sweep is continued (--resume) or replaced on request
  // (--force), never destroyed by a new sweep by mistake.
  if (out.empty() || out == "-") return;
  refuse_output_onto_input(out, "--out", {scenario_path});
  lock.emplace(out);
  if (lock->existing_size() > 0 && !resume && !force)
    throw UsageError("--out " + out + " exists and is not empty; give --resume to continue that sweep, or " +
                     "--force to replace it");
}

int run_sweep_command(const std::vector<std::string>& args) {
  ParsedCommand command = parse_command(args);
  if (command.help) {
    std::cout << sweep_usage();
    return 0;
  }
#ifdef NEGSIM_MPI
  if (mpi_launched() && !command.report.empty())
    throw UsageError("--report is not available under mpirun: run `negsim report FILE.csv` after the sweep");
  if (mpi_launched()) {
    Scenario scenario = load_scenario_file(command.scenario);
    apply_overrides(scenario, command.sets);
    const SweepSpec spec(scenario, command.axes, command.samples, command.seed);
    command.options.description = sweep_identity(command, spec).line(command.options.format);
    return run_sweep_command_mpi(command.scenario, command.sets, command.axes, command.samples, command.seed,
                                 command.options, command.force);
  }
#endif
  require_scenario_file(command.scenario, "sweep");
  std::optional<OutputLock> lock;
  claim_sweep_output(lock, command.scenario, command.options.out, command.options.resume, command.force);
  if (!command.report.empty())
    refuse_output_onto_input(command.report, "--report", {command.scenario, command.options.out});
  Scenario scenario = load_scenario_file(command.scenario);
  apply_overrides(scenario, command.sets);
  const SweepSpec spec(scenario, command.axes, command.samples, command.seed);
  command.options.description = sweep_identity(command, spec).line(command.options.format);
  const SweepSummary summary = run_sweep(scenario, spec, command.options);
  if (lock) lock->keep();  // an empty result (JSON lines, no point in this shard) is still the result
  if (!command.report.empty()) {
    SweepReportOptions report;  // with the scenario swept, for its players, parameters and sources
    report.scenario = &scenario;
    report.sets = command.set_texts;
    write_sweep_report(command.options.out, command.report, report_format_for(command.report), report);
  }
  if (command.options.progress && ::isatty(STDERR_FILENO))
    std::fprintf(stderr, "%zu points (%zu resumed), %zu rows, %zu with errors, %.2f s\n",
                 summary.points_run + summary.points_resumed, summary.points_resumed, summary.rows,
                 summary.error_points, summary.seconds);
  return 0;
}

}  // namespace negsim
