// Golden Markdown reports and their pictures: `negsim run SCENARIO --format
// markdown --sensitivity none --out NAME.md` for every shipped scenario (the
// tipping-point search is left out to keep the test fast; its chart is
// tested in tests/sim/report/svg/svg_charts_test.cpp) is compared byte for byte
// with tests/golden/<path>.md and every picture with
// tests/golden/<path>_files/*.svg (the SVG is written by negsim, so its bytes
// are deterministic). Regenerate with scripts/update_golden, review the diff.
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

// tests/golden/classic/chicken (no extension) for scenarios/classic/chicken.yaml.
fs::path golden_stem(const std::string& scenario) {
  fs::path rel = fs::path(scenario).lexically_relative("scenarios");
  rel.replace_extension("");
  return fs::path(NEGSIM_SOURCE_DIR) / "tests" / "golden" / rel;
}

std::set<std::string> files_in(const fs::path& folder) {
  std::set<std::string> names;
  if (fs::is_directory(folder))
    for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

void check_same(const fs::path& golden, const fs::path& actual) {
  INFO("golden file " << golden.string() << " (regenerate with scripts/update_golden, then review git diff)");
  REQUIRE_MESSAGE(fs::exists(golden), "missing golden file");
  const bool same = read_text_file(golden.string()) == read_text_file(actual.string());
  CHECK_MESSAGE(same, "differs from " << golden.string() << "; diff -u it with " << actual.string());
}

}  // namespace

TEST_CASE("golden: the Markdown report and its SVG pictures of every shipped scenario") {
  for (const std::string& scenario : shipped_scenarios()) {
    CAPTURE(scenario);
    const fs::path stem = golden_stem(scenario);
    TempDir tmp;
    const std::string name = stem.filename().string();
    const fs::path md = fs::path(tmp.path()) / (name + ".md");
    const auto run = run_negsim("run '" + scenario + "' --format markdown --sensitivity none --out '" + md.string() + "'");
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    const fs::path pictures = fs::path(tmp.path()) / (name + "_files");
    const fs::path golden_pictures = stem.string() + "_files";
    if (updating()) {
      fs::create_directories(stem.parent_path());
      fs::remove_all(golden_pictures);
      fs::copy_file(md, stem.string() + ".md", fs::copy_options::overwrite_existing);
      if (fs::exists(pictures)) fs::copy(pictures, golden_pictures, fs::copy_options::recursive);
      continue;
    }
    check_same(stem.string() + ".md", md);
    CHECK(files_in(pictures) == files_in(golden_pictures));
    for (const std::string& file : files_in(pictures)) check_same(golden_pictures / file, pictures / file);
    // The Markdown links exactly the pictures written beside it.
    const std::string text = read_text_file(md.string());
    for (const std::string& file : files_in(pictures))
      CHECK_MESSAGE(text.find("](" + name + "_files/" + file + ")") != std::string::npos, file << " is not linked");
  }
}

// `negsim repeated --payoff-set --format markdown`: the repeated-game picture
// with the feasible and individually rational region and the subgame-perfect
// payoff set, and the set's vertices as a table (the text alternative).
TEST_CASE("golden: the repeated game's payoff-set picture of the trade war") {
  const fs::path stem = fs::path(NEGSIM_SOURCE_DIR) / "tests" / "golden" / "trade_war_tariffs_payoff_set";
  TempDir tmp;
  const std::string name = stem.filename().string();
  const fs::path md = fs::path(tmp.path()) / (name + ".md");
  const auto run = run_negsim("repeated scenarios/trade_war_tariffs.yaml --payoff-set --format markdown --out '" +
                              md.string() + "'");
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const fs::path pictures = fs::path(tmp.path()) / (name + "_files");
  const fs::path golden_pictures = stem.string() + "_files";
  if (updating()) {
    fs::remove_all(golden_pictures);
    fs::copy_file(md, stem.string() + ".md", fs::copy_options::overwrite_existing);
    fs::copy(pictures, golden_pictures, fs::copy_options::recursive);
    return;
  }
  check_same(stem.string() + ".md", md);
  CHECK(files_in(pictures) == std::set<std::string>{"repeated_game.svg"});
  check_same(golden_pictures / "repeated_game.svg", pictures / "repeated_game.svg");
  const std::string text = read_text_file(md.string());
  CHECK(text.find("Subgame-perfect payoff set at discount factor 0.9") != std::string::npos);
  const std::string svg = read_text_file((pictures / "repeated_game.svg").string());
  CHECK(svg.find("subgame-perfect payoff set") != std::string::npos);
  CHECK(svg.find("feasible and individually rational payoffs") != std::string::npos);
}

