#include "models/scenario/sequence_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "models/errors.hpp"
#include "models/memory_budget.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/extensive_builder.hpp"

namespace negsim {

namespace {

constexpr std::size_t kMaxRounds = 1000;

// The value of a lever fact where its step was skipped (`when` false).
constexpr std::size_t kSkipped = SequenceKnowledge::kSkipped;

[[noreturn]] void fail_at(const SourcePos& where, const std::string& message, const std::string& hint = "") {
  throw InputError(where.file, where.line, where.column, message, hint);
}

std::string number(double x) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", x);
  return buffer;
}

std::size_t whole_rounds(const Scenario& s) {
  const double r = s.sequence.rounds.value(s.parameters);
  if (!(r >= 1 && r <= static_cast<double>(kMaxRounds)) || r != std::floor(r))
    fail_at(s.sequence.rounds.pos, "sequence: rounds is " + number(r) + ", not a whole number from 1 to " +
                                       std::to_string(kMaxRounds),
            "rounds counts the repetitions of the steps");
  return static_cast<std::size_t>(r);
}

// Information sets by key (a list of words), without an allocation per set:
// the keys lie one after the other in one array, and an open-addressing
// table (linear probing, at most half full) points into it.
class KeyIndex {
 public:
  // The value of `key`, or `value` after inserting it; second: inserted.
  std::pair<std::size_t, bool> find_or_insert(const std::vector<std::uint32_t>& key, std::size_t value) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    const std::uint64_t h = hash(key);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.value == kEmpty) {
        slot = {static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(pool_.size()),
                static_cast<std::uint32_t>(key.size()), static_cast<std::uint32_t>(value)};
        pool_.insert(pool_.end(), key.begin(), key.end());
        ++used_;
        return {value, true};
      }
      if (slot.hash == static_cast<std::uint32_t>(h) && slot.length == key.size() &&
          std::equal(key.begin(), key.end(), pool_.begin() + static_cast<std::ptrdiff_t>(slot.offset)))
        return {slot.value, false};
    }
  }

 private:
  static constexpr std::uint32_t kEmpty = static_cast<std::uint32_t>(-1);
  struct Slot {  // 16 bytes: four to a cache line
    std::uint32_t hash = 0, offset = 0, length = 0;
    std::uint32_t value = kEmpty;
  };
  // Two words at a time, multiply-xorshift (the chain of multiplies is the cost).
  static std::uint64_t hash(const std::vector<std::uint32_t>& key) {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ key.size();
    std::size_t i = 0;
    for (; i + 1 < key.size(); i += 2) {
      h = (h ^ (static_cast<std::uint64_t>(key[i]) | static_cast<std::uint64_t>(key[i + 1]) << 32)) * 0xFF51AFD7ED558CCDULL;
      h ^= h >> 32;
    }
    if (i < key.size()) h = (h ^ key[i]) * 0xC4CEB9FE1A85EC53ULL;
    return h ^ (h >> 29);
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.value == kEmpty) continue;
      std::size_t i = static_cast<std::size_t>(slot.hash) & mask;
      while (slots_[i].value != kEmpty) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> pool_;
  std::size_t used_ = 0;
};

// The distinct settings of a few slots (those a group of expressions reads),
// numbered in the order the walk meets them: an expression's value depends
// on those slots only, so it is evaluated once per setting, by the build and
// again by a refresh, and each node keeps the setting's number. Looked up by
// mixed-radix index when the settings are few, else through a KeyIndex.
class SettingTable {
 public:
  SettingTable() = default;
  // `radix`: how many values each slot takes (its values are 0 .. radix - 1).
  SettingTable(std::vector<std::size_t> slots, const std::vector<std::size_t>& radix)
      : slots_(std::move(slots)), radix_(radix) {
    std::size_t size = 1;
    for (std::size_t r : radix_) {
      if (r == 0 || size > kMaxDirect / r) return;  // hashed
      size *= r;
    }
    direct_.assign(size, kNew);
  }

  // The number of the setting that `values` (every slot's value index) gives
  // this table's slots; second: the setting is new.
  std::pair<std::uint32_t, bool> find_or_add(const std::size_t* values) {
    const auto next = static_cast<std::uint32_t>(size_);
    if (!direct_.empty()) {
      std::size_t index = 0;
      for (std::size_t i = 0; i < slots_.size(); ++i) {
        const std::size_t v = values[slots_[i]];
        if (v >= radix_[i]) throw std::logic_error("a lever slot's value is out of its range (a builder bug)");
        index = index * radix_[i] + v;
      }
      std::uint32_t& entry = direct_[index];
      if (entry != kNew) return {entry, false};
      entry = next;
    } else {
      key_.clear();
      for (std::size_t slot : slots_) key_.push_back(static_cast<std::uint32_t>(values[slot]));
      const auto [found, inserted] = hashed_.find_or_insert(key_, next);
      if (!inserted) return {static_cast<std::uint32_t>(found), false};
    }
    for (std::size_t slot : slots_) rows_.push_back(values[slot]);
    ++size_;
    return {next, true};
  }

  std::size_t size() const { return size_; }
  const std::vector<std::size_t>& slots() const { return slots_; }
  // Gives the table's slots in `values` the values of setting k.
  void apply(std::size_t k, std::size_t* values) const {
    const std::size_t* row = rows_.data() + k * slots_.size();
    for (std::size_t i = 0; i < slots_.size(); ++i) values[slots_[i]] = row[i];
  }

 private:
  static constexpr std::size_t kMaxDirect = 1 << 12;
  static constexpr std::uint32_t kNew = static_cast<std::uint32_t>(-1);
  std::vector<std::size_t> slots_, radix_;
  std::vector<std::uint32_t> direct_;  // by mixed-radix index; empty: hashed_
  KeyIndex hashed_;
  std::vector<std::uint32_t> key_;
  std::vector<std::size_t> rows_;  // per setting, its slots' values
  std::size_t size_ = 0;
};

}  // namespace

// Everything a tree's numbers come from, recorded by its build: the numbers
// are functions of the parameters (bound into the expressions) and of the
// settings each node's expressions see; the shape is fixed by the rounds, the
// type profiles and the settings' stop_when and `when` values. A refresh binds
// the expressions at the new values, evaluates each setting once, checks that
// every decision the shape rests on comes out the same, and writes the numbers
// where the build put them, with the build's arithmetic.
struct SequenceNumberPlan {
  std::size_t num_steps = 0, num_slots = 0;
  // What binding the expressions reads of the expression scenario (with types,
  // chance, sequence): its players and levers (with their numbers) and its
  // parameters (values only: a refresh sets them). Copying it is cheaper than
  // making the expression scenario again.
  Scenario bind_skeleton;
  std::vector<ExpressionTemplate> payoffs;     // per player
  std::optional<ExpressionTemplate> stop;
  std::vector<std::vector<ExpressionTemplate>> chance_probabilities;  // per event, per outcome
  std::vector<std::optional<ExpressionTemplate>> conditions;          // per step
  // The slots payoffs and stop_when read, at the ends of rounds; per setting,
  // whether stop_when held, and whether that decided the shape (the setting
  // ends a round before the last somewhere).
  SettingTable round_end;
  std::vector<char> stops, stop_decides;
  std::vector<SettingTable> chance;               // per event: the slots its probabilities read
  std::vector<SettingTable> condition;            // per step: the slots its `when` reads
  std::vector<std::vector<char>> condition_holds;  // per step, per setting
  // Where the numbers go, in the walk's order (preorder: a round's end comes
  // before the ends of the rounds after it on the same path).
  static constexpr std::uint32_t kNoLeaf = static_cast<std::uint32_t>(-1);
  struct RoundEnd {
    std::uint32_t setting, round, leaf;  // leaf: the node ending the game there, or kNoLeaf
  };
  struct ChanceNode {
    std::uint32_t node, event, setting;
  };
  std::vector<RoundEnd> round_ends;
  std::vector<ChanceNode> chance_nodes;
};

