// `--sensitivity NAMES` (run, sensitivity): which parameters tipping points
// are searched for. "all" (every parameter), "none" (run: skip them), or
// NAME,NAME,... (each checked against the scenario by find_tipping_points,
// with did-you-mean). An empty name is a UsageError.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace negsim::cli {

struct SensitivityChoice {
  bool none = false;               // "none"
  std::vector<std::string> names;  // empty: every parameter
};

SensitivityChoice parse_sensitivity_option(const std::string& text);

}  // namespace negsim::cli
