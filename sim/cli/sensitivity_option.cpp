#include "sim/cli/sensitivity_option.hpp"

#include "models/errors.hpp"

namespace negsim::cli {

SensitivityChoice parse_sensitivity_option(const std::string& text) {
  SensitivityChoice choice;
  if (text == "all") return choice;
  if (text == "none") {
    choice.none = true;
    return choice;
  }
  std::string::size_type start = 0;
  while (true) {
    const std::string::size_type comma = text.find(',', start);
    std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    if (name.empty())
      throw UsageError("--sensitivity expects all, none or NAME,NAME,... (parameter names), got '" + text + "'");
    choice.names.push_back(std::move(name));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return choice;
}

}  // namespace negsim::cli
