#include "models/game/extensive_form.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "models/errors.hpp"
#include "models/memory_budget.hpp"

namespace negsim {

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// nearest_double with a fast path for the common payoffs: integers and
// rationals with a power-of-two denominator (every payoff given as a double)
// whose numerator fits a double's 53 bits are exactly representable, so
// mpq_get_d is exact; nearest_double's rounding checks allocate.
double to_double(const mpq_class& q) {
  const mpz_srcptr num = q.get_num_mpz_t(), den = q.get_den_mpz_t();
  if (mpz_sizeinbase(num, 2) <= 53 && mpz_popcount(den) == 1 && mpz_sizeinbase(den, 2) <= 1000) return q.get_d();
  return nearest_double(q);
}

void check_probabilities(const std::vector<std::string>& actions,
                         const std::vector<mpq_class>& probs) {
  if (actions.empty()) throw GameStructureError("a chance move needs at least one action");
  if (probs.size() != actions.size())
    throw GameStructureError("a chance move has " + std::to_string(actions.size()) +
                             " actions but " + std::to_string(probs.size()) + " probabilities");
  mpq_class sum = 0;
  for (std::size_t a = 0; a < probs.size(); ++a) {
    if (probs[a] < 0)
      throw GameStructureError("chance probability of action " + quoted(actions[a]) +
                               " is negative (" + probs[a].get_str() + ")");
    sum += probs[a];
  }
  if (sum != 1)
    throw GameStructureError("chance probabilities sum to " + sum.get_str() + ", not 1");
}

}  // namespace

std::vector<mpq_class> EfgOutcome::payoffs() const {
  if (!exact.empty()) return exact;
  return std::vector<mpq_class>(payoffs_d.begin(), payoffs_d.end());
}

ExtensiveFormGame::ExtensiveFormGame() { nodes_.emplace_back(); }

// ---------------------------------------------------------------- construction

std::size_t ExtensiveFormGame::add_player(std::string name) {
  unfinalize();
  player_names_.push_back(std::move(name));
  for (EfgOutcome& o : outcomes_) {  // outcomes made earlier pay the new player 0
    if (!o.exact.empty()) o.exact.emplace_back(0);
    o.payoffs_d.push_back(0.0);
  }
  return player_names_.size() - 1;
}

std::size_t ExtensiveFormGame::add_infoset(std::size_t player, ActionLabels actions, std::string label) {
  if (player >= num_players())
    throw GameStructureError("information set for player " + std::to_string(player + 1) +
                             ", but the game has " + std::to_string(num_players()) + " players");
  if (actions.empty())
    throw GameStructureError("information set " + quoted(label) + " needs at least one action");
  unfinalize();
  EfgInfoset& s = infosets_.emplace_back();
  s.player = player;
  s.given_label = std::move(label);
  s.actions = std::move(actions);
  return infosets_.size() - 1;
}

std::size_t ExtensiveFormGame::add_infoset_labelled_by(std::size_t player, ActionLabels actions,
                                                       std::size_t label_key) {
  const std::size_t i = add_infoset(player, std::move(actions));
  infosets_[i].label_key = label_key;
  return i;
}

std::string ExtensiveFormGame::infoset_label(std::size_t i) const {
  const EfgInfoset& s = infosets_[i];
  if (s.label_key == kNoIndex || !labeler_) return s.given_label;
  return labeler_->label(s.label_key);
}

std::size_t ExtensiveFormGame::add_chance_infoset(std::vector<std::string> actions,
                                                  std::vector<mpq_class> probs, std::string label) {
  check_probabilities(actions, probs);
  unfinalize();
  EfgInfoset s;
  s.player = kChancePlayer;
  s.given_label = std::move(label);
  s.actions = std::move(actions);
  s.chance_probs_d.reserve(probs.size());
  for (const mpq_class& q : probs) s.chance_probs_d.push_back(nearest_double(q));
  s.chance_probs = std::move(probs);
  infosets_.push_back(std::move(s));
  return infosets_.size() - 1;
}

std::size_t ExtensiveFormGame::add_chance_infoset(std::vector<std::string> actions,
                                                  const std::vector<double>& probs,
                                                  std::string label) {
  std::vector<mpq_class> exact;
  mpq_class sum = 0;
  for (double d : probs) {
    if (!std::isfinite(d)) throw GameStructureError("chance probability is not a finite number");
    exact.emplace_back(d);
    sum += exact.back();
  }
  if (abs(sum - 1) > mpq_class(1L, 1000000000000L))
    throw GameStructureError("chance probabilities sum to " + std::to_string(sum.get_d()) +
                             ", not 1");
  if (sum != 1 && sum > 0)
    for (mpq_class& q : exact) q /= sum;
  return add_chance_infoset(std::move(actions), std::move(exact), std::move(label));
}

void ExtensiveFormGame::set_chance_probs(std::size_t infoset, std::vector<mpq_class> probs) {
  EfgInfoset& s = infosets_.at(infoset);
  if (!s.is_chance()) throw GameStructureError("set_chance_probs on a player's information set");
  check_probabilities(s.actions, probs);
  unfinalize();
  s.chance_probs_d.clear();
  for (const mpq_class& q : probs) s.chance_probs_d.push_back(nearest_double(q));
  s.chance_probs = std::move(probs);
}

