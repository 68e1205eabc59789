#include "sim/solve/sequence_form_lp.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

#include "sim/solve/linear_program.hpp"

namespace negsim {

bool is_constant_sum(const ExtensiveFormGame& game, mpq_class* constant) {
  if (game.num_players() != 2) return false;
  bool first = true;
  mpq_class c = 0;
  for (std::size_t t : game.terminals()) {
    const auto& u = game.exact_terminal_payoffs(t);
    const mpq_class s = u[0] + u[1];
    if (first) {
      c = s;
      first = false;
    } else if (s != c) {
      return false;
    }
  }
  if (constant) *constant = c;
  return true;
}

namespace {

// Player `me`'s maximin LP. Columns: my sequences (>= 0), then the
// opponent's constraint duals q (free). Rows: my constraints E x = e, then
// one row per opponent sequence: (F^T q)_t - sum_s A(s,t) x_s <= 0.
// payoff[(s, t)] is my sequence-form payoff at (my s, opponent's t).
bool maximin(const SequenceConstraints& mine, const SequenceConstraints& theirs,
             const std::map<std::pair<std::size_t, std::size_t>, double>& payoff, bool exact_simplex,
             const Deadline& deadline, std::vector<double>& plan, double& value, bool& used_exact) {
  const std::size_t ns = mine.cols, nt = theirs.cols, mq = theirs.rows, me = mine.rows;
  LinearProgram lp(me + nt, ns + mq, LpSense::Maximize);
  for (std::size_t j = 0; j < mq; ++j) lp.set_column_bounds(ns + j, LpBounds::free());
  lp.set_objective(ns + 0, 1.0);  // f = (1, 0, ...): q_0 is the value
  LpMatrix m;
  for (const SparseEntry& e : mine.entries) m.add(e.row, e.col, e.value);
  for (std::size_t r = 0; r < me; ++r) lp.set_row_bounds(r, LpBounds::fixed(r == 0 ? 1.0 : 0.0));
  for (const SparseEntry& e : theirs.entries) m.add(me + e.col, ns + e.row, e.value);
  for (const auto& [key, v] : payoff)
    if (v != 0.0) m.add(me + key.second, key.first, -v);
  for (std::size_t t = 0; t < nt; ++t) lp.set_row_bounds(me + t, LpBounds::at_most(0.0));
  lp.set_matrix(m);
  LpSolveOptions o;
  o.exact = exact_simplex ? LpExact::Always : LpExact::Fallback;
  o.scale = true;
  o.deadline = deadline;
  o.read_duals = false;
  const std::string what = "solving the sequence-form LP with GLPK";
  deadline.check(what);
  const LpSolution& s = lp.solve(o);
  if (s.status == LpStatus::TimeLimit) deadline.fail(what);
  if (!s.optimal()) return false;
  plan.assign(ns, 0.0);
  for (std::size_t i = 0; i < ns; ++i) plan[i] = std::max(0.0, s.primal[i]);
  value = s.primal[ns];
  used_exact = s.exact;
  return true;
}

}  // namespace

SequenceFormLpResult sequence_form_lp(const ExtensiveFormGame& game, const SequenceFormLpOptions& options) {
  mpq_class constant;
  if (game.num_players() != 2)
    throw std::invalid_argument("the sequence-form LP needs a 2-player game; this one has " +
                                std::to_string(game.num_players()) + " players");
  if (!is_constant_sum(game, &constant))
    throw std::invalid_argument(
        "the sequence-form LP needs a zero-sum (constant-sum) game: u1 + u2 differs between terminals (use lcp)");
  game.require_perfect_recall("the sequence-form LP");
  const SequenceConstraints e = game.sequence_constraints(0), f = game.sequence_constraints(1);
  std::map<std::pair<std::size_t, std::size_t>, double> a, b;  // (own sequence, opponent's)
  for (const SequencePayoff& p : game.sequence_payoffs()) {
    a[{p.row, p.col}] += p.payoff[0];
    b[{p.col, p.row}] += p.payoff[1];
  }
  SequenceFormLpResult out;
  double v1 = 0, v2 = 0;
  bool exact1 = false, exact2 = false;
  if (!maximin(e, f, a, options.exact_simplex, options.deadline, out.plan[0], v1, exact1) ||
      !maximin(f, e, b, options.exact_simplex, options.deadline, out.plan[1], v2, exact2))
    throw std::runtime_error("the sequence-form LP: GLPK found no optimal solution (it always has one)");
  out.value = v1;
  out.exact_simplex = exact1 || exact2;
  out.profile = game.uniform_behavior();
  game.behavior_from_sequence_weights(0, out.plan[0], out.profile);
  game.behavior_from_sequence_weights(1, out.plan[1], out.profile);
  out.notes.push_back(constant == 0 ? "zero-sum" : "constant-sum (u1 + u2 = " + constant.get_str() + ")");
  if (out.exact_simplex) out.notes.push_back("solved with GLPK's rational simplex");
  return out;
}

}  // namespace negsim

#include "sim/solve/sequence_form_lemke.hpp"

namespace negsim {

ExtensiveSolveResult solve_sequence_form_lp(const ExtensiveFormGame& game, const SolveOptions& options) {
  SequenceFormLpOptions lp;
  lp.deadline = solve_deadline(options);
  SequenceFormLpResult r = sequence_form_lp(game, lp);
  std::optional<BehaviorEquilibrium> eq = make_verified_equilibrium(game, r.profile, std::nullopt, "lp", options.rel_tol);
  if (!eq) {
    lp.exact_simplex = true;
    r = sequence_form_lp(game, lp);
    eq = make_verified_equilibrium(game, r.profile, std::nullopt, "lp", options.rel_tol);
  }
  ExtensiveSolveResult out;
  out.method = "lp";
  out.form = "strategic-form";
  out.form_note = "optimal (maximin) behaviour strategies of a zero-sum game: a Nash equilibrium; the value is "
                  "player 1's payoff";
  if (!eq) {  // badly scaled payoffs: every equilibrium of a constant-sum game is an optimal pair
    SequenceFormLemkeOptions lemke;
    lemke.exact = true;
    lemke.deadline = lp.deadline;
    const SequenceFormLemkeResult e = sequence_form_lemke(game, lemke);
    eq = make_verified_equilibrium(game, e.profile, e.exact, "lp", options.rel_tol);
    r.notes.push_back("the LP answer failed verification; the optimal pair is exact sequence-form Lemke's");
  }
  if (!eq) throw std::logic_error("sequence-form LP: no verified optimal pair (a bug)");
  out.equilibria.push_back(std::move(*eq));
  out.complete = false;
  for (const std::string& n : r.notes) out.note += (out.note.empty() ? "" : "; ") + n;
  return out;
}

}  // namespace negsim
