#include "models/scenario/expression.hpp"
#include "models/scenario/expression_product.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "models/errors.hpp"

namespace negsim {

ExpressionContext::ExpressionContext(const Scenario& scenario) : scenario_(&scenario) {
  for (std::size_t p = 0; p < scenario.players.size(); ++p) {
    player_first_slot_.push_back(slot_player_.size());
    for (std::size_t l = 0; l < scenario.players[p].levers.size(); ++l) slot_player_.push_back(p);
  }
}

namespace {

using Op = CompiledExpression::Op;

// ---------------------------------------------------------------- tokens

enum class Tok { Number, Name, LParen, RParen, Comma, Plus, Minus, Star, Slash, Caret,
                 Less, LessEq, Greater, GreaterEq, Equal, NotEqual, And, Or, Not, End };

struct Token {
  Tok kind;
  std::size_t offset;  // in the expression text
  std::size_t length;
  std::string text;    // names and numbers
  double number = 0;
};

bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

const char* token_name(Tok t) {
  switch (t) {
    case Tok::Number: return "a number";
    case Tok::Name: return "a name";
    case Tok::LParen: return "'('";
    case Tok::RParen: return "')'";
    case Tok::Comma: return "','";
    case Tok::End: return "the end of the expression";
    default: return "an operator";
  }
}

// ---------------------------------------------------------------- syntax tree

enum class NodeKind { Constant, Parameter, Lever, Name, Unary, Binary, Call };

enum class Function { Min, Max, Abs, Exp, Log, Sqrt, Pow, If };

struct Node {
  NodeKind kind;
  std::size_t offset;  // of the token that names the node (for errors)
  std::size_t length = 1;
  double value = 0;        // Constant
  std::size_t slot = 0;    // Lever
  std::size_t player = 0;  // Lever
  std::size_t lever = 0;   // Lever
  std::size_t parameter = 0;  // Parameter: index in Scenario::parameters
  std::string name;        // Name (unresolved bare name), Lever (dotted text)
  std::size_t depth = 1;   // height of the subtree (bounded by kMaxExpressionDepth)
  Op op = Op::Add;         // Unary / Binary
  Function function = Function::Min;
  std::vector<std::unique_ptr<Node>> children;
};

using NodePtr = std::unique_ptr<Node>;

NodePtr make(NodeKind kind, std::size_t offset, std::size_t length = 1) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->offset = offset;
  n->length = length;
  return n;
}

// min and max that propagate NaN (std::fmin would hide it), so a NaN payoff
// is reported instead of silently dropped.
inline double nan_min(double a, double b) { return (std::isnan(a) || a < b) ? a : b; }
inline double nan_max(double a, double b) { return (std::isnan(a) || a > b) ? a : b; }

// Conditions do not decide on NaN: a comparison, `and`, `or`, `not` or an
// `if` condition with a NaN operand gives NaN (IEEE comparisons would say
// false, and `not` of that true), so that the NaN reaches the payoff or
// constraint and is reported there as an input error, like any NaN payoff.
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline double truth(double a, double b, bool value) { return std::isunordered(a, b) ? kNaN : value; }
inline double logical_and(double a, double b) { return truth(a, b, a != 0 && b != 0); }
inline double logical_or(double a, double b) { return truth(a, b, a != 0 || b != 0); }
inline double logical_not(double a) { return std::isnan(a) ? kNaN : a == 0; }
inline double choose(double condition, double a, double b) {
  return std::isnan(condition) ? kNaN : condition != 0 ? a : b;
}

double apply_binary(Op op, double a, double b) {
  switch (op) {
    case Op::Add: return a + b;
    case Op::Sub: return a - b;
    case Op::Mul: return a * b;
    case Op::Div: return a / b;
    case Op::Pow: return std::pow(a, b);
    case Op::Less: return truth(a, b, a < b);
    case Op::LessEq: return truth(a, b, a <= b);
    case Op::Greater: return truth(a, b, a > b);
    case Op::GreaterEq: return truth(a, b, a >= b);
    case Op::Equal: return truth(a, b, a == b);
    case Op::NotEqual: return truth(a, b, a != b);
    case Op::And: return logical_and(a, b);
    case Op::Or: return logical_or(a, b);
    default: return 0;
  }
}

double apply_unary(Op op, double a) {
  switch (op) {
    case Op::Neg: return -a;
    case Op::Not: return logical_not(a);
    case Op::Abs: return std::fabs(a);
    case Op::Exp: return std::exp(a);
    case Op::Log: return std::log(a);
    case Op::Sqrt: return std::sqrt(a);
    default: return 0;
  }
}

}  // namespace

// ---------------------------------------------------------------- compiler

class ExpressionCompiler {
 public:
  ExpressionCompiler(const ExpressionText& text, const ExpressionContext& context)
      : text_(text), src_(text.text), context_(context), scenario_(context.scenario()) {}

  ExpressionTemplate compile() {
    tokenize();
    if (tokens_.size() == 1) fail(0, 1, "empty expression; expected a formula such as \"3 * us.tariff\"");
    NodePtr root = parse_or();
    if (peek().kind != Tok::End) {
      const Token& t = peek();
      fail(t.offset, t.length,
           "unexpected " + describe(t) + "; expected an operator or the end of the expression");
    }
    resolve(*root);
    ExpressionTemplate out;
    out.source_ = text_;
    flatten(*root, out);
    for (std::size_t slot = 0; slot < context_.num_lever_slots(); ++slot)
      out.slot_player_.push_back(context_.slot_player(slot));
    for (const ScenarioPlayer& player : scenario_.players) out.levers_per_player_.push_back(player.levers.size());
    out.num_parameters_ = scenario_.parameters.size();
    return out;
  }

 private:
  [[noreturn]] void fail(std::size_t offset, std::size_t length, const std::string& message,
                         const std::string& hint = "") const {
    (void)length;
    const SourcePos where = text_.location_of(offset);
    throw InputError(where.file, where.line, where.column, message, hint);
  }

  std::string describe(const Token& t) const {
    if (t.kind == Tok::End) return "end of expression";
    return "'" + src_.substr(t.offset, t.length) + "'";
  }

