#include "models/scenario/yaml_fields.hpp"

#include <functional>
#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;

namespace {

// Positions straight from yaml-cpp's marks, in a file called "t.yaml".
YamlFields reader(const std::string& prefix = "") {
  return YamlFields(
      [](const YAML::Node& node) {
        const YAML::Mark m = node.Mark();
        return SourcePos{"t.yaml", m.line + 1, m.column + 1};
      },
      prefix);
}

InputError error_of(const std::function<void()>& work) { return negsim::testing::thrown_by<InputError>(work); }

}  // namespace

TEST_CASE("yaml fields: entries in file order, find and require") {
  const YAML::Node map = YAML::Load("b: 1\na: [2]\nc: {d: 3}\n");
  const auto fields = reader().entries(map, "thing", {"a", "b", "c"});
  REQUIRE(fields.size() == 3);
  CHECK(fields[0].name == "b");
  CHECK(fields[1].name == "a");
  CHECK(fields[2].name == "c");
  CHECK(fields[1].value.IsSequence());
  CHECK(YamlFields::find(fields, "c") == &fields[2]);
  CHECK(YamlFields::find(fields, "z") == nullptr);
  CHECK(reader().require(fields, "b", map, "thing", "b: 1").value.Scalar() == "1");
  // Without an allowed list any key is accepted.
  CHECK(reader().entries(YAML::Load("x: 1\ny: 2\n"), "free").size() == 2);
}

TEST_CASE("yaml fields: the errors say what, where, and what was expected") {
  const InputError duplicate = error_of([] { reader("block: ").entries(YAML::Load("a: 1\nb: 2\na: 3\n"), "thing"); });
  CHECK(duplicate.message() == "block: thing: duplicate key 'a' (first given on line 1)");
  CHECK(duplicate.file() == "t.yaml");
  CHECK(duplicate.line() == 3);
  CHECK(duplicate.column() == 1);

  const InputError unknown =
      error_of([] { reader().entries(YAML::Load("alpha: 1\nbetta: 2\n"), "thing", {"alpha", "beta", "gamma"}); });
  CHECK(unknown.message() == "thing: unknown key 'betta' (did you mean 'beta'?)");
  CHECK(unknown.hint() == "expected one of: alpha, beta, gamma");
  CHECK(unknown.line() == 2);

  const InputError not_a_map = error_of([] { reader().entries(YAML::Load("[1, 2]"), "thing"); });
  CHECK(not_a_map.message() == "thing: expected a mapping (key: value lines), got a list");

  const InputError bad_key = error_of([] { reader().entries(YAML::Load("? [1, 2]\n: 3\n"), "thing"); });
  CHECK(bad_key.message() == "thing: keys must be plain names, got a list");

  const YAML::Node map = YAML::Load("a: 1\n");
  const auto fields = reader().entries(map, "thing");
  const InputError missing = error_of([&] { reader().require(fields, "b", map, "thing", "b: 2"); });
  CHECK(missing.message() == "thing: missing required key 'b'");
  CHECK(missing.hint() == "for example: b: 2");
}

TEST_CASE("yaml fields: helpers for messages") {
  CHECK(std::string(yaml_kind(YAML::Load("x"))) == "a single value");
  CHECK(std::string(yaml_kind(YAML::Load("{a: 1}"))) == "a mapping");
  CHECK(std::string(yaml_kind(YAML::Load("[1]"))) == "a list");
  CHECK(std::string(yaml_kind(YAML::Node())) == "nothing");
  CHECK(join_names({"a", "b", "c"}) == "a, b, c");
  CHECK(join_names({"a", "b"}, " | ") == "a | b");
  CHECK(join_names({}).empty());
  CHECK(did_you_mean("discont", {"discount", "target"}) == " (did you mean 'discount'?)");
  CHECK(did_you_mean("zzzzzzzz", {"discount", "target"}).empty());
}