namespace {

// Per round r (1-based; entry 0 unused, 1), the weight discount^(r - 1) of its
// payoffs: the same in a build and a refresh.
std::vector<double> discount_weights(double discount, std::size_t rounds) {
  std::vector<double> weights(rounds + 1, 1.0);
  for (std::size_t r = 1; r <= rounds; ++r) weights[r] = std::pow(discount, static_cast<double>(r - 1));
  return weights;
}

// A round's totals: the totals before it plus its discounted payoffs, the
// same arithmetic in a build and a refresh (bit for bit the same numbers).
inline void add_round(const double* before, double weight, const double* payoffs, std::size_t n, double* total) {
  for (std::size_t p = 0; p < n; ++p) {
    total[p] = before[p];
    total[p] += weight * payoffs[p];
  }
}

// One move of one mover: its levers and actions.
struct MoverPlan {
  std::size_t player = 0;
  std::vector<std::size_t> levers;
  std::vector<std::vector<std::size_t>> actions;  // value index per lever
  // The same, shared by every information set of the move:
  SharedList<std::size_t> shared_levers;
  SharedList<std::vector<std::size_t>> shared_actions;
  ActionLabels labels;
  // What the mover sees (if not known already) of each player's type, each
  // lever slot's setting and each chance outcome of an earlier step: the
  // step's `observes` worked out once, not at every node.
  std::vector<char> sees_type, sees_lever, sees_chance;
};

// Something that happened on the path: a type, a lever setting, a chance outcome.
struct Element {
  enum class Kind : unsigned char { kType, kLever, kChance };
  Kind kind;
  std::size_t player = 0;  // kType, kLever
  std::size_t what = 0;    // kLever: lever; kChance: event
  std::size_t value = 0;
  std::size_t round = 0, step = 0;
};

// The labels of the root's branches: the type profiles ("(no types)" without types).
std::vector<std::string> type_profile_labels(const TypePrior& prior) {
  std::vector<std::string> out;
  for (const TypeProfile& t : prior.profiles) {
    std::string label;
    for (std::size_t p = 0; p < t.types.size(); ++p)
      if (!prior.labels[p].empty()) label += (label.empty() ? "" : ", ") + prior.labels[p][t.types[p]];
    out.push_back(label.empty() ? "(no types)" : label);
  }
  return out;
}

class TreeBuilder {
 public:
  TreeBuilder(const Scenario& s, const SequenceBuildOptions& options)
      : s_(s), options_(options), named_(expression_scenario(s, true)), context_(named_) {}

  SequenceTree build();
  // The extensive-form game in the same pass, the tree kept or not.
  ScenarioExtensiveForm build_game(bool keep_tree, const std::string& title, SequenceTree* tree);

 private:
  // Tree node numbers are given in preorder whether or not the tree is kept.
  std::size_t add_node(SequenceNode&& node) {
    if (num_nodes_ % 4096 == 0 && num_nodes_ > 0)
      options_.build.deadline.check("building the sequence tree of " + s_.file + " (" +
                                    std::to_string(num_nodes_) + " nodes so far)");
    if (keep_tree_) tree_.nodes.push_back(std::move(node));
    if (game_ && keep_tree_) out_->node_of.push_back(at_);
    return num_nodes_++;
  }
  void link(std::size_t parent, std::size_t child, std::size_t branch) {
    if (!keep_tree_) return;
    tree_.nodes[child].parent = parent;
    tree_.nodes[child].parent_branch = branch;
    tree_.nodes[parent].children.push_back(child);
  }
  void run();
  std::size_t game_infoset(std::size_t set, const MoverPlan& plan);
  // `at_` is the game node of the tree node being made (when filling a game).
  std::size_t expand(std::size_t round, std::size_t step, std::size_t mover, const double* total);
  std::size_t decision(std::size_t round, std::size_t step, std::size_t mover, const double* total);
  std::size_t chance(std::size_t round, std::size_t step, const double* total);
  std::size_t end_of_round(std::size_t round, const double* total_before);
  std::string history_text() const;
  void push_history(const Element& e);
  void pop_history(std::size_t count);
  std::string element_text(const Element& e) const;
  std::size_t infoset_of(std::size_t player, std::size_t round, std::size_t step, std::size_t mover);
  void check_reads(const CompiledExpression& e, const std::vector<char>& available, const std::string& what,
                   const std::string& hint) const;

