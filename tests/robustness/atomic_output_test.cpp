// Nothing lost: every file negsim writes goes through write_file_atomically
// (temporary file beside the destination, fsync, rename), so a reader sees
// either the old file or the whole new one, never a prefix, even when the
// writer is killed midway; and a failed write leaves the destination as it
// was and no temporary behind.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "models/io/nfg.hpp"
#include "tests/support/run_command.hpp"

namespace fs = std::filesystem;
using namespace negsim;
using negsim::testing::read_text_file;
using negsim::testing::TempDir;

namespace {

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("atomic output: replaces the content, keeps permissions, leaves no temporary") {
  TempDir tmp;
  const std::string path = tmp.write("out.txt", "old");
  ::chmod(path.c_str(), 0640);
  write_file_atomically(path, "new content\n");
  CHECK(read_text_file(path) == "new content\n");
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
  CHECK(files_in(tmp.path()) == std::vector<std::string>{"out.txt"});
  write_file_atomically(tmp.file("empty.txt"), "");
  CHECK(read_text_file(tmp.file("empty.txt")).empty());
}

TEST_CASE("atomic output: a failed write is an InputError and changes nothing") {
  TempDir tmp;
  CHECK_THROWS_AS(write_file_atomically(tmp.file("no/such/folder/out.txt"), "x"), InputError);
  CHECK(files_in(tmp.path()).empty());
  // A destination that is a folder: the rename fails, the temporary goes.
  fs::create_directory(tmp.file("folder"));
  fs::create_directory(tmp.file("folder/inside"));
  CHECK_THROWS_AS(write_file_atomically(tmp.file("folder"), "x"), InputError);
  CHECK(files_in(tmp.path()) == std::vector<std::string>{"folder"});
  if (::geteuid() != 0) {  // root ignores permissions
    const std::string locked = tmp.file("locked");
    fs::create_directory(locked);
    const std::string path = locked + "/out.txt";
    std::ofstream(path) << "old";
    ::chmod(locked.c_str(), 0555);
    CHECK_THROWS_AS(write_file_atomically(path, "new"), InputError);
    CHECK(read_text_file(path) == "old");
    ::chmod(locked.c_str(), 0755);
    CHECK(files_in(locked) == std::vector<std::string>{"out.txt"});
  }
}

TEST_CASE("atomic output: a .nfg that cannot be written leaves the old file alone") {
  TempDir tmp;
  const std::string path = tmp.write("game.nfg", "old game");
  NormalFormGame game({2, 2});
  game.set_payoff(0, 1, std::numeric_limits<double>::quiet_NaN());
  CHECK_THROWS_AS(write_nfg_file(path, game), InputError);
  CHECK(read_text_file(path) == "old game");
  CHECK(files_in(tmp.path()) == std::vector<std::string>{"game.nfg"});
}

TEST_CASE("atomic output: a writer killed midway leaves the old file or the whole new one") {
  TempDir tmp;
  const std::string path = tmp.file("big.txt");
  const std::string old_text(1 << 20, 'o');
  const std::string new_text(16 << 20, 'n');  // 16 MiB: takes a while to write and fsync
  write_file_atomically(path, old_text);
  int saw_old = 0, saw_new = 0;
  for (int attempt = 0; attempt < 6; ++attempt) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      try {
        write_file_atomically(path, new_text);
      } catch (...) {
        ::_exit(1);
      }
      ::_exit(0);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2 + 7 * attempt));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    const std::string now = read_text_file(path);
    const bool whole = now == old_text || now == new_text;
    CHECK_MESSAGE(whole, "attempt " << attempt << ": file has " << now.size() << " bytes");
    (now == new_text ? saw_new : saw_old)++;
    if (now == new_text) write_file_atomically(path, old_text);
    // A killed writer may leave its temporary (never the destination) behind.
    for (const std::string& name : files_in(tmp.path()))
      if (name != "big.txt") {
        CHECK(name.rfind("big.txt.tmp.", 0) == 0);
        fs::remove(tmp.file(name));
      }
  }
  MESSAGE("killed writers: " << saw_old << " left the old file, " << saw_new << " had finished");
}

TEST_CASE("atomic output: --out of every command is atomic (a failing command leaves no file)") {
  TempDir tmp;
  const std::string out = tmp.file("report.txt");
  const auto r = negsim::testing::run_negsim("solve no_such_game.nfg --out '" + out + "'");
  CHECK(r.exit_code == 1);
  CHECK_FALSE(fs::exists(out));
  const auto ok = negsim::testing::run_negsim("run --sensitivity none --out '" + out + "'");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.empty());
  CHECK_FALSE(read_text_file(out).empty());
  CHECK(files_in(tmp.path()) == std::vector<std::string>{"report.txt"});
}

TEST_CASE("atomic output: source audit, no file is written except through atomic_file") {
  // Every way of opening a file for writing in models/ and sim/. A new writer
  // must use write_file_atomically, or stream so that every prefix is valid
  // (then add it here with the reason).
  const std::vector<std::string> allowed = {
      "models/io/atomic_file.cpp",  // the atomic writer itself (open/mkstemp/write/rename)
      // Sweep output streams whole records (header, then complete rows per
      // batch, each followed by fsync); --resume scans the file and truncates a
      // partial last record, so any prefix on disk is valid (sweep_runner.hpp).
      "sim/sweep/sweep_runner.cpp",
  };
  const std::regex writer(R"(std::ofstream|std::fstream|\bfopen\s*\(|\bfreopen\s*\(|\bcreat\s*\(|O_WRONLY|O_RDWR|\bmkstemp\s*\(|std::filesystem::copy|fs::copy)");
  std::vector<std::string> offenders;
  for (const char* top : {"models", "sim"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(NEGSIM_SOURCE_DIR) / top)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp") continue;
      const std::string relative = fs::relative(entry.path(), NEGSIM_SOURCE_DIR).string();
      if (std::find(allowed.begin(), allowed.end(), relative) != allowed.end()) continue;
      if (std::regex_search(read_text_file(entry.path().string()), writer)) offenders.push_back(relative);
    }
  }
  CHECK_MESSAGE(offenders.empty(), "files that write without write_file_atomically: " << [&] {
    std::string list;
    for (const auto& o : offenders) list += o + " ";
    return list;
  }());
}