  // ------------------------------------------------------------ lexer
  void tokenize() {
    std::size_t i = 0;
    const std::size_t n = src_.size();
    while (true) {
      while (i < n && (src_[i] == ' ' || src_[i] == '\t' || src_[i] == '\n' || src_[i] == '\r')) ++i;
      if (i >= n) {
        tokens_.push_back({Tok::End, n, 0, "", 0});
        return;
      }
      const char c = src_[i];
      const std::size_t start = i;
      if (digit(c) || (c == '.' && i + 1 < n && digit(src_[i + 1]))) {
        while (i < n && digit(src_[i])) ++i;
        if (i < n && src_[i] == '.') {
          ++i;
          while (i < n && digit(src_[i])) ++i;
        }
        if (i < n && (src_[i] == 'e' || src_[i] == 'E')) {
          std::size_t j = i + 1;
          if (j < n && (src_[j] == '+' || src_[j] == '-')) ++j;
          if (j < n && digit(src_[j])) {
            i = j;
            while (i < n && digit(src_[i])) ++i;
          }
        }
        if (i < n && (name_char(src_[i]) || src_[i] == '.'))
          fail(start, i - start + 1, "malformed number '" + src_.substr(start, i - start + 1) + "'");
        const std::string text = src_.substr(start, i - start);
        tokens_.push_back({Tok::Number, start, i - start, text, std::strtod(text.c_str(), nullptr)});
        continue;
      }
      if (name_start(c)) {
        while (i < n && name_char(src_[i])) ++i;
        if (i < n && src_[i] == '.') {  // player.lever
          ++i;
          if (i >= n || !name_start(src_[i]))
            fail(i, 1, "expected a lever name after '" + src_.substr(start, i - start) + "'",
                 "levers are written player.lever, e.g. us.tariff");
          while (i < n && name_char(src_[i])) ++i;
          if (i < n && src_[i] == '.')
            fail(i, 1, "unexpected '.' after '" + src_.substr(start, i - start) +
                           "'; levers are written player.lever");
        }
        const std::string word = src_.substr(start, i - start);
        Tok kind = Tok::Name;
        if (word == "and") kind = Tok::And;
        if (word == "or") kind = Tok::Or;
        if (word == "not") kind = Tok::Not;
        tokens_.push_back({kind, start, i - start, word, 0});
        continue;
      }
      const char d = i + 1 < n ? src_[i + 1] : '\0';
      auto push = [&](Tok kind, std::size_t length) {
        tokens_.push_back({kind, start, length, src_.substr(start, length), 0});
        i += length;
      };
      switch (c) {
        case '(': push(Tok::LParen, 1); continue;
        case ')': push(Tok::RParen, 1); continue;
        case ',': push(Tok::Comma, 1); continue;
        case '+': push(Tok::Plus, 1); continue;
        case '-': push(Tok::Minus, 1); continue;
        case '*':
          if (d == '*') fail(start, 2, "unknown operator '**'; use '^' or pow(a, b) for powers");
          push(Tok::Star, 1);
          continue;
        case '/': push(Tok::Slash, 1); continue;
        case '^': push(Tok::Caret, 1); continue;
        case '<': d == '=' ? push(Tok::LessEq, 2) : push(Tok::Less, 1); continue;
        case '>': d == '=' ? push(Tok::GreaterEq, 2) : push(Tok::Greater, 1); continue;
        case '=':
          if (d == '=') {
            push(Tok::Equal, 2);
            continue;
          }
          fail(start, 1, "unexpected '='; use '==' to compare");
        case '!':
          if (d == '=') {
            push(Tok::NotEqual, 2);
            continue;
          }
          fail(start, 1, "unexpected '!'; use 'not' for negation");
        case '&':
          fail(start, d == '&' ? 2 : 1, "unexpected '" + std::string(d == '&' ? "&&" : "&") + "'; use 'and'");
        case '|':
          fail(start, d == '|' ? 2 : 1, "unexpected '" + std::string(d == '|' ? "||" : "|") + "'; use 'or'");
        default:
          fail(start, 1, std::string("unexpected character '") + c + "'",
               "expressions use numbers, names, player.lever, + - * / ^, comparisons, and/or/not, "
               "parentheses and functions");
      }
    }
  }

  // ------------------------------------------------------------ parser
  const Token& peek() const { return tokens_[pos_]; }
  const Token& next() { return tokens_[pos_++]; }
  bool accept(Tok kind) {
    if (peek().kind != kind) return false;
    ++pos_;
    return true;
  }
  [[noreturn]] void expected(const std::string& what) const {
    const Token& t = peek();
    fail(t.offset, std::max<std::size_t>(t.length, 1), "expected " + what + ", found " + describe(t));
  }

  NodePtr binary(Op op, const Token& t, NodePtr a, NodePtr b) {
    NodePtr n = make(NodeKind::Binary, t.offset, t.length);
    n->op = op;
    n->children.push_back(std::move(a));
    n->children.push_back(std::move(b));
    return with_depth(std::move(n));
  }

  // Too deep a tree would overflow the stack of the recursive passes below
  // (resolve, fold, emit, and the tree's own destructor); too deep a parse,
  // the parser's. Both are cut at kMaxExpressionDepth with a clear error.
  [[noreturn]] void too_deep(std::size_t offset, std::size_t length) const {
    fail(offset, length,
         "expression too deeply nested (more than " + std::to_string(kMaxExpressionDepth) +
             " levels of parentheses, operators or function calls)",
         "simplify it, or split a long sum into parts with intermediate parentheses, e.g. (a + b) + (c + d)");
  }
  NodePtr with_depth(NodePtr n) {
    std::size_t height = 0;
    for (const NodePtr& c : n->children) height = std::max(height, c->depth);
    n->depth = height + 1;
    if (n->depth > kMaxExpressionDepth) too_deep(n->offset, n->length);
    return n;
  }
  // Counts one level of parser recursion for as long as it lives.
  class Nesting {
   public:
    Nesting(ExpressionCompiler& compiler, const Token& at) : compiler_(compiler) {
      if (++compiler_.nesting_ > kMaxExpressionDepth) compiler_.too_deep(at.offset, at.length);
    }
    ~Nesting() { --compiler_.nesting_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    ExpressionCompiler& compiler_;
  };

  NodePtr parse_or() {
    NodePtr left = parse_and();
    while (peek().kind == Tok::Or) {
      const Token t = next();
      left = binary(Op::Or, t, std::move(left), parse_and());
    }
    return left;
  }
  NodePtr parse_and() {
    NodePtr left = parse_not();
    while (peek().kind == Tok::And) {
      const Token t = next();
      left = binary(Op::And, t, std::move(left), parse_not());
    }
    return left;
  }
  NodePtr parse_not() {
    if (peek().kind == Tok::Not) {
      const Token t = next();
      const Nesting level(*this, t);
      NodePtr n = make(NodeKind::Unary, t.offset, t.length);
      n->op = Op::Not;
      n->children.push_back(parse_not());
      return with_depth(std::move(n));
    }
    return parse_comparison();
  }
  static bool comparison(Tok k, Op& op) {
    switch (k) {
      case Tok::Less: op = Op::Less; return true;
      case Tok::LessEq: op = Op::LessEq; return true;
      case Tok::Greater: op = Op::Greater; return true;
      case Tok::GreaterEq: op = Op::GreaterEq; return true;
      case Tok::Equal: op = Op::Equal; return true;
      case Tok::NotEqual: op = Op::NotEqual; return true;
      default: return false;
    }
  }
  NodePtr parse_comparison() {
    NodePtr left = parse_sum();
    Op op;
    if (comparison(peek().kind, op)) {
      const Token t = next();
      left = binary(op, t, std::move(left), parse_sum());
      Op again;
      if (comparison(peek().kind, again))
        fail(peek().offset, peek().length, "comparisons cannot be chained",
             "write a < b and b < c instead of a < b < c");
    }
    return left;
  }
  NodePtr parse_sum() {
    NodePtr left = parse_product();
    while (peek().kind == Tok::Plus || peek().kind == Tok::Minus) {
      const Token t = next();
      left = binary(t.kind == Tok::Plus ? Op::Add : Op::Sub, t, std::move(left), parse_product());
    }
    return left;
  }
  NodePtr parse_product() {
    NodePtr left = parse_unary();
    while (peek().kind == Tok::Star || peek().kind == Tok::Slash) {
      const Token t = next();
      left = binary(t.kind == Tok::Star ? Op::Mul : Op::Div, t, std::move(left), parse_unary());
    }
    return left;
  }
  NodePtr parse_unary() {
    if (peek().kind == Tok::Minus) {
      const Token t = next();
      const Nesting level(*this, t);
      NodePtr n = make(NodeKind::Unary, t.offset, t.length);
      n->op = Op::Neg;
      n->children.push_back(parse_unary());
      return with_depth(std::move(n));
    }
    if (peek().kind == Tok::Plus) {
      const Token t = next();
      const Nesting level(*this, t);
      return parse_unary();
    }
    return parse_power();
  }
  NodePtr parse_power() {
    NodePtr base = parse_primary();
    if (peek().kind == Tok::Caret) {
      const Token t = next();
      const Nesting level(*this, t);
      return binary(Op::Pow, t, std::move(base), parse_unary());
    }
    return base;
  }

