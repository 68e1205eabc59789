// Repeated-game specification: a stage game played again and again.
//
// Plain data. The stage game is any NormalFormGame; `target` is the profile the
// players try to sustain (the "deal", the cooperative outcome); strategies in
// sim/repeated/ call playing one's target action "cooperating" and anything else
// "defecting". Payoffs are discounted by `discount` per round. Play lasts
// `rounds` rounds when continuation == 1, otherwise after every round another
// one follows with probability `continuation` (a geometric end), capped at
// `rounds` when rounds > 0.
//
// Normalised (average) discounted values (1 - delta) * sum_t delta^t u_t are
// what the equilibrium analysis reports, so they are comparable to stage payoffs.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include "models/game/normal_form.hpp"

namespace negsim {

struct RepeatedGameSpec {
  NormalFormGame stage;
  PureProfile target;          // one action per player
  double discount = 0.9;       // delta in (0, 1]; 1 = undiscounted totals (finite play only)
  std::string discount_parameter;  // scenario parameter the discount came from, if any
  std::size_t rounds = 0;      // fixed horizon, or the cap of a geometric end; 0 = none
  double continuation = 1.0;   // probability of another round; 1 = fixed horizon

  bool geometric_end() const { return continuation < 1.0; }

  // Throws std::invalid_argument with a message naming the bad field.
  void validate() const {
    if (stage.num_players() == 0) throw std::invalid_argument("repeated game: empty stage game");
    if (target.size() != stage.num_players())
      throw std::invalid_argument("repeated game: target needs one action per player");
    for (std::size_t p = 0; p < target.size(); ++p)
      if (target[p] >= stage.num_actions(p))
        throw std::invalid_argument("repeated game: target action out of range for player " +
                                    std::to_string(p + 1));
    if (!(discount > 0.0 && discount <= 1.0))
      throw std::invalid_argument("repeated game: discount must be in (0, 1]");
    if (!(continuation > 0.0 && continuation <= 1.0))
      throw std::invalid_argument("repeated game: continuation probability must be in (0, 1]");
    if (continuation >= 1.0 && rounds == 0 && discount >= 1.0)
      throw std::invalid_argument(
          "repeated game: infinite play needs discount < 1 (or set rounds)");
  }
};

}  // namespace negsim
