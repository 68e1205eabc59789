// The payoff expression language: a small compiler from expression text to a
// flat postfix program, and its evaluator.
//
// Grammar (lowest precedence first; all binary operators left-associative
// except ^, which is right-associative and binds tighter than unary minus,
// so -2^2 = -4 as in mathematics):
//   expr    := or
//   or      := and ('or' and)*
//   and     := not ('and' not)*
//   not     := 'not' not | cmp
//   cmp     := sum (('<'|'<='|'>'|'>='|'=='|'!=') sum)?     (non-associative)
//   sum     := product (('+'|'-') product)*
//   product := unary (('*'|'/') unary)*
//   unary   := '-' unary | '+' unary | power
//   power   := primary ('^' unary)?
//   primary := NUMBER | NAME | NAME '.' NAME | NAME '(' args ')' | '(' expr ')'
// Names: parameters (replaced by their value when the program is bound), player.lever
// (the numeric value of the lever's current setting: the number for numeric
// levers, the index for label levers). `player.lever == label` and
// `player.lever != label` (either side) with a bare label name of that lever
// are 0/1 indicators resolved at compile time. Functions: min(a, b, ...),
// max(a, b, ...), abs, exp, log, sqrt, pow(a, b), if(c, a, b). Booleans are
// 1 and 0; any nonzero value is true. `if` evaluates both branches (no side
// effects), so an untaken branch never raises an error.
//
// Contract
//  - compile_expression throws InputError at the exact file line:col of the
//    offending token (ExpressionText::location_of), with a did-you-mean hint
//    for misspelled parameters, players, levers, labels and functions.
//  - Compiling has two steps. compile_expression_template() tokenizes,
//    parses and resolves names (every InputError about the text comes from
//    here); ExpressionTemplate::bind() then folds the sub-expressions that
//    depend on no lever to constants, at the scenario's current parameter
//    values and lever values, and emits the program. compile_expression() is
//    both steps. Sweeps make the template once and bind it at every point:
//    the bound program is exactly (instruction by instruction) the one a
//    fresh compile_expression() gives at those values, without re-parsing.
//  - evaluate() allocates nothing and is safe to call concurrently.
// Complexity: compile O(length); evaluate O(program size).
// Why not muParser: see docs/scenario.md ("Why a custom compiler").
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace negsim {

// The names visible to expressions, and the flat numbering of levers
// ("lever slots") that evaluate() is indexed by: the slots of player p are
// lever_slot(p, 0) .. lever_slot(p, num_levers(p) - 1), players in order.
class ExpressionContext {
 public:
  ExpressionContext() = default;
  explicit ExpressionContext(const Scenario& scenario);

  std::size_t num_lever_slots() const { return slot_player_.size(); }
  std::size_t lever_slot(std::size_t player, std::size_t lever) const {
    return player_first_slot_[player] + lever;
  }
  std::size_t slot_player(std::size_t slot) const { return slot_player_[slot]; }
  const Scenario& scenario() const { return *scenario_; }

 private:
  const Scenario* scenario_ = nullptr;
  std::vector<std::size_t> player_first_slot_;
  std::vector<std::size_t> slot_player_;
};

class ExpressionTemplate;

class CompiledExpression {
 public:
  enum class Op : std::uint8_t {
    Constant,   // push value
    Lever,      // push lever_numbers[offset + index[slot]]
    Indicator,  // push index[slot] == label ? 1 : 0 (label in `offset`)
    NotIndicator,
    Add, Sub, Mul, Div, Pow, Neg,
    Less, LessEq, Greater, GreaterEq, Equal, NotEqual,
    And, Or, Not,
    Min, Max,  // `count` operands
    Abs, Exp, Log, Sqrt,
    If,
    // Forms with a constant operand in `value` (fewer pushes; the same IEEE
    // arithmetic as the general forms).
    AddK, SubK, RSubK /* K - x */, MulK, DivK, RDivK /* K / x */,
    LessK, LessEqK, GreaterK, GreaterEqK, EqualK, NotEqualK, MinK, MaxK,
    Square,  // x ^ 2
  };
  struct Instruction {
    Op op;
    std::uint32_t slot = 0;    // lever slot (Lever, Indicator, NotIndicator)
    std::uint32_t offset = 0;  // Lever: start in lever_numbers; Indicator: label index
    std::uint32_t count = 0;   // Min/Max: number of operands
    double value = 0;          // Constant
  };

  // Evaluates with lever_value_index[slot] = index of the current value of
  // each lever slot (see ExpressionContext). Allocates nothing.
  double evaluate(const std::size_t* lever_value_index) const;
  double evaluate(std::span<const std::size_t> lever_value_index) const {
    return evaluate(lever_value_index.data());
  }

  // Evaluates `count` lever settings at once: row i of `rows` (stride
  // `row_stride` values, one per lever slot) is one setting; results go to
  // out[0..count). scratch must hold batch_scratch_size(count) doubles.
  // One pass per instruction over the batch amortizes the dispatch, which is
  // what builders and sweeps use. Allocates nothing.
  void evaluate_batch(const std::size_t* rows, std::size_t row_stride, std::size_t count, double* out,
                      double* scratch) const;
  std::size_t batch_scratch_size(std::size_t count) const {
    return max_stack_ > 0 ? (max_stack_ - 1) * count : 0;
  }

  bool is_constant() const { return code_.size() == 1 && code_[0].op == Op::Constant; }
  // Sorted, unique player indices / lever slots the expression depends on.
  const std::vector<std::size_t>& players_used() const { return players_used_; }
  const std::vector<std::size_t>& lever_slots_used() const { return slots_used_; }
  const std::vector<Instruction>& code() const { return code_; }
  const ExpressionText& source() const { return source_; }
  // Human-readable listing of the program (for tests and debugging).
  std::string disassemble() const;

 private:
  friend class ExpressionCompiler;
  friend class ExpressionBinder;
  ExpressionText source_;
  std::vector<Instruction> code_;
  std::vector<double> lever_numbers_;
  std::vector<std::size_t> players_used_;
  std::vector<std::size_t> slots_used_;
  std::size_t max_stack_ = 0;
};

// Maximum operand stack depth of a compiled program (deeper nesting is an
// InputError "expression too deeply nested").
inline constexpr std::size_t kMaxExpressionStack = 256;

// Maximum nesting of an expression: levels of parentheses, function calls,
// unary operators and '^' while parsing, and depth of the syntax tree (a
// chain a + b + c + ... of k terms is k levels deep). The parser, the folder
// and the code generator recurse, so this bounds their stack use; anything
// deeper is an InputError "expression too deeply nested" at the token where
// the limit is crossed, never a stack overflow.
inline constexpr std::size_t kMaxExpressionDepth = 500;

// An expression parsed and resolved against a scenario's names, before its
// parameters and lever values are bound: the part of compiling that depends
// only on the text and the scenario's structure.
class ExpressionTemplate {
 public:
  ExpressionTemplate() = default;

  // The program at `scenario`'s current parameter values and lever values
  // (numeric levers' numbers): identical to compile_expression() on that
  // scenario. `scenario` must have the structure the template was made for
  // (the same parameters, players and levers, in the same order: a copy of
  // it with other values, as a sweep point's scenario is); otherwise
  // std::invalid_argument. Reuses `out`'s storage (no allocation once it has
  // grown). Throws InputError only for "too deeply nested" (the stack depth
  // depends on what folds). Safe to call concurrently.
  void bind(const Scenario& scenario, CompiledExpression& out) const;
  CompiledExpression bind(const Scenario& scenario) const;

  const ExpressionText& source() const { return source_; }
  // Whether any parameter occurs (if not, the program changes only with the
  // lever values).
  bool uses_parameters() const { return uses_parameters_; }

  // One node of the resolved syntax tree; nodes are stored children first
  // (post-order), so one forward pass folds them.
  struct Node {
    enum class Kind : std::uint8_t { Constant, Parameter, Lever, Unary, Binary, Call };
    Kind kind = Kind::Constant;
    CompiledExpression::Op op = CompiledExpression::Op::Add;  // Unary, Binary
    std::uint8_t function = 0;                                // Call (the compiler's function code)
    std::uint32_t first_child = 0, num_children = 0;          // in children_
    std::uint32_t index = 0;                                  // Parameter: index; Lever: slot
    std::uint32_t player = 0, lever = 0;                      // Lever
    double value = 0;                                         // Constant
  };

 private:
  friend class ExpressionCompiler;
  friend class ExpressionBinder;
  ExpressionText source_;
  std::vector<Node> nodes_;               // post-order; the root is last
  std::vector<std::uint32_t> children_;   // child node indices
  std::vector<std::size_t> slot_player_;  // of the context compiled against
  std::vector<std::size_t> levers_per_player_;
  std::size_t num_parameters_ = 0;
  bool uses_parameters_ = false;
};

// Parses and resolves `text` (InputErrors as for compile_expression).
ExpressionTemplate compile_expression_template(const ExpressionText& text, const ExpressionContext& context);

// compile_expression_template(text, context).bind(context.scenario()).
CompiledExpression compile_expression(const ExpressionText& text, const ExpressionContext& context);

}  // namespace negsim
