// Shared fixtures of the sweep tests: a small parameterised scenario whose
// equilibria are known in closed form.
#pragma once

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/loader.hpp"

namespace negsim::testing {

// A prisoner's dilemma with a temptation T against the reward R = 3 (P = 1,
// S = 0). Known answer: T > R -> defection is strictly dominant, the only
// equilibrium is (defect, defect); T <= R -> a stag hunt with two pure
// equilibria, (cooperate, cooperate) and (defect, defect).
// Row also picks a costly `effort` (0.1 per unit; it never pays, so effort=0
// in every equilibrium), and log(risk) makes every payoff NaN or infinite
// for risk <= 0 (an error row for that point).
inline const char* kSweepScenario = R"yaml(scenario: sweep-test
title: Sweep test
parameters:
  R: {value: 3}
  P: {value: 1}
  S: {value: 0}
  T: {value: 5}
  risk: {value: 1}
players:
  row:
    levers:
      play: {values: [cooperate, defect]}
      effort: {values: [0, 1, 2]}
  column:
    levers:
      play: {values: [cooperate, defect]}
payoffs:
  row: "if(row.play == cooperate, if(column.play == cooperate, R, S), if(column.play == cooperate, T, P)) - 0.1 * row.effort + log(risk)"
  column: "if(column.play == cooperate, if(row.play == cooperate, R, S), if(row.play == cooperate, T, P)) + log(risk)"
)yaml";

inline Scenario sweep_scenario() { return load_scenario_text(kSweepScenario, "sweep-test.yaml"); }

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// Splits one CSV line (RFC 4180 quoting).
inline std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

}  // namespace negsim::testing