  NodePtr parse_primary() {
    const Token t = peek();
    switch (t.kind) {
      case Tok::Number: {
        next();
        NodePtr n = make(NodeKind::Constant, t.offset, t.length);
        n->value = t.number;
        return n;
      }
      case Tok::LParen: {
        next();
        const Nesting level(*this, t);
        NodePtr inner = parse_or();
        if (!accept(Tok::RParen)) expected("')' to close the '(' at column " +
                                           std::to_string(text_.location_of(t.offset).column));
        return inner;
      }
      case Tok::Name: {
        next();
        if (peek().kind == Tok::LParen) return parse_call(t);
        if (t.text.find('.') != std::string::npos) return lever_reference(t);
        NodePtr n = make(NodeKind::Name, t.offset, t.length);
        n->name = t.text;
        return n;
      }
      default:
        expected("a number, a name, player.lever, a function call or '('");
    }
  }

  NodePtr parse_call(const Token& name) {
    static const std::vector<std::pair<std::string, Function>> functions = {
        {"min", Function::Min}, {"max", Function::Max}, {"abs", Function::Abs},
        {"exp", Function::Exp}, {"log", Function::Log}, {"sqrt", Function::Sqrt},
        {"pow", Function::Pow}, {"if", Function::If}};
    auto it = std::find_if(functions.begin(), functions.end(),
                           [&](const auto& f) { return f.first == name.text; });
    if (it == functions.end()) {
      std::vector<std::string> names;
      for (const auto& f : functions) names.push_back(f.first);
      const std::string best = closest_match(name.text, names);
      fail(name.offset, name.length,
           "unknown function '" + name.text + "'" +
               (best.empty() ? "" : " (did you mean '" + best + "'?)"),
           "functions: min, max, abs, exp, log, sqrt, pow, if");
    }
    next();  // (
    const Nesting level(*this, name);
    NodePtr n = make(NodeKind::Call, name.offset, name.length);
    n->function = it->second;
    n->name = name.text;
    if (peek().kind != Tok::RParen) {
      n->children.push_back(parse_or());
      while (accept(Tok::Comma)) n->children.push_back(parse_or());
    }
    if (!accept(Tok::RParen)) expected("',' or ')' in the arguments of " + name.text + "(...)");
    const std::size_t args = n->children.size();
    std::size_t want = 0;
    std::string usage;
    switch (n->function) {
      case Function::Min:
      case Function::Max:
        if (args < 1)
          fail(name.offset, name.length, name.text + "() needs at least one argument");
        return with_depth(std::move(n));
      case Function::Pow: want = 2; usage = "pow(base, exponent)"; break;
      case Function::If: want = 3; usage = "if(condition, then, else)"; break;
      default: want = 1; usage = name.text + "(x)"; break;
    }
    if (args != want)
      fail(name.offset, name.length,
           name.text + "() takes " + std::to_string(want) + " argument" + (want == 1 ? "" : "s") +
               ", got " + std::to_string(args),
           "usage: " + usage);
    return with_depth(std::move(n));
  }