std::size_t ExtensiveFormGame::add_outcome(std::vector<mpq_class> payoffs, std::string label) {
  if (payoffs.size() != num_players())
    throw GameStructureError("outcome " + quoted(label) + " has " +
                             std::to_string(payoffs.size()) + " payoffs for " +
                             std::to_string(num_players()) + " players");
  unfinalize();
  EfgOutcome& o = outcomes_.emplace_back();
  o.label = std::move(label);
  o.payoffs_d.reserve(payoffs.size());
  for (const mpq_class& q : payoffs) o.payoffs_d.push_back(to_double(q));
  o.exact = std::move(payoffs);
  return outcomes_.size() - 1;
}

std::size_t ExtensiveFormGame::add_outcome(const std::vector<double>& payoffs, std::string label) {
  return add_outcome(payoffs.data(), payoffs.size(), std::move(label));
}

std::size_t ExtensiveFormGame::add_outcome(const double* payoffs, std::size_t count, std::string label) {
  if (count != num_players())
    throw GameStructureError("outcome " + quoted(label) + " has " + std::to_string(count) + " payoffs for " +
                             std::to_string(num_players()) + " players");
  for (std::size_t p = 0; p < count; ++p)
    if (!std::isfinite(payoffs[p]))
      throw GameStructureError("outcome " + quoted(label) + " has a payoff that is not finite");
  unfinalize();
  EfgOutcome& o = outcomes_.emplace_back();
  o.label = std::move(label);
  o.payoffs_d.resize(count);
  // -0 is 0 as a rational: keep the doubles what the rationals' nearest doubles are.
  for (std::size_t p = 0; p < count; ++p) o.payoffs_d[p] = payoffs[p] == 0 ? 0.0 : payoffs[p];
  return outcomes_.size() - 1;
}

void ExtensiveFormGame::reserve(std::size_t nodes, std::size_t infosets, std::size_t outcomes) {
  nodes_.reserve(nodes);
  infosets_.reserve(infosets);
  outcomes_.reserve(outcomes);
}

void ExtensiveFormGame::check_leaf(std::size_t node, const char* what) const {
  if (node >= nodes_.size())
    throw GameStructureError(std::string(what) + ": node " + std::to_string(node) +
                             " does not exist");
  if (nodes_[node].kind != NodeKind::terminal)
    throw GameStructureError(std::string(what) + ": node " + std::to_string(node) +
                             " already has a move");
}

std::size_t ExtensiveFormGame::set_move(std::size_t node, std::size_t infoset) {
  check_leaf(node, "set_move");
  if (infoset >= infosets_.size())
    throw GameStructureError("set_move: information set " + std::to_string(infoset) +
                             " does not exist");
  unfinalize();
  const std::size_t k = infosets_[infoset].num_actions();
  const std::size_t first = nodes_.size();
  {
    EfgNode& n = nodes_[node];
    n.kind = infosets_[infoset].is_chance() ? NodeKind::chance : NodeKind::decision;
    n.infoset = infoset;
    n.first_child = first;
  }
  infosets_[infoset].nodes.push_back(node);
  for (std::size_t a = 0; a < k; ++a) {
    EfgNode c;
    c.parent = node;
    c.action_in_parent = a;
    nodes_.push_back(std::move(c));
  }
  return first;
}

void ExtensiveFormGame::set_outcome(std::size_t node, std::size_t outcome) {
  if (node >= nodes_.size()) throw GameStructureError("set_outcome: no such node");
  if (outcome != kNoIndex && outcome >= outcomes_.size())
    throw GameStructureError("set_outcome: no such outcome");
  unfinalize();
  nodes_[node].outcome = outcome;
}

void ExtensiveFormGame::set_node_label(std::size_t node, std::string label) {
  nodes_.at(node).label = std::move(label);
}

std::size_t ExtensiveFormGame::num_children(std::size_t n) const {
  const EfgNode& x = nodes_[n];
  return x.kind == NodeKind::terminal ? 0 : infosets_[x.infoset].num_actions();
}

std::vector<std::size_t> ExtensiveFormGame::preorder() const {
  std::vector<std::size_t> order;
  order.reserve(nodes_.size());
  std::vector<std::size_t> stack{0};
  while (!stack.empty()) {
    const std::size_t n = stack.back();
    stack.pop_back();
    order.push_back(n);
    const std::size_t k = num_children(n);
    for (std::size_t a = k; a-- > 0;) stack.push_back(nodes_[n].first_child + a);
  }
  return order;
}

