#include "sim/report/dominance_summary.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "sim/report/scenario_report.hpp"

namespace negsim {

namespace {

// Mixed-radix index of a lever setting (lever 0 fastest).
std::size_t cell_index(const std::vector<std::size_t>& sizes, const std::vector<std::size_t>& setting) {
  std::size_t index = 0, stride = 1;
  for (std::size_t l = 0; l < sizes.size(); ++l) index += setting[l] * stride, stride *= sizes[l];
  return index;
}

// A block: one value mask per lever (bit v = value v).
using Masks = std::vector<std::uint32_t>;

bool contains(const Masks& masks, const std::vector<std::size_t>& setting) {
  for (std::size_t l = 0; l < masks.size(); ++l)
    if (!(masks[l] >> setting[l] & 1u)) return false;
  return true;
}

std::string join_alternatives(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
  return out;
}

// "tariff below 30%", "chips ease or hold".
std::string lever_values_in_words(const Lever& lever, std::uint32_t mask) {
  const std::size_t n = lever.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  if (lever.numeric)
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return lever.numbers[a] < lever.numbers[b]; });
  std::vector<std::size_t> in;  // positions in `order` inside the mask
  for (std::size_t i = 0; i < n; ++i)
    if (mask >> order[i] & 1u) in.push_back(i);
  const std::string name = lever_name_in_words(lever) + " ";
  const bool contiguous = !in.empty() && in.back() - in.front() + 1 == in.size();
  if (lever.numeric && contiguous && in.size() >= 2) {
    if (in.front() == 0) return name + "below " + lever_value_in_words(lever, order[in.back() + 1]);
    if (in.back() == n - 1) return name + "above " + lever_value_in_words(lever, order[in.front() - 1]);
    return name + "from " + lever_value_in_words(lever, order[in.front()]) + " to " +
           lever_value_in_words(lever, order[in.back()]);
  }
  std::vector<std::string> values;
  for (std::size_t i : in) values.push_back(lever_value_in_words(lever, order[i]));
  return name + join_alternatives(values);
}

std::string block_sentence(const ScenarioPlayer& player, const Masks& masks) {
  std::vector<std::size_t> restricted, labelled, numeric;
  for (std::size_t l = 0; l < masks.size(); ++l) {
    const std::uint32_t full = (1u << player.levers[l].size()) - 1u;
    if (masks[l] == full) continue;
    restricted.push_back(l);
    (player.levers[l].numeric ? numeric : labelled).push_back(l);
  }
  std::vector<std::size_t> subject = labelled, condition = numeric;
  if (subject.empty() && !condition.empty()) subject.push_back(condition.front()), condition.erase(condition.begin());
  std::string out = player.name + " never plays ";
  for (std::size_t i = 0; i < subject.size(); ++i)
    out += (i ? " with " : "") + lever_values_in_words(player.levers[subject[i]], masks[subject[i]]);
  for (std::size_t i = 0; i < condition.size(); ++i)
    out += (i ? " and " : " while ") + lever_values_in_words(player.levers[condition[i]], masks[condition[i]]);
  return out;
}

}  // namespace

