// `negsim report SWEEP.csv|SWEEP.jsonl`: the HTML or Markdown report of a sweep's output
// (sim/report/sweep_document.hpp).
#include <fstream>
#include <sstream>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/report/sweep_document.hpp"

namespace negsim::cli {

int command_report(const Args& args) {
  const std::string usage =
      "usage: negsim report SWEEP.csv|SWEEP.jsonl [--format html|markdown] [--out FILE] [--x AXIS] [--y AXIS]\n"
      "                     [--lever PLAYER.LEVER]... [--analysis NAME]\n"
      "The report of a `negsim sweep` CSV file: the regimes (sets of equilibria), the regime map over\n"
      "two axes and the outcome shares along one. See docs/sweeps.md.";
  OutputOptions output;
  output.format = "html";
  SweepReportOptions options;
  po::options_description named("report options");
  add_output_options(named, output, "html|markdown (default html)");
  named.add_options()
      ("x", po::value(&options.x)->value_name("AXIS"), "the map's horizontal axis, and the axis of the shares (default: the first)")
      ("y", po::value(&options.y)->value_name("AXIS"), "the map's vertical axis (default: the second)")
      ("lever", po::value(&options.levers)->composing()->value_name("PLAYER.LEVER"),
       "describe equilibria by this lever's setting (repeatable) instead of whole actions")
      ("analysis", po::value(&options.analysis)->value_name("NAME"), "the analysis whose rows count (default: the file's first)");
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"sweep"}, vm)) return kExitOk;
  check_format(output, kDocumentFormats);
  if (!vm.count("sweep")) throw UsageError("report needs a sweep file (CSV or JSON lines)\n" + usage);
  const std::string path = vm["sweep"].as<std::string>();
  refuse_output_onto_input(output.out, "--out", {path});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "cannot read the sweep file", "check the path");
  std::ostringstream content;
  content << in.rdbuf();
  emit_document(output, sweep_document(read_sweep_file(content.str(), path), options));
  return kExitOk;
}

}  // namespace negsim::cli