std::vector<std::size_t> ExtensiveFormGame::subgame_roots() const {
  const std::vector<std::size_t> order = preorder();
  const std::size_t count = nodes_.size();
  std::vector<std::size_t> pre(count), end(count);
  for (std::size_t k = 0; k < order.size(); ++k) pre[order[k]] = k;
  // Subtree of n = preorder positions [pre[n], end[n]).
  std::vector<std::size_t> lo(count, kNoIndex), hi(count, 0);
  std::vector<std::size_t> set_lo(infosets_.size(), kNoIndex), set_hi(infosets_.size(), 0);
  for (std::size_t i = 0; i < infosets_.size(); ++i)
    for (std::size_t n : infosets_[i].nodes) {
      set_lo[i] = std::min(set_lo[i], pre[n]);
      set_hi[i] = std::max(set_hi[i], pre[n]);
    }
  for (std::size_t k = order.size(); k-- > 0;) {  // children before parents
    const std::size_t n = order[k];
    const EfgNode& x = nodes_[n];
    end[n] = pre[n] + 1;
    if (x.kind == NodeKind::terminal) continue;
    lo[n] = set_lo[x.infoset];
    hi[n] = set_hi[x.infoset];
    for (std::size_t a = 0; a < num_children(n); ++a) {
      const std::size_t c = x.first_child + a;
      end[n] = std::max(end[n], end[c]);
      if (nodes_[c].kind == NodeKind::terminal) continue;
      lo[n] = std::min(lo[n], lo[c]);
      hi[n] = std::max(hi[n], hi[c]);
    }
  }
  std::vector<std::size_t> roots;
  for (std::size_t n : order)
    if (nodes_[n].kind != NodeKind::terminal && lo[n] >= pre[n] && hi[n] < end[n]) roots.push_back(n);
  return roots;
}

// ---------------------------------------------------------------- finalize

void ExtensiveFormGame::finalize() {
  finalized_ = false;
  if (num_players() == 0) throw GameStructureError("the game has no players");
  for (std::size_t i = 0; i < infosets_.size(); ++i)
    if (infosets_[i].nodes.empty())
      throw GameStructureError(describe_infoset(i) + " has no nodes");
  for (const EfgOutcome& o : outcomes_)
    if (o.payoffs_d.size() != num_players())
      throw GameStructureError("outcome " + quoted(o.label) + " does not have one payoff per player");
  const std::vector<std::size_t> order = preorder();
  compute_order(order);
  compute_sequences_and_recall(order);
  compute_terminal_payoffs(order);
  finalized_ = true;
}

void ExtensiveFormGame::compute_order(const std::vector<std::size_t>& order) {
  player_infosets_.assign(num_players(), {});
  chance_infosets_.clear();
  infoset_position_.assign(infosets_.size(), kNoIndex);
  terminals_.clear();
  terminal_slot_.assign(nodes_.size(), kNoIndex);
  for (std::size_t n : order) {
    const EfgNode& x = nodes_[n];
    if (x.kind == NodeKind::terminal) {
      terminal_slot_[n] = terminals_.size();
      terminals_.push_back(n);
      continue;
    }
    if (infoset_position_[x.infoset] != kNoIndex) continue;
    auto& list = infosets_[x.infoset].is_chance() ? chance_infosets_
                                                  : player_infosets_[infosets_[x.infoset].player];
    infoset_position_[x.infoset] = list.size();
    list.push_back(x.infoset);
  }
}

std::string ExtensiveFormGame::describe_infoset(std::size_t i) const {
  const EfgInfoset& s = infosets_[i];
  std::string out;
  const std::size_t pos = (finalized_ || !infoset_position_.empty()) && i < infoset_position_.size()
                              ? infoset_position_[i]
                              : kNoIndex;
  const std::string number = pos == kNoIndex ? "" : " " + std::to_string(pos + 1);
  if (s.is_chance())
    out = "chance information set" + number;
  else
    out = "information set" + number + " of player " + std::to_string(s.player + 1) +
          (s.player < player_names_.size() && !player_names_[s.player].empty()
               ? " (" + quoted(player_names_[s.player]) + ")"
               : "");
  const std::string label = infoset_label(i);
  if (!label.empty()) out += " labelled " + quoted(label);
  return out;
}

