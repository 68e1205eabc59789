// Finite extensive-form games: a tree with decision, chance and terminal
// nodes, information sets, outcomes, and the derived sequence form and reduced
// normal form.
//
// References: Kuhn (1953), "Extensive games and the problem of information"
// (information sets, perfect recall, behaviour strategies); Koller, Megiddo and
// von Stengel (1996), "Efficient computation of equilibria for extensive
// two-person games" and von Stengel (1996), "Efficient computation of behavior
// strategies" (sequences, realization plans, the sequence form E x = e).
//
// Contract
//  - Players are 0..n-1; chance is the pseudo-player kChancePlayer.
//  - Nodes live in one flat array; node 0 is the root. A node starts as a
//    terminal leaf; set_move(node, infoset) turns a leaf into a decision (or
//    chance) node and appends its children, one per action of the infoset,
//    CONTIGUOUSLY: child a of node n is nodes()[n].first_child + a. Growing the
//    tree only from leaves makes cycles impossible, and a node's action count
//    is always its information set's.
//  - Information sets are one global array (player and chance sets alike).
//    A player's information sets, in canonical order, are player_infosets(p):
//    ordered by their first node in depth-first preorder (Gambit's order, which
//    is the order of first appearance in an .efg file). Chance information
//    sets carry probabilities (exact rationals and their nearest doubles) that
//    must be nonnegative and sum to exactly 1.
//  - Outcomes are payoff vectors (exact + double) attached to ANY node, as in
//    Gambit: a terminal's payoff is the sum of the outcomes on its path.
//  - Labels of nodes, information sets, actions and outcomes are free text;
//    repeated and non-ASCII labels are allowed (Gambit 16.7 refuses some).
//    Action labels are shared (ActionLabels): information sets with the same
//    actions hold one table, and adding one copies a pointer, not the strings.
//    An information set's label may be written on demand by an
//    InfosetLabeler (a builder that can describe its sets in words, when only
//    a writer or a report asks): read labels with infoset_label(i).
//  - Outcomes made from doubles keep the doubles only (their exact values are
//    the doubles' binary values, made on demand); exact terminal payoffs are
//    computed on the first call of exact_terminal_payoffs() (thread-safe),
//    so a game solved in double precision never makes a rational.
//  - finalize() validates the game and computes the derived data (canonical
//    order, sequences, terminal payoffs, perfect recall). Every query below
//    the "derived" line requires a finalized game; any edit un-finalizes it.
//  - Perfect recall (Kuhn): every node of an information set has the same
//    history of its owner's own (information set, action) choices. Checked
//    for chance too, as Gambit 16.7 does. recall_problem() names the first
//    failing information set and why; the sequence form and reduced normal
//    form require perfect recall (require_perfect_recall throws InputError).
//  - Sequences of player p: 0 is the empty sequence; the sequence of action a
//    at information set I is first_sequence(I) + a, numbered in canonical
//    infoset order from 1, so sequence s >= 1 is the Gambit-order behaviour
//    index s - 1 among p's actions.
//  - Behaviour profiles: profile[infoset][action] over the GLOBAL infoset
//    array. Rows of chance information sets are ignored by every function
//    here (the factories fill them with the chance probabilities).
//
// Complexity: finalize O(nodes * players + infosets); sequence form O(nodes);
// reduced normal form O(profiles * nodes) after a memory estimate.
// Limits: sizes are bounded by memory only; the reduced normal form is
// exponential in the tree and is refused (LimitError) when its estimate
// exceeds the memory budget (models/memory_budget.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmpxx.h>

#include "models/game/normal_form.hpp"
#include "models/game/shared_list.hpp"

