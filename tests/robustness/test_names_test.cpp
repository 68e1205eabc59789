// CTest registers each doctest case by name (doctest_discover_tests) and
// splits a name at ';' into entries that match no case, so such a case would
// never run under CTest (it "passes" by running nothing). This audit keeps
// every test case name free of ';'.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

TEST_CASE("test case names have no semicolon, so CTest runs every case") {
  namespace fs = std::filesystem;
  const std::regex test_case(R"re(TEST_CASE\(\s*"([^"]*)")re");
  std::size_t cases = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(NEGSIM_SOURCE_DIR) / "tests")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (auto it = std::sregex_iterator(source.begin(), source.end(), test_case); it != std::sregex_iterator(); ++it) {
      ++cases;
      const std::string name = (*it)[1];
      CAPTURE(entry.path().string());
      CHECK_MESSAGE(name.find(';') == std::string::npos, "test case name with ';': " << name);
    }
  }
  CHECK(cases > 400);  // the audit read the suite (452 cases when it was written)
}
