// libFuzzer target: the sweep specification reader (sim/sweep/sweep_spec.hpp),
// i.e. what `negsim sweep` makes of --grid / --list / --random / --lhs,
// --samples and --seed, against a fixed scenario with numeric and label levers.
//
// Input: one line per argument, as on the command line without the dashes:
//   grid T=0:1:5          list row.play=cooperate|defect,defect
//   random R=-1:1         lhs P=0:2           samples 7          seed 42
// (a leading "--" is accepted). Every input must either give a SweepSpec or
// throw UsageError / InputError; nothing else (crash, leak, hang, huge
// allocation, sanitizer report) is acceptable. A spec that is accepted must
// also be sound, checked on up to kCheckedPoints points spread over the sweep:
//  - every value is finite; a grid starts at LO and ends at HI exactly; a
//    random or LHS value lies in [LO, HI); grids of any N are instant (their
//    values are computed on demand);
//  - the CSV text of a one-number value reads back as that number;
//  - apply_point() sets the swept parameters and levers to those values, and
//    the scenario of the first point builds (the label-lever restrictions are
//    expressions compiled by the builder) with only finite payoffs.
// Seeds: tests/fuzz/corpus/sweep_spec/ (see scripts/ci_fuzz).
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "models/errors.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace {

constexpr const char* kScenario = R"(scenario: sweep-fuzz
parameters:
  R: {value: 3}
  P: {value: 1}
  T: {value: 5}
  tiny: 1e-300
  huge: 1e300
players:
  row:
    levers:
      play: [cooperate, defect]
      effort: [0, 1, 2]
  column:
    levers:
      play: [cooperate, defect, wait]
      stake: [-1.5, 0, 2.5e3]
payoffs:
  row: "if(row.play == cooperate, R, T) - 0.1 * row.effort"
  column: "if(column.play == cooperate, R, P) + 0.001 * column.stake"
)";

constexpr std::size_t kCheckedPoints = 16;
constexpr std::uint64_t kMaxSamples = 4096;

const negsim::Scenario& scenario() {
  static const negsim::Scenario s = negsim::load_scenario_text(kScenario, "sweep-fuzz.yaml");
  return s;
}

// Reads "samples K" / "seed S" numbers the way the CLI does: digits only.
bool read_unsigned(std::string_view text, std::uint64_t& out) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && result.ec == std::errc() && result.ptr == text.data() + text.size();
}

void check(bool ok) {
  if (!ok) __builtin_trap();
}

void check_point(const negsim::SweepSpec& spec, std::size_t index, const negsim::Scenario& base,
                 negsim::Scenario& prepared) {
  spec.apply_point(index, base, prepared);
  for (std::size_t a = 0; a < spec.axes().size(); ++a) {
    const negsim::SweepAxis& axis = spec.axes()[a];
    if (axis.label_lever) continue;
    const double value = spec.number(a, index);
    check(std::isfinite(value));
    if (axis.is_sampled()) check(axis.low <= value && value < axis.high);
    const std::string text = spec.text(a, index);
    if (text.find('|') == std::string::npos) {  // one number, not a set a|b
      double back = 0;
      const auto result = std::from_chars(text.data(), text.data() + text.size(), back);
      check(result.ec == std::errc() && result.ptr == text.data() + text.size() && back == value);
    }
    if (!axis.is_lever) {
      check(prepared.parameters.at(axis.parameter).value == value);
    } else {
      const negsim::Lever& lever = prepared.players.at(axis.player).levers.at(axis.lever);
      check(!lever.numbers.empty() && lever.numbers.size() == lever.labels.size());
      for (double v : lever.numbers) check(std::isfinite(v));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<negsim::SweepAxisArgument> axes;
  std::uint64_t samples = 0, seed = 0;
  std::size_t start = 0;
  while (start <= input.size()) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    std::string_view line = input.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    if (line.substr(0, 2) == "--") line.remove_prefix(2);
    const std::size_t space = line.find(' ');
    const std::string_view option = line.substr(0, space);
    const std::string_view value = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    if (option == "samples") {
      // The CLI refuses 0. LHS samples are stored (16 bytes each per axis, by
      // design), so huge K is left to the memory-budget unit test.
      if (!read_unsigned(value, samples) || samples == 0 || samples > kMaxSamples) return 0;
    } else if (option == "seed") {
      if (!read_unsigned(value, seed)) return 0;
    } else {
      axes.push_back({std::string(option), std::string(value)});
    }
  }

  const negsim::Scenario& base = scenario();
  try {
    const negsim::SweepSpec spec(base, axes, static_cast<std::size_t>(samples), seed);
    check(spec.num_points() >= 1);
    check(spec.num_samples() >= 1 && spec.num_points() % spec.num_samples() == 0);
    for (const negsim::SweepAxis& axis : spec.axes()) {
      if (axis.is_sampled()) {
        check(std::isfinite(axis.low) && std::isfinite(axis.high) && axis.low < axis.high);
        continue;
      }
      check(axis.num_levels() >= 1);
      if (axis.kind == negsim::SweepAxisKind::Grid) {
        check(axis.grid_value(0) == (axis.grid_levels == 1 ? axis.high : axis.low));
        check(axis.grid_value(axis.grid_levels - 1) == axis.high);
        continue;
      }
      check(axis.texts.size() == axis.num_levels());
      for (const std::vector<double>& level : axis.values) {
        check(!level.empty());
        if (!axis.label_lever)
          for (double v : level) check(std::isfinite(v));
      }
    }
    negsim::Scenario prepared = spec.prepare(base);
    const std::size_t points = spec.num_points();
    const std::size_t step = points <= kCheckedPoints ? 1 : points / kCheckedPoints;
    for (std::size_t i = 0, n = 0; i < points && n < kCheckedPoints; i += step, ++n)
      check_point(spec, i, base, prepared);
    check_point(spec, points - 1, base, prepared);

    // The first point's scenario builds: 2*3 x 3*3 profiles at most.
    spec.apply_point(0, base, prepared);
    negsim::BuildOptions options;
    options.max_profiles = 4096;
    const negsim::ScenarioGame built = negsim::build_normal_form(prepared, options);
    for (double v : built.game.payoffs()) check(std::isfinite(v));
  } catch (const negsim::UsageError&) {
  } catch (const negsim::InputError&) {
  } catch (const negsim::LimitError&) {  // a lever set a|b|... too large to build
  }
  return 0;
}
