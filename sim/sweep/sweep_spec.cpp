#include "sim/sweep/sweep_spec.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>

#include "models/errors.hpp"
#include "models/memory_budget.hpp"

namespace negsim {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::string format_sweep_number(double value) {
  if (value == 0) return "0";  // also folds -0
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

namespace {

// A uniform double in [0, 1) from 53 random bits.
double unit_interval(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

// Independent streams: one per (seed, tag, axis, position).
std::uint64_t stream_bits(std::uint64_t seed, std::uint64_t tag, std::uint64_t axis, std::uint64_t position) {
  return splitmix64(splitmix64(splitmix64(splitmix64(seed) ^ tag) + axis) + position);
}

constexpr std::uint64_t kRandomTag = 0x52414E44;  // "RAND"
constexpr std::uint64_t kLhsPermutationTag = 0x4C485350;
constexpr std::uint64_t kLhsJitterTag = 0x4C48534A;

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return s.substr(a, b - a);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    out.push_back(trim(s.substr(start, at == std::string::npos ? std::string::npos : at - start)));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

// Strict finite number (no inf/nan, no trailing text).
bool parse_finite(const std::string& text, double& out) {
  std::string t = trim(text);
  if (t.empty()) return false;
  const char* first = t.data();
  if (*first == '+') ++first;
  const char* last = t.data() + t.size();
  if (first == last) return false;
  const char c = *first == '-' ? (first + 1 < last ? first[1] : 'x') : *first;
  if (!((c >= '0' && c <= '9') || c == '.')) return false;
  const auto result = std::from_chars(first, last, out);
  return result.ec == std::errc() && result.ptr == last && std::isfinite(out);
}

bool parse_count(const std::string& text, std::size_t& out) {
  const std::string t = trim(text);
  if (t.empty()) return false;
  const auto result = std::from_chars(t.data(), t.data() + t.size(), out);
  return result.ec == std::errc() && result.ptr == t.data() + t.size();
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::vector<std::string> sweepable_names(const Scenario& scenario) {
  std::vector<std::string> names = scenario.parameter_ids();
  for (const ScenarioPlayer& player : scenario.players)
    for (const Lever& lever : player.levers) names.push_back(player.id + "." + lever.id);
  return names;
}

}  // namespace

SweepSpec::SweepSpec(const Scenario& scenario, const std::vector<SweepAxisArgument>& arguments,
                     std::size_t samples, std::uint64_t seed)
    : seed_(seed), base_constraints_(scenario.constraints.size()) {
  bool any_sampled = false;
  for (const SweepAxisArgument& argument : arguments) {
    SweepAxis axis;
    axis.argument = "--" + argument.option + " " + argument.value;
    if (argument.option == "grid") axis.kind = SweepAxisKind::Grid;
    else if (argument.option == "list") axis.kind = SweepAxisKind::List;
    else if (argument.option == "random") axis.kind = SweepAxisKind::Random;
    else if (argument.option == "lhs") axis.kind = SweepAxisKind::LatinHypercube;
    else throw UsageError("unknown sweep axis option --" + argument.option);
    const char* form = axis.kind == SweepAxisKind::Grid   ? "NAME=LO:HI:N"
                       : axis.kind == SweepAxisKind::List ? "NAME=a,b,c"
                                                          : "NAME=LO:HI";
    auto usage = [&](const std::string& what) -> UsageError {
      return UsageError(axis.argument + ": " + what + " (expected " + form + ")");
    };
    const std::size_t eq = argument.value.find('=');
    if (eq == std::string::npos) throw usage("missing '='");
    axis.name = trim(argument.value.substr(0, eq));
    const std::string body = argument.value.substr(eq + 1);
    if (axis.name.empty()) throw usage("missing NAME");

    // Resolve the name: a parameter, or player.lever.
    const std::size_t dot = axis.name.find('.');
    if (dot == std::string::npos) {
      const ScenarioParameter* parameter = scenario.find_parameter(axis.name);
      if (!parameter) {
        const std::string best = closest_match(axis.name, sweepable_names(scenario));
        throw InputError("--" + argument.option, 0, 0,
                         "unknown parameter '" + axis.name + "'" +
                             (best.empty() ? "" : " (did you mean '" + best + "'?)"),
                         "sweepable names of " + scenario.file + ": " + join(sweepable_names(scenario), ", "));
      }
      axis.parameter = static_cast<std::size_t>(parameter - scenario.parameters.data());
    } else {
      axis.is_lever = true;
      const std::string player_id = axis.name.substr(0, dot), lever_id = axis.name.substr(dot + 1);
      axis.player = scenario.player_index(player_id);
      if (axis.player < scenario.players.size())
        axis.lever = lever_index(scenario.players[axis.player], lever_id);
      if (axis.player >= scenario.players.size() || axis.lever >= scenario.players[axis.player].levers.size()) {
        const std::string best = closest_match(axis.name, sweepable_names(scenario));
        throw InputError("--" + argument.option, 0, 0,
                         "unknown lever '" + axis.name + "'" +
                             (best.empty() ? "" : " (did you mean '" + best + "'?)"),
                         "sweepable names of " + scenario.file + ": " + join(sweepable_names(scenario), ", "));
      }
      axis.label_lever = !scenario.players[axis.player].levers[axis.lever].numeric;
      if (axis.label_lever && axis.kind != SweepAxisKind::List)
        throw usage("'" + axis.name + "' is a lever of labels; sweep it with --list");
    }
    for (const SweepAxis& other : axes_)
      if (other.name == axis.name) throw UsageError(axis.argument + ": '" + axis.name + "' is swept twice");

    if (axis.kind == SweepAxisKind::Grid) {
      const std::vector<std::string> parts = split(body, ':');
      if (parts.size() != 3) throw usage("expected three fields separated by ':'");
      double low = 0, high = 0;
      std::size_t count = 0;
      if (!parse_finite(parts[0], low)) throw usage("LO '" + parts[0] + "' is not a finite number");
      if (!parse_finite(parts[1], high)) throw usage("HI '" + parts[1] + "' is not a finite number");
      if (!parse_count(parts[2], count) || count == 0)
        throw usage("N '" + parts[2] + "' is not a whole number of at least 1");
      if (count == 1 && low != high) throw usage("N = 1 needs LO = HI");
      if (!std::isfinite(high - low)) throw usage("HI - LO is beyond the range of doubles");
      // The values are computed on demand (grid_value); the point count is
      // checked below before anything depends on it.
      axis.low = low;
      axis.high = high;
      axis.grid_levels = count;
    } else if (axis.kind == SweepAxisKind::List) {
      const std::vector<std::string> items = split(body, ',');
      for (const std::string& item : items) {
        if (item.empty()) throw usage("empty list item");
        const std::vector<std::string> members = split(item, '|');
        if (members.size() > 1 && !axis.is_lever)
          throw usage("a set 'a|b' is for a lever's value set; '" + axis.name + "' is a parameter");
        std::vector<double> values;
        std::vector<std::string> texts;
        for (const std::string& member : members) {
          if (axis.label_lever) {
            const Lever& lever = scenario.players[axis.player].levers[axis.lever];
            const auto at = std::find(lever.labels.begin(), lever.labels.end(), member);
            if (at == lever.labels.end()) {
              const std::string best = closest_match(member, lever.labels);
              throw InputError("--list", 0, 0,
                               "'" + member + "' is not a value of lever '" + axis.name + "'" +
                                   (best.empty() ? "" : " (did you mean '" + best + "'?)"),
                               "values of " + axis.name + ": " + join(lever.labels, ", "));
            }
            values.push_back(static_cast<double>(at - lever.labels.begin()));
            texts.push_back(member);
          } else {
            double value = 0;
            if (!parse_finite(member, value)) throw usage("'" + member + "' is not a finite number");
            values.push_back(value);
            texts.push_back(format_sweep_number(value));
          }
        }
        for (std::size_t i = 0; i < values.size(); ++i)
          for (std::size_t j = 0; j < i; ++j)
            if (values[i] == values[j]) throw usage("'" + texts[i] + "' appears twice in the set '" + item + "'");
        axis.values.push_back(std::move(values));
        axis.texts.push_back(join(texts, "|"));
      }
    } else {
      const std::vector<std::string> parts = split(body, ':');
      if (parts.size() != 2) throw usage("expected two fields separated by ':'");
      if (!parse_finite(parts[0], axis.low)) throw usage("LO '" + parts[0] + "' is not a finite number");
      if (!parse_finite(parts[1], axis.high)) throw usage("HI '" + parts[1] + "' is not a finite number");
      if (!(axis.low < axis.high)) throw usage("LO must be below HI");
      if (!std::isfinite(axis.high - axis.low)) throw usage("HI - LO is beyond the range of doubles");
      any_sampled = true;
    }
    axes_.push_back(std::move(axis));
  }

  if (any_sampled && samples == 0) throw UsageError("--random and --lhs need --samples K (K >= 1)");
  if (!any_sampled && samples != 0) throw UsageError("--samples is for --random and --lhs axes; none given");
  samples_ = any_sampled ? samples : 1;
  constexpr std::size_t kMaxPoints = std::size_t{1} << 53;
  if (samples_ > kMaxPoints) throw UsageError("the sweep has more than 2^53 points");
  const auto lhs_axes = static_cast<double>(std::count_if(
      axes_.begin(), axes_.end(), [](const SweepAxis& a) { return a.kind == SweepAxisKind::LatinHypercube; }));
  if (lhs_axes > 0)  // a permutation and the values: 16 bytes per sample and LHS axis
    check_memory_estimate(16.0 * lhs_axes * static_cast<double>(samples_), "the Latin hypercube samples (--samples)");

  // Latin hypercube: for each LHS axis (d = its position among LHS axes) a
  // random permutation of the strata (Fisher-Yates), and a uniform jitter
  // inside each stratum (McKay, Beckman, Conover 1979).
  std::size_t lhs_dimension = 0;
  for (SweepAxis& axis : axes_) {
    if (axis.kind != SweepAxisKind::LatinHypercube) continue;
    std::vector<std::size_t> strata(samples_);
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = samples_; i-- > 1;) {
      const std::uint64_t bits = stream_bits(seed_, kLhsPermutationTag, lhs_dimension, i);
      const std::size_t j = static_cast<std::size_t>(unit_interval(bits) * static_cast<double>(i + 1));
      std::swap(strata[i], strata[std::min(j, i)]);
    }
    axis.samples.resize(samples_);
    const double k = static_cast<double>(samples_);
    for (std::size_t s = 0; s < samples_; ++s) {
      const double u = unit_interval(stream_bits(seed_, kLhsJitterTag, lhs_dimension, s));
      const double value = axis.low + (axis.high - axis.low) * ((static_cast<double>(strata[s]) + u) / k);
      axis.samples[s] = std::min(value, std::nextafter(axis.high, axis.low));
    }
    ++lhs_dimension;
  }

  compute_strides();
}

void SweepSpec::compute_strides() {
  constexpr std::size_t kMaxPoints = std::size_t{1} << 53;
  // Point count and strides (first grid/list axis slowest, samples fastest).
  level_stride_.assign(axes_.size(), 0);
  std::size_t stride = samples_;
  for (std::size_t a = axes_.size(); a-- > 0;) {
    if (axes_[a].is_sampled()) continue;
    level_stride_[a] = stride;
    const std::size_t n = axes_[a].num_levels();
    if (stride > kMaxPoints / n) throw UsageError("the sweep has more than 2^53 points");
    stride *= n;
  }
  num_points_ = stride;
}

SweepSpec SweepSpec::refined(unsigned levels) const {
  SweepSpec fine = *this;
  constexpr std::size_t kMaxPoints = std::size_t{1} << 53;
  for (SweepAxis& axis : fine.axes_) {
    if (axis.kind != SweepAxisKind::Grid || axis.grid_levels < 2) continue;
    // (N - 1) * 2^L + 1 levels: the old ones every 2^L, evenly spaced.
    if (levels >= 53 || axis.grid_levels - 1 > (kMaxPoints >> levels))
      throw UsageError("--refine " + std::to_string(levels) + ": " + axis.argument +
                       " would have more than 2^53 values at the finest level");
    axis.grid_levels = ((axis.grid_levels - 1) << levels) + 1;
  }
  fine.compute_strides();
  return fine;
}

std::uint64_t SweepSpec::point_seed(std::size_t index) const { return splitmix64(splitmix64(seed_) + index); }

std::size_t SweepSpec::level(std::size_t axis, std::size_t index) const {
  return (index / level_stride_[axis]) % axes_[axis].num_levels();
}

double SweepSpec::sampled_value(std::size_t axis, std::size_t sample) const {
  const SweepAxis& a = axes_[axis];
  if (a.kind == SweepAxisKind::LatinHypercube) return a.samples[sample];
  const double u = unit_interval(stream_bits(seed_, kRandomTag, axis, sample));
  return std::min(a.low + (a.high - a.low) * u, std::nextafter(a.high, a.low));
}

double SweepAxis::grid_value(std::size_t l) const {
  if (l + 1 >= grid_levels) return high;
  const double span = high - low;  // finite (checked when the axis is read)
  const double scaled = span * static_cast<double>(l);
  // span * l can overflow for a wide range (0:1e308:4); dividing first is
  // then exact enough and finite.
  if (!std::isfinite(scaled)) return low + span * (static_cast<double>(l) / static_cast<double>(grid_levels - 1));
  return low + scaled / static_cast<double>(grid_levels - 1);
}

double SweepSpec::number(std::size_t axis, std::size_t index) const {
  const SweepAxis& a = axes_[axis];
  if (a.is_sampled()) return sampled_value(axis, sample(index));
  if (a.kind == SweepAxisKind::Grid) return a.grid_value(level(axis, index));
  return a.values[level(axis, index)].front();
}

std::string SweepSpec::text(std::size_t axis, std::size_t index) const {
  const SweepAxis& a = axes_[axis];
  if (a.is_sampled()) return format_sweep_number(sampled_value(axis, sample(index)));
  if (a.kind == SweepAxisKind::Grid) return format_sweep_number(a.grid_value(level(axis, index)));
  return a.texts[level(axis, index)];
}

Scenario SweepSpec::prepare(const Scenario& base) const {
  Scenario prepared = base;
  for (const SweepAxis& axis : axes_)
    if (axis.is_lever && axis.label_lever) {
      ExpressionText slot;
      slot.text = "1";
      slot.pos.file = axis.argument;
      prepared.constraints.push_back(slot);
    }
  return prepared;
}

void SweepSpec::apply_point(std::size_t index, const Scenario& base, Scenario& prepared) const {
  std::size_t constraint_slot = base_constraints_;
  for (std::size_t a = 0; a < axes_.size(); ++a) {
    const SweepAxis& axis = axes_[a];
    if (!axis.is_lever) {
      prepared.parameters[axis.parameter].value = number(a, index);
      continue;
    }
    const Lever& base_lever = base.players[axis.player].levers[axis.lever];
    Lever& lever = prepared.players[axis.player].levers[axis.lever];
    if (axis.label_lever) {
      // Restrict to the listed labels by a one-player constraint.
      const std::vector<double>& allowed = axis.values[level(a, index)];
      std::string text;
      for (std::size_t i = 0; i < allowed.size(); ++i) {
        if (i) text += " or ";
        text += axis.name + " == " + base_lever.labels[static_cast<std::size_t>(allowed[i])];
      }
      prepared.constraints[constraint_slot++].text = std::move(text);
      continue;
    }
    if (axis.is_sampled() || axis.kind == SweepAxisKind::Grid) {
      const double value = number(a, index);
      lever.numbers.assign(1, value);
      lever.labels.assign(1, format_sweep_number(value));
    } else {
      const std::size_t l = level(a, index);
      lever.numbers = axis.values[l];
      lever.labels.clear();
      for (double value : lever.numbers) lever.labels.push_back(format_sweep_number(value));
    }
  }
}

}  // namespace negsim
