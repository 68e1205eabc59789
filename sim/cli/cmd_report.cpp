// `negsim report SWEEP.csv|SWEEP.jsonl`: the HTML or Markdown report of a sweep's output
// (sim/report/sweep_document.hpp).
#include <fstream>
#include <optional>
#include <sstream>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "models/io/game_file_kind.hpp"
#include "models/scenario/loader.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/report/sweep_document.hpp"
#include "sim/report/text_document.hpp"
#include "sim/sweep/sweep_identity.hpp"

namespace negsim::cli {

namespace {

// The scenario at `path` with the --set values applied, if it is the one the
// sweep ran: its bytes and the --set texts hash to the fingerprints in the
// sweep's description line (sim/sweep/sweep_identity.hpp). InputError otherwise.
Scenario sweep_scenario(const SweepTable& table, const std::string& path, const std::vector<std::string>& sets) {
  const std::optional<SweepIdentity> id = SweepIdentity::parse(table.description);
  if (!id)
    throw InputError(table.file, 1, 1, "the sweep file has no description line, so its scenario cannot be checked",
                     "write the sweep with `negsim sweep ... --out FILE`, or leave out --scenario");
  require_scenario_file(path, "report --scenario");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw InputError(path, 0, 0, "cannot read the scenario file", "check the path");
  if (sweep_hash({bytes.str()}) != id->scenario)
    throw InputError(path, 0, 0, "not the scenario this sweep ran: its fingerprint is " + sweep_hash({bytes.str()}) +
                                     ", the sweep's " + id->scenario,
                     "give the scenario file as it was when " + table.file + " was written, or leave out --scenario");
  if (sweep_hash(sets) != id->set)
    throw InputError(table.file, 1, 1, "the sweep ran with other --set values than those given",
                     "give the sweep's --set NAME=VALUE options, in the same order");
  Scenario scenario = load_scenario_file(path);
  std::vector<std::pair<std::string, double>> values;
  for (const std::string& set : sets) values.push_back(parse_set_argument(set));
  apply_overrides(scenario, values);
  return scenario;
}

}  // namespace

int command_report(const Args& args) {
  const std::string usage =
      "usage: negsim report SWEEP.csv|SWEEP.jsonl [--format html|markdown|text] [--out FILE] [--x AXIS] [--y AXIS]\n"
      "                     [--lever PLAYER.LEVER]... [--analysis NAME] [--scenario FILE [--set NAME=VALUE]...]\n"
      "The report of a `negsim sweep` CSV file: the regimes (sets of equilibria), the regime map over\n"
      "two axes and the outcome shares along one; with --scenario (the file the sweep ran, checked\n"
      "against the sweep's fingerprint), its players, parameters and sources. See docs/sweeps.md.";
  OutputOptions output;
  output.format = "html";
  SweepReportOptions options;
  std::string scenario_path;
  std::vector<std::string> sets;
  po::options_description named("report options");
  add_output_options(named, output, "html|markdown|text (default html)");
  named.add_options()
      ("x", po::value(&options.x)->value_name("AXIS"), "the map's horizontal axis, and the axis of the shares (default: the first)")
      ("y", po::value(&options.y)->value_name("AXIS"), "the map's vertical axis (default: the second)")
      ("lever", po::value(&options.levers)->composing()->value_name("PLAYER.LEVER"),
       "describe equilibria by this lever's setting (repeatable) instead of whole actions")
      ("analysis", po::value(&options.analysis)->value_name("NAME"), "the analysis whose rows count (default: the file's first)")
      ("scenario", po::value(&scenario_path)->value_name("FILE"),
       "the scenario the sweep ran: adds its players, parameters (swept ones marked) and sources")
      ("set", po::value(&sets)->composing()->value_name("NAME=VALUE"),
       "the sweep's --set options, as given to the sweep (repeatable; needs --scenario)");
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"sweep"}, vm)) return kExitOk;
  check_format(output, {"html", "markdown", "text"});
  if (!vm.count("sweep")) throw UsageError("report needs a sweep file (CSV or JSON lines)\n" + usage);
  const std::string path = vm["sweep"].as<std::string>();
  refuse_output_onto_input(output.out, "--out", {path});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "cannot read the sweep file", "check the path");
  std::ostringstream content;
  content << in.rdbuf();
  const SweepTable table = read_sweep_file(content.str(), path);
  if (!sets.empty() && scenario_path.empty()) throw UsageError("--set gives the sweep's values: give --scenario FILE too");
  std::optional<Scenario> scenario;
  if (!scenario_path.empty()) {
    scenario = sweep_scenario(table, scenario_path, sets);
    options.scenario = &*scenario;
    options.sets = sets;
  } else {
    options.scenario_missing = "Its players, parameters and sources are not shown: the sweep file names its scenario by "
                               "a fingerprint only; give --scenario FILE (and the sweep's --set options) to add them.";
  }
  if (output.format == "text")
    emit(output, text_report(sweep_document(table, options)));  // the pictures as their words and numbers
  else
    emit_document(output, sweep_document(table, options));
  return kExitOk;
}

}  // namespace negsim::cli
