#include <iostream>
#include <sstream>

#include "models/errors.hpp"
#include "models/io/nfg.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/option_ranges.hpp"

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
      ("seed", count_value(seed, "seed", 0, kMaxSeed)->value_name("S"), "random seed (default 1)")
      ("decimals", count_value(decimals, "decimals", 0, 17)->value_name("D"), "decimals of the uniform [0,1) payoffs (default 6; 0 gives integers 0..99)");
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {}, vm)) return kExitOk;
  if (sizes_text.empty() || out.empty()) throw UsageError("generate needs --sizes and --out\n" + usage);
  // Each count is checked like any numeric option ("-1" is not 2^64 - 1);
  // an empty count ("2x", "2xx2") is an error too.
  std::vector<std::size_t> sizes;
  for (std::size_t start = 0;;) {
    const std::size_t x = sizes_text.find('x', start);
    sizes.push_back(parse_count_option("sizes", sizes_text.substr(start, x - start), 1, kMaxGeneratedActions));
    if (x == std::string::npos) break;
    start = x + 1;
  }
  if (decimals < 0 || decimals > 17) throw UsageError("--decimals takes 0..17");
  write_random_nfg_file(out, sizes, seed, decimals);
  return kExitOk;
}

}  // namespace negsim::cli