  const Scenario& s_;
  const SequenceBuildOptions& options_;
  Scenario named_;
  ExpressionContext context_;
  SequenceTree tree_;
  std::size_t n_ = 0;
  std::size_t chance_player_ = 0;  // index of the pseudo-player `chance` in named_
  std::size_t round_slot_ = 0;     // the slot of `sequence.round`
  std::vector<CompiledExpression> payoffs_;
  std::optional<CompiledExpression> stop_;
  std::vector<std::vector<CompiledExpression>> chance_probabilities_;  // per event
  std::vector<std::vector<MoverPlan>> plans_;                          // per step, per mover
  std::vector<std::optional<CompiledExpression>> conditions_;          // per step, its `when`
  std::size_t skip(std::size_t round, std::size_t step, const double* total);
  std::vector<std::size_t> slots_;                                     // the current setting of every slot
  std::vector<Element> history_;
  std::vector<std::uint32_t> history_facts_;  // history_[j] as a fact of knowledge_
  std::vector<std::vector<char>> known_;  // per player, per history element
  std::vector<char> known_stack_;         // movers' knowledge saved by decision(), innermost last
  std::vector<std::size_t> saved_slots_;  // slots saved by end_of_round(), one frame per round
  std::vector<double> totals_;            // payoff totals by end_of_round(), one frame per round
  std::vector<double> discount_weights_;  // per round, discount^(round - 1)
  // Information sets by (player, clock, mover, known history elements and
  // their values); key_ is the probe, reused so that a lookup allocates nothing.
  KeyIndex infoset_index_;
  std::vector<std::uint32_t> key_;
  std::shared_ptr<SequenceKnowledge> knowledge_;
  std::size_t num_nodes_ = 0, num_sets_ = 0;
  bool keep_tree_ = true;
  ExtensiveFormGame* game_ = nullptr;  // filled in the same pass, when set
  ScenarioExtensiveForm* out_ = nullptr;
  std::size_t at_ = kNoIndex;
  std::vector<std::size_t> chance_seen_;  // chance nodes so far per (event, round): their labels' numbers
  // The expressions' templates, settings and where the numbers go (kept in
  // the tree for refresh_sequence_numbers), and each setting's values:
  std::shared_ptr<SequenceNumberPlan> plan_;
  std::vector<double> round_end_payoffs_;                // per round_end setting, per player
  std::vector<std::vector<double>> chance_values_;       // per event: per setting, per outcome
  // The table of the slots `expressions` read.
  SettingTable settings_read_by(const std::vector<const CompiledExpression*>& expressions) const;
  void see_as_step_says(MoverPlan& plan, const SequenceStep& spec) const;
  CompiledExpression compile(const ExpressionText& text, ExpressionTemplate& kept) {
    kept = compile_expression_template(text, context_);
    return kept.bind(named_);  // what compile_expression gives
  }
};

void TreeBuilder::see_as_step_says(MoverPlan& plan, const SequenceStep& spec) const {
  const std::size_t player = plan.player;
  plan.sees_type.assign(n_, 0);
  for (std::size_t q = 0; q < n_; ++q) {
    bool sees = q == player || options_.reveal_types || options_.reveal_types_to == player;
    for (const Observation& o : spec.observes)
      if (o.kind == Observation::Kind::kType && o.player == q) sees = true;
    plan.sees_type[q] = sees;
  }
  plan.sees_lever.assign(context_.num_lever_slots(), 0);
  for (std::size_t q = 0; q < n_; ++q)
    for (std::size_t l = 0; l < s_.players[q].levers.size(); ++l) {
      bool sees = q == player || spec.observes_all;  // its own moves; all
      for (const Observation& o : spec.observes)
        if (o.player == q && (o.kind == Observation::Kind::kPlayer || (o.kind == Observation::Kind::kLever && o.lever == l)))
          sees = true;
      plan.sees_lever[context_.lever_slot(q, l)] = sees;
    }
  plan.sees_chance.assign(s_.sequence.chance_events.size(), 0);
  for (std::size_t e = 0; e < plan.sees_chance.size(); ++e) {
    bool sees = spec.observes_all;
    for (const Observation& o : spec.observes)
      if (o.kind == Observation::Kind::kChance && o.chance == e) sees = true;
    plan.sees_chance[e] = sees;
  }
}

SettingTable TreeBuilder::settings_read_by(const std::vector<const CompiledExpression*>& expressions) const {
  std::vector<std::size_t> slots, radix;
  for (const CompiledExpression* e : expressions)
    slots.insert(slots.end(), e->lever_slots_used().begin(), e->lever_slots_used().end());
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  for (std::size_t slot : slots) {
    const std::size_t player = context_.slot_player(slot);
    radix.push_back(named_.players[player].levers[slot - context_.lever_slot(player, 0)].size());
  }
  return SettingTable(std::move(slots), radix);
}

void TreeBuilder::check_reads(const CompiledExpression& e, const std::vector<char>& available, const std::string& what,
                              const std::string& hint) const {
  for (std::size_t slot : e.lever_slots_used()) {
    if (available[slot]) continue;
    const std::size_t p = context_.slot_player(slot);
    const std::size_t l = slot - context_.lever_slot(p, 0);
    const std::string name = named_.players[p].id + "." + named_.players[p].levers[l].id;
    fail_at(e.source().pos, what + " reads " + name + ", which " + hint);
  }
}

std::string TreeBuilder::element_text(const Element& e) const {
  switch (e.kind) {
    case Element::Kind::kType:
      return "the type of " + s_.players[e.player].name + " (" + tree_.prior.labels[e.player][e.value] + ")";
    case Element::Kind::kLever:
      if (e.value == kSkipped)
        return s_.players[e.player].name + " " + s_.players[e.player].levers[e.what].id + " skipped in round " +
               std::to_string(e.round);
      return s_.players[e.player].name + " " + s_.players[e.player].levers[e.what].id + "=" +
             s_.players[e.player].levers[e.what].labels[e.value] + " in round " + std::to_string(e.round);
    case Element::Kind::kChance:
      return "chance " + tree_.chance_names[e.what] + "=" + tree_.chance_outcomes[e.what][e.value] + " in round " +
             std::to_string(e.round);
  }
  return "";
}

std::string TreeBuilder::history_text() const {
  std::string out;
  for (const Element& e : history_) out += (out.empty() ? "" : ", ") + element_text(e);
  return out.empty() ? "the start" : out;
}

void TreeBuilder::push_history(const Element& e) {
  SequenceKnowledge::Fact f;
  f.kind = e.kind == Element::Kind::kType    ? SequenceKnowledge::Fact::Kind::kType
           : e.kind == Element::Kind::kLever ? SequenceKnowledge::Fact::Kind::kLever
                                             : SequenceKnowledge::Fact::Kind::kChance;
  f.player = static_cast<std::uint32_t>(e.player);
  f.what = static_cast<std::uint32_t>(e.what);
  f.value = static_cast<std::uint32_t>(e.value);
  f.round = static_cast<std::uint32_t>(e.round);
  history_facts_.push_back(
      knowledge_->add_fact(history_facts_.empty() ? SequenceKnowledge::kNoFact : history_facts_.back(), f));
  history_.push_back(e);
}

void TreeBuilder::pop_history(std::size_t count) {
  history_.resize(history_.size() - count);
  history_facts_.resize(history_facts_.size() - count);
}

std::size_t TreeBuilder::infoset_of(std::size_t player, std::size_t round, std::size_t step, std::size_t mover) {
  // What the mover knows now: what it knew, plus what this move observes.
  std::vector<char>& known = known_[player];
  known.resize(history_.size(), 0);
  const MoverPlan& sight = plans_[step][mover];
  // The key: the clock and mover, then per history element 0 if unknown, else
  // its value + 1 (the clock fixes the history's length, so this names the
  // known elements and their values).
  key_.resize(4 + history_.size());
  key_[0] = static_cast<std::uint32_t>(player);
  key_[1] = static_cast<std::uint32_t>(round);
  key_[2] = static_cast<std::uint32_t>(step);
  key_[3] = static_cast<std::uint32_t>(mover);
  for (std::size_t j = 0; j < history_.size(); ++j) {
    const Element& e = history_[j];
    if (!known[j]) {
      if (e.kind == Element::Kind::kType)
        known[j] = sight.sees_type[e.player];
      else if (e.round != round || e.step != step + 1)  // same step: simultaneous, unseen
        known[j] = e.kind == Element::Kind::kLever ? sight.sees_lever[context_.lever_slot(e.player, e.what)]
                                                   : sight.sees_chance[e.what];
    }
    key_[4 + j] = known[j] ? static_cast<std::uint32_t>(e.value) + 1 : 0;
  }
  const auto [set, inserted] = infoset_index_.find_or_insert(key_, num_sets_);
  if (inserted) {
    ++num_sets_;
    // What it knows, as indices: put in words only when asked (one set per
    // decision node in perfect-information trees: this is hot).
    const std::size_t index =
        knowledge_->add(player, round, history_facts_.empty() ? SequenceKnowledge::kNoFact : history_facts_.back(), known);
    if (!keep_tree_) return set;
    const MoverPlan& plan = plans_[step][mover];
    SequenceInfoSet& info = tree_.infosets.emplace_back();
    info.player = player;
    info.round = round;
    info.step = step + 1;
    info.levers = plan.shared_levers;
    info.action_values = plan.shared_actions;
    info.action_labels = plan.labels;
    info.index = index;
    info.knowledge = knowledge_;
  }
  return set;
}

std::size_t TreeBuilder::expand(std::size_t round, std::size_t step, std::size_t mover, const double* total) {
  slots_[round_slot_] = round - 1;
  if (step == s_.sequence.steps.size()) return end_of_round(round, total);
  const SequenceStep& spec = s_.sequence.steps[step];
  if (spec.is_chance) return chance(round, step, total);
  return decision(round, step, mover, total);
}

std::size_t TreeBuilder::chance(std::size_t round, std::size_t step, const double* total) {
  const std::size_t event = s_.sequence.steps[step].chance;
  const ChanceEvent& spec = s_.sequence.chance_events[event];
  const std::size_t outcomes = spec.outcomes.size();
  const auto [setting, added] = plan_->chance[event].find_or_add(slots_.data());
  std::vector<double>& values = chance_values_[event];
  if (added) {  // checked where the setting first occurs, as every node of it would be
    double sum = 0;
    for (std::size_t o = 0; o < outcomes; ++o) {
      const double p = chance_probabilities_[event][o].evaluate(slots_.data());
      if (!(p >= 0 && p <= 1))
        fail_at(spec.probabilities[o].pos, "the probability of chance " + spec.id + "=" + spec.outcomes[o] + " is " +
                                               number(p) + ", not in [0, 1], after " + history_text());
      values.push_back(p);
      sum += p;
    }
    if (std::abs(sum - 1) > 1e-9)
      fail_at(spec.pos, "the probabilities of chance " + spec.id + " sum to " + number(sum) + ", not 1, after " +
                            history_text(),
              "write the last outcome as 1 minus the others");
  }
  SequenceNode node;
  node.kind = SequenceNode::Kind::kChance;
  node.chance_event = event;
  node.round = round;
  const double* probabilities = values.data() + setting * outcomes;
  node.probabilities.assign(probabilities, probabilities + outcomes);
  if (keep_tree_) node.children.reserve(outcomes);
  std::size_t first = kNoIndex;
  if (game_)
    first = game_->set_move(
        at_, game_->add_chance_infoset(spec.outcomes, exact_chance_probabilities(node.probabilities),
                                       sequence_chance_label(spec.id, round, ++chance_seen_[event * (tree_.rounds + 1) + round])));
  const std::size_t index = add_node(std::move(node));
  if (keep_tree_)
    plan_->chance_nodes.push_back({static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(event), setting});
  const std::size_t slot = context_.lever_slot(chance_player_, event);
  for (std::size_t o = 0; o < spec.outcomes.size(); ++o) {
    slots_[slot] = o;
    push_history({Element::Kind::kChance, 0, event, o, round, step + 1});
    if (game_) at_ = first + o;
    const std::size_t child = expand(round, step + 1, 0, total);
    pop_history(1);
    link(index, child, o);
  }
  return index;
}

std::size_t TreeBuilder::skip(std::size_t round, std::size_t step, const double* total) {
  // No node: the levers take their defaults, and the history records, lever
  // by lever, that the step did not happen (value kSkipped), so that whoever
  // observes those levers, the movers included, knows it.
  const SequenceStep& spec = s_.sequence.steps[step];
  for (const RepeatedTargetSetting& d : spec.defaults) slots_[context_.lever_slot(d.player, d.lever)] = d.value;
  std::size_t pushed = 0;
  for (const MoverPlan& plan : plans_[step])
    for (std::size_t lever : plan.levers) {
      push_history({Element::Kind::kLever, plan.player, lever, kSkipped, round, step + 1});
      ++pushed;
    }
  const std::size_t child = expand(round, step + 1, 0, total);
  pop_history(pushed);
  return child;
}

std::size_t TreeBuilder::decision(std::size_t round, std::size_t step, std::size_t mover,
                                  const double* total) {
  if (mover == 0 && conditions_[step]) {
    const auto [setting, added] = plan_->condition[step].find_or_add(slots_.data());
    std::vector<char>& holds = plan_->condition_holds[step];
    if (added) holds.push_back(conditions_[step]->evaluate(slots_.data()) != 0);
    if (!holds[setting]) return skip(round, step, total);
  }
  const MoverPlan& plan = plans_[step][mover];
  // infoset_of() only extends what this mover knows: restore it afterwards.
  const std::size_t known_mark = known_stack_.size();
  known_stack_.insert(known_stack_.end(), known_[plan.player].begin(), known_[plan.player].end());
  SequenceNode node;
  node.kind = SequenceNode::Kind::kDecision;
  node.player = plan.player;
  node.round = round;
  node.infoset = infoset_of(plan.player, round, step, mover);
  const std::size_t set = node.infoset;
  if (keep_tree_) node.children.reserve(plan.actions.size());
  const std::size_t first = game_ ? game_->set_move(at_, game_infoset(set, plan)) : kNoIndex;
  const std::size_t index = add_node(std::move(node));
  if (keep_tree_) tree_.infosets[set].nodes.push_back(index);
  const bool last_mover = mover + 1 == plans_[step].size();
  for (std::size_t a = 0; a < plan.actions.size(); ++a) {
    for (std::size_t i = 0; i < plan.levers.size(); ++i) {
      slots_[context_.lever_slot(plan.player, plan.levers[i])] = plan.actions[a][i];
      push_history({Element::Kind::kLever, plan.player, plan.levers[i], plan.actions[a][i], round, step + 1});
    }
    if (game_) at_ = first + a;
    const std::size_t child = last_mover ? expand(round, step + 1, 0, total) : expand(round, step, mover + 1, total);
    pop_history(plan.levers.size());
    link(index, child, a);
  }
  known_[plan.player].assign(known_stack_.begin() + static_cast<std::ptrdiff_t>(known_mark), known_stack_.end());
  known_stack_.resize(known_mark);
  return index;
}

std::size_t TreeBuilder::end_of_round(std::size_t round, const double* total_before) {
  // This round's totals, in its frame (a path has one end of each round): no allocation per node.
  double* total = totals_.data() + round * n_;
  SequenceNumberPlan& plan = *plan_;
  const auto [setting, added] = plan.round_end.find_or_add(slots_.data());
  if (added) {  // evaluated where the setting first occurs
    for (std::size_t p = 0; p < n_; ++p) {
      const double u = payoffs_[p].evaluate(slots_.data());
      if (!std::isfinite(u))
        fail_at(payoffs_[p].source().pos, "the payoff of '" + s_.players[p].id + "' is " + number(u) + " after " +
                                              history_text(),
                "payoffs must be finite numbers");
      round_end_payoffs_.push_back(u);
    }
    plan.stops.push_back(stop_ && stop_->evaluate(slots_.data()) != 0);
    plan.stop_decides.push_back(0);
  }
  add_round(total_before, discount_weights_[round], round_end_payoffs_.data() + setting * n_, n_, total);
  const bool last = round == tree_.rounds;
  if (!last) plan.stop_decides[setting] = 1;
  if (plan.stops[setting] || last) {
    if (game_) game_->set_outcome(at_, game_->add_outcome(total, n_));
    SequenceNode leaf;
    leaf.kind = SequenceNode::Kind::kTerminal;
    leaf.round = round;
    if (keep_tree_) leaf.payoffs.assign(total, total + n_);
    const std::size_t index = add_node(std::move(leaf));
    if (keep_tree_)
      plan.round_ends.push_back({setting, static_cast<std::uint32_t>(round), static_cast<std::uint32_t>(index)});
    return index;
  }
  if (keep_tree_) plan.round_ends.push_back({setting, static_cast<std::uint32_t>(round), SequenceNumberPlan::kNoLeaf});
  // Later rounds overwrite the levers set in this one: restore them for the
  // siblings still to be built in this round.
  const auto saved = saved_slots_.begin() + static_cast<std::ptrdiff_t>(round * slots_.size());
  std::copy(slots_.begin(), slots_.end(), saved);
  const std::size_t next = expand(round + 1, 0, 0, total);
  std::copy(saved, saved + static_cast<std::ptrdiff_t>(slots_.size()), slots_.begin());
  return next;
}

void TreeBuilder::run() {
  const SequenceBlock& seq = s_.sequence;
  n_ = s_.players.size();
  chance_player_ = n_;
  round_slot_ = context_.lever_slot(n_ + (seq.chance_events.empty() ? 0 : 1), 0);
  tree_.player_ids = s_.player_ids();
  for (const ScenarioPlayer& p : s_.players) tree_.player_names.push_back(p.name);
  for (const ChanceEvent& e : seq.chance_events) {
    tree_.chance_names.push_back(e.id);
    tree_.chance_outcomes.push_back(e.outcomes);
  }
  tree_.rounds = whole_rounds(s_);
  tree_.discount = seq.discount.value(s_.parameters);
  if (!(tree_.discount > 0 && tree_.discount <= 1))
    fail_at(seq.discount.pos, "sequence: discount is " + number(tree_.discount) + ", not in (0, 1]",
            "the discount multiplies each later round's payoffs");
  tree_.prior = evaluate_prior(s_);
  SequenceKnowledge::Names names;
  for (const ScenarioPlayer& p : s_.players) {
    names.players.push_back(p.name);
    names.levers.emplace_back();
    names.values.emplace_back();
    for (const auto& lever : p.levers) {
      names.levers.back().push_back(lever.id);
      names.values.back().push_back(lever.labels);
    }
  }
  names.chance = tree_.chance_names;
  names.outcomes = tree_.chance_outcomes;
  names.types = tree_.prior.labels;
  knowledge_ = std::make_shared<SequenceKnowledge>(std::move(names));
  tree_.knowledge = knowledge_;

  // Compile, then check what each expression reads is set when it runs.
  const std::size_t slots = context_.num_lever_slots();
  std::vector<char> at_round_end(slots, 0), before(slots, 0);
  for (const RepeatedTargetSetting& f : seq.fixed) before[context_.lever_slot(f.player, f.lever)] = 1;
  for (const PlayerTypes& t : s_.types.players) before[type_slot(s_, context_, t.player)] = 1;
  before[round_slot_] = 1;
  at_round_end = before;
  for (const SequenceStep& step : seq.steps) {
    if (step.is_chance) {
      at_round_end[context_.lever_slot(chance_player_, step.chance)] = 1;
      continue;
    }
    for (std::size_t m = 0; m < step.movers.size(); ++m)
      for (std::size_t l : step.levers[m]) at_round_end[context_.lever_slot(step.movers[m], l)] = 1;
  }
  plan_ = std::make_shared<SequenceNumberPlan>();
  SequenceNumberPlan& plan = *plan_;
  plan.num_steps = seq.steps.size();
  plan.num_slots = context_.num_lever_slots();
  plan.bind_skeleton.parameters.resize(named_.parameters.size());
  for (const ScenarioPlayer& p : named_.players) {
    ScenarioPlayer& bare = plan.bind_skeleton.players.emplace_back();
    for (const Lever& l : p.levers) {
      Lever& lever = bare.levers.emplace_back();
      lever.numeric = l.numeric;
      lever.numbers = l.numbers;
    }
  }
  const std::vector<ExpressionText>& payoff_text = seq.payoffs.empty() ? s_.payoffs : seq.payoffs;
  plan.payoffs.resize(n_);
  for (std::size_t p = 0; p < n_; ++p) {
    payoffs_.push_back(compile(payoff_text[p], plan.payoffs[p]));
    check_reads(payoffs_.back(), at_round_end, "the payoff of '" + s_.players[p].id + "' in the sequence",
                "no move of the sequence sets; add it to a move's levers or give it under `fixed:`");
  }
  if (seq.stop_when) {
    stop_ = compile(*seq.stop_when, plan.stop.emplace());
    check_reads(*stop_, at_round_end, "stop_when", "no move of the sequence sets; add it to a move or to `fixed:`");
  }
  std::vector<char> available = before;
  chance_probabilities_.resize(seq.chance_events.size());
  plan.chance_probabilities.resize(seq.chance_events.size());
  plans_.resize(seq.steps.size());
  conditions_.resize(seq.steps.size());
  plan.conditions.resize(seq.steps.size());
  for (std::size_t k = 0; k < seq.steps.size(); ++k) {
    const SequenceStep& step = seq.steps[k];
    if (step.is_chance) {
      const ChanceEvent& event = seq.chance_events[step.chance];
      for (const ExpressionText& text : event.probabilities) {
        chance_probabilities_[step.chance].push_back(
            compile(text, plan.chance_probabilities[step.chance].emplace_back()));
        check_reads(chance_probabilities_[step.chance].back(), available,
                    "the probability of chance " + event.id,
                    "is not yet set when the chance event happens in round 1 (only fixed levers, types and earlier "
                    "steps are)");
      }
      available[context_.lever_slot(chance_player_, step.chance)] = 1;
      continue;
    }
    if (step.when) {
      conditions_[k] = compile(*step.when, plan.conditions[k].emplace());
      for (std::size_t slot : conditions_[k]->lever_slots_used())
        for (std::size_t m = 0; m < step.movers.size(); ++m)
          for (std::size_t l : step.levers[m])
            if (slot == context_.lever_slot(step.movers[m], l))
              fail_at(conditions_[k]->source().pos,
                      "the condition (when) of step " + std::to_string(k + 1) + " reads " + s_.players[step.movers[m]].id +
                          "." + s_.players[step.movers[m]].levers[l].id + ", which this step sets",
                      "a condition decides whether the step happens, before its movers choose; read earlier steps");
      check_reads(*conditions_[k], available, "the condition (when) of step " + std::to_string(k + 1),
                  "is not yet set when the step happens in round 1 (only fixed levers, types, sequence.round and "
                  "earlier steps are)");
    }
    for (std::size_t m = 0; m < step.movers.size(); ++m) {
      MoverPlan plan;
      std::vector<std::string> labels;
      plan.player = step.movers[m];
      plan.levers = step.levers[m];
      const ScenarioPlayer& player = s_.players[plan.player];
      std::vector<std::size_t> digits(plan.levers.size(), 0);
      while (true) {
        plan.actions.push_back(digits);
        std::string label;
        for (std::size_t i = 0; i < plan.levers.size(); ++i)
          label += (i ? "," : "") + player.levers[plan.levers[i]].id + "=" +
                   player.levers[plan.levers[i]].labels[digits[i]];
        labels.push_back(label);
        bool more = false;
        for (std::size_t i = plan.levers.size(); i-- > 0;) {
          if (++digits[i] < player.levers[plan.levers[i]].size()) {
            more = true;
            break;
          }
          digits[i] = 0;
        }
        if (!more) break;
      }
      plan.labels = std::move(labels);
      plan.shared_levers = plan.levers;
      plan.shared_actions = plan.actions;
      see_as_step_says(plan, step);
      plans_[k].push_back(std::move(plan));
    }
    for (std::size_t m = 0; m < step.movers.size(); ++m)
      for (std::size_t l : step.levers[m]) available[context_.lever_slot(step.movers[m], l)] = 1;
  }

  // The settings each group of expressions reads, met as the walk goes.
  std::vector<const CompiledExpression*> round_end_reads;
  for (const CompiledExpression& e : payoffs_) round_end_reads.push_back(&e);
  if (stop_) round_end_reads.push_back(&*stop_);
  plan.round_end = settings_read_by(round_end_reads);
  chance_values_.resize(seq.chance_events.size());
  for (const std::vector<CompiledExpression>& event : chance_probabilities_) {
    std::vector<const CompiledExpression*> reads;
    for (const CompiledExpression& e : event) reads.push_back(&e);
    plan.chance.push_back(settings_read_by(reads));
  }
  plan.condition.resize(seq.steps.size());
  plan.condition_holds.resize(seq.steps.size());
  for (std::size_t k = 0; k < seq.steps.size(); ++k)
    if (conditions_[k]) plan.condition[k] = settings_read_by({&*conditions_[k]});

  // Budget and memory before building.
  const double bound = sequence_node_bound(s_);
  if (bound > static_cast<double>(options_.build.max_profiles))
    throw LimitError("the sequence of " + s_.file + " may have up to " + number(bound) +
                     " nodes, over the budget of " + std::to_string(options_.build.max_profiles) +
                     ".\n  hint: raise the budget with --max-profiles N, or use fewer rounds, actions or outcomes");
  check_memory_estimate(bound * (sizeof(SequenceNode) + 8.0 * static_cast<double>(n_) + 32.0),
                        "the sequence tree of " + s_.file + " (up to " + number(bound) + " nodes)");

  // The bound counts no early stop, and may be far above the tree (TikTok:
  // 1.1M for 6,300 nodes): reserving all of it would map fresh pages for
  // every build; up to 2^15 nodes (4 MB) comes from the reused heap.
  if (keep_tree_) tree_.nodes.reserve(static_cast<std::size_t>(std::min(bound, 32768.0)));
  // About one fact per node; under 128 kB, from the heap (glibc maps larger
  // blocks afresh: a bigger reserve costs page faults, measured).
  knowledge_->reserve_facts(static_cast<std::size_t>(std::min(bound, 4096.0)));
  if (game_) {
    // Untouched capacity costs address space only; the nodes' count is near the bound.
    game_->reserve(static_cast<std::size_t>(std::min(bound, 1e7)), static_cast<std::size_t>(std::min(bound / 2 + 2, 1e6)),
                   static_cast<std::size_t>(std::min(bound / 2 + 2, 1e6)));
    if (keep_tree_) out_->node_of.reserve(static_cast<std::size_t>(std::min(bound, 1e7)));
  }
  slots_.assign(slots, 0);
  chance_seen_.assign(seq.chance_events.size() * (tree_.rounds + 1), 0);
  for (const RepeatedTargetSetting& f : seq.fixed) slots_[context_.lever_slot(f.player, f.lever)] = f.value;
  known_.assign(n_, {});
  totals_.assign((tree_.rounds + 1) * n_, 0.0);  // round r's frame at r * n_
  saved_slots_.assign((tree_.rounds + 1) * slots, 0);
  discount_weights_ = discount_weights(tree_.discount, tree_.rounds);
  const std::vector<double> zeros(n_, 0.0);
  SequenceNode root;
  root.kind = SequenceNode::Kind::kChance;
  root.chance_event = SequenceNode::kTypeDraw;
  for (const TypeProfile& t : tree_.prior.profiles) root.probabilities.push_back(t.probability);
  std::size_t first_child = kNoIndex;
  if (game_) {
    at_ = 0;
    first_child = game_->set_move(
        0, game_->add_chance_infoset(type_profile_labels(tree_.prior), exact_chance_probabilities(root.probabilities), "types"));
  }
  add_node(std::move(root));
  for (std::size_t k = 0; k < tree_.prior.profiles.size(); ++k) {
    const TypeProfile& t = tree_.prior.profiles[k];
    for (const PlayerTypes& pt : s_.types.players) {
      slots_[type_slot(s_, context_, pt.player)] = t.types[pt.player];
      push_history({Element::Kind::kType, pt.player, 0, t.types[pt.player], 0, 0});
    }
    const std::size_t first = num_nodes_;
    if (game_) at_ = first_child + k;
    const std::size_t child = expand(1, 0, 0, zeros.data());
    if (keep_tree_)
      for (std::size_t i = first; i < tree_.nodes.size(); ++i) tree_.nodes[i].type_profile = k;
    pop_history(history_.size());
    known_.assign(n_, {});
    link(0, child, k);
  }
  if (keep_tree_) tree_.number_plan = plan_;
}

SequenceTree TreeBuilder::build() {
  run();
  return std::move(tree_);
}

std::size_t TreeBuilder::game_infoset(std::size_t set, const MoverPlan& plan) {
  std::vector<std::size_t>& of = out_->infoset_of;
  if (set >= of.size()) of.resize(set + 1, kNoIndex);
  if (of[set] == kNoIndex) of[set] = game_->add_infoset_labelled_by(plan.player, plan.labels, set);
  return of[set];
}

ScenarioExtensiveForm TreeBuilder::build_game(bool keep_tree, const std::string& title, SequenceTree* tree) {
  ScenarioExtensiveForm out;
  keep_tree_ = keep_tree;
  game_ = &out.game;
  out_ = &out;
  ExtensiveFormGame& g = out.game;
  g.title = title;
  for (const ScenarioPlayer& p : s_.players) g.add_player(p.name);
  run();
  g.set_infoset_labeler(knowledge_);
  out.infoset_of.resize(num_sets_, kNoIndex);
  if (!keep_tree_) out.node_of.clear();  // no tree to map
  g.finalize();
  if (!g.has_perfect_recall())
    throw std::logic_error("the scenario's sequence tree lacks perfect recall (a builder bug): " +
                           g.recall_problem()->message);
  if (tree) *tree = std::move(tree_);
  return out;
}

}  // namespace