namespace negsim {

inline constexpr std::size_t kNoIndex = std::numeric_limits<std::size_t>::max();
inline constexpr std::size_t kChancePlayer = std::numeric_limits<std::size_t>::max() - 1;

// A malformed game built through the API (a reader or builder converts it to
// an InputError with the location of the offending text).
class GameStructureError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

enum class NodeKind : std::uint8_t { terminal, decision, chance };

struct EfgNode {
  NodeKind kind = NodeKind::terminal;
  std::size_t parent = kNoIndex;
  std::size_t action_in_parent = kNoIndex;  // which action of the parent leads here
  std::size_t infoset = kNoIndex;           // decision and chance nodes
  std::size_t first_child = kNoIndex;       // children are contiguous
  std::size_t outcome = kNoIndex;           // optional, any node
  std::string label;
};

// An information set's action labels, shared: copying one copies a pointer
// (information sets with the same actions share one table).
using ActionLabels = SharedList<std::string>;

// Writes information sets' labels on demand (see ExtensiveFormGame::set_infoset_labeler).
class InfosetLabeler {
 public:
  virtual ~InfosetLabeler() = default;
  virtual std::string label(std::size_t key) const = 0;
};

struct EfgInfoset {
  std::size_t player = kNoIndex;  // kChancePlayer for chance
  // The label given to add_infoset; when label_key != kNoIndex the game's
  // labeler writes it instead: read ExtensiveFormGame::infoset_label(i).
  std::string given_label;
  std::size_t label_key = kNoIndex;
  ActionLabels actions;
  std::vector<mpq_class> chance_probs;  // chance only, exact
  std::vector<double> chance_probs_d;   // chance only, nearest doubles
  std::vector<std::size_t> nodes;       // members, in the order they joined
  std::size_t num_actions() const { return actions.size(); }
  bool is_chance() const { return player == kChancePlayer; }
};

struct EfgOutcome {
  std::string label;
  std::vector<double> payoffs_d;   // one per player, nearest doubles
  std::vector<mpq_class> exact;    // one per player; EMPTY when the payoffs are exactly payoffs_d
  mpq_class payoff(std::size_t p) const { return exact.empty() ? mpq_class(payoffs_d[p]) : exact[p]; }
  std::vector<mpq_class> payoffs() const;  // exact, one per player
};

// Why perfect recall fails, naming the information set.
struct RecallProblem {
  std::size_t infoset = kNoIndex;
  std::string message;
};

// One sparse entry of a sequence-form constraint matrix (values are -1 or 1).
struct SparseEntry {
  std::size_t row = 0;
  std::size_t col = 0;
  int value = 0;
};

// E x = e for one player: rows = 1 + infosets, cols = sequences; e = (1,0,...).
// Row 0 says x[empty] = 1; row 1+k says sum_a x[(I_k,a)] - x[parent(I_k)] = 0.
struct SequenceConstraints {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<SparseEntry> entries;
};

// A terminal as seen by the sequence form: each player's sequence leading to
// it and the product of chance probabilities on its path.
struct TerminalSequences {
  std::size_t node = kNoIndex;
  std::vector<std::size_t> sequence;  // per player
  mpq_class chance;
  double chance_d = 1.0;
};

// Two-player sequence-form payoff at a pair of sequences: the sum over the
// terminals reached by (row, col) of chance probability times payoff.
struct SequencePayoff {
  std::size_t row = 0;  // player 0's sequence
  std::size_t col = 0;  // player 1's sequence
  std::array<double, 2> payoff{};
  std::array<mpq_class, 2> exact;
};

// A reduced pure strategy of one player: an action for every one of the
// player's information sets that its own choices do not exclude; kNoIndex for
// the others. Indexed by the player's canonical infoset position.
using ReducedStrategy = std::vector<std::size_t>;

using BehaviorProfile = std::vector<std::vector<double>>;
using ExactBehaviorProfile = std::vector<std::vector<mpq_class>>;

class ExtensiveFormGame {
 public:
  ExtensiveFormGame();  // one node: the root, a terminal leaf

  std::string title;
  std::string comment;
  std::string source;  // file the game came from, for messages ("" if built)

