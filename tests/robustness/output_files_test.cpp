// Issue 12, "Limits and output files": what --out (and every other output
// path) may name, and how sweeps protect their output. The rules are in
// models/io/atomic_file.hpp and docs/cli.md ("Output files").
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "tests/support/run_command.hpp"

namespace fs = std::filesystem;
using namespace negsim;
using negsim::testing::read_text_file;
using negsim::testing::run_negsim;
using negsim::testing::TempDir;

namespace {

std::string quoted(const std::string& path) { return "'" + path + "'"; }

bool is_char_device(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISCHR(info.st_mode);
}

}  // namespace

TEST_CASE("output files: a character device is written through, never replaced") {
  TempDir tmp;
  // Through a link, so that a regression would replace the link, not /dev/null.
  const std::string link = tmp.file("null_link");
  fs::create_symlink("/dev/null", link);
  for (const std::string& args : {"run --sensitivity none --out " + quoted(link), "solve scenarios/classic/chicken.yaml --out " + quoted(link),
                                  "generate --sizes 2x2 --out " + quoted(link)}) {
    const auto r = run_negsim(args);
    INFO(args << "\n" << r.err);
    CHECK(r.exit_code == 0);
    CHECK(fs::is_symlink(link));
    CHECK(is_char_device("/dev/null"));
  }
  CHECK(fs::directory_iterator(tmp.path())->path().filename() == "null_link");  // no temporary left
  write_file_atomically(link, "x");
  CHECK(is_char_device("/dev/null"));
}

TEST_CASE("output files: a FIFO is written through, never replaced") {
  TempDir tmp;
  const std::string fifo = tmp.file("pipe");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = read_text_file(fifo); });
  const auto r = run_negsim("run --sensitivity none --out " + quoted(fifo));
  reader.join();
  CHECK(r.exit_code == 0);
  CHECK(received.find("Pure Nash equilibria") != std::string::npos);
  struct stat info {};
  REQUIRE(::lstat(fifo.c_str(), &info) == 0);
  CHECK(S_ISFIFO(info.st_mode));
}

TEST_CASE("output files: --out equal to an input file is refused, also through links") {
  TempDir tmp;
  const std::string scenario = tmp.write("s.yaml", read_text_file("scenarios/classic/chicken.yaml"));
  const std::string original = read_text_file(scenario);
  const std::string link = tmp.file("link.yaml");
  fs::create_symlink(scenario, link);
  for (const std::string& args :
       {"run " + quoted(scenario) + " --out " + quoted(scenario), "run " + quoted(scenario) + " --out " + quoted(link),
        "solve " + quoted(scenario) + " --out " + quoted(scenario), "bargain " + quoted(scenario) + " --out " + quoted(scenario),
        "repeated " + quoted(scenario) + " --target 'move=chicken;move=chicken' --strategies grim-trigger --out " + quoted(link),
        "export " + quoted(scenario) + " --nfg " + quoted(scenario),
        "sweep " + quoted(scenario) + " --grid x=0:1:2 --out " + quoted(scenario)}) {
    const auto r = run_negsim(args);
    INFO(args << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("is the input file") != std::string::npos);
    CHECK(read_text_file(scenario) == original);
  }
}