void ExtensiveFormGame::compute_sequences_and_recall(const std::vector<std::size_t>& order) {
  const std::size_t np = num_players();
  // Number sequences: players and chance alike, in canonical infoset order.
  num_sequences_.assign(np, 1);
  first_sequence_.assign(infosets_.size(), kNoIndex);
  sequence_infoset_.assign(np, std::vector<std::size_t>{kNoIndex});
  for (std::size_t p = 0; p < np; ++p)
    for (std::size_t i : player_infosets_[p]) {
      first_sequence_[i] = num_sequences_[p];
      num_sequences_[p] += infosets_[i].num_actions();
      sequence_infoset_[p].resize(num_sequences_[p], i);
    }
  std::size_t chance_count = 1;
  std::vector<std::size_t> chance_seq_infoset{kNoIndex};
  for (std::size_t i : chance_infosets_) {
    first_sequence_[i] = chance_count;
    chance_count += infosets_[i].num_actions();
    chance_seq_infoset.resize(chance_count, i);
  }

  // Each node's last own sequence per player (and for chance, slot np).
  const std::size_t width = np + 1;
  std::vector<std::size_t> seq(nodes_.size() * width, 0);
  for (std::size_t n : order) {
    const EfgNode& x = nodes_[n];
    if (x.parent == kNoIndex) continue;
    std::copy_n(seq.begin() + x.parent * width, width, seq.begin() + n * width);
    const EfgNode& par = nodes_[x.parent];
    const std::size_t owner = infosets_[par.infoset].is_chance() ? np : infosets_[par.infoset].player;
    seq[n * width + owner] = first_sequence_[par.infoset] + x.action_in_parent;
  }

  auto describe_sequence = [&](std::size_t owner, std::size_t s) -> std::string {
    if (s == 0) return "no earlier move";
    const std::size_t i = owner == np ? chance_seq_infoset[s] : sequence_infoset_[owner][s];
    const std::size_t a = s - first_sequence_[i];
    return "action " + std::to_string(a + 1) + " (" + quoted(infosets_[i].actions[a]) + ") at " +
           describe_infoset(i);
  };

  recall_problem_.reset();
  parent_sequence_.assign(infosets_.size(), 0);
  std::vector<std::size_t> check_order;
  for (std::size_t p = 0; p < np; ++p)
    check_order.insert(check_order.end(), player_infosets_[p].begin(), player_infosets_[p].end());
  check_order.insert(check_order.end(), chance_infosets_.begin(), chance_infosets_.end());
  for (std::size_t i : check_order) {
    const EfgInfoset& s = infosets_[i];
    const std::size_t owner = s.is_chance() ? np : s.player;
    const std::size_t first = s.nodes.front();
    const std::size_t expected = seq[first * width + owner];
    parent_sequence_[i] = owner == np ? 0 : expected;
    if (recall_problem_) continue;
    auto who_of = [&] { return s.is_chance() ? std::string("chance") : "player " + std::to_string(owner + 1); };
    for (std::size_t n : s.nodes) {
      const std::size_t got = seq[n * width + owner];
      if (got == expected && n != first) continue;  // the usual case: the first node's history
      const std::size_t got_infoset =
          got == 0 ? kNoIndex : (owner == np ? chance_seq_infoset[got] : sequence_infoset_[owner][got]);
      if (got_infoset == i) {
        recall_problem_ = RecallProblem{
            i, describe_infoset(i) + " is on one path twice (node " + std::to_string(n) +
                   " follows a move at the same information set): " + who_of() +
                   " forgets having moved there (absent-mindedness)"};
        break;
      }
      if (got != expected) {
        recall_problem_ = RecallProblem{
            i, describe_infoset(i) + " does not have perfect recall: at node " +
                   std::to_string(first) + " " + who_of() + "'s last move was " +
                   describe_sequence(owner, expected) + ", but at node " + std::to_string(n) +
                   " it was " + describe_sequence(owner, got) + ", and " + who_of() +
                   " cannot tell the two apart"};
        break;
      }
    }
  }
  node_sequence_.assign(nodes_.size() * np, 0);
  for (std::size_t n = 0; n < nodes_.size(); ++n)
    std::copy_n(seq.begin() + n * width, np, node_sequence_.begin() + n * np);
}

void ExtensiveFormGame::compute_terminal_payoffs(const std::vector<std::size_t>& order) {
  const std::size_t np = num_players();
  exact_terminal_payoffs_ = std::make_shared<ExactPayoffs>();
  terminal_payoffs_.assign(terminals_.size(), {});
  bool inner_outcomes = false;
  for (const EfgNode& x : nodes_) inner_outcomes = inner_outcomes || (x.kind != NodeKind::terminal && x.outcome != kNoIndex);
  if (inner_outcomes) {
    // A terminal's doubles are the nearest doubles of exact sums: make them now.
    std::vector<std::vector<mpq_class>> exact;
    compute_exact_payoffs(exact, order);
    for (std::size_t t = 0; t < terminals_.size(); ++t) {
      terminal_payoffs_[t].resize(np);
      for (std::size_t p = 0; p < np; ++p) terminal_payoffs_[t][p] = to_double(exact[t][p]);
    }
    std::call_once(exact_terminal_payoffs_->once, [&] { exact_terminal_payoffs_->by_terminal = std::move(exact); });
  } else {
    // Outcomes on the leaves only: a terminal pays its outcome's own doubles.
    for (std::size_t t = 0; t < terminals_.size(); ++t) {
      const std::size_t o = nodes_[terminals_[t]].outcome;
      if (o == kNoIndex) terminal_payoffs_[t].assign(np, 0.0);
      else terminal_payoffs_[t] = outcomes_[o].payoffs_d;
    }
  }
  min_payoff_.assign(np, 0.0);
  max_payoff_.assign(np, 0.0);
  for (std::size_t p = 0; p < np; ++p) {
    bool first = true;
    for (const auto& v : terminal_payoffs_) {
      if (first || v[p] < min_payoff_[p]) min_payoff_[p] = v[p];
      if (first || v[p] > max_payoff_[p]) max_payoff_[p] = v[p];
      first = false;
    }
  }
}

