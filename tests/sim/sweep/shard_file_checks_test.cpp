#include "sim/sweep/shard_file_checks.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "sim/sweep/sweep_identity.hpp"
#include "sim/sweep/sweep_merge.hpp"
#include "sim/sweep/sweep_output.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;

namespace {

constexpr const char* kHint = "finish the shard";

// Every line the reader gives, with the offsets it reports for each.
struct ReadLines {
  std::vector<std::string> lines;
  std::vector<std::size_t> starts, ends;
};
ReadLines read_all(ShardLineReader& reader) {
  ReadLines out;
  std::string_view line;
  while (reader.next(line)) {
    out.lines.emplace_back(line);
    out.starts.push_back(reader.line_start());
    out.ends.push_back(reader.line_end());
  }
  return out;
}

// The InputError `action` throws (file, line and message), or a failed check.
template <typename Action>
InputError input_error_of(Action action) {
  try {
    action();
  } catch (const InputError& e) {
    return e;
  }
  FAIL("expected an InputError");
  return InputError("", 0, 0, "");
}

// A shard file of a two-point sweep (shard 1/2 holds point 1), description
// line first; CSV rows "point,analysis,row,rows,value[,level]", JSON rows
// objects with point, row and rows (and level for a refined sweep).
std::string shard_text(bool json, bool refined) {
  SweepIdentity id;
  id.shard_index = 1;
  id.shard_count = 2;
  id.points = 2;
  id.negsim = "test";
  id.scenario = id.set = id.axes = id.analyses = std::string(16, '0');
  if (refined) {
    id.refine = "1";
    id.refine_grid = "2";
  }
  std::string text = id.line(json ? SweepFormat::JsonLines : SweepFormat::Csv);
  if (json) {
    const std::string level = refined ? ",\"level\":0" : "";
    text += "{\"point\":1,\"analysis\":\"pure\",\"row\":0,\"rows\":2,\"value\":3" + level + "}\n";
    text += "{\"point\":1,\"analysis\":\"pure\",\"row\":1,\"rows\":2,\"value\":4" + level + "}\n";
  } else {
    const std::string level = refined ? ",0" : "";
    text += std::string("point,analysis,row,rows,value") + (refined ? ",level" : "") + "\n";
    text += "1,pure,0,2,3" + level + "\n";
    text += "1,pure,1,2,4" + level + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("shard line reader: each line with its newline and its offsets, then the end") {
  const std::string rows = "a,1\n\nbc,2\n";
  ShardLineReader reader(rows, 2, "s.csv", 0, 1, kHint);
  const ReadLines read = read_all(reader);
  CHECK(read.lines == std::vector<std::string>{"a,1\n", "\n", "bc,2\n"});
  CHECK(read.starts == std::vector<std::size_t>{0, 4, 5});
  CHECK(read.ends == std::vector<std::size_t>{4, 5, 10});
  std::string_view line = "unchanged";
  CHECK_FALSE(reader.next(line));  // still the end
  CHECK(line == "unchanged");

  ShardLineReader empty("", 1, "s.csv", 0, 1, kHint);
  CHECK(read_all(empty).lines.empty());
}

TEST_CASE("shard line reader: a missing final newline is a torn shard, at the file and line") {
  // The rows follow 2 lines (description, header): the torn row is line 5.
  const std::string rows = "r1\nr2\nr3 cut";
  ShardLineReader reader(rows, 2, "dir/s.csv", 3, 7, kHint);
  std::string_view line;
  REQUIRE(reader.next(line));
  REQUIRE(reader.next(line));
  CHECK(line == "r2\n");
  const InputError e = input_error_of([&] { reader.next(line); });
  CHECK(e.file() == "dir/s.csv");
  CHECK(e.line() == 5);
  CHECK(e.column() == 0);
  CHECK(e.message() == "torn last line: shard 3/7 was interrupted while writing");
  CHECK(e.hint() == kHint);
  CHECK(std::string(e.what()).rfind("dir/s.csv:5: torn last line", 0) == 0);

  // A file of one torn row: line first_line + 1.
  ShardLineReader one("{\"point\":0", 1, "s.jsonl", 0, 2, kHint);
  CHECK(input_error_of([&] { one.next(line); }).line() == 2);
}

TEST_CASE("shard line reader: fail names the file and the line just read") {
  const std::string rows = "r1\nr2\n";
  ShardLineReader reader(rows, 1, "s.csv", 0, 1, kHint);
  std::string_view line;
  REQUIRE(reader.next(line));
  CHECK(input_error_of([&] { reader.fail("bad row"); }).line() == 2);
  REQUIRE(reader.next(line));
  const InputError e = input_error_of([&] { reader.fail("bad row"); });
  CHECK(e.line() == 3);
  CHECK(e.message() == "bad row");
  CHECK(std::string(e.what()) == "s.csv:3: bad row\n  hint: finish the shard");
}

TEST_CASE("both shard mergers: a torn last row fails at its file and line, exit code 1") {
  for (const bool refined : {false, true})
    for (const bool json : {false, true}) {
      CAPTURE(refined);
      CAPTURE(json);
      const std::string whole = shard_text(json, refined);
      // Rows read: the last is cut, so the error is at the file's last line.
      const std::string torn = whole.substr(0, whole.size() - 2);
      const int last_line = static_cast<int>(std::count(torn.begin(), torn.end(), '\n')) + 1;
      const InputError e = input_error_of([&] { merge_sweep_shards({{"shard1", torn}}); });
      CHECK(e.file() == "shard1");
      CHECK(e.line() == last_line);
      CHECK(e.message() == "torn last line: shard 1/2 was interrupted while writing");
      CHECK(e.hint().find("--resume") != std::string::npos);
      CHECK(e.hint().find(refined ? "--refine" : "--shard I/N") != std::string::npos);
      // Whole, it reads on to the next check (shard 0 is missing): the lines are all there.
      const InputError missing = input_error_of([&] { merge_sweep_shards({{"shard1", whole}}); });
      CHECK(missing.message().find("shard(s) 0 of 2 missing") != std::string::npos);
    }

  // Through the command line: bad input, exit code 1, the message on stderr.
  negsim::testing::TempDir dir;
  const std::string whole = shard_text(false, false);
  const std::string path = dir.write("torn.csv", whole.substr(0, whole.size() - 1));
  const negsim::testing::CommandResult result = negsim::testing::run_negsim("merge '" + path + "'");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find(path + ":4: torn last line: shard 1/2 was interrupted while writing") != std::string::npos);
}
