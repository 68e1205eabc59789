#include "models/scenario/uncertainty_readers.hpp"

#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/type_prior.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;

namespace {

const std::string kBase =
    "scenario: s\n"                         // 1
    "parameters:\n"                         // 2
    "  p: 0.4\n"                            // 3
    "players:\n"                            // 4
    "  us:\n"                               // 5
    "    levers: {deadline: [enforce, extend]}\n"  // 6
    "  bd:\n"                               // 7
    "    levers: {divest: [wait, sell]}\n"  // 8
    "payoffs: {us: \"0\", bd: \"0\"}\n";    // 9

InputError error_of(const std::string& tail) {
  const std::string text = kBase + tail;
  return negsim::testing::thrown_by<InputError>([&] { load_scenario_text(text, "s.yaml"); }, text);
}

}  // namespace

TEST_CASE("types: independent priors are expressions over parameters, reached by --set") {
  Scenario s = load_scenario_text(kBase + "types:\n  us: {committed: p, bluffing: \"1 - p\"}\n", "s.yaml");
  REQUIRE(s.types.present);
  REQUIRE(s.types.players.size() == 1);
  CHECK(s.types.players[0].labels == std::vector<std::string>{"committed", "bluffing"});
  TypePrior prior = evaluate_prior(s);
  REQUIRE(prior.profiles.size() == 2);
  CHECK(prior.marginal(0, 0) == doctest::Approx(0.4));
  apply_overrides(s, {{"p", 0.25}});
  prior = evaluate_prior(s);
  CHECK(prior.marginal(0, 0) == doctest::Approx(0.25));
  CHECK(prior.marginal(0, 1) == doctest::Approx(0.75));
}

TEST_CASE("types: a joint prior table correlates types, rows not given have probability 0") {
  const Scenario s = load_scenario_text(kBase +
                                            "types:\n"
                                            "  us: [hard, soft]\n"
                                            "  bd: [patient, eager]\n"
                                            "  joint:\n"
                                            "    - {us: hard, bd: patient, probability: 0.5}\n"
                                            "    - {us: soft, bd: eager, probability: 0.5}\n",
                                        "s.yaml");
  const TypePrior prior = evaluate_prior(s);
  REQUIRE(prior.profiles.size() == 2);  // the two zero rows are dropped
  CHECK(prior.profiles[0].types == std::vector<std::size_t>{0, 0});
  CHECK(prior.profiles[1].types == std::vector<std::size_t>{1, 1});
  CHECK(prior.marginal(1, 0) == doctest::Approx(0.5));
}

TEST_CASE("types: structural errors name file, line and column with a hint") {
  InputError e = error_of("types:\n  uss: {a: 1}\n");
  CHECK(e.line() == 11);
  CHECK(e.column() == 3);
  CHECK(e.message().find("unknown player 'uss'") != std::string::npos);
  CHECK(e.message().find("did you mean 'us'") != std::string::npos);

  e = error_of("types:\n  us: {a: 0.5, a: 0.5}\n");
  CHECK(e.line() == 11);
  CHECK(e.message().find("duplicate key 'a'") != std::string::npos);

  e = error_of("types:\n  us: [a, b]\n");
  CHECK(e.line() == 11);
  CHECK(e.message().find("have no prior") != std::string::npos);

  e = error_of("types:\n  us: [a, b]\n  joint:\n    - {us: c, probability: 1}\n");
  CHECK(e.line() == 13);
  CHECK(e.column() == 12);
  CHECK(e.message().find("unknown type 'c'") != std::string::npos);
}

TEST_CASE("types: a prior that does not sum to 1 is an error at the player, after --set too") {
  Scenario s = load_scenario_text(kBase + "types:\n  us: {committed: p, bluffing: 0.6}\n", "s.yaml");
  CHECK_NOTHROW(evaluate_prior(s));
  apply_overrides(s, {{"p", 0.5}});
  const InputError e = negsim::testing::thrown_by<InputError>([&] { evaluate_prior(s); });
  CHECK(e.line() == 11);
  CHECK(e.message().find("sum to 1.1") != std::string::npos);
  apply_overrides(s, {{"p", -0.1}});
  const InputError negative = negsim::testing::thrown_by<InputError>([&] { evaluate_prior(s); });
  CHECK(negative.line() == 11);
  CHECK(negative.column() == 19);
  CHECK(negative.message().find("not a probability") != std::string::npos);
}

