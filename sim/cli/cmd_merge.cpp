// negsim merge FILE... [--out FILE] [--force]: the shards of one sweep joined
// into the file one process would have written (sim/sweep/sweep_merge.hpp).
#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/sweep/sweep_merge.hpp"

namespace negsim::cli {

namespace po = boost::program_options;

int command_merge(const Args& args) {
  const std::string usage =
      "usage: negsim merge FILE... [--out FILE] [--force]\n"
      "Joins the shards of one sweep (negsim sweep --shard I/N --out FILE) into the file an unsharded run\n"
      "writes, byte for byte; refuses files of different sweeps, a missing, repeated or unfinished shard.\n"
      "Shards of a refined sweep (--refine L): also replays the refinement and names any missing point.";
  po::options_description named("merge options");
  named.add_options()("help,h", "print this help")(
      "out,o", po::value<std::string>(), "FILE: the merged sweep (default: standard output)")(
      "force", "replace an existing, non-empty --out FILE")("files", po::value<std::vector<std::string>>(),
                                                            "shard files");
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(named).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string("merge: ") + e.what() + "\n" + usage);
  }
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << named;
    return kExitOk;
  }
  if (!vm.count("files")) throw UsageError("merge: no FILE given\n" + usage);
  const std::vector<std::string> paths = vm["files"].as<std::vector<std::string>>();
  const std::string out = vm.count("out") ? vm["out"].as<std::string>() : "";
  if (!out.empty() && out != "-") {
    refuse_output_onto_input(out, "--out", paths);
    std::ifstream existing(out, std::ios::binary | std::ios::ate);
    if (existing && existing.tellg() > 0 && !vm.count("force"))
      throw UsageError("--out " + out + " exists and is not empty; give --force to replace it");
  }
  std::vector<SweepShardFile> files;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, 0, "cannot open for reading");
    std::ostringstream content;
    content << in.rdbuf();
    files.push_back({path, content.str()});
  }
  const std::string merged = merge_sweep_shards(files);
  if (out.empty() || out == "-")
    std::cout << merged << std::flush;
  else
    write_file_atomically(out, merged);
  return kExitOk;
}

}  // namespace negsim::cli