  NodePtr lever_reference(const Token& t) {
    const std::size_t dot = t.text.find('.');
    const std::string player_id = t.text.substr(0, dot);
    const std::string lever_id = t.text.substr(dot + 1);
    const std::size_t p = scenario_.player_index(player_id);
    std::vector<std::string> all_levers;
    for (const ScenarioPlayer& player : scenario_.players)
      for (const Lever& lever : player.levers) all_levers.push_back(player.id + "." + lever.id);
    if (p == static_cast<std::size_t>(-1)) {
      const std::string best = closest_match(t.text, all_levers);
      const std::string best_player = closest_match(player_id, scenario_.player_ids());
      std::string suggestion = best;
      if (suggestion.empty() && !best_player.empty()) suggestion = best_player + "." + lever_id;
      std::vector<std::string> ids = scenario_.player_ids();
      std::string list;
      for (std::size_t i = 0; i < ids.size(); ++i) list += (i ? ", " : "") + ids[i];
      fail(t.offset, t.length,
           "unknown player '" + player_id + "' in '" + t.text + "'" +
               (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"),
           "players: " + list);
    }
    const ScenarioPlayer& player = scenario_.players[p];
    const std::size_t l = lever_index(player, lever_id);
    if (l == static_cast<std::size_t>(-1)) {
      std::vector<std::string> own;
      for (const Lever& lever : player.levers) own.push_back(player.id + "." + lever.id);
      std::string best = closest_match(t.text, own);
      if (best.empty()) best = closest_match(t.text, all_levers);
      std::string list;
      for (std::size_t i = 0; i < own.size(); ++i) list += (i ? ", " : "") + own[i];
      std::string hint = "levers of " + player.id + ": " + list;
      for (const ScenarioPlayer& other : scenario_.players)
        if (lever_index(other, lever_id) != static_cast<std::size_t>(-1) && other.id != player.id)
          hint += "; '" + lever_id + "' is a lever of " + other.id;
      fail(t.offset, t.length,
           "unknown lever '" + t.text + "'" + (best.empty() ? "" : " (did you mean '" + best + "'?)"),
           hint);
    }
    NodePtr n = make(NodeKind::Lever, t.offset, t.length);
    n->player = p;
    n->lever = l;
    n->slot = context_.lever_slot(p, l);
    n->name = t.text;
    return n;
  }

  // ------------------------------------------------------------ resolution
  const Lever& lever_of(const Node& n) const { return scenario_.players[n.player].levers[n.lever]; }

  // A bare name compared with a label lever is one of its labels: replace it
  // by the label's index (the lever's numeric value for that label).
  void resolve_label(Node& name, const Node& lever_node) {
    const Lever& lever = lever_of(lever_node);
    const auto it = std::find(lever.labels.begin(), lever.labels.end(), name.name);
    if (it == lever.labels.end()) {
      const std::string best = closest_match(name.name, lever.labels);
      std::string list;
      for (std::size_t i = 0; i < lever.labels.size(); ++i) list += (i ? ", " : "") + lever.labels[i];
      std::string hint = "values of " + lever_node.name + ": " + list;
      if (scenario_.find_parameter(name.name))
        hint = "'" + name.name + "' is a parameter, but a lever with labels is compared with its labels (" +
               list + "); to compare positions, write (" + name.name + " + 0)";
      fail(name.offset, name.length,
           "unknown value '" + name.name + "' of lever " + lever_node.name +
               (best.empty() ? "" : " (did you mean '" + best + "'?)"),
           hint);
    }
    name.kind = NodeKind::Constant;
    name.value = static_cast<double>(it - lever.labels.begin());
  }

  void resolve(Node& n) {
    if (n.kind == NodeKind::Binary && (n.op == Op::Less || n.op == Op::LessEq || n.op == Op::Greater ||
                                       n.op == Op::GreaterEq || n.op == Op::Equal || n.op == Op::NotEqual)) {
      Node& a = *n.children[0];
      Node& b = *n.children[1];
      if (a.kind == NodeKind::Lever && b.kind == NodeKind::Name && !lever_of(a).numeric)
        resolve_label(b, a);
      else if (b.kind == NodeKind::Lever && a.kind == NodeKind::Name && !lever_of(b).numeric)
        resolve_label(a, b);
    }
    if (n.kind == NodeKind::Name) resolve_parameter(n);
    for (NodePtr& child : n.children) resolve(*child);
  }

  void resolve_parameter(Node& n) {
    if (const ScenarioParameter* parameter = scenario_.find_parameter(n.name)) {
      // Bound to its value later (ExpressionTemplate::bind), so that one
      // template serves every parameter value of a sweep.
      n.kind = NodeKind::Parameter;
      n.parameter = static_cast<std::size_t>(parameter - scenario_.parameters.data());
      return;
    }
    const std::vector<std::string> ids = scenario_.parameter_ids();
    const std::string best = closest_match(n.name, ids);
    std::string hint;
    for (const ScenarioPlayer& player : scenario_.players) {
      if (player.id == n.name) {
        hint = "'" + n.name + "' is a player; refer to one of its levers as " + n.name + "." +
               player.levers[0].id;
        break;
      }
      for (const Lever& lever : player.levers) {
        if (!lever.numeric &&
            std::find(lever.labels.begin(), lever.labels.end(), n.name) != lever.labels.end()) {
          hint = "'" + n.name + "' is a value of " + player.id + "." + lever.id +
                 "; compare it with the lever: " + player.id + "." + lever.id + " == " + n.name;
          break;
        }
        if (lever.id == n.name) {
          hint = "'" + n.name + "' is a lever of " + player.id + "; write " + player.id + "." + n.name;
          break;
        }
      }
      if (!hint.empty()) break;
    }
    if (hint.empty() && !ids.empty()) {
      std::string list;
      for (std::size_t i = 0; i < ids.size(); ++i) list += (i ? ", " : "") + ids[i];
      hint = "parameters: " + list;
    }
    fail(n.offset, n.length,
         "unknown parameter '" + n.name + "'" + (best.empty() ? "" : " (did you mean '" + best + "'?)"),
         hint);
  }

  // ------------------------------------------------------------ flattening
  // The resolved tree as the template's node array, children first.
  std::uint32_t flatten(const Node& n, ExpressionTemplate& out) {
    std::vector<std::uint32_t> kids;
    kids.reserve(n.children.size());
    for (const NodePtr& child : n.children) kids.push_back(flatten(*child, out));
    ExpressionTemplate::Node node;
    using Kind = ExpressionTemplate::Node::Kind;
    switch (n.kind) {
      case NodeKind::Constant: node.kind = Kind::Constant; node.value = n.value; break;
      case NodeKind::Parameter:
        node.kind = Kind::Parameter;
        node.index = static_cast<std::uint32_t>(n.parameter);
        out.uses_parameters_ = true;
        break;
      case NodeKind::Lever:
        node.kind = Kind::Lever;
        node.index = static_cast<std::uint32_t>(n.slot);
        node.player = static_cast<std::uint32_t>(n.player);
        node.lever = static_cast<std::uint32_t>(n.lever);
        break;
      case NodeKind::Name: throw std::logic_error("expression: unresolved name '" + n.name + "'");
      case NodeKind::Unary: node.kind = Kind::Unary; node.op = n.op; break;
      case NodeKind::Binary: node.kind = Kind::Binary; node.op = n.op; break;
      case NodeKind::Call: node.kind = Kind::Call; node.function = static_cast<std::uint8_t>(n.function); break;
    }
    node.first_child = static_cast<std::uint32_t>(out.children_.size());
    node.num_children = static_cast<std::uint32_t>(kids.size());
    out.children_.insert(out.children_.end(), kids.begin(), kids.end());
    out.nodes_.push_back(node);
    return static_cast<std::uint32_t>(out.nodes_.size() - 1);
  }


  const ExpressionText& text_;
  const std::string& src_;
  const ExpressionContext& context_;
  const Scenario& scenario_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::size_t nesting_ = 0;  // current parser recursion (see Nesting)
};

// ---------------------------------------------------------------- binding

namespace {

double call_function(Function f, const double* v, std::size_t count) {
  switch (f) {
    case Function::Min: {
      double m = v[0];
      for (std::size_t i = 1; i < count; ++i) m = nan_min(m, v[i]);
      return m;
    }
    case Function::Max: {
      double m = v[0];
      for (std::size_t i = 1; i < count; ++i) m = nan_max(m, v[i]);
      return m;
    }
    case Function::Abs: return std::fabs(v[0]);
    case Function::Exp: return std::exp(v[0]);
    case Function::Log: return std::log(v[0]);
    case Function::Sqrt: return std::sqrt(v[0]);
    case Function::Pow: return std::pow(v[0], v[1]);
    case Function::If: return choose(v[0], v[1], v[2]);
  }
  return 0;
}

// The immediate form of `op` when its right (or, if constant_left, its left)
// operand is a constant.
bool with_constant(Op op, bool constant_left, Op& immediate) {
  switch (op) {
    case Op::Add: immediate = Op::AddK; return true;
    case Op::Mul: immediate = Op::MulK; return true;
    case Op::Sub: immediate = constant_left ? Op::RSubK : Op::SubK; return true;
    case Op::Div: immediate = constant_left ? Op::RDivK : Op::DivK; return true;
    case Op::Less: immediate = constant_left ? Op::GreaterK : Op::LessK; return true;
    case Op::LessEq: immediate = constant_left ? Op::GreaterEqK : Op::LessEqK; return true;
    case Op::Greater: immediate = constant_left ? Op::LessK : Op::GreaterK; return true;
    case Op::GreaterEq: immediate = constant_left ? Op::LessEqK : Op::GreaterEqK; return true;
    case Op::Equal: immediate = Op::EqualK; return true;
    case Op::NotEqual: immediate = Op::NotEqualK; return true;
    default: return false;
  }
}

}  // namespace

// Folding and code generation over a template's nodes at given values.
// Folding does not change the template: each node gets a Folded entry saying
// what it became (a constant; itself with folded children; or, for an `if`
// with a constant condition, the branch taken), so one template serves many
// bindings, concurrently.
class ExpressionBinder {
 public:
  using TNode = ExpressionTemplate::Node;
  using Kind = TNode::Kind;

  ExpressionBinder(const ExpressionTemplate& t, const Scenario& scenario, CompiledExpression& out)
      : t_(t), scenario_(scenario), out_(out) {}

  // For evaluate_product (expression_product.hpp), which reads a program
  // like the evaluators do.
  static const std::vector<double>& lever_numbers(const CompiledExpression& e) { return e.lever_numbers_; }
  static std::size_t max_stack(const CompiledExpression& e) { return e.max_stack_; }

  void bind() {
    check_structure();
    fold();
    out_.source_ = t_.source_;
    out_.code_.clear();
    out_.lever_numbers_.clear();
    out_.players_used_.clear();
    out_.slots_used_.clear();
    out_.max_stack_ = 0;
    std::size_t depth = 0;
    emit(folded_.back(), depth);
    if (out_.max_stack_ > kMaxExpressionStack) {
      const SourcePos where = t_.source_.location_of(0);
      throw InputError(where.file, where.line, where.column,
                       "expression too deeply nested (needs a stack of " + std::to_string(out_.max_stack_) +
                           " values, limit " + std::to_string(kMaxExpressionStack) + ")");
    }
    auto& slots = out_.slots_used_;
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    for (std::size_t slot : slots) out_.players_used_.push_back(t_.slot_player_[slot]);
    auto& players = out_.players_used_;
    players.erase(std::unique(players.begin(), players.end()), players.end());
  }

 private:
  // What node i became after folding.
  struct Folded {
    bool constant = false;
    double value = 0;        // if constant
    std::uint32_t node = 0;  // if not: the node whose structure it has
    bool merged = false;     // min/max: the constant operands merged into `merged_value`
    double merged_value = 0;
  };

  void check_structure() const {
    bool same = scenario_.parameters.size() == t_.num_parameters_ &&
                scenario_.players.size() == t_.levers_per_player_.size();
    for (std::size_t p = 0; same && p < scenario_.players.size(); ++p)
      same = scenario_.players[p].levers.size() == t_.levers_per_player_[p];
    if (!same)
      throw std::invalid_argument("ExpressionTemplate::bind: the scenario's parameters or levers are not those the "
                                  "expression was compiled for");
  }

  const TNode& node(std::uint32_t i) const { return t_.nodes_[i]; }
  const Folded& child(const TNode& n, std::uint32_t k) const { return folded_[t_.children_[n.first_child + k]]; }
  bool is_lever(const Folded& f) const { return !f.constant && node(f.node).kind == Kind::Lever; }
  const Lever& lever_of(const TNode& n) const { return scenario_.players[n.player].levers[n.lever]; }

  static Folded constant(double value) {
    Folded f;
    f.constant = true;
    f.value = value;
    return f;
  }

