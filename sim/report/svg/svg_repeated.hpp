// The repeated-game picture: is the target deal self-enforcing?
//  - per player, on one payoff axis: the minmax (what the others can hold it
//    to), the Nash-reversion payoff, the target deal and the best one-shot
//    deviation from it;
//  - per player, on the discount axis [0, 1]: the smallest discount factor at
//    which Nash reversion deters that player (and the threshold with each
//    deviator's own worst stage equilibrium), against the game's discount;
//  - with two players, the payoff plane: the pure payoff vectors and their
//    convex hull (the feasible set), the individually rational lines, the
//    reversion point, the target and, when given, the subgame-perfect payoff
//    set (Abreu-Sannikov vertices from `negsim repeated --payoff-set`, or
//    from `negsim run` within an iteration budget: then possibly an outer bound).
//
// Contract: draws the SustainabilityReport as computed; the only geometry
// done here is the convex hull of the stage game's payoff vectors, which is
// the feasible set by definition. Complexity: O(profiles log profiles).
#pragma once

#include <string>
#include <vector>

#include "sim/analysis/scenario_analysis.hpp"
#include "sim/report/report_document.hpp"
#include "sim/repeated/bounded_payoff_set.hpp"
#include "sim/repeated/polygon.hpp"

namespace negsim::svg {

ReportChart repeated_chart(const RepeatedAnalysis& analysis, const std::string& unit,
                           const std::vector<Point2>& spe_payoff_set = {});
// With the set as `negsim run` computes it (bounded_payoff_set.hpp): an
// unconverged set is drawn dashed as an outer bound and the text alternative
// says after how many iterations it stopped; a missing one is said in words.
ReportChart repeated_chart(const RepeatedAnalysis& analysis, const std::string& unit, const BoundedPayoffSet& set);

}  // namespace negsim::svg
