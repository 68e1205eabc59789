// The types model's picture: how the observer's belief moves along the most
// likely line of play (sim/report/bottom_line.hpp, TypesPrediction): the
// prior at the start, then the Bayes-rule belief after each round, and with a
// `threat:` the belief that the threat will be carried out (dashed, when it
// differs). Draws the numbers as computed; nothing is derived here.
#pragma once

#include <string>

#include "models/scenario/scenario.hpp"
#include "sim/report/bottom_line.hpp"
#include "sim/report/report_document.hpp"

namespace negsim::svg {

// Empty svg when the prediction has no belief path.
ReportChart belief_path_chart(const Scenario& scenario, const TypesPrediction& types);

}  // namespace negsim::svg