void ExtensiveFormGame::compute_exact_payoffs(std::vector<std::vector<mpq_class>>& out,
                                              const std::vector<std::size_t>& order) const {
  const std::size_t np = num_players();
  out.assign(terminals_.size(), {});
  // The sum of the outcomes on the path to a node is shared with its
  // descendants until the next outcome: sum_of[n] indexes `sums` (kNoIndex:
  // no outcome yet). Usually outcomes sit on the leaves only, and nothing is
  // copied per inner node.
  std::vector<std::vector<mpq_class>> sums;
  std::vector<std::size_t> sum_of(nodes_.size(), kNoIndex);
  for (std::size_t n : order) {
    const EfgNode& x = nodes_[n];
    const std::size_t inherited = x.parent == kNoIndex ? kNoIndex : sum_of[x.parent];
    if (x.kind == NodeKind::terminal) {
      std::vector<mpq_class>& exact = out[terminal_slot_[n]];
      if (inherited == kNoIndex) exact.assign(np, mpq_class(0));
      else exact = sums[inherited];
      if (x.outcome != kNoIndex)
        for (std::size_t p = 0; p < np; ++p) exact[p] += outcomes_[x.outcome].payoff(p);
      continue;
    }
    sum_of[n] = inherited;
    if (x.outcome == kNoIndex) continue;
    std::vector<mpq_class> sum = inherited == kNoIndex ? std::vector<mpq_class>(np, mpq_class(0)) : sums[inherited];
    for (std::size_t p = 0; p < np; ++p) sum[p] += outcomes_[x.outcome].payoff(p);
    sums.push_back(std::move(sum));
    sum_of[n] = sums.size() - 1;
  }
}

const std::vector<std::vector<mpq_class>>& ExtensiveFormGame::exact_payoffs() const {
  require_finalized();
  ExactPayoffs& cache = *exact_terminal_payoffs_;
  std::call_once(cache.once, [&] { compute_exact_payoffs(cache.by_terminal, preorder()); });
  return cache.by_terminal;
}

// ---------------------------------------------------------------- derived queries

void ExtensiveFormGame::require_finalized() const {
  if (!finalized_)
    throw std::logic_error("ExtensiveFormGame: call finalize() after editing and before queries");
}

const std::vector<std::size_t>& ExtensiveFormGame::player_infosets(std::size_t p) const {
  require_finalized();
  return player_infosets_[p];
}

const std::vector<std::size_t>& ExtensiveFormGame::chance_infosets() const {
  require_finalized();
  return chance_infosets_;
}

std::size_t ExtensiveFormGame::num_behavior_actions(std::size_t p) const {
  return num_sequences(p) - 1;
}

const std::vector<double>& ExtensiveFormGame::terminal_payoffs(std::size_t terminal_node) const {
  require_finalized();
  return terminal_payoffs_[terminal_slot_.at(terminal_node)];
}

const std::vector<mpq_class>& ExtensiveFormGame::exact_terminal_payoffs(
    std::size_t terminal_node) const {
  return exact_payoffs()[terminal_slot_.at(terminal_node)];
}

void ExtensiveFormGame::require_perfect_recall(const std::string& method) const {
  require_finalized();
  if (recall_problem_)
    throw InputError(source, 0, 0,
                     method + " needs a game with perfect recall: " + recall_problem_->message,
                     "methods on behaviour strategies of games with imperfect recall are not "
                     "supported (Gambit refuses them too); fix the information sets, or use "
                     "'negsim export' to the normal form");
}

// ---------------------------------------------------------------- sequence form

SequenceConstraints ExtensiveFormGame::sequence_constraints(std::size_t p) const {
  require_perfect_recall("the sequence form");
  SequenceConstraints c;
  c.rows = 1 + player_infosets_[p].size();
  c.cols = num_sequences_[p];
  c.entries.push_back({0, 0, 1});
  for (std::size_t k = 0; k < player_infosets_[p].size(); ++k) {
    const std::size_t i = player_infosets_[p][k];
    c.entries.push_back({k + 1, parent_sequence_[i], -1});
    for (std::size_t a = 0; a < infosets_[i].num_actions(); ++a)
      c.entries.push_back({k + 1, first_sequence_[i] + a, 1});
  }
  return c;
}

std::vector<TerminalSequences> ExtensiveFormGame::terminal_sequences() const {
  require_perfect_recall("the sequence form");
  const std::size_t np = num_players();
  // Chance reach probability by node, exactly, in preorder.
  std::vector<mpq_class> chance(nodes_.size());
  std::vector<TerminalSequences> out;
  out.reserve(terminals_.size());
  for (std::size_t n : preorder()) {
    const EfgNode& x = nodes_[n];
    if (x.parent == kNoIndex) {
      chance[n] = 1;
    } else {
      const EfgNode& par = nodes_[x.parent];
      const EfgInfoset& s = infosets_[par.infoset];
      chance[n] = s.is_chance() ? chance[x.parent] * s.chance_probs[x.action_in_parent]
                                : chance[x.parent];
    }
    if (x.kind == NodeKind::terminal) {
      TerminalSequences t;
      t.node = n;
      t.sequence.assign(node_sequence_.begin() + n * np, node_sequence_.begin() + (n + 1) * np);
      t.chance = chance[n];
      t.chance_d = nearest_double(chance[n]);
      out.push_back(std::move(t));
    }
  }
  return out;
}