  // ---- construction -------------------------------------------------------
  std::size_t add_player(std::string name);
  // A player's information set with the given action labels (at least one).
  std::size_t add_infoset(std::size_t player, ActionLabels actions, std::string label = "");
  // The same, its label written on demand by the game's labeler with `label_key`.
  std::size_t add_infoset_labelled_by(std::size_t player, ActionLabels actions, std::size_t label_key);
  // The labeler of information sets added with add_infoset_labelled_by.
  void set_infoset_labeler(std::shared_ptr<const InfosetLabeler> labeler) { labeler_ = std::move(labeler); }
  // A chance information set; probabilities must be >= 0 and sum to 1 exactly.
  std::size_t add_chance_infoset(std::vector<std::string> actions, std::vector<mpq_class> probs,
                                 std::string label = "");
  // Doubles are taken at their exact binary value; they must sum to 1 within 1e-12
  // and are then rescaled exactly so that the rationals sum to 1.
  std::size_t add_chance_infoset(std::vector<std::string> actions, const std::vector<double>& probs,
                                 std::string label = "");
  std::size_t add_outcome(std::vector<mpq_class> payoffs, std::string label = "");
  // Exact values are the doubles' binary values (kept as doubles, see above).
  std::size_t add_outcome(const std::vector<double>& payoffs, std::string label = "");
  std::size_t add_outcome(const double* payoffs, std::size_t count, std::string label = "");
  // Room for this many nodes, information sets and outcomes (a builder that
  // knows its sizes saves the growth copies; no effect on the game).
  void reserve(std::size_t nodes, std::size_t infosets, std::size_t outcomes);
  // Turns leaf `node` into a move at `infoset`; appends one child per action
  // and returns the index of the first child.
  std::size_t set_move(std::size_t node, std::size_t infoset);
  void set_outcome(std::size_t node, std::size_t outcome);
  void set_node_label(std::size_t node, std::string label);
  // Replaces a chance information set's probabilities (same rules as above).
  void set_chance_probs(std::size_t infoset, std::vector<mpq_class> probs);

  // Validates (every infoset used, every outcome has one payoff per player,
  // at least one player) and computes the derived data. Throws
  // GameStructureError. Imperfect recall is NOT an error here: see
  // has_perfect_recall().
  void finalize();
  bool finalized() const { return finalized_; }

  // ---- plain data ---------------------------------------------------------
  std::size_t num_players() const { return player_names_.size(); }
  const std::string& player_name(std::size_t p) const { return player_names_[p]; }
  const std::vector<std::string>& player_names() const { return player_names_; }
  std::size_t num_nodes() const { return nodes_.size(); }
  const EfgNode& node(std::size_t n) const { return nodes_[n]; }
  const std::vector<EfgNode>& nodes() const { return nodes_; }
  std::size_t num_children(std::size_t n) const;
  std::size_t child(std::size_t n, std::size_t action) const { return nodes_[n].first_child + action; }
  std::size_t num_infosets() const { return infosets_.size(); }
  const EfgInfoset& infoset(std::size_t i) const { return infosets_[i]; }
  // Its label: the one given, or the labeler's.
  std::string infoset_label(std::size_t i) const;
  const std::vector<EfgInfoset>& infosets() const { return infosets_; }
  std::size_t num_outcomes() const { return outcomes_.size(); }
  const EfgOutcome& outcome(std::size_t o) const { return outcomes_[o]; }
  // Nodes in depth-first preorder (children in action order).
  std::vector<std::size_t> preorder() const;
  // Roots of subgames: the root and every decision or chance node whose
  // subtree holds all nodes of each information set it touches. In preorder.
  std::vector<std::size_t> subgame_roots() const;

