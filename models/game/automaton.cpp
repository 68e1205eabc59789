#include "models/game/automaton.hpp"

#include <cmath>
#include <stdexcept>

namespace negsim {

std::vector<double> Automaton::action_distribution(std::size_t s) const {
  const std::uint32_t a = action[s];
  if (a & kMixedFlag) return mixed[a & ~kMixedFlag];
  std::vector<double> d(num_actions, 0.0);
  d[a] = 1.0;
  return d;
}

StateDistribution Automaton::transition(std::size_t s, std::size_t profile,
                                        std::uint32_t mask) const {
  const std::uint32_t n = next[s * key_size + key_of(profile, mask)];
  if (n & kRandomFlag) return random[n & ~kRandomFlag];
  return {{1.0, n}};
}

void Automaton::validate() const {
  const std::size_t states = num_states();
  auto fail = [&](const std::string& why) {
    throw std::invalid_argument("automaton '" + name + "': " + why);
  };
  if (states == 0) fail("no states");
  if (initial >= states) fail("initial state out of range");
  if (next.size() != states * key_size) fail("transition table has the wrong size");
  if (!state_names.empty() && state_names.size() != states) fail("state names do not match");
  if (key == TransitionKey::DeviationMask && target.size() != num_players)
    fail("mask transitions need a target profile");
  for (std::uint32_t a : action) {
    if (a & kMixedFlag) {
      if ((a & ~kMixedFlag) >= mixed.size()) fail("mixed action index out of range");
    } else if (a >= num_actions) {
      fail("action out of range");
    }
  }
  for (const auto& d : mixed) {
    if (d.size() != num_actions) fail("mixed action of the wrong size");
    double sum = 0;
    for (double p : d) {
      if (p < 0) fail("negative probability");
      sum += p;
    }
    if (std::abs(sum - 1.0) > 1e-9) fail("mixed action does not sum to 1");
  }
  for (std::uint32_t n : next) {
    if (n & kRandomFlag) {
      if ((n & ~kRandomFlag) >= random.size()) fail("random transition index out of range");
    } else if (n >= states) {
      fail("transition to a state out of range");
    }
  }
  for (const auto& d : random) {
    double sum = 0;
    for (const auto& [p, s] : d) {
      if (p < 0 || s >= states) fail("bad random transition");
      sum += p;
    }
    if (std::abs(sum - 1.0) > 1e-9) fail("random transition does not sum to 1");
  }
}

Automaton make_automaton(const NormalFormGame& game, std::size_t player, std::size_t states,
                         TransitionKey key, const PureProfile& target, std::string name) {
  Automaton a;
  a.name = std::move(name);
  a.player = player;
  a.num_actions = game.num_actions(player);
  a.num_players = game.num_players();
  a.key = key;
  if (key == TransitionKey::DeviationMask) {
    if (game.num_players() > 20) throw std::invalid_argument("mask transitions: at most 20 players");
    if (target.size() != game.num_players())
      throw std::invalid_argument("mask transitions need a target with one action per player");
    a.key_size = std::size_t{1} << game.num_players();
  } else {
    a.key_size = game.num_profiles();
  }
  if (states * a.key_size > kMaxTableEntries)
    throw std::invalid_argument("automaton '" + a.name + "': transition table too large (" +
                                std::to_string(states) + " states x " +
                                std::to_string(a.key_size) + " keys)");
  a.target = target;
  a.action.assign(states, 0);
  a.next.resize(states * a.key_size);
  for (std::size_t s = 0; s < states; ++s)
    for (std::size_t k = 0; k < a.key_size; ++k) a.next[s * a.key_size + k] = static_cast<std::uint32_t>(s);
  return a;
}

std::uint32_t deviation_mask(const NormalFormGame& game, std::size_t profile,
                             const PureProfile& target) {
  std::uint32_t mask = 0;
  for (std::size_t q = 0; q < game.num_players(); ++q)
    if (game.action_of(profile, q) != target[q]) mask |= 1u << q;
  return mask;
}

Automaton to_profile_keyed(const NormalFormGame& game, const Automaton& automaton) {
  if (automaton.key == TransitionKey::Profile) return automaton;
  Automaton out = automaton;
  out.key = TransitionKey::Profile;
  out.key_size = game.num_profiles();
  if (out.num_states() * out.key_size > kMaxTableEntries)
    throw std::invalid_argument("automaton '" + out.name + "': profile table too large");
  out.next.assign(out.num_states() * out.key_size, 0);
  for (std::size_t idx = 0; idx < out.key_size; ++idx) {
    const std::uint32_t mask = deviation_mask(game, idx, automaton.target);
    for (std::size_t s = 0; s < out.num_states(); ++s)
      out.next[s * out.key_size + idx] = automaton.next[s * automaton.key_size + mask];
  }
  return out;
}

void check_automata_profile(const NormalFormGame& game, std::span<const Automaton> automata) {
  if (automata.size() != game.num_players())
    throw std::invalid_argument("need one automaton per player (" +
                                std::to_string(game.num_players()) + "), got " +
                                std::to_string(automata.size()));
  const PureProfile* target = nullptr;
  for (std::size_t p = 0; p < automata.size(); ++p) {
    const Automaton& a = automata[p];
    a.validate();
    if (a.num_actions != game.num_actions(p) || a.num_players != game.num_players())
      throw std::invalid_argument("automaton '" + a.name + "' was built for another seat or game");
    if (a.key == TransitionKey::Profile && a.key_size != game.num_profiles())
      throw std::invalid_argument("automaton '" + a.name + "' has a profile table of the wrong size");
    if (a.key == TransitionKey::DeviationMask) {
      if (target && *target != a.target)
        throw std::invalid_argument("mask automata were built against different targets");
      target = &a.target;
    }
  }
}

}  // namespace negsim