TEST_CASE("sequence: steps, observations, fixed levers and threat are read into typed data") {
  const Scenario s = load_scenario_text(kBase +
                                            "types:\n  us: {committed: p, bluffing: \"1 - p\"}\n"
                                            "sequence:\n"
                                            "  rounds: 3\n"
                                            "  discount: 0.9\n"
                                            "  stop_when: \"bd.divest == sell\"\n"
                                            "  threat: {us.deadline: enforce}\n"
                                            "  steps:\n"
                                            "    - chance: court\n"
                                            "      outcomes: {upholds: p, strikes: \"1 - p\"}\n"
                                            "    - move: us\n"
                                            "    - move: bd\n"
                                            "      observes: [us.deadline, chance.court]\n",
                                        "s.yaml");
  REQUIRE(s.sequence.present);
  CHECK(s.sequence.rounds.number == 3);
  REQUIRE(s.sequence.steps.size() == 3);
  CHECK(s.sequence.steps[0].is_chance);
  CHECK(s.sequence.chance_events[0].outcomes == std::vector<std::string>{"upholds", "strikes"});
  CHECK(s.sequence.steps[1].observes_all);
  CHECK_FALSE(s.sequence.steps[2].observes_all);
  REQUIRE(s.sequence.steps[2].observes.size() == 2);
  CHECK(s.sequence.steps[2].observes[0].kind == Observation::Kind::kLever);
  CHECK(s.sequence.steps[2].observes[1].kind == Observation::Kind::kChance);
  REQUIRE(s.sequence.threat);
  CHECK(s.sequence.threat->value == 0);
}

TEST_CASE("sequence: errors at file:line:col with hints") {
  InputError e = error_of("sequence:\n  steps:\n    - move: uss\n");
  CHECK(e.line() == 12);
  CHECK(e.column() == 13);
  CHECK(e.message().find("did you mean 'us'") != std::string::npos);

  e = error_of("sequence:\n  steps:\n    - move: us\n      observes: [chance.court]\n");
  CHECK(e.line() == 13);
  CHECK(e.column() == 18);
  CHECK(e.message().find("no chance event 'court' happens before this step") != std::string::npos);

  e = error_of("sequence:\n  steps:\n    - move: us\n    - move: us\n");
  CHECK(e.line() == 13);
  CHECK(e.message().find("already set in step 1") != std::string::npos);

  e = error_of("sequence:\n  steps:\n    - move: us\n      levers: [deadlin]\n");
  CHECK(e.line() == 13);
  CHECK(e.column() == 16);
  CHECK(e.message().find("did you mean 'deadline'") != std::string::npos);

  e = error_of("sequence:\n  stepz: []\n");
  CHECK(e.line() == 11);
  CHECK(e.message().find("unknown key 'stepz'") != std::string::npos);

  e = error_of("sequence:\n  steps:\n    - move: us\n  fixed: {us.deadline: extend}\n");
  CHECK(e.line() == 13);
  CHECK(e.message().find("set by the move in step 1") != std::string::npos);

  e = error_of("sequence:\n  steps:\n    - move: bd\n      observes: [us.type]\n");
  CHECK(e.line() == 13);
  CHECK(e.message().find("has no types") != std::string::npos);
}

TEST_CASE("sequence: a conditional step reads its condition and the defaults of its levers") {
  const std::string text = kBase +
                           "sequence:\n"                               // 10
                           "  steps:\n"                                // 11
                           "    - move: us\n"                          // 12
                           "    - move: bd\n"                          // 13
                           "      when: \"us.deadline == enforce\"\n"  // 14
                           "      default: {bd.divest: sell}\n";       // 15
  const Scenario s = load_scenario_text(text, "s.yaml");
  const SequenceStep& step = s.sequence.steps.at(1);
  REQUIRE(step.when.has_value());
  CHECK(step.when->pos.line == 14);
  REQUIRE(step.defaults.size() == 1);
  CHECK(step.defaults[0].player == 1);
  CHECK(step.defaults[0].value == 1);  // sell
  CHECK_FALSE(s.sequence.steps.at(0).when.has_value());
}

TEST_CASE("sequence: errors of conditional steps at file:line:col with hints") {
  InputError e = error_of("sequence:\n  steps:\n    - move: us\n    - move: bd\n      when: \"us.deadline == enforce\"\n");
  CHECK(e.line() == 14);
  CHECK(e.column() == 7);
  CHECK(e.message().find("needs `default:`") != std::string::npos);
  CHECK(e.hint() == "for example: default: {bd.divest: wait}");

  e = error_of("sequence:\n  steps:\n    - move: us\n    - move: bd\n      default: {bd.divest: wait}\n");
  CHECK(e.line() == 14);
  CHECK(e.message().find("default: without `when`") != std::string::npos);

  e = error_of("sequence:\n  steps:\n    - move: us\n    - move: bd\n      when: \"us.deadline == enforce\"\n"
               "      default: {us.deadline: extend}\n");
  CHECK(e.line() == 15);
  CHECK(e.column() == 17);
  CHECK(e.message().find("'us.deadline' is not a lever this step sets") != std::string::npos);

  e = error_of("sequence:\n  steps:\n    - move: us\n    - move: bd\n      when: \"us.deadline == enforce\"\n"
               "      default: {bd.divest: keep}\n");
  CHECK(e.line() == 15);
  CHECK(e.message().find("'keep' is not a value of lever 'bd.divest'") != std::string::npos);

  e = error_of("sequence:\n  steps:\n    - chance: court\n      outcomes: {up: 1}\n      when: \"1\"\n");
  CHECK(e.line() == 14);
  CHECK(e.message().find("unknown key 'when'") != std::string::npos);
}
