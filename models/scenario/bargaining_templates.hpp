// The expressions of a scenario's `bargaining:` block parsed once, for
// building the bargaining problem of many variants of the scenario that
// differ only in parameter values (sweep points).
//
// Contract
//  - BargainingTemplates(base) parses and resolves every expression of the
//    block against `base` (utilities and constraints over parameters and
//    `deal.<issue>`; discounts, deadline, disagreement, outside options,
//    extension and Nash weights over parameters). A text that does not
//    compile gets no template; nothing is thrown.
//  - build_bargaining(scenario, &templates) binds each template to the
//    scenario's values (ExpressionTemplate::bind) instead of compiling its
//    text again, and gives the same problem, bit for bit, as
//    build_bargaining(scenario). An expression without a template (no text
//    compiled, or another text or place than the template's) is compiled by
//    the build, so every error is thrown by the build that meets it, at the
//    same place, as without templates. `scenario` must have base's structure
//    (the same parameters, players, levers and issues, other values).
//  - BargainingTemplatesScope: while one is alive on a thread,
//    build_bargaining(scenario) on that thread uses its templates (how a
//    sweep's `bargaining` analysis reaches the builder inside the scenario
//    analysis without a new option). Scopes nest; the innermost wins.
//  - Immutable once made: one copy serves every thread of a sweep.
// Complexity: construction O(total expression length); a build with
// templates parses no text (O(expressions) template lookups by text).
#pragma once

#include <cstddef>
#include <vector>

#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/scenario.hpp"

namespace negsim {

class BargainingTemplates {
 public:
  explicit BargainingTemplates(const Scenario& base);

  // The template made from this text at this place, or null.
  const ExpressionTemplate* deal_expression(const ExpressionText& text) const;      // over deal.<issue>
  const ExpressionTemplate* constant_expression(const ExpressionText& text) const;  // over parameters
  std::size_t size() const { return deal_.size() + constant_.size(); }

 private:
  std::vector<ExpressionTemplate> deal_, constant_;
};

ScenarioBargaining build_bargaining(const Scenario& scenario, const BargainingTemplates* templates,
                                    const BargainingBuildOptions& options = {});

class BargainingTemplatesScope {
 public:
  explicit BargainingTemplatesScope(const BargainingTemplates& templates);
  ~BargainingTemplatesScope();
  BargainingTemplatesScope(const BargainingTemplatesScope&) = delete;
  BargainingTemplatesScope& operator=(const BargainingTemplatesScope&) = delete;

  // The innermost scope's templates on this thread, or null.
  static const BargainingTemplates* current();

 private:
  const BargainingTemplates* previous_;
};

}  // namespace negsim