TEST_CASE("output files: symbolic links are followed, hard links and dangling links refused, the same for every command") {
  TempDir tmp;
  fs::create_directory(tmp.file("real"));
  const std::string target = tmp.write("real/report.txt", "old");
  const std::string link = tmp.file("report_link.txt");
  fs::create_symlink(target, link);
  auto r = run_negsim("run --sensitivity none --out " + quoted(link));
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(link));
  CHECK(read_text_file(target).find("Pure Nash equilibria") != std::string::npos);
  // The sweep writes through the link too.
  r = run_negsim("sweep scenarios/classic/prisoners_dilemma.yaml --list T=5,6 --no-progress --force --out " + quoted(link));
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(fs::is_symlink(link));
  CHECK(read_text_file(target).find("\npoint,T,") != std::string::npos);
  // No temporary left in either folder.
  CHECK(std::distance(fs::directory_iterator(tmp.file("real")), fs::directory_iterator()) == 1);

  const std::string dangling = tmp.file("dangling");
  fs::create_symlink(tmp.file("missing/nowhere.txt"), dangling);
  const std::string hard = tmp.write("hard.txt", "keep");
  fs::create_hard_link(hard, tmp.file("hard2.txt"));
  for (const std::string& out : {dangling, hard}) {
    for (const std::string& args : {"run --sensitivity none --out " + quoted(out), "generate --sizes 2x2 --out " + quoted(out),
                                    "sweep scenarios/classic/prisoners_dilemma.yaml --list T=5,6 --force --out " + quoted(out)}) {
      r = run_negsim(args);
      INFO(args << "\n" << r.err);
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("hint:") != std::string::npos);
    }
  }
  CHECK(read_text_file(hard) == "keep");
  CHECK(fs::is_symlink(dangling));
  CHECK_THROWS_AS(write_file_atomically(tmp.path(), "x"), InputError);  // a folder
}

TEST_CASE("output files: temporaries of a killed writer are removed by the next write") {
  TempDir tmp;
  const std::string out = tmp.file("out.txt");
  // PID 999999999 is above any pid_max: that writer is gone. Our own PID runs.
  const std::string stale = tmp.write("out.txt.tmp.999999999.AbCdEf", "half");
  const std::string live = tmp.write("out.txt.tmp." + std::to_string(::getpid()) + ".XyZ123", "busy");
  const std::string other = tmp.write("other.txt.tmp.999999999.AbCdEf", "not ours");
  write_file_atomically(out, "new");
  CHECK(read_text_file(out) == "new");
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));
}

TEST_CASE("sweep output: an existing file is neither destroyed by a new sweep nor written by two sweeps at once") {
  TempDir tmp;
  const std::string csv = tmp.file("sweep.csv");
  const std::string sweep = "sweep scenarios/classic/prisoners_dilemma.yaml --list T=5,6,7 --no-progress --out " + quoted(csv);
  auto r = run_negsim(sweep);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const std::string first = read_text_file(csv);
  CHECK(first.find("\npoint,T,") != std::string::npos);
  // A second new sweep onto it: refused, file intact.
  r = run_negsim(sweep);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--resume") != std::string::npos);
  CHECK(r.err.find("--force") != std::string::npos);
  CHECK(read_text_file(csv) == first);
  // --resume continues it (nothing to do), --force replaces it.
  CHECK(run_negsim(sweep + " --resume").exit_code == 0);
  CHECK(read_text_file(csv) == first);
  CHECK(run_negsim(sweep + " --force").exit_code == 0);
  CHECK(read_text_file(csv) == first);
  CHECK(run_negsim(sweep + " --force --resume").exit_code == 2);
  // An empty file (mktemp) may be used by a new sweep.
  const std::string empty = tmp.write("empty.csv", "");
  CHECK(run_negsim("sweep scenarios/classic/prisoners_dilemma.yaml --list T=5 --no-progress --out " + quoted(empty)).exit_code == 0);
  // While another process holds the file, a sweep refuses to touch it.
  const int fd = ::open(csv.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  r = run_negsim(sweep + " --resume");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("another negsim process is writing this file") != std::string::npos);
  ::close(fd);
  CHECK(read_text_file(csv) == first);
  // A sweep that fails before writing leaves no file behind.
  const std::string never = tmp.file("never.csv");
  r = run_negsim("sweep scenarios/classic/prisoners_dilemma.yaml --list T=5 --analyses no_such_analysis --out " + quoted(never));
  CHECK(r.exit_code != 0);
  CHECK_FALSE(fs::exists(never));
}