  // Mirrors the rules a tree folder would apply bottom-up: constant operands
  // fold (IEEE arithmetic, the evaluator's own operations); `and`/`or`
  // short-circuit only against a lever (never NaN); an `if` with a constant
  // condition becomes its branch; min/max merge their constant operands.
  void fold() {
    const std::size_t count = t_.nodes_.size();
    folded_.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      const TNode& n = node(i);
      Folded f;
      f.node = i;
      switch (n.kind) {
        case Kind::Constant: f = constant(n.value); break;
        case Kind::Parameter: f = constant(scenario_.parameters[n.index].value); break;
        case Kind::Lever: break;
        case Kind::Unary: {
          const Folded& a = child(n, 0);
          if (a.constant) f = constant(apply_unary(n.op, a.value));
          break;
        }
        case Kind::Binary: {
          const Folded& a = child(n, 0);
          const Folded& b = child(n, 1);
          if (a.constant && b.constant)
            f = constant(apply_binary(n.op, a.value, b.value));
          else if (n.op == Op::And && ((a.constant && a.value == 0 && is_lever(b)) ||
                                       (b.constant && b.value == 0 && is_lever(a))))
            f = constant(0);
          else if (n.op == Op::Or && ((a.constant && a.value != 0 && !std::isnan(a.value) && is_lever(b)) ||
                                      (b.constant && b.value != 0 && !std::isnan(b.value) && is_lever(a))))
            f = constant(1);
          break;
        }
        case Kind::Call: {
          const auto function = static_cast<Function>(n.function);
          if (function == Function::If && child(n, 0).constant) {
            const double condition = child(n, 0).value;
            f = std::isnan(condition) ? constant(kNaN) : child(n, condition != 0 ? 1 : 2);
            break;
          }
          bool all_constant = true;
          for (std::uint32_t k = 0; k < n.num_children; ++k) all_constant = all_constant && child(n, k).constant;
          if (all_constant) {
            values_.clear();
            for (std::uint32_t k = 0; k < n.num_children; ++k) values_.push_back(child(n, k).value);
            f = constant(call_function(function, values_.data(), values_.size()));
          } else if (function == Function::Min || function == Function::Max) {
            for (std::uint32_t k = 0; k < n.num_children; ++k) {
              const Folded& c = child(n, k);
              if (!c.constant) continue;
              f.merged_value = !f.merged ? c.value
                                         : (function == Function::Min ? nan_min(f.merged_value, c.value)
                                                                      : nan_max(f.merged_value, c.value));
              f.merged = true;
            }
          }
          break;
        }
      }
      folded_[i] = f;
    }
  }

  void push(std::size_t& depth, CompiledExpression::Instruction ins, int stack_change) {
    out_.code_.push_back(ins);
    depth = static_cast<std::size_t>(static_cast<long>(depth) + stack_change);
    out_.max_stack_ = std::max(out_.max_stack_, depth);
  }

  void emit(const Folded& f, std::size_t& depth) {
    CompiledExpression::Instruction ins{};
    if (f.constant) {
      ins.op = Op::Constant;
      ins.value = f.value;
      push(depth, ins, +1);
      return;
    }
    const TNode& n = node(f.node);
    switch (n.kind) {
      case Kind::Constant:
      case Kind::Parameter: return;  // always folded
      case Kind::Lever: {
        const Lever& lever = lever_of(n);
        ins.op = Op::Lever;
        ins.slot = n.index;
        ins.offset = static_cast<std::uint32_t>(out_.lever_numbers_.size());
        out_.lever_numbers_.insert(out_.lever_numbers_.end(), lever.numbers.begin(), lever.numbers.end());
        out_.slots_used_.push_back(n.index);
        push(depth, ins, +1);
        return;
      }
      case Kind::Unary:
        emit(child(n, 0), depth);
        ins.op = n.op;
        push(depth, ins, 0);
        return;
      case Kind::Binary: {
        const Folded& a = child(n, 0);
        const Folded& b = child(n, 1);
        // lever == number: a single indicator instruction (or a constant
        // when the lever never takes that number).
        if ((n.op == Op::Equal || n.op == Op::NotEqual) &&
            ((is_lever(a) && b.constant) || (is_lever(b) && a.constant))) {
          const TNode& lever_node = node(is_lever(a) && b.constant ? a.node : b.node);
          const double target = is_lever(a) && b.constant ? b.value : a.value;
          const Lever& lever = lever_of(lever_node);
          const auto it = std::find(lever.numbers.begin(), lever.numbers.end(), target);
          if (it == lever.numbers.end()) {
            ins.op = Op::Constant;
            ins.value = n.op == Op::Equal ? 0.0 : 1.0;
            push(depth, ins, +1);
            return;
          }
          ins.op = n.op == Op::Equal ? Op::Indicator : Op::NotIndicator;
          ins.slot = lever_node.index;
          ins.offset = static_cast<std::uint32_t>(it - lever.numbers.begin());
          out_.slots_used_.push_back(lever_node.index);
          push(depth, ins, +1);
          return;
        }
        if (b.constant && n.op == Op::Pow && b.value == 2) {
          emit(a, depth);
          ins.op = Op::Square;
          push(depth, ins, 0);
          return;
        }
        if (b.constant && with_constant(n.op, false, ins.op)) {
          emit(a, depth);
          ins.value = b.value;
          push(depth, ins, 0);
          return;
        }
        if (a.constant && with_constant(n.op, true, ins.op)) {
          emit(b, depth);
          ins.value = a.value;
          push(depth, ins, 0);
          return;
        }
        emit(a, depth);
        emit(b, depth);
        ins.op = n.op;
        push(depth, ins, -1);
        return;
      }
      case Kind::Call: {
        const auto function = static_cast<Function>(n.function);
        if (f.merged) {  // min/max: the other operands, then the merged constant
          int others = 0;
          for (std::uint32_t k = 0; k < n.num_children; ++k)
            if (!child(n, k).constant) {
              emit(child(n, k), depth);
              ++others;
            }
          if (others > 1) {
            ins.op = function == Function::Min ? Op::Min : Op::Max;
            ins.count = static_cast<std::uint32_t>(others);
            push(depth, ins, 1 - others);
          }
          CompiledExpression::Instruction k_ins{};
          k_ins.op = function == Function::Min ? Op::MinK : Op::MaxK;
          k_ins.value = f.merged_value;
          push(depth, k_ins, 0);
          return;
        }
        for (std::uint32_t k = 0; k < n.num_children; ++k) emit(child(n, k), depth);
        const int k = static_cast<int>(n.num_children);
        switch (function) {
          case Function::Min:
          case Function::Max:
            if (k == 1) return;
            ins.op = function == Function::Min ? Op::Min : Op::Max;
            ins.count = static_cast<std::uint32_t>(k);
            push(depth, ins, 1 - k);
            return;
          case Function::Abs: ins.op = Op::Abs; push(depth, ins, 0); return;
          case Function::Exp: ins.op = Op::Exp; push(depth, ins, 0); return;
          case Function::Log: ins.op = Op::Log; push(depth, ins, 0); return;
          case Function::Sqrt: ins.op = Op::Sqrt; push(depth, ins, 0); return;
          case Function::Pow: ins.op = Op::Pow; push(depth, ins, -1); return;
          case Function::If: ins.op = Op::If; push(depth, ins, -2); return;
        }
        return;
      }
    }
  }

