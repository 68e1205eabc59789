// The shipped scenario files (scenarios/**/*.yaml), for tests that cover
// every one of them (golden reports, recomputed report numbers).
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace negsim::testing {

// Paths relative to the source folder ("scenarios/classic/chicken.yaml"), sorted.
inline std::vector<std::string> shipped_scenarios() {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(NEGSIM_SOURCE_DIR);
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(root / "scenarios"))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      out.push_back(fs::relative(entry.path(), root).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace negsim::testing