std::vector<SequencePayoff> ExtensiveFormGame::sequence_payoffs() const {
  if (num_players() != 2)
    throw std::logic_error("sequence_payoffs: the sparse pair form is for two players");
  std::map<std::pair<std::size_t, std::size_t>, std::array<mpq_class, 2>> sums;
  const std::vector<std::vector<mpq_class>>& exact_payoff = exact_payoffs();
  for (const TerminalSequences& t : terminal_sequences()) {
    if (t.chance == 0) continue;
    auto& cell = sums[{t.sequence[0], t.sequence[1]}];
    const auto& pay = exact_payoff[terminal_slot_[t.node]];
    cell[0] += t.chance * pay[0];
    cell[1] += t.chance * pay[1];
  }
  std::vector<SequencePayoff> out;
  out.reserve(sums.size());
  for (auto& entry : sums) {
    SequencePayoff e;
    e.row = entry.first.first;
    e.col = entry.first.second;
    e.exact = entry.second;
    e.payoff = {nearest_double(e.exact[0]), nearest_double(e.exact[1])};
    out.push_back(std::move(e));
  }
  return out;
}

// ---------------------------------------------------------------- reduced normal form

double ExtensiveFormGame::count_reduced_strategies(std::size_t p) const {
  require_perfect_recall("the reduced normal form");
  // count[s]: reduced strategies of the part of the tree after sequence s.
  std::vector<double> count(num_sequences_[p], 1.0);
  const auto& list = player_infosets_[p];
  for (std::size_t k = list.size(); k-- > 0;) {  // children come after parents
    const std::size_t i = list[k];
    double sum = 0;
    for (std::size_t a = 0; a < infosets_[i].num_actions(); ++a) sum += count[first_sequence_[i] + a];
    count[parent_sequence_[i]] *= sum;
  }
  return count[0];
}

double ExtensiveFormGame::reduced_normal_form_bytes() const {
  double profiles = 1;
  for (std::size_t p = 0; p < num_players(); ++p) profiles *= count_reduced_strategies(p);
  // double payoff + mpq_class (32 bytes) + its limbs (about 16) per player and profile.
  return profiles * static_cast<double>(num_players()) * 56.0;
}

std::vector<ReducedStrategy> ExtensiveFormGame::reduced_strategies(std::size_t p) const {
  require_perfect_recall("the reduced normal form");
  const auto& list = player_infosets_[p];
  check_memory_estimate(count_reduced_strategies(p) * static_cast<double>(list.size() + 4) * 8.0,
                        "the reduced strategies of player " + std::to_string(p + 1));
  std::vector<ReducedStrategy> out;
  ReducedStrategy current(list.size(), kNoIndex);
  // Infoset k is active iff its parent sequence is empty or chosen.
  auto active = [&](std::size_t k) {
    const std::size_t ps = parent_sequence_[list[k]];
    if (ps == 0) return true;
    const std::size_t pi = sequence_infoset_[p][ps];
    return current[infoset_position_[pi]] == ps - first_sequence_[pi];
  };
  auto recurse = [&](auto&& self, std::size_t k) -> void {
    if (k == list.size()) {
      out.push_back(current);
      return;
    }
    if (!active(k)) {
      current[k] = kNoIndex;
      self(self, k + 1);
      return;
    }
    for (std::size_t a = 0; a < infosets_[list[k]].num_actions(); ++a) {
      current[k] = a;
      self(self, k + 1);
    }
    current[k] = kNoIndex;
  };
  recurse(recurse, 0);
  return out;
}

std::string ExtensiveFormGame::reduced_strategy_label(std::size_t p,
                                                      const ReducedStrategy& s) const {
  const auto& list = player_infosets_[p];
  bool wide = false;
  for (std::size_t i : list) wide = wide || infosets_[i].num_actions() > 9;
  std::string out;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (wide && k > 0) out += ",";
    out += s[k] == kNoIndex ? std::string("*") : std::to_string(s[k] + 1);
  }
  return out.empty() ? std::string("1") : out;  // a player without moves has one strategy
}

NormalFormGame ExtensiveFormGame::reduced_normal_form() const {
  require_perfect_recall("the reduced normal form");
  check_memory_estimate(reduced_normal_form_bytes(), "the reduced normal form");
  const std::size_t np = num_players();
  std::vector<std::vector<ReducedStrategy>> strategies(np);
  std::vector<std::size_t> counts(np);
  for (std::size_t p = 0; p < np; ++p) {
    strategies[p] = reduced_strategies(p);
    counts[p] = strategies[p].size();
  }
  if (NormalFormGame::count_profiles(counts) == 0)
    throw LimitError("the reduced normal form has more than 2^63 profiles");
  NormalFormGame g(counts);
  g.title = title;
  g.comment = comment;
  g.player_names = player_names_;
  for (std::size_t p = 0; p < np; ++p) {
    g.action_labels[p].clear();
    for (const ReducedStrategy& s : strategies[p])
      g.action_labels[p].push_back(reduced_strategy_label(p, s));
  }
  const std::size_t profiles = g.num_profiles();
  std::vector<mpq_class> exact(profiles * np);
  const std::vector<std::vector<mpq_class>>& exact_payoff = exact_payoffs();
  std::vector<std::pair<std::size_t, mpq_class>> stack;
  for (std::size_t idx = 0; idx < profiles; ++idx) {
    const PureProfile acts = g.profile_actions(idx);
    stack.clear();
    stack.emplace_back(0, mpq_class(1));
    while (!stack.empty()) {
      auto [n, w] = std::move(stack.back());
      stack.pop_back();
      const EfgNode& x = nodes_[n];
      if (x.kind == NodeKind::terminal) {
        const auto& pay = exact_payoff[terminal_slot_[n]];
        for (std::size_t p = 0; p < np; ++p) exact[p * profiles + idx] += w * pay[p];
      } else if (x.kind == NodeKind::chance) {
        const EfgInfoset& s = infosets_[x.infoset];
        for (std::size_t a = 0; a < s.num_actions(); ++a)
          if (s.chance_probs[a] != 0) stack.emplace_back(x.first_child + a, w * s.chance_probs[a]);
      } else {
        const std::size_t p = infosets_[x.infoset].player;
        const std::size_t a = strategies[p][acts[p]][infoset_position_[x.infoset]];
        stack.emplace_back(x.first_child + a, std::move(w));
      }
    }
  }
  g.set_exact_payoffs(std::move(exact));
  return g;
}

