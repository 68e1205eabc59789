#include "sim/repeated/payoff_units.hpp"

#include <algorithm>
#include <stdexcept>

namespace negsim {

PayoffUnits PayoffUnits::of(const NormalFormGame& game) {
  PayoffUnits u;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto table = game.payoff_table(p);
    const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
    u.offset.push_back(*lo);
    u.unit.push_back(*hi > *lo ? *hi - *lo : 1.0);
  }
  return u;
}

NormalFormGame PayoffUnits::normalise(const NormalFormGame& game) const {
  NormalFormGame out = game;
  if (game.has_exact()) {
    // Keep stored exact payoffs consistent with the doubles (minmax may read them).
    std::vector<mpq_class> exact;
    exact.reserve(game.payoffs().size());
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      mpq_class lo = game.exact_payoff(p, 0), hi = lo;
      for (std::size_t k = 1; k < game.num_profiles(); ++k) {
        if (game.exact_payoff(p, k) < lo) lo = game.exact_payoff(p, k);
        if (game.exact_payoff(p, k) > hi) hi = game.exact_payoff(p, k);
      }
      const mpq_class range = hi > lo ? mpq_class(hi - lo) : mpq_class(1);
      for (std::size_t k = 0; k < game.num_profiles(); ++k) exact.push_back((game.exact_payoff(p, k) - lo) / range);
    }
    out.set_exact_payoffs(std::move(exact));
    return out;
  }
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& w : out.payoff_table(p)) w = to_unit(p, w);
  return out;
}

std::vector<double> PayoffUnits::to_unit(std::span<const double> w) const {
  if (w.size() != offset.size()) throw std::invalid_argument("payoff vector of the wrong size");
  std::vector<double> out(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) out[i] = to_unit(i, w[i]);
  return out;
}

}  // namespace negsim