  // ---- derived (require finalize()) ----------------------------------------
  // Player p's information sets in canonical (preorder first-node) order.
  const std::vector<std::size_t>& player_infosets(std::size_t p) const;
  // Chance information sets in canonical order.
  const std::vector<std::size_t>& chance_infosets() const;
  // Position of an information set within its owner's canonical list.
  std::size_t infoset_position(std::size_t infoset) const { return infoset_position_[infoset]; }
  // Number of actions of player p over all its information sets.
  std::size_t num_behavior_actions(std::size_t p) const;

  const std::vector<std::size_t>& terminals() const { return terminals_; }  // preorder
  // Payoff to each player at a terminal (outcomes summed along the path).
  const std::vector<double>& terminal_payoffs(std::size_t terminal_node) const;
  const std::vector<mpq_class>& exact_terminal_payoffs(std::size_t terminal_node) const;
  // Smallest and largest terminal payoff of player p (range for regrets).
  double min_payoff(std::size_t p) const { return min_payoff_[p]; }
  double max_payoff(std::size_t p) const { return max_payoff_[p]; }

  bool has_perfect_recall() const { return !recall_problem_.has_value(); }
  const std::optional<RecallProblem>& recall_problem() const { return recall_problem_; }
  // Throws InputError naming the failing information set and `method` when
  // the game has imperfect recall.
  void require_perfect_recall(const std::string& method) const;
  // "Player 1's information set 2 (\"label\")" style name for messages.
  std::string describe_infoset(std::size_t infoset) const;

  // Sequences. Require perfect recall for parent_sequence to be meaningful.
  std::size_t num_sequences(std::size_t p) const { return num_sequences_[p]; }
  std::size_t first_sequence(std::size_t infoset) const { return first_sequence_[infoset]; }
  std::size_t sequence(std::size_t infoset, std::size_t action) const {
    return first_sequence_[infoset] + action;
  }
  std::size_t parent_sequence(std::size_t infoset) const { return parent_sequence_[infoset]; }
  // The information set and action ending sequence s >= 1 of player p.
  std::size_t sequence_infoset(std::size_t p, std::size_t s) const { return sequence_infoset_[p][s]; }
  std::size_t sequence_action(std::size_t p, std::size_t s) const {
    return s - first_sequence_[sequence_infoset_[p][s]];
  }
  // Player p's last sequence on the path to node n (0 if none).
  std::size_t node_sequence(std::size_t n, std::size_t p) const {
    return node_sequence_[n * num_players() + p];
  }

  // ---- sequence form (requires perfect recall) ----------------------------
  SequenceConstraints sequence_constraints(std::size_t p) const;
  std::vector<TerminalSequences> terminal_sequences() const;
  // Two players only: payoffs aggregated by sequence pair, sorted by (row, col).
  std::vector<SequencePayoff> sequence_payoffs() const;

  // ---- reduced normal form (requires perfect recall) ----------------------
  // Number of reduced strategies of p (as a double: it can be astronomical).
  double count_reduced_strategies(std::size_t p) const;
  // Bytes the reduced normal form would take (payoffs double + exact).
  double reduced_normal_form_bytes() const;
  // Player p's reduced strategies, the first information set varying slowest.
  std::vector<ReducedStrategy> reduced_strategies(std::size_t p) const;
  // Gambit-style label of a reduced strategy: action numbers (1-based) per
  // information set, '*' where unreached ("1*2"); comma-separated when an
  // information set has more than 9 actions.
  std::string reduced_strategy_label(std::size_t p, const ReducedStrategy& s) const;
  // The reduced normal form, exact payoffs included. Throws LimitError (via
  // check_memory_estimate) before allocating when it would not fit.
  NormalFormGame reduced_normal_form() const;