// ---------------------------------------------------------------- behaviour profiles

BehaviorProfile ExtensiveFormGame::uniform_behavior() const {
  BehaviorProfile b(infosets_.size());
  for (std::size_t i = 0; i < infosets_.size(); ++i) {
    const EfgInfoset& s = infosets_[i];
    b[i] = s.is_chance() ? s.chance_probs_d
                         : std::vector<double>(s.num_actions(), 1.0 / static_cast<double>(s.num_actions()));
  }
  return b;
}

ExactBehaviorProfile ExtensiveFormGame::exact_uniform_behavior() const {
  ExactBehaviorProfile b(infosets_.size());
  for (std::size_t i = 0; i < infosets_.size(); ++i) {
    const EfgInfoset& s = infosets_[i];
    b[i] = s.is_chance() ? s.chance_probs
                         : std::vector<mpq_class>(s.num_actions(), mpq_class(1, s.num_actions()));
  }
  return b;
}

BehaviorProfile ExtensiveFormGame::pure_behavior(
    const std::vector<std::size_t>& action_per_infoset) const {
  BehaviorProfile b = uniform_behavior();
  for (std::size_t i = 0; i < infosets_.size(); ++i) {
    if (infosets_[i].is_chance()) continue;
    std::fill(b[i].begin(), b[i].end(), 0.0);
    b[i].at(action_per_infoset.at(i)) = 1.0;
  }
  return b;
}

bool ExtensiveFormGame::is_valid_behavior(const BehaviorProfile& profile, double tol) const {
  if (profile.size() != infosets_.size()) return false;
  for (std::size_t i = 0; i < infosets_.size(); ++i) {
    if (infosets_[i].is_chance()) continue;
    if (profile[i].size() != infosets_[i].num_actions()) return false;
    double sum = 0;
    for (double v : profile[i]) {
      if (!(v >= -tol)) return false;
      sum += v;
    }
    if (!(std::abs(sum - 1.0) <= tol)) return false;
  }
  return true;
}

namespace {
template <class T, class Profile>
std::vector<T> reach_impl(const ExtensiveFormGame& g, const Profile& profile,
                          const std::vector<T>& (*chance_of)(const EfgInfoset&)) {
  std::vector<T> reach(g.num_nodes());
  reach[0] = 1;
  // Children are appended after their parent, so index order is parent-first.
  for (std::size_t n = 0; n < g.num_nodes(); ++n) {
    const EfgNode& x = g.node(n);
    if (x.kind == NodeKind::terminal) continue;
    const EfgInfoset& s = g.infoset(x.infoset);
    const std::vector<T>& probs = s.is_chance() ? chance_of(s) : profile[x.infoset];
    for (std::size_t a = 0; a < s.num_actions(); ++a) reach[x.first_child + a] = reach[n] * probs[a];
  }
  return reach;
}
const std::vector<double>& chance_d(const EfgInfoset& s) { return s.chance_probs_d; }
const std::vector<mpq_class>& chance_q(const EfgInfoset& s) { return s.chance_probs; }
}  // namespace

std::vector<double> ExtensiveFormGame::reach_probabilities(const BehaviorProfile& profile) const {
  return reach_impl<double>(*this, profile, &chance_d);
}

std::vector<mpq_class> ExtensiveFormGame::exact_reach_probabilities(
    const ExactBehaviorProfile& profile) const {
  return reach_impl<mpq_class>(*this, profile, &chance_q);
}

std::vector<double> ExtensiveFormGame::expected_payoffs(const BehaviorProfile& profile) const {
  require_finalized();
  const std::vector<double> reach = reach_probabilities(profile);
  std::vector<double> out(num_players(), 0.0);
  for (std::size_t t = 0; t < terminals_.size(); ++t)
    for (std::size_t p = 0; p < num_players(); ++p)
      out[p] += reach[terminals_[t]] * terminal_payoffs_[t][p];
  return out;
}

std::vector<mpq_class> ExtensiveFormGame::exact_expected_payoffs(
    const ExactBehaviorProfile& profile) const {
  require_finalized();
  const std::vector<mpq_class> reach = exact_reach_probabilities(profile);
  const std::vector<std::vector<mpq_class>>& exact_payoff = exact_payoffs();
  std::vector<mpq_class> out(num_players(), mpq_class(0));
  for (std::size_t t = 0; t < terminals_.size(); ++t) {
    if (reach[terminals_[t]] == 0) continue;
    for (std::size_t p = 0; p < num_players(); ++p)
      out[p] += reach[terminals_[t]] * exact_payoff[t][p];
  }
  return out;
}

