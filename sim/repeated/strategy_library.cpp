#include "sim/repeated/strategy_library.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "models/errors.hpp"
#include "models/game/strategy_names.hpp"
#include "models/scenario/automaton_yaml.hpp"

namespace negsim {

namespace {

using Mask = std::uint32_t;

const std::map<std::string, std::string>& aliases() { return library_strategy_aliases(); }

// Fills every transition of a mask-keyed automaton from f(state, mask) -> next.
template <typename F>
void fill_mask(Automaton& a, F f) {
  for (std::size_t s = 0; s < a.num_states(); ++s)
    for (std::size_t m = 0; m < a.key_size; ++m)
      a.next[s * a.key_size + m] = f(static_cast<std::uint32_t>(s), static_cast<Mask>(m));
}

std::uint32_t add_random(Automaton& a, StateDistribution d) {
  a.random.push_back(std::move(d));
  return kRandomFlag | static_cast<std::uint32_t>(a.random.size() - 1);
}

double payoff_with(const NormalFormGame& g, std::size_t q, const PureProfile& target,
                   std::size_t player, std::size_t action) {
  const std::size_t base = g.profile_index(target);
  const std::size_t idx = base + (action - target[player]) * g.stride(player);
  return g.payoff(q, idx);
}

double others_sum(const NormalFormGame& g, const PureProfile& target, std::size_t player,
                  std::size_t action) {
  double s = 0;
  for (std::size_t q = 0; q < g.num_players(); ++q)
    if (q != player) s += payoff_with(g, q, target, player, action);
  return s;
}

}  // namespace

const std::vector<StrategyInfo>& strategy_catalog() {
  // The names live in models/ (the scenario loader checks them); the automata here.
  static const std::vector<StrategyInfo> catalog = [] {
    std::vector<StrategyInfo> out;
    for (const StrategyName& s : library_strategy_names()) out.push_back({s.name, s.description});
    return out;
  }();
  return catalog;
}

std::size_t default_defect_action(const NormalFormGame& game, std::size_t player,
                                  const PureProfile& target) {
  const std::size_t n = game.num_actions(player);
  std::size_t best = target[player];
  double best_value = payoff_with(game, player, target, player, best);
  for (std::size_t a = 0; a < n; ++a) {
    const double v = payoff_with(game, player, target, player, a);
    if (v > best_value) best_value = v, best = a;
  }
  if (best != target[player] || n == 1) return best;
  // No temptation: the action that hurts the others most.
  std::size_t harm = target[player] == 0 ? 1 : 0;
  double harm_value = others_sum(game, target, player, harm);
  for (std::size_t a = 0; a < n; ++a) {
    if (a == target[player]) continue;
    const double v = others_sum(game, target, player, a);
    if (v < harm_value) harm_value = v, harm = a;
  }
  return harm;
}

PureProfile default_punishment_profile(const NormalFormGame& game, const PureProfile& target) {
  const std::size_t n = game.num_players();
  PureProfile best;
  double best_sum = std::numeric_limits<double>::infinity();
  if (game.num_profiles() <= (std::size_t{1} << 22)) {
    for (std::size_t idx = 0; idx < game.num_profiles(); ++idx) {
      bool equilibrium = true;
      for (std::size_t p = 0; p < n && equilibrium; ++p) {
        const std::size_t own = game.action_of(idx, p);
        const std::size_t base = idx - own * game.stride(p);
        const double v = game.payoff(p, idx);
        for (std::size_t a = 0; a < game.num_actions(p); ++a)
          if (game.payoff(p, base + a * game.stride(p)) > v) { equilibrium = false; break; }
      }
      if (!equilibrium) continue;
      double sum = 0;
      for (std::size_t p = 0; p < n; ++p) sum += game.payoff(p, idx);
      if (sum < best_sum) best_sum = sum, best = game.profile_actions(idx);
    }
  }
  if (!best.empty()) return best;
  PureProfile fallback(n);
  for (std::size_t p = 0; p < n; ++p) fallback[p] = default_defect_action(game, p, target);
  return fallback;
}

Automaton make_strategy(const std::string& requested, const NormalFormGame& game,
                        std::size_t player, const PureProfile& target,
                        const StrategyOptions& options) {
  std::string name = requested;
  if (auto it = aliases().find(name); it != aliases().end()) name = it->second;
  if (player >= game.num_players()) throw std::invalid_argument("player out of range");
  if (target.size() != game.num_players())
    throw std::invalid_argument("target needs one action per player");
  const std::uint32_t coop = static_cast<std::uint32_t>(target[player]);
  const std::uint32_t defect = static_cast<std::uint32_t>(
      options.defect_action ? *options.defect_action : default_defect_action(game, player, target));
  if (defect >= game.num_actions(player)) throw std::invalid_argument("defect action out of range");
  const Mask self_bit = Mask{1} << player;
  auto others_deviated = [self_bit](Mask m) { return (m & ~self_bit) != 0; };
  auto mask_automaton = [&](std::size_t states) {
    return make_automaton(game, player, states, TransitionKey::DeviationMask, target, name);
  };

  Automaton a;
  if (name == "always-target" || name == "always-defect" || name == "always-action") {
    a = mask_automaton(1);
    std::uint32_t act = name == "always-target" ? coop : defect;
    if (name == "always-action") {
      if (!options.action) throw std::invalid_argument("always-action needs action=LABEL");
      act = static_cast<std::uint32_t>(*options.action);
      if (act >= game.num_actions(player)) throw std::invalid_argument("action out of range");
    }
    a.action = {act};
    a.state_names = {"play"};
  } else if (name == "grim-trigger" || name == "grudger") {
    a = mask_automaton(2);
    std::uint32_t punish = defect;
    if (name == "grim-trigger") {
      const PureProfile rev = options.punish_profile ? *options.punish_profile
                                                     : default_punishment_profile(game, target);
      if (rev.size() != game.num_players() || rev[player] >= game.num_actions(player))
        throw std::invalid_argument("bad reversion profile");
      punish = static_cast<std::uint32_t>(rev[player]);
    }
    a.action = {coop, punish};
    a.state_names = {"cooperate", "punish"};
    const bool any = name == "grim-trigger";
    fill_mask(a, [&](std::uint32_t s, Mask m) -> std::uint32_t {
      if (s == 1) return 1;
      return (any ? m != 0 : others_deviated(m)) ? 1 : 0;
    });
  } else if (name == "tit-for-tat" || name == "suspicious-tft" || name == "generous-tft") {
    a = mask_automaton(2);
    a.action = {coop, defect};
    a.state_names = {"cooperate", "defect"};
    std::uint32_t on_deviation = 1;
    if (name == "generous-tft") {
      const double g = options.probability.value_or(0.1);
      if (!(g >= 0 && g <= 1)) throw std::invalid_argument("generous-tft: g must be in [0,1]");
      on_deviation = add_random(a, {{g, 0}, {1 - g, 1}});
    }
    fill_mask(a, [&](std::uint32_t, Mask m) { return others_deviated(m) ? on_deviation : 0u; });
    if (name == "suspicious-tft") a.initial = 1;
  } else if (name == "contrite-tft") {
    // State = (I am in good standing) * 2 + (the others are in good standing).
    a = mask_automaton(4);
    a.state_names = {"both-bad", "me-bad", "them-bad", "both-good"};
    for (std::uint32_t s = 0; s < 4; ++s) {
      const bool me_good = s & 2, them_good = s & 1;
      a.action[s] = (me_good && !them_good) ? defect : coop;
    }
    a.initial = 3;
    fill_mask(a, [&](std::uint32_t s, Mask m) -> std::uint32_t {
      const bool me_good = s & 2, them_good = s & 1;
      const bool i_cooperated = !(m & self_bit), they_cooperated = !others_deviated(m);
      const bool me_next = i_cooperated || (me_good && !them_good);
      const bool them_next = they_cooperated || (them_good && !me_good);
      return (me_next ? 2u : 0u) | (them_next ? 1u : 0u);
    });
  } else if (name == "tit-for-two-tats") {
    a = mask_automaton(3);
    a.action = {coop, coop, defect};
    a.state_names = {"calm", "warned", "defect"};
    fill_mask(a, [&](std::uint32_t s, Mask m) -> std::uint32_t {
      if (!others_deviated(m)) return 0;
      return s == 0 ? 1 : 2;
    });
  } else if (name == "two-tits-for-tat") {
    a = mask_automaton(3);
    a.action = {coop, defect, defect};
    a.state_names = {"cooperate", "defect-last", "defect-two"};
    fill_mask(a, [&](std::uint32_t s, Mask m) -> std::uint32_t {
      if (others_deviated(m)) return 2;
      return s == 2 ? 1 : 0;
    });
  } else if (name == "win-stay-lose-shift") {
    a = mask_automaton(2);
    a.action = {coop, defect};
    a.state_names = {"cooperate", "defect"};
    fill_mask(a, [&](std::uint32_t, Mask m) -> std::uint32_t {
      return (((m & self_bit) != 0) == others_deviated(m)) ? 0 : 1;
    });
  } else if (name == "k-round-punishment") {
    if (options.k == 0) throw std::invalid_argument("k-round-punishment: k must be >= 1");
    a = mask_automaton(options.k + 1);
    a.state_names.push_back("cooperate");
    a.action[0] = coop;
    for (std::size_t i = 1; i <= options.k; ++i) {
      a.action[i] = defect;
      a.state_names.push_back("punish-" + std::to_string(i));
    }
    const std::uint32_t k = static_cast<std::uint32_t>(options.k);
    fill_mask(a, [&](std::uint32_t s, Mask m) -> std::uint32_t {
      if (s == 0) return m != 0 ? 1 : 0;
      return s == k ? 0 : s + 1;
    });
  } else if (name == "escalation-ladder") {
    std::vector<std::size_t> ladder = options.ladder;
    if (ladder.empty()) {
      // Target first, then the other actions from mildest to harshest for the others.
      ladder.push_back(coop);
      std::vector<std::size_t> rest;
      for (std::size_t x = 0; x < game.num_actions(player); ++x)
        if (x != coop) rest.push_back(x);
      std::stable_sort(rest.begin(), rest.end(), [&](std::size_t x, std::size_t y) {
        return others_sum(game, target, player, x) > others_sum(game, target, player, y);
      });
      ladder.insert(ladder.end(), rest.begin(), rest.end());
    }
    for (std::size_t x : ladder)
      if (x >= game.num_actions(player)) throw std::invalid_argument("ladder action out of range");
    a = mask_automaton(ladder.size());
    const std::uint32_t top = static_cast<std::uint32_t>(ladder.size() - 1);
    for (std::size_t i = 0; i < ladder.size(); ++i) {
      a.action[i] = static_cast<std::uint32_t>(ladder[i]);
      a.state_names.push_back("rung-" + std::to_string(i));
    }
    fill_mask(a, [&](std::uint32_t s, Mask m) -> std::uint32_t {
      if (others_deviated(m)) return std::min(s + 1, top);
      return s == 0 ? 0 : s - 1;
    });
  } else if (name == "random") {
    const double p = options.probability.value_or(0.5);
    if (!(p >= 0 && p <= 1)) throw std::invalid_argument("random: p must be in [0,1]");
    a = mask_automaton(1);
    std::vector<double> d(game.num_actions(player), 0.0);
    d[coop] += p;
    d[defect] += 1 - p;
    a.mixed.push_back(d);
    a.action = {kMixedFlag | 0u};
    a.state_names = {"random"};
  } else if (name == "go-by-majority") {
    // State i encodes the lead (cooperations - deviations of the others) i - M, capped at +-M.
    const std::size_t M = std::max<std::size_t>(options.memory, 1);
    a = mask_automaton(2 * M + 1);
    for (std::size_t i = 0; i <= 2 * M; ++i) {
      a.action[i] = i >= M ? coop : defect;
      a.state_names.push_back("lead" + std::to_string(static_cast<long>(i) - static_cast<long>(M)));
    }
    a.initial = static_cast<std::uint32_t>(M);
    const std::uint32_t top = static_cast<std::uint32_t>(2 * M);
    fill_mask(a, [&](std::uint32_t s, Mask m) -> std::uint32_t {
      if (others_deviated(m)) return s == 0 ? 0 : s - 1;
      return std::min(s + 1, top);
    });
  } else if (name == "alternator") {
    a = mask_automaton(2);
    a.action = {coop, defect};
    a.state_names = {"target", "defect"};
    fill_mask(a, [&](std::uint32_t s, Mask) -> std::uint32_t { return 1 - s; });
  } else {
    std::vector<std::string> names;
    for (const auto& info : strategy_catalog()) names.push_back(info.name);
    for (const auto& [alias, _] : aliases()) names.push_back(alias);
    const std::string close = closest_match(requested, names);
    throw UsageError("unknown strategy '" + requested + "'" +
                     (close.empty() ? std::string() : " (did you mean '" + close + "'?)"));
  }
  a.name = requested;
  a.validate();
  return a;
}

std::size_t find_action(const NormalFormGame& game, std::size_t player, const std::string& label) {
  const auto& labels = game.action_labels.size() > player ? game.action_labels[player]
                                                          : std::vector<std::string>{};
  for (std::size_t a = 0; a < labels.size(); ++a)
    if (labels[a] == label) return a;
  const std::string close = closest_match(label, labels);
  throw UsageError("player " + std::to_string(player + 1) + " has no action '" + label + "'" +
                   (close.empty() ? std::string() : " (did you mean '" + close + "'?)"));
}

namespace {
std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

double parse_number(const std::string& key, const std::string& value) {
  try {
    std::size_t used = 0;
    const double v = std::stod(value, &used);
    if (used == value.size()) return v;
  } catch (const std::exception&) {
  }
  throw UsageError("strategy option " + key + "=" + value + ": expected a number");
}
}  // namespace

Automaton make_strategy_from_spec(const std::string& spec, const NormalFormGame& game,
                                  std::size_t player, const PureProfile& target) {
  const std::vector<std::string> parts = split(spec, ':');
  if (parts.empty() || parts[0].empty()) throw UsageError("empty strategy name");
  const std::string& name = parts[0];
  auto ends_with = [&](const std::string& suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".yaml") || ends_with(".yml")) {
    if (parts.size() > 1) throw UsageError("options are not allowed after a YAML automaton file");
    return load_automaton_yaml(name, game, player, target);
  }
  StrategyOptions options;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    if (eq == std::string::npos) throw UsageError("strategy option '" + parts[i] + "': expected KEY=VALUE");
    const std::string key = parts[i].substr(0, eq), value = parts[i].substr(eq + 1);
    if (key == "defect") {
      options.defect_action = find_action(game, player, value);
    } else if (key == "action") {
      options.action = find_action(game, player, value);
    } else if (key == "p" || key == "g") {
      options.probability = parse_number(key, value);
    } else if (key == "k" || key == "memory") {
      const double v = parse_number(key, value);
      if (v < 1 || v != static_cast<double>(static_cast<std::size_t>(v)))
        throw UsageError("strategy option " + key + " must be a positive integer");
      (key == "k" ? options.k : options.memory) = static_cast<std::size_t>(v);
    } else if (key == "ladder") {
      for (const std::string& l : split(value, '/')) options.ladder.push_back(find_action(game, player, l));
    } else if (key == "punish") {
      const auto labels = split(value, '/');
      if (labels.size() != game.num_players())
        throw UsageError("punish= needs one action label per player joined by '/'");
      PureProfile rev;
      for (std::size_t q = 0; q < labels.size(); ++q) rev.push_back(find_action(game, q, labels[q]));
      options.punish_profile = rev;
    } else {
      const std::string close =
          closest_match(key, {"defect", "action", "p", "g", "k", "memory", "ladder", "punish"});
      throw UsageError("unknown strategy option '" + key + "'" +
                       (close.empty() ? std::string() : " (did you mean '" + close + "'?)"));
    }
  }
  return make_strategy(name, game, player, target, options);
}