  // ---- behaviour profiles --------------------------------------------------
  // Players uniform, chance rows hold the chance probabilities.
  BehaviorProfile uniform_behavior() const;
  ExactBehaviorProfile exact_uniform_behavior() const;
  // A pure behaviour profile from one action per information set (chance rows ignored).
  BehaviorProfile pure_behavior(const std::vector<std::size_t>& action_per_infoset) const;
  // True if every player row is a probability vector within tol.
  bool is_valid_behavior(const BehaviorProfile& profile, double tol = 1e-9) const;
  // Probability of reaching each node (chance included).
  std::vector<double> reach_probabilities(const BehaviorProfile& profile) const;
  std::vector<mpq_class> exact_reach_probabilities(const ExactBehaviorProfile& profile) const;
  std::vector<double> expected_payoffs(const BehaviorProfile& profile) const;
  std::vector<mpq_class> exact_expected_payoffs(const ExactBehaviorProfile& profile) const;
  // Player p's realization plan (sequence weights) of a behaviour profile.
  std::vector<double> sequence_weights(const BehaviorProfile& profile, std::size_t p) const;
  std::vector<mpq_class> exact_sequence_weights(const ExactBehaviorProfile& profile,
                                                std::size_t p) const;
  // Writes player p's rows of `profile` from a realization plan: x(I,a)/x(parent);
  // uniform where the parent weight is zero (the plan says nothing there).
  void behavior_from_sequence_weights(std::size_t p, const std::vector<double>& weights,
                                      BehaviorProfile& profile) const;
  void exact_behavior_from_sequence_weights(std::size_t p, const std::vector<mpq_class>& weights,
                                            ExactBehaviorProfile& profile) const;
  // Player actions flattened in Gambit's order (player by player, infoset by
  // infoset in canonical order, action by action).
  std::vector<double> flatten_behavior(const BehaviorProfile& profile) const;
  std::vector<mpq_class> flatten_exact_behavior(const ExactBehaviorProfile& profile) const;

 private:
  void require_finalized() const;
  void unfinalize() { finalized_ = false; }
  void check_leaf(std::size_t node, const char* what) const;
  void compute_order(const std::vector<std::size_t>& order);
  void compute_sequences_and_recall(const std::vector<std::size_t>& order);
  void compute_terminal_payoffs(const std::vector<std::size_t>& order);
  // Exact payoffs per terminal slot, computed on first use.
  struct ExactPayoffs {
    std::once_flag once;
    std::vector<std::vector<mpq_class>> by_terminal;
  };
  const std::vector<std::vector<mpq_class>>& exact_payoffs() const;
  void compute_exact_payoffs(std::vector<std::vector<mpq_class>>& out, const std::vector<std::size_t>& order) const;

  std::vector<std::string> player_names_;
  std::vector<EfgNode> nodes_;
  std::vector<EfgInfoset> infosets_;
  std::vector<EfgOutcome> outcomes_;

  bool finalized_ = false;
  std::vector<std::vector<std::size_t>> player_infosets_;
  std::vector<std::size_t> chance_infosets_;
  std::vector<std::size_t> infoset_position_;
  std::vector<std::size_t> terminals_;
  std::vector<std::size_t> terminal_slot_;  // node -> index into terminals_
  std::vector<std::vector<double>> terminal_payoffs_;
  std::shared_ptr<ExactPayoffs> exact_terminal_payoffs_;  // shared by copies of one finalized game
  std::shared_ptr<const InfosetLabeler> labeler_;
  std::vector<double> min_payoff_, max_payoff_;
  std::optional<RecallProblem> recall_problem_;
  std::vector<std::size_t> num_sequences_;
  std::vector<std::size_t> first_sequence_;
  std::vector<std::size_t> parent_sequence_;
  std::vector<std::vector<std::size_t>> sequence_infoset_;
  std::vector<std::size_t> node_sequence_;  // node * players + p
};

// A normal-form game as an extensive-form one: player 1 moves, then player 2
// without seeing it, and so on (one information set per player), payoffs
// exact when the game has them. The tree has sum_k prod_{q<k} n_q nodes
// (checked against the memory budget first). Its reduced normal form is the
// game again.
ExtensiveFormGame extensive_form_of(const NormalFormGame& game);

}  // namespace negsim
