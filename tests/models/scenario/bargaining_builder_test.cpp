#include "models/scenario/bargaining_builder.hpp"

#include "models/scenario/bargaining_templates.hpp"

#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;

namespace {

std::string with_bargaining(const std::string& block) {
  return "scenario: split\n"
         "parameters:\n"
         "  delta: {value: 0.9}\n"
         "  pie: {value: 10}\n"
         "players:\n"
         "  a:\n"
         "    levers:\n"
         "      x: {values: [0, 1]}\n"
         "  b:\n"
         "    levers:\n"
         "      y: {values: [0, 1]}\n"
         "payoffs:\n"
         "  a: \"a.x\"\n"
         "  b: \"b.y\"\n"
         "bargaining:\n" +
         block;
}

const std::string kSplit =
    "  issues:\n"
    "    share_a: {values: [0, 0.25, 0.5, 0.75, 1]}\n"
    "    licence: {values: [yes, no]}\n"
    "  constraints:\n"
    "    - \"not (deal.licence == no and deal.share_a > 0.5)\"\n"
    "  utilities:\n"
    "    a: \"pie * deal.share_a\"\n"
    "    b: \"pie * (1 - deal.share_a) + (deal.licence == yes)\"\n"
    "  proposer_order: [b, a]\n"
    "  discount: {a: delta, b: 0.8}\n"
    "  deadline: 2\n"
    "  disagreement: {a: 1, b: pie / 10}\n"
    "  outside_options: {b: 3}\n"
    "  extension: {player: a, rounds: 2, cost: 0.5}\n";

InputError error_of(const std::string& block) {
  return negsim::testing::thrown_by<InputError>(
      [&] { build_bargaining(load_scenario_text(with_bargaining(block), "split.yaml")); }, block);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("bargaining block: deal space, utilities and protocol") {
  const ScenarioBargaining b = build_bargaining(load_scenario_text(with_bargaining(kSplit), "split.yaml"));
  const DiscreteDealSpace& deals = b.problem.deals;
  CHECK(deals.num_deals() == 8);  // 10 combinations less share_a in {0.75, 1} without licence
  CHECK(deals.labels[0] == "share_a=0,licence=yes");
  CHECK(deals.labels[1] == "share_a=0,licence=no");
  CHECK(deals.utility(0, 4) == doctest::Approx(5.0));  // share_a=0.5,licence=yes
  CHECK(deals.utility(1, 4) == doctest::Approx(6.0));
  CHECK(b.deal_issues[4] == std::vector<std::size_t>{2, 0});
  const BargainingProtocol& p = b.problem.protocol;
  CHECK(p.proposer_order == std::vector<std::size_t>{1, 0});
  CHECK(p.discount == std::vector<double>{0.9, 0.8});
  REQUIRE(p.deadline);
  CHECK(*p.deadline == 2);
  CHECK(p.disagreement == std::vector<double>{1, 1});
  REQUIRE(p.has_outside_option(1));
  CHECK(*p.outside_option[1] == 3);
  CHECK_FALSE(p.has_outside_option(0));
  REQUIRE(p.extension);
  CHECK(p.extension->player == 0);
  CHECK(p.extension->rounds == 2);
  CHECK(p.extension->cost == 0.5);
  CHECK_FALSE(b.disagreement_from_stage_equilibrium);
  CHECK(b.nash_weights == std::vector<double>{1, 1});
  b.problem.validate();
  const ScenarioBargaining w = build_bargaining(
      load_scenario_text(with_bargaining(kSplit + "  nash_weights: {b: 2}\n"), "split.yaml"));
  CHECK(w.nash_weights == std::vector<double>{1, 2});
}

TEST_CASE("bargaining block: --set moves utilities and discounts, stage-equilibrium is flagged") {
  Scenario s = load_scenario_text(with_bargaining(replace(kSplit, "disagreement: {a: 1, b: pie / 10}",
                                                          "disagreement: stage-equilibrium")),
                                  "split.yaml");
  apply_overrides(s, {{"pie", 20}, {"delta", 0.5}});
  const ScenarioBargaining b = build_bargaining(s);
  CHECK(b.problem.deals.utility(0, 4) == doctest::Approx(10.0));
  CHECK(b.problem.protocol.discount[0] == 0.5);
  CHECK(b.disagreement_from_stage_equilibrium);
}

TEST_CASE("bargaining block errors: exit-1 problems at file:line:col") {
  // The block starts on line 16 (after 15 lines of scenario).
  InputError e = error_of(replace(kSplit, "discount: {a: delta, b: 0.8}", "discount: {a: delta, b: 1.5}"));
  CHECK(e.file() == "split.yaml");
  CHECK(e.line() == 25);
  CHECK(e.message().find("outside (0, 1]") != std::string::npos);
  e = error_of(replace(kSplit, "deadline: 2", "deadline: 0"));
  CHECK(e.line() == 26);
  CHECK(e.column() == 13);
  CHECK(e.message().find("at least 1") != std::string::npos);
  e = error_of(replace(kSplit, "proposer_order: [b, a]", "proposer_order: [bb, a]"));
  CHECK(e.line() == 24);
  CHECK(e.column() == 20);
  CHECK(e.message().find("unknown player 'bb' (did you mean 'b'?)") != std::string::npos);
  e = error_of(replace(kSplit, "\"not (deal.licence == no and deal.share_a > 0.5)\"", "\"deal.share_a > 2\""));
  CHECK(e.message().find("deal space is empty") != std::string::npos);
  CHECK(e.line() == 17);
  e = error_of(kSplit + "  nash_weights: {a: 0}\n");
  CHECK(e.message().find("must be positive") != std::string::npos);
  e = error_of(replace(kSplit, "  deadline: 2\n", "  dedline: 2\n"));
  CHECK(e.message().find("did you mean 'deadline'") != std::string::npos);
  e = error_of(replace(kSplit, "    a: \"pie * deal.share_a\"\n", ""));
  CHECK(e.message().find("missing a utility for player 'a'") != std::string::npos);
  e = error_of(replace(kSplit, "deal.share_a\"\n", "deal.shar_a\"\n"));
  CHECK(e.line() == 22);
  CHECK(e.message().find("shar_a") != std::string::npos);
  // Keys are read like the rest of the scenario file (models/scenario/yaml_fields.hpp).
  e = error_of(kSplit + "  deadline: 3\n");
  CHECK(e.message() == "bargaining: block: duplicate key 'deadline' (first given on line 26)");
  CHECK(e.line() == 30);
  CHECK(e.column() == 3);
  e = error_of(replace(kSplit, "  discount: {a: delta, b: 0.8}\n", ""));
  CHECK(e.message() == "bargaining: block: missing required key 'discount'");
  CHECK(e.hint() == "for example: discount: 0.9, or {us: 0.95, china: 0.9}");
  e = error_of(replace(kSplit, "{player: a, rounds: 2, cost: 0.5}", "{rounds: 2, cost: 0.5}"));
  CHECK(e.message() == "bargaining: extension: missing required key 'player'");
  CHECK(e.line() == 29);
}

namespace {

// Every number of the problem, bit for bit.
void check_same_problem(const ScenarioBargaining& a, const ScenarioBargaining& b) {
  REQUIRE(a.problem.deals.num_deals() == b.problem.deals.num_deals());
  CHECK(a.problem.deals.labels == b.problem.deals.labels);
  for (std::size_t d = 0; d < a.problem.deals.num_deals(); ++d)
    for (std::size_t p = 0; p < a.problem.deals.num_players; ++p)
      CHECK(a.problem.deals.utility(p, d) == b.problem.deals.utility(p, d));
  CHECK(a.deal_issues == b.deal_issues);
  const BargainingProtocol& x = a.problem.protocol;
  const BargainingProtocol& y = b.problem.protocol;
  CHECK(x.discount == y.discount);
  CHECK(x.deadline == y.deadline);
  CHECK(x.disagreement == y.disagreement);
  CHECK(x.outside_option == y.outside_option);
  REQUIRE(x.extension.has_value() == y.extension.has_value());
  if (x.extension) {
    CHECK(x.extension->rounds == y.extension->rounds);
    CHECK(x.extension->max_times == y.extension->max_times);
    CHECK(x.extension->cost == y.extension->cost);
  }
  CHECK(a.nash_weights == b.nash_weights);
}

}  // namespace

TEST_CASE("bargaining templates: parsed once, bound at other parameter values, the same problem as a fresh build") {
  const std::string block = kSplit + "  nash_weights: {b: pie / 5}\n";
  const Scenario base = load_scenario_text(with_bargaining(block), "split.yaml");
  const BargainingTemplates templates(base);
  // 1 constraint and 2 utilities; constants: 2 discounts, the deadline, 2
  // disagreements, 1 outside option, the extension's rounds and cost, 1 weight.
  CHECK(templates.size() == 3 + 9);
  for (const double pie : {10.0, 20.0, 3.5}) {
    for (const double delta : {0.9, 0.5}) {
      Scenario point = base;
      apply_overrides(point, {{"pie", pie}, {"delta", delta}});
      CAPTURE(pie);
      CAPTURE(delta);
      const ScenarioBargaining bound = build_bargaining(point, &templates);
      check_same_problem(bound, build_bargaining(point));
      CHECK(bound.problem.deals.utility(0, 4) == 0.5 * pie);
      CHECK(bound.problem.protocol.discount[0] == delta);
    }
  }
  // Errors at a point come from the build, at the same place as without templates.
  Scenario bad = base;
  apply_overrides(bad, {{"delta", 1.5}});
  const InputError with = negsim::testing::thrown_by<InputError>([&] { build_bargaining(bad, &templates); }, "");
  const InputError without = negsim::testing::thrown_by<InputError>([&] { build_bargaining(bad); }, "");
  CHECK(with.message() == without.message());
  CHECK(with.line() == without.line());
  CHECK(with.column() == without.column());
}

TEST_CASE("bargaining templates scope: build_bargaining uses the innermost scope's templates on its thread") {
  const Scenario base = load_scenario_text(with_bargaining(kSplit), "split.yaml");
  const BargainingTemplates templates(base);
  CHECK(BargainingTemplatesScope::current() == nullptr);
  Scenario point = base;
  apply_overrides(point, {{"pie", 30}});
  {
    const BargainingTemplatesScope scope(templates);
    CHECK(BargainingTemplatesScope::current() == &templates);
    const BargainingTemplates other(point);
    {
      const BargainingTemplatesScope inner(other);
      CHECK(BargainingTemplatesScope::current() == &other);
    }
    CHECK(BargainingTemplatesScope::current() == &templates);
    const ScenarioBargaining scoped = build_bargaining(point);
    CHECK(scoped.problem.deals.utility(0, 4) == 15.0);
    check_same_problem(scoped, build_bargaining(point, nullptr));
  }
  CHECK(BargainingTemplatesScope::current() == nullptr);
}

TEST_CASE("bargaining templates: a text that does not compile gets none, and the build reports it") {
  const Scenario base =
      load_scenario_text(with_bargaining(replace(kSplit, "deal.share_a\"\n", "deal.shar_a\"\n")), "split.yaml");
  const BargainingTemplates templates(base);  // does not throw
  CHECK(templates.size() == 2 + 8);
  const InputError e = negsim::testing::thrown_by<InputError>([&] { build_bargaining(base, &templates); }, "");
  CHECK(e.line() == 22);
  CHECK(e.message().find("shar_a") != std::string::npos);
  // No block: no templates, and the build says there is no block.
  const Scenario none = load_scenario_text(
      "scenario: s\nplayers:\n  a:\n    levers:\n      x: {values: [0, 1]}\npayoffs:\n  a: \"a.x\"\n", "s.yaml");
  CHECK(BargainingTemplates(none).size() == 0);
}