  const ExpressionTemplate& t_;
  const Scenario& scenario_;
  CompiledExpression& out_;
  // Per-thread scratch, reused across bindings.
  static thread_local std::vector<Folded> folded_;
  static thread_local std::vector<double> values_;
};

thread_local std::vector<ExpressionBinder::Folded> ExpressionBinder::folded_;
thread_local std::vector<double> ExpressionBinder::values_;

void ExpressionTemplate::bind(const Scenario& scenario, CompiledExpression& out) const {
  ExpressionBinder(*this, scenario, out).bind();
}

CompiledExpression ExpressionTemplate::bind(const Scenario& scenario) const {
  CompiledExpression out;
  bind(scenario, out);
  return out;
}

double CompiledExpression::evaluate(const std::size_t* index) const {
  double stack[kMaxExpressionStack];
  std::size_t top = 0;  // number of values on the stack
  for (const Instruction& ins : code_) {
    switch (ins.op) {
      case Op::Constant: stack[top++] = ins.value; break;
      case Op::Lever: stack[top++] = lever_numbers_[ins.offset + index[ins.slot]]; break;
      case Op::Indicator: stack[top++] = index[ins.slot] == ins.offset ? 1.0 : 0.0; break;
      case Op::NotIndicator: stack[top++] = index[ins.slot] != ins.offset ? 1.0 : 0.0; break;
      case Op::Add: --top; stack[top - 1] += stack[top]; break;
      case Op::Sub: --top; stack[top - 1] -= stack[top]; break;
      case Op::Mul: --top; stack[top - 1] *= stack[top]; break;
      case Op::Div: --top; stack[top - 1] /= stack[top]; break;
      case Op::Pow: --top; stack[top - 1] = std::pow(stack[top - 1], stack[top]); break;
      case Op::Neg: stack[top - 1] = -stack[top - 1]; break;
      case Op::Less:
      case Op::LessEq:
      case Op::Greater:
      case Op::GreaterEq:
      case Op::Equal:
      case Op::NotEqual:
      case Op::And:
      case Op::Or: --top; stack[top - 1] = apply_binary(ins.op, stack[top - 1], stack[top]); break;
      case Op::Not: stack[top - 1] = logical_not(stack[top - 1]); break;
      case Op::Min: {
        const std::size_t first = top - ins.count;
        double m = stack[first];
        for (std::size_t i = first + 1; i < top; ++i) m = nan_min(m, stack[i]);
        top = first + 1;
        stack[first] = m;
        break;
      }
      case Op::Max: {
        const std::size_t first = top - ins.count;
        double m = stack[first];
        for (std::size_t i = first + 1; i < top; ++i) m = nan_max(m, stack[i]);
        top = first + 1;
        stack[first] = m;
        break;
      }
      case Op::Abs: stack[top - 1] = std::fabs(stack[top - 1]); break;
      case Op::Exp: stack[top - 1] = std::exp(stack[top - 1]); break;
      case Op::Log: stack[top - 1] = std::log(stack[top - 1]); break;
      case Op::Sqrt: stack[top - 1] = std::sqrt(stack[top - 1]); break;
      case Op::If:
        top -= 2;
        stack[top - 1] = choose(stack[top - 1], stack[top], stack[top + 1]);
        break;
      case Op::AddK: stack[top - 1] += ins.value; break;
      case Op::SubK: stack[top - 1] -= ins.value; break;
      case Op::RSubK: stack[top - 1] = ins.value - stack[top - 1]; break;
      case Op::MulK: stack[top - 1] *= ins.value; break;
      case Op::DivK: stack[top - 1] /= ins.value; break;
      case Op::RDivK: stack[top - 1] = ins.value / stack[top - 1]; break;
      case Op::LessK: stack[top - 1] = truth(stack[top - 1], ins.value, stack[top - 1] < ins.value); break;
      case Op::LessEqK: stack[top - 1] = truth(stack[top - 1], ins.value, stack[top - 1] <= ins.value); break;
      case Op::GreaterK: stack[top - 1] = truth(stack[top - 1], ins.value, stack[top - 1] > ins.value); break;
      case Op::GreaterEqK: stack[top - 1] = truth(stack[top - 1], ins.value, stack[top - 1] >= ins.value); break;
      case Op::EqualK: stack[top - 1] = truth(stack[top - 1], ins.value, stack[top - 1] == ins.value); break;
      case Op::NotEqualK: stack[top - 1] = truth(stack[top - 1], ins.value, stack[top - 1] != ins.value); break;
      case Op::MinK: stack[top - 1] = nan_min(stack[top - 1], ins.value); break;
      case Op::MaxK: stack[top - 1] = nan_max(stack[top - 1], ins.value); break;
      case Op::Square: stack[top - 1] *= stack[top - 1]; break;
    }
  }
  return stack[0];
}

void CompiledExpression::evaluate_batch(const std::size_t* rows, std::size_t row_stride, std::size_t count,
                                        double* out, double* scratch) const {
  // Stack level 0 is `out`; level l >= 1 is scratch[(l - 1) * count ...].
  const auto level = [&](std::size_t l) { return l == 0 ? out : scratch + (l - 1) * count; };
  std::size_t top = 0;
  const auto unary = [&](auto f) {
    double* a = level(top - 1);
    for (std::size_t i = 0; i < count; ++i) a[i] = f(a[i]);
  };
  const auto binary = [&](auto f) {
    --top;
    double* a = level(top - 1);
    const double* b = level(top);
    for (std::size_t i = 0; i < count; ++i) a[i] = f(a[i], b[i]);
  };
  for (const Instruction& ins : code_) {
    const double k = ins.value;
    switch (ins.op) {
      case Op::Constant: std::fill_n(level(top++), count, k); break;
      case Op::Lever: {
        double* d = level(top++);
        const double* numbers = lever_numbers_.data() + ins.offset;
        const std::size_t* r = rows + ins.slot;
        for (std::size_t i = 0; i < count; ++i) d[i] = numbers[r[i * row_stride]];
        break;
      }
      case Op::Indicator:
      case Op::NotIndicator: {
        double* d = level(top++);
        const std::size_t* r = rows + ins.slot;
        const bool want = ins.op == Op::Indicator;
        for (std::size_t i = 0; i < count; ++i) d[i] = (r[i * row_stride] == ins.offset) == want ? 1.0 : 0.0;
        break;
      }
      case Op::Add: binary([](double a, double b) { return a + b; }); break;
      case Op::Sub: binary([](double a, double b) { return a - b; }); break;
      case Op::Mul: binary([](double a, double b) { return a * b; }); break;
      case Op::Div: binary([](double a, double b) { return a / b; }); break;
      case Op::Pow: binary([](double a, double b) { return std::pow(a, b); }); break;
      case Op::Neg: unary([](double a) { return -a; }); break;
      case Op::Less: binary([](double a, double b) { return truth(a, b, a < b); }); break;
      case Op::LessEq: binary([](double a, double b) { return truth(a, b, a <= b); }); break;
      case Op::Greater: binary([](double a, double b) { return truth(a, b, a > b); }); break;
      case Op::GreaterEq: binary([](double a, double b) { return truth(a, b, a >= b); }); break;
      case Op::Equal: binary([](double a, double b) { return truth(a, b, a == b); }); break;
      case Op::NotEqual: binary([](double a, double b) { return truth(a, b, a != b); }); break;
      case Op::And: binary([](double a, double b) { return logical_and(a, b); }); break;
      case Op::Or: binary([](double a, double b) { return logical_or(a, b); }); break;
      case Op::Not: unary([](double a) { return logical_not(a); }); break;
      case Op::Min:
      case Op::Max: {
        const std::size_t first = top - ins.count;
        double* d = level(first);
        for (std::size_t j = first + 1; j < top; ++j) {
          const double* b = level(j);
          if (ins.op == Op::Min)
            for (std::size_t i = 0; i < count; ++i) d[i] = nan_min(d[i], b[i]);
          else
            for (std::size_t i = 0; i < count; ++i) d[i] = nan_max(d[i], b[i]);
        }
        top = first + 1;
        break;
      }
      case Op::Abs: unary([](double a) { return std::fabs(a); }); break;
      case Op::Exp: unary([](double a) { return std::exp(a); }); break;
      case Op::Log: unary([](double a) { return std::log(a); }); break;
      case Op::Sqrt: unary([](double a) { return std::sqrt(a); }); break;
      case Op::If: {
        top -= 2;
        double* c = level(top - 1);
        const double* a = level(top);
        const double* b = level(top + 1);
        for (std::size_t i = 0; i < count; ++i) c[i] = choose(c[i], a[i], b[i]);
        break;
      }
      case Op::AddK: unary([k](double a) { return a + k; }); break;
      case Op::SubK: unary([k](double a) { return a - k; }); break;
      case Op::RSubK: unary([k](double a) { return k - a; }); break;
      case Op::MulK: unary([k](double a) { return a * k; }); break;
      case Op::DivK: unary([k](double a) { return a / k; }); break;
      case Op::RDivK: unary([k](double a) { return k / a; }); break;
      case Op::LessK: unary([k](double a) { return truth(a, k, a < k); }); break;
      case Op::LessEqK: unary([k](double a) { return truth(a, k, a <= k); }); break;
      case Op::GreaterK: unary([k](double a) { return truth(a, k, a > k); }); break;
      case Op::GreaterEqK: unary([k](double a) { return truth(a, k, a >= k); }); break;
      case Op::EqualK: unary([k](double a) { return truth(a, k, a == k); }); break;
      case Op::NotEqualK: unary([k](double a) { return truth(a, k, a != k); }); break;
      case Op::MinK: unary([k](double a) { return nan_min(a, k); }); break;
      case Op::MaxK: unary([k](double a) { return nan_max(a, k); }); break;
      case Op::Square: unary([](double a) { return a * a; }); break;
    }
  }
}

std::string CompiledExpression::disassemble() const {
  static const char* names[] = {"const", "lever", "is",  "is_not", "add", "sub", "mul", "div",
                                "pow",   "neg",   "lt",  "le",     "gt",  "ge",  "eq",  "ne",
                                "and",   "or",    "not", "min",    "max", "abs", "exp", "log",
                                "sqrt",  "if",  "addk",   "subk", "rsubk", "mulk", "divk",
                                "rdivk", "ltk", "lek",    "gtk",  "gek",   "eqk",  "nek",
                                "mink",  "maxk", "square"};
  std::ostringstream out;
  for (std::size_t i = 0; i < code_.size(); ++i) {
    const Instruction& ins = code_[i];
    if (i) out << "; ";
    out << names[static_cast<int>(ins.op)];
    switch (ins.op) {
      case Op::Constant:
      case Op::AddK:
      case Op::SubK:
      case Op::RSubK:
      case Op::MulK:
      case Op::DivK:
      case Op::RDivK:
      case Op::LessK:
      case Op::LessEqK:
      case Op::GreaterK:
      case Op::GreaterEqK:
      case Op::EqualK:
      case Op::NotEqualK:
      case Op::MinK:
      case Op::MaxK: out << ' ' << ins.value; break;
      case Op::Lever: out << " slot" << ins.slot; break;
      case Op::Indicator:
      case Op::NotIndicator: out << " slot" << ins.slot << ' ' << ins.offset; break;
      case Op::Min:
      case Op::Max: out << ' ' << ins.count; break;
      default: break;
    }
  }
  return out.str();
}

ExpressionTemplate compile_expression_template(const ExpressionText& text, const ExpressionContext& context) {
  return ExpressionCompiler(text, context).compile();
}

CompiledExpression compile_expression(const ExpressionText& text, const ExpressionContext& context) {
  return compile_expression_template(text, context).bind(context.scenario());
}

// ---------------------------------------------------------------- products

std::size_t ActionProduct::num_profiles() const {
  std::size_t total = 1;
  for (std::size_t count : action_counts) total *= count;
  return total;
}

namespace {

using ProductEntry = ProductWorkspace::Entry;

// result[r] = f(operands at r) for every r of the table over `players`
// (which contains every operand's players): an odometer over the players,
// the first (fastest) as a run of contiguous results. An operand's step for
// a player is its table's stride for it, or 0 if it does not depend on it.
template <std::size_t K, class F>
void broadcast(double* result, std::uint64_t players, const ProductEntry* const* operands, const double* arena,
               const std::vector<std::size_t>& counts, F f) {
  std::size_t order[64];
  std::size_t np = 0;
  for (std::size_t p = 0; p < counts.size(); ++p)
    if (players >> p & 1) order[np++] = p;
  const double* src[K];
  for (std::size_t k = 0; k < K; ++k) src[k] = arena + operands[k]->start;
  if (np == 0) {
    if constexpr (K == 1) result[0] = f(src[0][0]);
    if constexpr (K == 2) result[0] = f(src[0][0], src[1][0]);
    if constexpr (K == 3) result[0] = f(src[0][0], src[1][0], src[2][0]);
    return;
  }
  std::size_t step[K][64];
  std::size_t total = 1;
  for (std::size_t k = 0; k < K; ++k) {
    std::size_t stride = 1;
    for (std::size_t d = 0; d < np; ++d) {
      const std::size_t p = order[d];
      if (operands[k]->players >> p & 1) {
        step[k][d] = stride;
        stride *= counts[p];
      } else {
        step[k][d] = 0;
      }
    }
  }
  for (std::size_t d = 0; d < np; ++d) total *= counts[order[d]];
  std::size_t digit[64] = {};
  std::size_t offset[K] = {};
  const std::size_t inner = counts[order[0]];
  std::size_t r = 0;
  while (true) {
    if constexpr (K == 1) {
      const double* a = src[0] + offset[0];
      const std::size_t sa = step[0][0];
      for (std::size_t j = 0; j < inner; ++j) result[r + j] = f(a[j * sa]);
    } else if constexpr (K == 2) {
      const double* a = src[0] + offset[0];
      const double* b = src[1] + offset[1];
      const std::size_t sa = step[0][0], sb = step[1][0];
      if (sa == 1 && sb == 1)
        for (std::size_t j = 0; j < inner; ++j) result[r + j] = f(a[j], b[j]);
      else if (sa == 1)
        for (std::size_t j = 0; j < inner; ++j) result[r + j] = f(a[j], b[0]);
      else if (sb == 1)
        for (std::size_t j = 0; j < inner; ++j) result[r + j] = f(a[0], b[j]);
      else
        for (std::size_t j = 0; j < inner; ++j) result[r + j] = f(a[0], b[0]);
    } else {
      const double* a = src[0] + offset[0];
      const double* b = src[1] + offset[1];
      const double* c = src[2] + offset[2];
      const std::size_t sa = step[0][0], sb = step[1][0], sc = step[2][0];
      for (std::size_t j = 0; j < inner; ++j) result[r + j] = f(a[j * sa], b[j * sb], c[j * sc]);
    }
    r += inner;
    if (r == total) break;
    for (std::size_t d = 1;; ++d) {
      const std::size_t count = counts[order[d]];
      for (std::size_t k = 0; k < K; ++k) offset[k] += step[k][d];
      if (++digit[d] < count) break;
      for (std::size_t k = 0; k < K; ++k) offset[k] -= step[k][d] * count;
      digit[d] = 0;
    }
  }
}

std::size_t table_size(std::uint64_t players, const std::vector<std::size_t>& counts) {
  std::size_t size = 1;
  for (std::size_t p = 0; p < counts.size(); ++p)
    if (players >> p & 1) size *= counts[p];
  return size;
}

}  // namespace

void evaluate_product(const CompiledExpression& e, const ActionProduct& product, double* out,
                      ProductWorkspace& ws) {
  const std::vector<std::size_t>& counts = product.action_counts;
  if (counts.size() > 63) throw std::invalid_argument("evaluate_product: more than 63 players");
  const std::size_t total = product.num_profiles();
  const std::vector<double>& numbers = ExpressionBinder::lever_numbers(e);
  // Room for every stack entry at full size and one result being made: no
  // reallocation while pointers into the arena are live.
  const std::size_t room = (ExpressionBinder::max_stack(e) + 2) * total;
  if (ws.arena.size() < room) ws.arena.resize(room);
  double* arena = ws.arena.data();
  auto& stack = ws.stack;
  stack.clear();
  std::size_t top = 0;  // arena in use
  auto push = [&](std::uint64_t players) -> double* {
    const std::size_t size = table_size(players, counts);
    stack.push_back({players, top, size});
    top += size;
    return arena + stack.back().start;
  };
  // Replaces the last `k` entries by the table over `players` that make(result) fills.
  auto reduce = [&](std::size_t k, std::uint64_t players, auto make) {
    const std::size_t first = stack.size() - k;
    const std::size_t size = table_size(players, counts);
    double* result = arena + top;  // after every entry
    make(result);
    const std::size_t start = stack[first].start;
    std::copy(result, result + size, arena + start);
    stack.resize(first);
    stack.push_back({players, start, size});
    top = start + size;
  };
  auto unary = [&](auto f) {
    const ProductEntry& a = stack.back();
    double* x = arena + a.start;
    for (std::size_t i = 0; i < a.size; ++i) x[i] = f(x[i]);
  };
  auto binary = [&](auto f) {
    const ProductEntry& a = stack[stack.size() - 2];
    const ProductEntry& b = stack.back();
    const std::uint64_t players = a.players | b.players;
    if (players == a.players) {  // in place: a's table is the result's shape
      double* x = arena + a.start;
      const double* y = arena + b.start;
      if (b.players == a.players)
        for (std::size_t i = 0; i < a.size; ++i) x[i] = f(x[i], y[i]);
      else {
        const ProductEntry* operands[2] = {&a, &b};
        broadcast<2>(x, players, operands, arena, counts, f);
      }
      top = a.start + a.size;
      stack.pop_back();
      return;
    }
    reduce(2, players, [&](double* result) {
      const ProductEntry* operands[2] = {&stack[stack.size() - 2], &stack.back()};
      broadcast<2>(result, players, operands, arena, counts, f);
    });
  };
  auto index_table = [&](const CompiledExpression::Instruction& ins, auto value_of) {
    const std::size_t slot = ins.slot;
    const std::size_t player = product.slot_player[slot];
    if (player == ActionProduct::kFixed) {
      *push(0) = value_of(product.fixed_values[slot]);
      return;
    }
    double* x = push(std::uint64_t{1} << player);
    const std::vector<std::size_t>& values = product.slot_values[slot];
    for (std::size_t a = 0; a < counts[player]; ++a) x[a] = value_of(values[a]);
  };

  for (const CompiledExpression::Instruction& ins : e.code()) {
    const double k = ins.value;
    switch (ins.op) {
      case Op::Constant: *push(0) = k; break;
      case Op::Lever: {
        const double* lever = numbers.data() + ins.offset;
        index_table(ins, [lever](std::size_t v) { return lever[v]; });
        break;
      }
      case Op::Indicator:
      case Op::NotIndicator: {
        const bool want = ins.op == Op::Indicator;
        const std::size_t label = ins.offset;
        index_table(ins, [want, label](std::size_t v) { return (v == label) == want ? 1.0 : 0.0; });
        break;
      }
      case Op::Add: binary([](double a, double b) { return a + b; }); break;
      case Op::Sub: binary([](double a, double b) { return a - b; }); break;
      case Op::Mul: binary([](double a, double b) { return a * b; }); break;
      case Op::Div: binary([](double a, double b) { return a / b; }); break;
      case Op::Pow: binary([](double a, double b) { return std::pow(a, b); }); break;
      case Op::Neg: unary([](double a) { return -a; }); break;
      case Op::Less: binary([](double a, double b) { return truth(a, b, a < b); }); break;
      case Op::LessEq: binary([](double a, double b) { return truth(a, b, a <= b); }); break;
      case Op::Greater: binary([](double a, double b) { return truth(a, b, a > b); }); break;
      case Op::GreaterEq: binary([](double a, double b) { return truth(a, b, a >= b); }); break;
      case Op::Equal: binary([](double a, double b) { return truth(a, b, a == b); }); break;
      case Op::NotEqual: binary([](double a, double b) { return truth(a, b, a != b); }); break;
      case Op::And: binary([](double a, double b) { return logical_and(a, b); }); break;
      case Op::Or: binary([](double a, double b) { return logical_or(a, b); }); break;
      case Op::Not: unary([](double a) { return logical_not(a); }); break;
      case Op::Min:
      case Op::Max: {
        // Left to right, as evaluate(): m = f(m, operand).
        const std::size_t first = stack.size() - ins.count;
        std::uint64_t players = 0;
        for (std::size_t j = first; j < stack.size(); ++j) players |= stack[j].players;
        const bool is_min = ins.op == Op::Min;
        reduce(ins.count, players, [&](double* result) {
          ProductEntry whole{players, static_cast<std::size_t>(result - arena), table_size(players, counts)};
          const ProductEntry* one[1] = {&stack[first]};
          broadcast<1>(result, players, one, arena, counts, [](double a) { return a; });
          for (std::size_t j = first + 1; j < stack.size(); ++j) {
            const ProductEntry* two[2] = {&whole, &stack[j]};
            if (is_min)
              broadcast<2>(result, players, two, arena, counts, [](double a, double b) { return nan_min(a, b); });
            else
              broadcast<2>(result, players, two, arena, counts, [](double a, double b) { return nan_max(a, b); });
          }
        });
        break;
      }
      case Op::Abs: unary([](double a) { return std::fabs(a); }); break;
      case Op::Exp: unary([](double a) { return std::exp(a); }); break;
      case Op::Log: unary([](double a) { return std::log(a); }); break;
      case Op::Sqrt: unary([](double a) { return std::sqrt(a); }); break;
      case Op::If: {
        const std::size_t first = stack.size() - 3;
        const std::uint64_t players = stack[first].players | stack[first + 1].players | stack[first + 2].players;
        reduce(3, players, [&](double* result) {
          const ProductEntry* three[3] = {&stack[first], &stack[first + 1], &stack[first + 2]};
          broadcast<3>(result, players, three, arena, counts,
                       [](double c, double a, double b) { return choose(c, a, b); });
        });
        break;
      }
      case Op::AddK: unary([k](double a) { return a + k; }); break;
      case Op::SubK: unary([k](double a) { return a - k; }); break;
      case Op::RSubK: unary([k](double a) { return k - a; }); break;
      case Op::MulK: unary([k](double a) { return a * k; }); break;
      case Op::DivK: unary([k](double a) { return a / k; }); break;
      case Op::RDivK: unary([k](double a) { return k / a; }); break;
      case Op::LessK: unary([k](double a) { return truth(a, k, a < k); }); break;
      case Op::LessEqK: unary([k](double a) { return truth(a, k, a <= k); }); break;
      case Op::GreaterK: unary([k](double a) { return truth(a, k, a > k); }); break;
      case Op::GreaterEqK: unary([k](double a) { return truth(a, k, a >= k); }); break;
      case Op::EqualK: unary([k](double a) { return truth(a, k, a == k); }); break;
      case Op::NotEqualK: unary([k](double a) { return truth(a, k, a != k); }); break;
      case Op::MinK: unary([k](double a) { return nan_min(a, k); }); break;
      case Op::MaxK: unary([k](double a) { return nan_max(a, k); }); break;
      case Op::Square: unary([](double a) { return a * a; }); break;
    }
  }
  // The result over every profile.
  const std::uint64_t all = counts.empty() ? 0 : (std::uint64_t{1} << counts.size()) - 1;
  const ProductEntry* last[1] = {&stack.back()};
  broadcast<1>(out, all, last, arena, counts, [](double a) { return a; });
}

}  // namespace negsim
