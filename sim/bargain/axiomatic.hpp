// Axiomatic bargaining solutions: Nash (1950) with weights (the asymmetric
// Nash solution, Kalai 1977) and Kalai-Smorodinsky (1975).
//
// Contract
//  - Feasible set: the deal points of a DiscreteDealSpace (`*_discrete`), or
//    their convex hull, i.e. lotteries over deals (`*_lotteries`), or a 2-player
//    Pareto frontier u2 = f(u1) given as a function (`*_frontier`). The
//    disagreement point d is given per player.
//  - Nash: maximise prod_p (u_p - d_p)^w_p over feasible u with u > d
//    (weights default to 1). Discrete ties (equal products within 1e-12
//    relative) go to the deal with the largest smallest gain u_p - d_p, then
//    the lowest index (so (4,1), (1,4), (2,2) with d = 0 gives (2,2)).
//  - Kalai-Smorodinsky: the ideal point I_p is the best u_p over feasible
//    points with u >= d. Over lotteries the KS point is d + t* (I - d) with
//    the largest t* that some lottery weakly dominates (a linear program,
//    GLPK); it is kept in `kalai_smorodinsky_point`. When a lottery gives
//    exactly that point (a second LP: least normalised excess over it is 0)
//    that lottery is reported (`ks_variant = kExact`). When none does (the
//    point is reachable only by throwing utility away, common with 3
//    players), the reported lottery is the lexicographic max-min of the
//    normalised gains (u_p - d_p)/(I_p - d_p) (Imai 1983), which gives every
//    player at least its KS utility and is Pareto optimal (`ks_variant =
//    kLexicographicMaxMin`; one LP per player and round). In every case
//    `utilities` are recomputed from the reported lottery's deals and
//    probabilities, never taken from an LP's target. Discrete: the deal
//    maximising min_p (u_p - d_p)/(I_p - d_p), ties to the larger total gain,
//    then the lowest index.
//  - No feasible point with u > d (Nash) or u >= d (KS): exists = false.
//  - Lotteries, 2 players: exact (the weighted Nash product is maximised in
//    closed form on each edge of the hull's Pareto frontier). 3+ players:
//    pairwise Frank-Wolfe (Lacoste-Julien and Jaggi 2015) with exact line
//    search until the duality gap is below 1e-13; `iterations` reported.
//  - Frontier: f must be decreasing and concave on [u1_min, u1_max]; Nash
//    needs its slope. Solved by bisection to machine precision.
// Complexity: discrete O(deals * players); 2-player lotteries O(deals log deals);
// n-player lotteries O(iterations * deals * players); KS lotteries one LP with
// deals columns and players rows.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/game/bargaining.hpp"

namespace negsim {

// Which point a Kalai-Smorodinsky solution over lotteries reports.
enum class KalaiSmorodinskyVariant {
  kNotApplicable,        // not a KS solution over lotteries
  kExact,                // a lottery gives exactly d + t* (I - d)
  kLexicographicMaxMin,  // no lottery does: Imai's lexicographic max-min lottery
};

struct AxiomaticSolution {
  bool exists = false;
  std::vector<double> utilities;  // lottery solutions: recomputed from `lottery`
  std::optional<std::size_t> deal;                       // discrete solutions
  std::vector<std::pair<std::size_t, double>> lottery;   // lottery solutions: (deal, probability)
  double nash_product = 0;                               // weighted, in logs: sum w_p log(u_p - d_p)
  std::size_t iterations = 0;
  std::string note;
  // Kalai-Smorodinsky over lotteries only.
  KalaiSmorodinskyVariant ks_variant = KalaiSmorodinskyVariant::kNotApplicable;
  std::vector<double> ideal;                    // I
  std::vector<double> kalai_smorodinsky_point;  // d + t* (I - d), achieved or not
};

// "exact", "lexicographic max-min", "" (kNotApplicable): for reports.
const char* ks_variant_name(KalaiSmorodinskyVariant variant);

AxiomaticSolution nash_solution_discrete(const DiscreteDealSpace& deals, const std::vector<double>& disagreement,
                                         const std::vector<double>& weights = {});
AxiomaticSolution nash_solution_lotteries(const DiscreteDealSpace& deals, const std::vector<double>& disagreement,
                                          const std::vector<double>& weights = {});
AxiomaticSolution kalai_smorodinsky_discrete(const DiscreteDealSpace& deals,
                                             const std::vector<double>& disagreement);
AxiomaticSolution kalai_smorodinsky_lotteries(const DiscreteDealSpace& deals,
                                              const std::vector<double>& disagreement);

// A 2-player Pareto frontier u2 = value(u1) on [u1_min, u1_max].
struct ParetoFrontier2 {
  std::function<double(double)> value;
  std::function<double(double)> slope;  // d value / d u1 (needed by Nash)
  double u1_min = 0;
  double u1_max = 1;
};
AxiomaticSolution nash_solution_frontier(const ParetoFrontier2& frontier, const std::vector<double>& disagreement,
                                         const std::vector<double>& weights = {});
AxiomaticSolution kalai_smorodinsky_frontier(const ParetoFrontier2& frontier,
                                             const std::vector<double>& disagreement);

}  // namespace negsim