std::vector<Automaton> parse_strategy_profile(const std::string& arg, const NormalFormGame& game,
                                              const PureProfile& target,
                                              const std::vector<std::string>& player_ids,
                                              const std::string& fallback) {
  const std::size_t n = game.num_players();
  std::vector<std::string> specs(n);
  if (arg.find('=') == std::string::npos || arg.find('=') > arg.find(':')) {
    // One spec for everyone (an '=' after a ':' belongs to an option).
    if (arg.find(',') != std::string::npos)
      throw UsageError("--strategies: use PLAYER=NAME,PLAYER=NAME or a single NAME for every player");
    specs.assign(n, arg);
  } else {
    std::vector<std::string> names;
    for (std::size_t p = 0; p < n; ++p) {
      if (p < player_ids.size()) names.push_back(player_ids[p]);
      if (p < game.player_names.size()) names.push_back(game.player_names[p]);
    }
    for (const std::string& item : split(arg, ',')) {
      const auto eq = item.find('=');
      if (eq == std::string::npos) throw UsageError("--strategies: '" + item + "' is not PLAYER=NAME");
      const std::string who = item.substr(0, eq), spec = item.substr(eq + 1);
      std::size_t p = n;
      for (std::size_t q = 0; q < n && p == n; ++q)
        if ((q < player_ids.size() && player_ids[q] == who) ||
            (q < game.player_names.size() && game.player_names[q] == who))
          p = q;
      if (p == n) {
        try {
          std::size_t used = 0;
          const long v = std::stol(who, &used);
          if (used == who.size() && v >= 1 && static_cast<std::size_t>(v) <= n) p = static_cast<std::size_t>(v - 1);
        } catch (const std::exception&) {
        }
      }
      if (p == n) {
        const std::string close = closest_match(who, names);
        throw UsageError("--strategies: unknown player '" + who + "'" +
                         (close.empty() ? std::string() : " (did you mean '" + close + "'?)"));
      }
      if (!specs[p].empty()) throw UsageError("--strategies: player '" + who + "' is given twice");
      specs[p] = spec;
    }
  }
  std::vector<Automaton> out;
  for (std::size_t p = 0; p < n; ++p) {
    const std::string& spec = specs[p].empty() ? fallback : specs[p];
    if (spec.empty())
      throw UsageError("--strategies: no strategy for player " +
                       (p < player_ids.size() ? player_ids[p] : std::to_string(p + 1)));
    out.push_back(make_strategy_from_spec(spec, game, p, target));
  }
  return out;
}

}  // namespace negsim
