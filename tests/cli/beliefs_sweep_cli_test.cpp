// negsim sweep --analyses beliefs against negsim run --set at the same point:
// the sequential equilibrium in behaviour strategies (sim/sweep/belief_sweep_analyses.hpp).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/sweep/sweep_spec.hpp"
#include "tests/support/run_command.hpp"

using negsim::format_sweep_number;
using negsim::testing::run_negsim;

namespace {

std::vector<nlohmann::json> jsonl_rows(const std::string& text) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // the sweep's description line
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  return rows;
}

// The probability after `key` in a `...; r1 sender breakfast=beer 0.8; ...` list.
double number_after(const std::string& text, const std::string& key) {
  const std::size_t at = text.find(key);
  REQUIRE_MESSAGE(at != std::string::npos, key << " not in " << text);
  return std::stod(text.substr(at + key.size()));
}

}  // namespace

TEST_CASE("sweep beliefs: beer-quiche at p_weak 0.6, the mixed sequential equilibrium equals run --set") {
  // With the weak type likelier than not, no pure PBE exists (pooling on beer
  // would make the receiver duel); the known mixed one: the weak sender
  // drinks beer w.p. 2/3, so after beer the receiver believes weak 1/2, is
  // indifferent, and retreats w.p. 1/2.
  const auto sweep = run_negsim(
      "sweep scenarios/classic/beer_quiche.yaml --list p_weak=0.6 --analyses beliefs --format jsonl");
  REQUIRE_MESSAGE(sweep.exit_code == 0, sweep.err);
  const std::vector<nlohmann::json> rows = jsonl_rows(sweep.out);
  REQUIRE(rows.size() == 1);  // no pure row: only the behaviour one
  const nlohmann::json& row = rows[0];
  CHECK(row["status"] == "ok");
  CHECK(row["kind"] == "behaviour sequential");
  CHECK(row["equilibria"] == 1);
  CHECK(row["max_regret"].get<double>() == doctest::Approx(0).epsilon(1e-12));

  const auto run = run_negsim("run scenarios/classic/beer_quiche.yaml --set p_weak=0.6 --sensitivity none --format json");
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const nlohmann::json report = nlohmann::json::parse(run.out);
  CHECK(report["beliefs"]["equilibria"].empty());
  const nlohmann::json& b = report["beliefs"]["behavior_equilibrium"];
  REQUIRE(b.is_object());
  CHECK(row["payoff_sender"].get<double>() == b["payoffs"][0].get<double>());
  CHECK(row["payoff_receiver"].get<double>() == b["payoffs"][1].get<double>());

  // Every information set: the sweep says what run says, in run's words.
  const std::string mixed = row["mixed_moves"].get<std::string>();
  const std::string beliefs = row["beliefs"].get<std::string>();
  std::size_t mixed_sets = 0, off_path = 0;
  for (const nlohmann::json& set : b["information_sets"]) {
    const std::vector<double> p = set["probabilities"].get<std::vector<double>>();
    const std::vector<std::string> labels = set["actions"].get<std::vector<std::string>>();
    const bool mixes = p[0] > 0 && p[0] < 1;
    if (mixes) {
      ++mixed_sets;
      const std::string text = set["knows"].get<std::string>() + ": " + labels[0] + " " +
                               format_sweep_number(p[0]) + ", " + labels[1] + " " + format_sweep_number(p[1]);
      CHECK_MESSAGE(mixed.find(text) != std::string::npos, text << " not in " << mixed);
    }
    if (set["reach"].get<double>() == 0) ++off_path;
    if (set["player"] == "receiver" && set["reach"].get<double>() > 0) {
      const std::string said = "r1 receiver [reach " + format_sweep_number(set["reach"].get<double>()) +
                               "]: sender=weak " + format_sweep_number(set["type_beliefs"]["sender"]["weak"].get<double>());
      CHECK_MESSAGE(beliefs.find(said) != std::string::npos, said << " not in " << beliefs);
    }
  }
  CHECK(mixed_sets == 2);  // the weak sender and the receiver after beer
  CHECK(row["off_path"].get<std::int64_t>() == static_cast<std::int64_t>(off_path));

  // The known answer (Cho-Kreps at prior 0.6), read from the sweep's row.
  CHECK(number_after(mixed, "knowing its type (weak): breakfast=beer ") == doctest::Approx(2.0 / 3));
  CHECK(number_after(mixed, "knowing Sender breakfast=beer (round 1); not knowing the type of Sender: response=duel 0.5, "
                            "response=retreat ") == doctest::Approx(0.5));
  CHECK(number_after(beliefs, "sender=weak ") == doctest::Approx(0.5));  // first on-path receiver set: after beer
  // On the path: beer by the weak (0.6 * 2/3) and the strong (0.4) type.
  CHECK(number_after(row["path"].get<std::string>(), "r1 sender breakfast=beer ") == doctest::Approx(0.8));
  // No pure equilibrium, no value of information (it compares first pure equilibria).
  CHECK(!row.contains("value_of_information_sender"));
}

TEST_CASE("sweep beliefs: at the default prior the pure rows come first, then the behaviour row") {
  const auto sweep = run_negsim(
      "sweep scenarios/classic/beer_quiche.yaml --list p_weak=0.1 --analyses beliefs --format jsonl");
  REQUIRE_MESSAGE(sweep.exit_code == 0, sweep.err);
  const std::vector<nlohmann::json> rows = jsonl_rows(sweep.out);
  REQUIRE(rows.size() == 3);  // the two pooling equilibria, then the quasi-perfect one
  for (std::size_t r = 0; r < rows.size(); ++r) {
    CAPTURE(r);
    CHECK(rows[r]["equilibrium"] == r);
    CHECK(rows[r]["equilibria"] == 3);
    CHECK(rows[r]["max_regret"].get<double>() <= 1e-9);
  }
  CHECK(rows[0]["kind"] != "behaviour sequential");
  CHECK(rows[0]["mixed_moves"] == "");
  CHECK(rows[2]["kind"] == "behaviour sequential");
  // The quasi-perfect equilibrium is one of the pooling ones, so its payoffs are among theirs.
  const double sender = rows[2]["payoff_sender"].get<double>();
  CHECK((sender == doctest::Approx(rows[0]["payoff_sender"].get<double>()) ||
         sender == doctest::Approx(rows[1]["payoff_sender"].get<double>())));
}