DominanceSummary summarize_dominance(const Scenario& scenario, const ScenarioGame& built,
                                     const DominanceResult& dominance) {
  DominanceSummary summary;
  summary.steps = dominance.steps.size();
  const std::size_t players = scenario.players.size();
  summary.surviving.assign(players, "");
  for (std::size_t p = 0; p < players; ++p) {
    const ScenarioPlayer& player = scenario.players[p];
    std::vector<std::size_t> sizes;
    for (const Lever& lever : player.levers) sizes.push_back(lever.size());
    const std::size_t cells = std::accumulate(sizes.begin(), sizes.end(), std::size_t{1}, std::multiplies<>());
    std::vector<std::size_t> round_of(cells, 0);
    std::vector<std::vector<std::size_t>> removed, surviving;
    for (const DominanceStep& step : dominance.steps) {
      if (step.player != p) continue;
      const auto& setting = built.action_levers[p][step.action];
      round_of[cell_index(sizes, setting)] = step.round;
      removed.push_back(setting);
    }
    if (removed.empty()) continue;
    for (std::size_t a : dominance.surviving[p]) {
      surviving.push_back(built.action_levers[p][a]);
    }
    {
      std::string& words = summary.surviving[p];
      if (surviving.size() <= 3) {
        for (std::size_t i = 0; i < dominance.surviving[p].size(); ++i)
          words += (i ? "; " : "") + action_in_words(scenario, built, p, dominance.surviving[p][i]);
      } else {
        words = std::to_string(surviving.size()) + " of " + std::to_string(built.game.num_actions(p)) + " moves";
      }
    }

    // Candidate blocks: every product of nonempty value sets with no
    // surviving move (too many levers or values: one block per removal).
    double candidates = 1;
    bool small = true;
    for (std::size_t n : sizes) {
      if (n > 16) small = false;
      candidates *= std::ldexp(1.0, static_cast<int>(std::min<std::size_t>(n, 64))) - 1;
    }
    std::vector<Masks> blocks;
    if (small && candidates <= 65536) {
      Masks masks(sizes.size(), 1u);
      while (true) {
        if (std::none_of(surviving.begin(), surviving.end(), [&](const auto& s) { return contains(masks, s); }))
          blocks.push_back(masks);
        std::size_t l = 0;  // next mask combination (odometer)
        while (l < sizes.size() && masks[l] == (1u << sizes[l]) - 1u) masks[l] = 1u, ++l;
        if (l == sizes.size()) break;
        ++masks[l];
      }
    } else {
      for (const auto& setting : removed) {
        Masks masks(sizes.size());
        for (std::size_t l = 0; l < sizes.size(); ++l) masks[l] = 1u << setting[l];
        blocks.push_back(masks);
      }
    }
    // Greedy cover of the removed moves.
    std::vector<bool> covered(removed.size(), false);
    std::size_t left = removed.size();
    while (left > 0) {
      std::size_t best = blocks.size(), best_new = 0, best_restricted = 0, best_size = 0;
      for (std::size_t b = 0; b < blocks.size(); ++b) {
        std::size_t fresh = 0;
        for (std::size_t r = 0; r < removed.size(); ++r)
          if (!covered[r] && contains(blocks[b], removed[r])) ++fresh;
        if (fresh == 0) continue;
        std::size_t restricted = 0, size = 1;
        for (std::size_t l = 0; l < sizes.size(); ++l) {
          const int count = std::popcount(blocks[b][l]);
          restricted += static_cast<std::size_t>(count) != sizes[l];
          size *= static_cast<std::size_t>(count);
        }
        const bool better = best == blocks.size() || fresh > best_new ||
                            (fresh == best_new && (restricted < best_restricted ||
                                                   (restricted == best_restricted && size > best_size)));
        if (better) best = b, best_new = fresh, best_restricted = restricted, best_size = size;
      }
      DominanceBlock block;
      block.player = p;
      for (std::size_t l = 0; l < sizes.size(); ++l) {
        std::vector<std::size_t> values;
        for (std::size_t v = 0; v < sizes[l]; ++v)
          if (blocks[best][l] >> v & 1u) values.push_back(v);
        block.values.push_back(std::move(values));
      }
      for (std::size_t r = 0; r < removed.size(); ++r) {
        if (!contains(blocks[best], removed[r])) continue;
        ++block.removed;
        const std::size_t round = round_of[cell_index(sizes, removed[r])];
        if (std::find(block.rounds.begin(), block.rounds.end(), round) == block.rounds.end())
          block.rounds.push_back(round);
        if (!covered[r]) covered[r] = true, --left;
      }
      std::sort(block.rounds.begin(), block.rounds.end());
      block.text = block_sentence(player, blocks[best]);
      summary.blocks.push_back(std::move(block));
    }
  }
  return summary;
}

}  // namespace negsim
