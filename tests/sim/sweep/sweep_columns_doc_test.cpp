// docs/sweeps.md's table of each sweep analysis's columns is the contract:
// it must list exactly the columns the code writes, in order.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"
#include "sim/sweep/sweep_analysis.hpp"

using namespace negsim;

namespace {

// The rows of the table between <!-- sweep-columns --> markers: analysis -> columns as written.
std::vector<std::pair<std::string, std::vector<std::string>>> documented_columns() {
  std::ifstream in(std::string(NEGSIM_SOURCE_DIR) + "/docs/sweeps.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::size_t begin = doc.find("<!-- sweep-columns -->");
  const std::size_t end = doc.find("<!-- /sweep-columns -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::istringstream table(doc.substr(begin, end - begin));
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  std::string line;
  while (std::getline(table, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::size_t name_end = line.find('`', 3);
    const std::string name = line.substr(3, name_end - 3);
    std::vector<std::string> columns;
    for (std::size_t at = line.find('`', line.find('|', name_end)); at != std::string::npos;
         at = line.find('`', line.find('`', at + 1) + 1))
      columns.push_back(line.substr(at + 1, line.find('`', at + 1) - at - 1));
    out.emplace_back(name, columns);
  }
  return out;
}

}  // namespace

TEST_CASE("docs/sweeps.md lists every sweep analysis's columns as the code writes them") {
  const Scenario tiktok = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/tiktok_2025.yaml");
  const auto documented = documented_columns();
  std::vector<std::string> registered;
  for (const auto& entry : sweep_analysis_names()) registered.push_back(entry.first);
  std::vector<std::string> listed;
  for (const auto& entry : documented) listed.push_back(entry.first);
  // Every built-in analysis is documented (other helpers may register more later: listed first).
  for (const std::string& name : listed) CHECK(std::find(registered.begin(), registered.end(), name) != registered.end());
  for (const auto& entry : documented) {
    const std::string& name = entry.first;
    CAPTURE(name);
    std::vector<std::string> expected;
    for (const std::string& column : entry.second) {
      const std::size_t player = column.find("<player>");
      if (player == std::string::npos) {
        expected.push_back(column);
        continue;
      }
      for (const ScenarioPlayer& p : tiktok.players)
        expected.push_back(column.substr(0, player) + p.id + column.substr(player + 8));
    }
    const std::vector<SweepAnalysis> made = make_sweep_analyses({name}, tiktok);
    REQUIRE(made.size() == 1);
    CHECK(made[0].columns == expected);
  }
  CHECK(listed.size() >= 7);
}
