#include "sim/solve/method_registry.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "models/errors.hpp"
#include "models/io/nfg.hpp"
#include "sim/solve/solve.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {

const char* kBegin = "<!-- methods table: generated from sim/solve/method_registry.cpp (method_table_markdown); "
                     "tests/sim/solve/method_registry_test.cpp checks it -->\n";
const char* kEnd = "<!-- end of methods table -->";

// The text between the markers in a docs file, or "(no markers)".
std::string table_in(const std::string& path) {
  std::ifstream in(std::string(NEGSIM_SOURCE_DIR) + "/" + path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const std::size_t begin = text.find(kBegin);
  const std::size_t end = text.find(kEnd);
  if (begin == std::string::npos || end == std::string::npos || end < begin) return "(no markers)";
  return text.substr(begin + std::string(kBegin).size(), end - begin - std::string(kBegin).size());
}

}  // namespace

TEST_CASE("method registry: the methods tables in the docs are the registry's, so they cannot drift") {
  const std::string expected = method_table_markdown();
  for (const char* path : {"docs/cli.md", "docs/solvers/README.md"}) {
    CAPTURE(path);
    // On failure, paste the expected text between the markers.
    CHECK_MESSAGE(table_in(path) == expected, "expected:\n" << std::string(kBegin) << expected << std::string(kEnd));
  }
}

TEST_CASE("method registry: an option a method does not read is a usage error naming both") {
  const MethodInfo& lh = find_method("lh");
  CHECK_NOTHROW(require_options_apply(lh, {MethodOption::label, MethodOption::exact}));
  try {
    require_options_apply(find_method("enum"), {MethodOption::exact, MethodOption::label});
    FAIL("no error");
  } catch (const UsageError& e) {
    const std::string message = e.what();
    CHECK(message.find("--label does not apply to --method enum") != std::string::npos);
    CHECK(message.find("--label applies to --method lh") != std::string::npos);
  }
  CHECK_THROWS_AS(require_options_apply(find_method("ce"), {MethodOption::seed}), UsageError);
  CHECK_NOTHROW(require_options_apply(find_method("ce"), {MethodOption::objective}));
}

TEST_CASE("method registry: applicability and dispatch") {
  const NormalFormGame three = testing::random_game({2, 2, 2}, 1, testing::real_payoffs(-1.0, 1.0));
  const NormalFormGame general = testing::random_game({3, 3}, 2, testing::real_payoffs(-1.0, 1.0));
  CHECK(why_not_applicable(find_method("lh"), three).has_value());
  CHECK(why_not_applicable(find_method("logit"), three) == std::nullopt);
  CHECK(why_not_applicable(find_method("lp"), general).has_value());  // not constant-sum
  SolveOptions o;
  o.method = "lh";
  CHECK_THROWS_AS(solve(three, o), UsageError);
  o.method = "lp";
  CHECK_THROWS_AS(solve(general, o), UsageError);
  o.method = "ce";
  CHECK_THROWS_AS(solve(general, o), UsageError);  // a distribution: solve_correlated
  o.method = "nope";
  CHECK_THROWS_AS(solve(general, o), UsageError);
  // Dispatch runs the named method.
  for (const char* name : {"pure", "enum", "lh", "logit", "gnm"}) {
    o.method = name;
    CHECK(solve(general, o).method == name);
  }
  CHECK(solve_method_names().size() == method_registry().size());
  // auto promises all extreme equilibria exactly when it enumerates.
  const MethodInfo& automatic = find_method("auto");
  CHECK(automatic.guarantee_for(general) == Coverage::all_extreme);
  CHECK(automatic.guarantee_for(testing::random_game({13, 13}, 3, testing::real_payoffs(-1.0, 1.0))) == Coverage::some);
  CHECK(automatic.guarantee_for(three) == Coverage::some);
}
