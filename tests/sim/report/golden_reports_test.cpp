// Golden reports: the text and JSON reports of `negsim run` for every shipped
// scenario are compared with tests/golden/<path under scenarios/>.{txt,json}.
// A change of report content is reviewed as a diff of these files.
// Regenerate them with scripts/update_golden (NEGSIM_UPDATE_GOLDEN=1); see
// docs/reliability.md.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "tests/support/run_command.hpp"
#include "tests/support/shipped_scenarios.hpp"

using negsim::testing::read_text_file;
using negsim::testing::run_negsim;
using negsim::testing::shipped_scenarios;
using negsim::testing::TempDir;

namespace {

namespace fs = std::filesystem;

bool updating() {
  const char* v = std::getenv("NEGSIM_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

// tests/golden/classic/chicken.txt for scenarios/classic/chicken.yaml.
std::string golden_path(const std::string& scenario, const std::string& extension) {
  fs::path rel = fs::path(scenario).lexically_relative("scenarios");
  rel.replace_extension(extension);
  return (fs::path(NEGSIM_SOURCE_DIR) / "tests" / "golden" / rel).string();
}

// `diff -u` of the golden file and the actual output, cut to a readable size.
std::string diff_of(const std::string& golden, const std::string& actual) {
  TempDir tmp;
  const std::string actual_file = tmp.write("actual", actual), diff_file = tmp.file("diff");
  const std::string command = "diff -u '" + golden + "' '" + actual_file + "' >'" + diff_file + "' 2>&1";
  (void)std::system(command.c_str());
  std::string diff = read_text_file(diff_file);
  if (diff.size() > 6000) diff = diff.substr(0, 6000) + "\n... (diff cut at 6000 characters)\n";
  return diff;
}

void check_golden(const std::string& scenario, const std::string& extension, const std::string& actual) {
  const std::string path = golden_path(scenario, extension);
  if (updating()) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("wrote " << path);
    return;
  }
  INFO("golden file " << path << " (regenerate all with scripts/update_golden, then review `git diff tests/golden`)");
  REQUIRE_MESSAGE(fs::exists(path), "missing golden file");
  const std::string expected = read_text_file(path);
  const bool same = expected == actual;  // a bool, so the failure shows the diff, not both reports
  CHECK_MESSAGE(same, "the report differs from the golden file:\n" << diff_of(path, actual));
}

}  // namespace

TEST_CASE("golden: the text and JSON reports of every shipped scenario") {
  const std::vector<std::string> scenarios = shipped_scenarios();
  REQUIRE(scenarios.size() >= 7);
  std::set<std::string> expected_files;
  for (const std::string& scenario : scenarios) {
    CAPTURE(scenario);
    const auto text = run_negsim("run '" + scenario + "'");
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    check_golden(scenario, ".txt", text.out);
    const auto json = run_negsim("run '" + scenario + "' --format json");
    REQUIRE_MESSAGE(json.exit_code == 0, json.err);
    check_golden(scenario, ".json", json.out);
    expected_files.insert(fs::path(golden_path(scenario, ".txt")).lexically_normal().string());
    expected_files.insert(fs::path(golden_path(scenario, ".json")).lexically_normal().string());
  }
  // Every golden file belongs to a shipped scenario (a renamed scenario leaves none behind).
  const fs::path golden_root = fs::path(NEGSIM_SOURCE_DIR) / "tests" / "golden";
  for (const auto& entry : fs::recursive_directory_iterator(golden_root)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().lexically_normal().string();
    const std::string ext = entry.path().extension().string();
    if (ext != ".txt" && ext != ".json") continue;
    if (entry.path().parent_path().filename() == "sweeps") continue;  // sweep reports: golden_documents_test.cpp
    CHECK_MESSAGE(expected_files.count(path) == 1, path << " has no scenario under scenarios/ (delete it)");
  }
}
