#include <iostream>
#include <sstream>

#include "models/errors.hpp"
#include "models/io/nfg.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"

namespace negsim::cli {

int command_generate(const Args& args) {
  const std::string usage = "usage: negsim generate --sizes 100x100x100 --out FILE.nfg [--seed S] [--decimals D]";
  std::string sizes_text, out;
  std::uint64_t seed = 1;
  int decimals = 6;
  po::options_description named("generate options");
  named.add_options()
      ("sizes", po::value(&sizes_text)->value_name("AxBx..."), "actions per player, e.g. 100x100x100")
      ("out", po::value(&out)->value_name("FILE"), "the .nfg file to write")
      ("seed", po::value(&seed)->value_name("S"), "random seed (default 1)")
      ("decimals", po::value(&decimals)->value_name("D"), "decimals of the uniform [0,1) payoffs (default 6; 0 gives integers 0..99)");
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {}, vm)) return kExitOk;
  if (sizes_text.empty() || out.empty()) throw UsageError("generate needs --sizes and --out\n" + usage);
  std::vector<std::size_t> sizes;
  std::stringstream ss(sizes_text);
  std::string part;
  while (std::getline(ss, part, 'x')) {
    std::size_t n = 0;
    try { n = std::stoul(part); } catch (...) { n = 0; }
    if (n == 0) throw UsageError("--sizes takes positive counts joined by 'x', e.g. 20x20x20");
    sizes.push_back(n);
  }
  if (decimals < 0 || decimals > 17) throw UsageError("--decimals takes 0..17");
  write_random_nfg_file(out, sizes, seed, decimals);
  return kExitOk;
}

}  // namespace negsim::cli