std::uint32_t SequenceKnowledge::add_fact(std::uint32_t before, const Fact& fact) {
  facts_.push_back(fact);
  fact_before_.push_back(before);
  return static_cast<std::uint32_t>(facts_.size() - 1);
}

std::size_t SequenceKnowledge::add(std::size_t player, std::size_t round, std::uint32_t last_fact,
                                   const std::vector<char>& known) {
  sets_.push_back({player, round, last_fact, known.size(), known_.size()});
  for (std::size_t j = 0; j < known.size(); j += 64) {
    std::uint64_t word = 0;
    for (std::size_t b = 0; b < 64 && j + b < known.size(); ++b) word |= static_cast<std::uint64_t>(known[j + b] != 0) << b;
    known_.push_back(word);
  }
  return sets_.size() - 1;
}

std::string SequenceKnowledge::describe(std::size_t set) const {
  const Set& info = sets_[set];
  const std::size_t player = info.player;
  // The history, oldest first, from the chain of facts ending at the set's last.
  std::vector<Fact> history(info.count);
  std::uint32_t f = info.last_fact;
  for (std::size_t j = info.count; j-- > 0; f = fact_before_[f]) {
    history[j] = facts_[f];
    history[j].known = (known_[info.known_first + j / 64] >> (j % 64)) & 1;
  }
  // In words, compactly: each known lever or chance event with its values
  // by round, runs of equal values merged ("deadline=extend (rounds 1-3)").
  struct Item {
    Fact::Kind kind;
    std::size_t player, what;
    bool operator==(const Item&) const = default;
  };
  struct Run {
    Item item;
    std::vector<std::array<std::size_t, 3>> values;  // value index, first round, last round
  };
  auto what_text = [&](const Item& item) -> std::string {
    if (item.kind == Fact::Kind::kType) return "the type of " + names_.players[item.player];
    if (item.kind == Fact::Kind::kChance) return "chance " + names_.chance[item.what];
    return (item.player == player ? std::string("its own ") : names_.players[item.player] + " ") +
           names_.levers[item.player][item.what];
  };
  std::vector<Run> runs;
  std::string own_type;
  std::vector<Item> unknown_items;
  for (const Fact& e : history) {
    const Item item{e.kind, e.kind == Fact::Kind::kChance ? 0 : e.player, e.kind == Fact::Kind::kType ? 0 : e.what};
    if (!e.known) {
      if (std::find(unknown_items.begin(), unknown_items.end(), item) == unknown_items.end())
        unknown_items.push_back(item);
      continue;
    }
    if (e.kind == Fact::Kind::kType) {
      if (e.player == player)
        own_type = "its type (" + names_.types[e.player][e.value] + ")";
      else
        own_type += (own_type.empty() ? "" : ", ") + ("the type of " + names_.players[e.player] + " (" +
                                                      names_.types[e.player][e.value] + ")");
      continue;
    }
    auto it = std::find_if(runs.begin(), runs.end(), [&](const Run& r) { return r.item == item; });
    if (it == runs.end()) {
      runs.push_back({item, {}});
      it = runs.end() - 1;
    }
    if (!it->values.empty() && it->values.back()[0] == e.value && it->values.back()[2] + 1 == e.round)
      it->values.back()[2] = e.round;
    else
      it->values.push_back({e.value, e.round, e.round});
  }
  std::string knows = own_type;
  for (const Run& r : runs) {
    if (!knows.empty()) knows += "; ";
    knows += what_text(r.item);
    knows += '=';
    for (std::size_t v = 0; v < r.values.size(); ++v) {
      const auto& [value, first, last] = r.values[v];
      if (v) knows += ", ";
      knows += r.item.kind == Fact::Kind::kChance ? names_.outcomes[r.item.what][value]
               : value == kSkipped                  ? "(skipped)"
                                                    : names_.values[r.item.player][r.item.what][value];
      knows += first == last ? " (round " : " (rounds ";
      knows += std::to_string(first);
      if (first != last) {
        knows += '-';
        knows += std::to_string(last);
      }
      knows += ')';
    }
  }
  std::string unknown;
  for (const Item& item : unknown_items) unknown += (unknown.empty() ? "" : ", ") + what_text(item);
  return names_.players[player] + " in round " + std::to_string(info.round) +
         (knows.empty() ? ", knowing nothing of what came before" : ", knowing " + knows) +
         (unknown.empty() ? "" : "; not knowing " + unknown);
}