// A sweep's report (`negsim sweep --report FILE.md`, `negsim report FILE.csv
// --scenario ... --format html|text`): the bottom line, the regime map, the shares
// and the scenario's players, parameters (the swept ones marked) and sources.
// The temporary folder's path is cut from the title before comparing.
TEST_CASE("golden: a sweep report in Markdown, HTML and text, with its scenario") {
  const fs::path stem = fs::path(NEGSIM_SOURCE_DIR) / "tests" / "golden" / "sweeps" / "trade_war_sweep";
  TempDir tmp;
  const std::string name = stem.filename().string();
  const fs::path csv = fs::path(tmp.path()) / (name + ".csv"), md = fs::path(tmp.path()) / (name + ".md"),
                 html = fs::path(tmp.path()) / (name + ".html");
  const auto sweep = run_negsim("sweep scenarios/trade_war_tariffs.yaml --grid nash_tariff=30:90:4 "
                                "--grid breakdown_cost=0.5:5:4 --no-progress --out '" + csv.string() + "' --report '" +
                                md.string() + "'");
  REQUIRE_MESSAGE(sweep.exit_code == 0, sweep.err);
  const auto page = run_negsim("report '" + csv.string() + "' --scenario scenarios/trade_war_tariffs.yaml --format html");
  REQUIRE_MESSAGE(page.exit_code == 0, page.err);
  const auto text = run_negsim("report '" + csv.string() + "' --scenario scenarios/trade_war_tariffs.yaml --format text");
  REQUIRE_MESSAGE(text.exit_code == 0, text.err);
  const fs::path txt = fs::path(tmp.path()) / (name + ".txt");
  const auto without_folder = [&](std::string text) {
    const std::string folder = tmp.path() + "/";
    for (std::size_t at = text.find(folder); at != std::string::npos; at = text.find(folder, at)) text.erase(at, folder.size());
    return text;
  };
  const std::string markdown = without_folder(read_text_file(md.string()));  // read before the file is rewritten
  std::ofstream(md, std::ios::binary) << markdown;
  std::ofstream(html, std::ios::binary) << without_folder(page.out);
  std::ofstream(txt, std::ios::binary) << without_folder(text.out);
  const fs::path pictures = fs::path(tmp.path()) / (name + "_files");
  const fs::path golden_pictures = stem.string() + "_files";
  if (updating()) {
    fs::create_directories(stem.parent_path());
    fs::remove_all(golden_pictures);
    fs::copy_file(md, stem.string() + ".md", fs::copy_options::overwrite_existing);
    fs::copy_file(html, stem.string() + ".html", fs::copy_options::overwrite_existing);
    fs::copy_file(txt, stem.string() + ".txt", fs::copy_options::overwrite_existing);
    fs::copy(pictures, golden_pictures, fs::copy_options::recursive);
    return;
  }
  check_same(stem.string() + ".md", md);
  check_same(stem.string() + ".html", html);
  check_same(stem.string() + ".txt", txt);
  CHECK(files_in(pictures) == std::set<std::string>{"sweep_regime_map.svg", "sweep_shares.svg"});
  for (const std::string& file : files_in(pictures)) check_same(golden_pictures / file, pictures / file);
  const std::string written = read_text_file(md.string());
  CHECK(written.find("# Sweep: " + name + ".csv") != std::string::npos);
  CHECK(written.find("| nash_tariff | swept: 30 to 90, 4 values |") != std::string::npos);
  CHECK(written.find("Bagwell and Staiger") != std::string::npos);
  // The text has the pictures' words and numbers, not the pictures.
  CHECK(text.out.find("<svg") == std::string::npos);
  CHECK(text.out.find("Picture (in the HTML and Markdown reports): Regime map") != std::string::npos);
  CHECK(text.out.find("Bagwell and Staiger") != std::string::npos);
}
