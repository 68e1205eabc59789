#include "models/game/bargaining.hpp"

#include <cmath>
#include <stdexcept>

namespace negsim {

void BargainingProtocol::validate() const {
  const std::size_t n = num_players();
  if (n < 2) throw std::invalid_argument("bargaining needs at least 2 players");
  if (!player_names.empty() && player_names.size() != n)
    throw std::invalid_argument("one name per bargaining player");
  for (std::size_t p = 0; p < n; ++p)
    if (!(discount[p] > 0 && discount[p] <= 1))
      throw std::invalid_argument("discount factor of player " + std::to_string(p + 1) + " must be in (0, 1]");
  if (proposer_order.empty()) throw std::invalid_argument("the proposer order is empty");
  for (std::size_t p : proposer_order)
    if (p >= n) throw std::invalid_argument("proposer out of range");
  if (deadline && *deadline < 1) throw std::invalid_argument("the deadline must be at least 1 round");
  if (disagreement.size() != n) throw std::invalid_argument("one disagreement payoff per player");
  if (!outside_option.empty() && outside_option.size() != n)
    throw std::invalid_argument("one outside option entry per player");
  for (std::size_t p = 0; p < n; ++p) {
    if (!std::isfinite(disagreement[p])) throw std::invalid_argument("disagreement payoff is not finite");
    if (has_outside_option(p) && !std::isfinite(*outside_option[p]))
      throw std::invalid_argument("outside option is not finite");
  }
  if (!deadline) {
    bool impatient = false;
    for (double d : discount) impatient = impatient || d < 1;
    if (!impatient) throw std::invalid_argument("the infinite horizon needs a discount factor below 1");
    if (extension) throw std::invalid_argument("a deadline extension needs a deadline");
  }
  if (extension) {
    if (extension->player >= n) throw std::invalid_argument("extension holder out of range");
    if (extension->rounds < 1) throw std::invalid_argument("an extension adds at least 1 round");
    if (!std::isfinite(extension->cost)) throw std::invalid_argument("extension cost is not finite");
  }
}

std::size_t DiscreteDealSpace::add(std::string label, const std::vector<double>& utility) {
  if (utility.size() != num_players) throw std::invalid_argument("one utility per player");
  utilities.insert(utilities.end(), utility.begin(), utility.end());
  labels.push_back(std::move(label));
  return labels.size() - 1;
}

void DiscreteDealSpace::validate() const {
  if (labels.empty()) throw std::invalid_argument("the deal space is empty");
  if (utilities.size() != num_players * labels.size()) throw std::invalid_argument("utility table has the wrong size");
  for (double u : utilities)
    if (!std::isfinite(u)) throw std::invalid_argument("a deal utility is not finite");
}

void BargainingProblem::validate() const {
  protocol.validate();
  deals.validate();
  if (deals.num_players != protocol.num_players())
    throw std::invalid_argument("deal space and protocol disagree on the number of players");
}

void PieBargainingProblem::validate() const {
  protocol.validate();
  if (!(pie > 0 && std::isfinite(pie))) throw std::invalid_argument("the pie must be positive");
}

}  // namespace negsim