std::vector<std::string> SequenceTree::branch_labels(std::size_t index) const {
  const SequenceNode& node = nodes[index];
  if (node.kind == SequenceNode::Kind::kDecision) return infosets[node.infoset].action_labels;
  if (node.kind == SequenceNode::Kind::kTerminal) return {};
  if (node.chance_event != SequenceNode::kTypeDraw) return chance_outcomes[node.chance_event];
  return type_profile_labels(prior);
}

double sequence_node_bound(const Scenario& s) {
  if (!s.sequence.present) return 0;
  const std::size_t rounds = whole_rounds(s);
  // Nodes of one round per history entering it, and the branching of a round.
  double per_round = 0, branching = 1;
  for (const SequenceStep& step : s.sequence.steps) {
    if (step.is_chance) {
      per_round += branching;
      branching *= static_cast<double>(s.sequence.chance_events[step.chance].outcomes.size());
      continue;
    }
    for (std::size_t m = 0; m < step.movers.size(); ++m) {
      per_round += branching;
      double actions = 1;
      for (std::size_t l : step.levers[m]) actions *= static_cast<double>(s.players[step.movers[m]].levers[l].size());
      branching *= actions;
    }
  }
  double types = 1;
  for (const PlayerTypes& t : s.types.players) types *= static_cast<double>(t.labels.size());
  double entering = types, nodes = 1;  // the root
  for (std::size_t r = 0; r < rounds; ++r) {
    nodes += entering * per_round;
    entering *= branching;
    if (nodes > 1e300) return 1e300;
  }
  return nodes + entering;  // the leaves
}