namespace {
template <class T, class Profile>
std::vector<T> weights_impl(const ExtensiveFormGame& g, const Profile& profile, std::size_t p) {
  std::vector<T> w(g.num_sequences(p), T(0));
  w[0] = 1;
  for (std::size_t i : g.player_infosets(p))  // parents before children
    for (std::size_t a = 0; a < g.infoset(i).num_actions(); ++a)
      w[g.sequence(i, a)] = w[g.parent_sequence(i)] * profile[i][a];
  return w;
}
}  // namespace

std::vector<double> ExtensiveFormGame::sequence_weights(const BehaviorProfile& profile,
                                                        std::size_t p) const {
  return weights_impl<double>(*this, profile, p);
}

std::vector<mpq_class> ExtensiveFormGame::exact_sequence_weights(
    const ExactBehaviorProfile& profile, std::size_t p) const {
  return weights_impl<mpq_class>(*this, profile, p);
}

void ExtensiveFormGame::behavior_from_sequence_weights(std::size_t p,
                                                       const std::vector<double>& weights,
                                                       BehaviorProfile& profile) const {
  if (profile.size() != infosets_.size()) profile = uniform_behavior();
  for (std::size_t i : player_infosets(p)) {
    const std::size_t k = infosets_[i].num_actions();
    double sum = 0;
    for (std::size_t a = 0; a < k; ++a) sum += std::max(0.0, weights[sequence(i, a)]);
    profile[i].assign(k, 1.0 / static_cast<double>(k));
    if (sum > 0)
      for (std::size_t a = 0; a < k; ++a) profile[i][a] = std::max(0.0, weights[sequence(i, a)]) / sum;
  }
}

void ExtensiveFormGame::exact_behavior_from_sequence_weights(
    std::size_t p, const std::vector<mpq_class>& weights, ExactBehaviorProfile& profile) const {
  if (profile.size() != infosets_.size()) profile = exact_uniform_behavior();
  for (std::size_t i : player_infosets(p)) {
    const std::size_t k = infosets_[i].num_actions();
    mpq_class sum = 0;
    for (std::size_t a = 0; a < k; ++a) sum += weights[sequence(i, a)];
    profile[i].assign(k, mpq_class(1, k));
    if (sum > 0)
      for (std::size_t a = 0; a < k; ++a) profile[i][a] = weights[sequence(i, a)] / sum;
  }
}

std::vector<double> ExtensiveFormGame::flatten_behavior(const BehaviorProfile& profile) const {
  std::vector<double> out;
  for (std::size_t p = 0; p < num_players(); ++p)
    for (std::size_t i : player_infosets(p)) out.insert(out.end(), profile[i].begin(), profile[i].end());
  return out;
}

std::vector<mpq_class> ExtensiveFormGame::flatten_exact_behavior(
    const ExactBehaviorProfile& profile) const {
  std::vector<mpq_class> out;
  for (std::size_t p = 0; p < num_players(); ++p)
    for (std::size_t i : player_infosets(p)) out.insert(out.end(), profile[i].begin(), profile[i].end());
  return out;
}

ExtensiveFormGame extensive_form_of(const NormalFormGame& game) {
  const std::size_t np = game.num_players();
  double nodes = 1, level = 1;
  for (std::size_t p = 0; p < np; ++p) {
    level *= static_cast<double>(game.num_actions(p));
    nodes += level;
  }
  check_memory_estimate(nodes * (sizeof(EfgNode) + 16.0) + level * np * 48.0,
                        "the game tree of the normal-form game");
  ExtensiveFormGame g;
  g.title = game.title;
  g.comment = game.comment;
  std::vector<std::size_t> sets;
  for (std::size_t p = 0; p < np; ++p) {
    g.add_player(p < game.player_names.size() ? game.player_names[p] : "Player " + std::to_string(p + 1));
    std::vector<std::string> labels;
    for (std::size_t a = 0; a < game.num_actions(p); ++a)
      labels.push_back(p < game.action_labels.size() && a < game.action_labels[p].size() ? game.action_labels[p][a]
                                                                                          : std::to_string(a + 1));
    sets.push_back(g.add_infoset(p, labels));
  }
  // Level by level; `frontier` holds (node, profile index so far).
  std::vector<std::pair<std::size_t, std::size_t>> frontier{{0, 0}};
  for (std::size_t p = 0; p < np; ++p) {
    std::vector<std::pair<std::size_t, std::size_t>> next;
    next.reserve(frontier.size() * game.num_actions(p));
    for (const auto& [node, index] : frontier) {
      const std::size_t first = g.set_move(node, sets[p]);
      for (std::size_t a = 0; a < game.num_actions(p); ++a) next.emplace_back(first + a, index + a * game.stride(p));
    }
    frontier = std::move(next);
  }
  for (const auto& [node, index] : frontier) {
    std::vector<mpq_class> pay;
    for (std::size_t p = 0; p < np; ++p) pay.push_back(game.exact_or_double_payoff(p, index));
    g.set_outcome(node, g.add_outcome(std::move(pay)));
  }
  g.finalize();
  return g;
}

}  // namespace negsim