SequenceTree build_sequence_tree(const Scenario& scenario, const SequenceBuildOptions& options) {
  if (!scenario.sequence.present)
    throw InputError(scenario.file, 0, 0, "the scenario has no `sequence:` block",
                     "for example:\nsequence:\n  rounds: 3\n  steps:\n    - move: us\n    - move: bytedance");
  return TreeBuilder(scenario, options).build();
}

}  // namespace negsim

namespace negsim {

ScenarioExtensiveForm build_scenario_extensive_form(const Scenario& scenario, const SequenceBuildOptions& options,
                                                    const std::string& title) {
  if (!scenario.sequence.present) (void)build_sequence_tree(scenario, options);  // its error
  return TreeBuilder(scenario, options).build_game(false, title, nullptr);
}

ScenarioExtensiveForm build_scenario_extensive_form(const Scenario& scenario, const SequenceBuildOptions& options,
                                                    const std::string& title, SequenceTree& tree) {
  if (!scenario.sequence.present) (void)build_sequence_tree(scenario, options);
  return TreeBuilder(scenario, options).build_game(true, title, &tree);
}

}  // namespace negsim

// ---- refresh_sequence_numbers: a built tree's numbers at other parameter values ----
// No walk: the build recorded (SequenceNumberPlan) every setting the tree's
// expressions see and where their values go; the numbers are evaluated again
// per setting and written back with the build's arithmetic.
namespace negsim {

namespace {

// Binds `t` at `named`'s values (false: it reads a slot outside `slots`, whose
// settings the build did not record, as when an `if` folds the other way).
bool bind_within(const ExpressionTemplate& t, const ExpressionText& text, const Scenario& named,
                 const std::vector<std::size_t>& slots, CompiledExpression& out) {
  if (t.source().text != text.text) return false;  // not the scenario the tree was built from
  t.bind(named, out);
  const std::vector<std::size_t>& used = out.lever_slots_used();
  return std::includes(slots.begin(), slots.end(), used.begin(), used.end());
}

bool refresh_numbers(const Scenario& s, SequenceTree& tree) {
  const SequenceBlock& seq = s.sequence;
  if (!seq.present || tree.nodes.empty() || !tree.number_plan) return false;
  const SequenceNumberPlan& plan = *tree.number_plan;
  const std::size_t n = s.players.size();
  if (tree.num_players() != n || plan.num_steps != seq.steps.size() ||
      plan.chance_probabilities.size() != seq.chance_events.size() || whole_rounds(s) != tree.rounds)
    return false;
  const double discount = seq.discount.value(s.parameters);
  if (!(discount > 0 && discount <= 1)) return false;
  TypePrior prior = evaluate_prior(s);
  SequenceNode& root = tree.nodes[0];
  if (prior.profiles.size() != root.children.size() || prior.profiles.size() != tree.prior.profiles.size())
    return false;
  for (std::size_t k = 0; k < prior.profiles.size(); ++k)
    if (prior.profiles[k].types != tree.prior.profiles[k].types) return false;

  // The expressions at the new values, as the build compiles them: the
  // expression scenario's structure (as in the build) with s's values.
  if (s.parameters.size() != plan.bind_skeleton.parameters.size()) return false;
  Scenario named = plan.bind_skeleton;
  for (std::size_t i = 0; i < s.parameters.size(); ++i) named.parameters[i].value = s.parameters[i].value;
  const std::vector<ExpressionText>& payoff_text = seq.payoffs.empty() ? s.payoffs : seq.payoffs;
  if (payoff_text.size() != n || plan.payoffs.size() != n || plan.stop.has_value() != seq.stop_when.has_value())
    return false;
  std::vector<CompiledExpression> payoffs(n);
  for (std::size_t p = 0; p < n; ++p)
    if (!bind_within(plan.payoffs[p], payoff_text[p], named, plan.round_end.slots(), payoffs[p])) return false;
  CompiledExpression stop;
  if (plan.stop && !bind_within(*plan.stop, *seq.stop_when, named, plan.round_end.slots(), stop)) return false;

  // Each expression over all the settings of its table at once
  // (evaluate_batch: bit for bit evaluate(), what the build used).
  const std::size_t slots = plan.num_slots;
  std::vector<std::size_t> rows;
  std::vector<double> values, scratch;
  auto load = [&](const SettingTable& table) {  // one row per setting (slots nobody reads stay 0)
    rows.assign(table.size() * slots, 0);
    for (std::size_t k = 0; k < table.size(); ++k) table.apply(k, rows.data() + k * slots);
  };
  auto evaluate_all = [&](const SettingTable& table, const CompiledExpression& e) {
    values.resize(table.size());
    scratch.resize(e.batch_scratch_size(table.size()));
    e.evaluate_batch(rows.data(), slots, table.size(), values.data(), scratch.data());
  };

  // Each setting at the end of a round: payoffs, and stop_when where it decided the shape.
  const std::size_t round_end_settings = plan.round_end.size();
  std::vector<double> payoff_values(round_end_settings * n);
  load(plan.round_end);
  for (std::size_t p = 0; p < n; ++p) {
    evaluate_all(plan.round_end, payoffs[p]);
    for (std::size_t k = 0; k < round_end_settings; ++k) {
      if (!std::isfinite(values[k])) return false;
      payoff_values[k * n + p] = values[k];
    }
  }
  if (plan.stop) {
    evaluate_all(plan.round_end, stop);
    for (std::size_t k = 0; k < round_end_settings; ++k)
      if (plan.stop_decides[k] && (values[k] != 0) != (plan.stops[k] != 0)) return false;
  }
  // Each chance event's settings: its probabilities, checked as the build checks them.
  std::vector<std::vector<double>> chance_values(seq.chance_events.size());
  for (std::size_t e = 0; e < seq.chance_events.size(); ++e) {
    const std::vector<ExpressionText>& text = seq.chance_events[e].probabilities;
    const std::vector<ExpressionTemplate>& templates = plan.chance_probabilities[e];
    const SettingTable& table = plan.chance[e];
    if (table.size() == 0) continue;  // never met
    if (templates.size() != text.size()) return false;
    std::vector<CompiledExpression> probability(text.size());
    for (std::size_t o = 0; o < text.size(); ++o)
      if (!bind_within(templates[o], text[o], named, table.slots(), probability[o])) return false;
    std::vector<double>& by_setting = chance_values[e];
    by_setting.resize(table.size() * text.size());
    load(table);
    for (std::size_t o = 0; o < text.size(); ++o) {
      evaluate_all(table, probability[o]);
      for (std::size_t k = 0; k < table.size(); ++k) {
        if (!(values[k] >= 0 && values[k] <= 1)) return false;
        by_setting[k * text.size() + o] = values[k];
      }
    }
    for (std::size_t k = 0; k < table.size(); ++k) {
      double sum = 0;  // in the build's order
      for (std::size_t o = 0; o < text.size(); ++o) sum += by_setting[k * text.size() + o];
      if (std::abs(sum - 1) > 1e-9) return false;
    }
  }
  // Each condition's settings: it must decide as it did (else another shape).
  for (std::size_t step = 0; step < seq.steps.size(); ++step) {
    if (plan.conditions[step].has_value() != seq.steps[step].when.has_value()) return false;
    if (!plan.conditions[step] || plan.condition[step].size() == 0) continue;
    const SettingTable& table = plan.condition[step];
    CompiledExpression condition;
    if (!bind_within(*plan.conditions[step], *seq.steps[step].when, named, table.slots(), condition)) return false;
    load(table);
    evaluate_all(table, condition);
    for (std::size_t k = 0; k < table.size(); ++k)
      if ((values[k] != 0) != (plan.condition_holds[step][k] != 0)) return false;
  }

  // The same shape: write the numbers.
  for (const SequenceNumberPlan::ChanceNode& c : plan.chance_nodes) {
    std::vector<double>& probabilities = tree.nodes[c.node].probabilities;
    std::copy_n(chance_values[c.event].data() + c.setting * probabilities.size(), probabilities.size(),
                probabilities.begin());
  }
  const std::vector<double> weights = discount_weights(discount, tree.rounds);
  std::vector<double> totals((tree.rounds + 1) * n, 0.0);  // round r's totals at r * n (round 0: zeros)
  for (const SequenceNumberPlan::RoundEnd& e : plan.round_ends) {
    double* total = totals.data() + e.round * n;
    add_round(total - n, weights[e.round], payoff_values.data() + e.setting * n, n, total);
    if (e.leaf != SequenceNumberPlan::kNoLeaf) {
      double* leaf = tree.nodes[e.leaf].payoffs.data();
      for (std::size_t p = 0; p < n; ++p) leaf[p] = total[p];
    }
  }
  for (std::size_t k = 0; k < prior.profiles.size(); ++k) root.probabilities[k] = prior.profiles[k].probability;
  tree.prior = std::move(prior);
  tree.discount = discount;
  return true;
}

}  // namespace

bool refresh_sequence_numbers(const Scenario& scenario, SequenceTree& tree) {
  try {
    return refresh_numbers(scenario, tree);
  } catch (const InputError&) {
    return false;  // the builder raises it, at the same place
  }
}

}  // namespace negsim
