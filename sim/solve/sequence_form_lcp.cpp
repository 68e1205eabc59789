#include "sim/solve/sequence_form_lcp.hpp"

#include <map>
#include <utility>

namespace negsim::detail {

SequenceLcp build_sequence_lcp(const ExtensiveFormGame& game) {
  SequenceLcp lcp;
  lcp.n1 = game.num_sequences(0);
  lcp.n2 = game.num_sequences(1);
  const SequenceConstraints e = game.sequence_constraints(0), f = game.sequence_constraints(1);
  lcp.m1 = e.rows;
  lcp.m2 = f.rows;
  lcp.n = lcp.n1 + lcp.n2 + lcp.m1 + lcp.m2;

  // K = largest terminal payoff of either player + 1, so every cost K - u >= 1.
  mpq_class k = 0;
  bool first = true;
  for (std::size_t t : game.terminals()) {
    for (const mpq_class& u : game.exact_terminal_payoffs(t)) {
      if (first || u > k) k = u;
      first = false;
    }
  }
  k += 1;

  // Cost matrices by sequence pair.
  std::map<std::pair<std::size_t, std::size_t>, std::pair<mpq_class, mpq_class>> cost;
  for (const TerminalSequences& t : game.terminal_sequences()) {
    const auto key = std::make_pair(t.sequence[0], t.sequence[1]);
    const auto& u = game.exact_terminal_payoffs(t.node);
    auto& c = cost[key];
    c.first += t.chance * (k - u[0]);
    c.second += t.chance * (k - u[1]);
  }
  for (const auto& [key, c] : cost) {
    if (c.first != 0) lcp.m.push_back({lcp.x0() + key.first, lcp.y0() + key.second, c.first});
    if (c.second != 0) lcp.m.push_back({lcp.y0() + key.second, lcp.x0() + key.first, c.second});
  }
  for (const SparseEntry& s : e.entries) {
    lcp.m.push_back({lcp.x0() + s.col, lcp.p0() + s.row, mpq_class(-s.value)});
    lcp.m.push_back({lcp.p0() + s.row, lcp.x0() + s.col, mpq_class(s.value)});
  }
  for (const SparseEntry& s : f.entries) {
    lcp.m.push_back({lcp.y0() + s.col, lcp.q0() + s.row, mpq_class(-s.value)});
    lcp.m.push_back({lcp.q0() + s.row, lcp.y0() + s.col, mpq_class(s.value)});
  }
  lcp.q.assign(lcp.n, mpq_class(0));
  lcp.q[lcp.p0()] = -1;  // x_empty >= 1
  lcp.q[lcp.q0()] = -1;  // y_empty >= 1
  return lcp;
}

std::vector<mpq_class> gambit_covering_vector(const SequenceLcp& lcp) {
  return std::vector<mpq_class>(lcp.n, mpq_class(1));
}

std::vector<mpq_class> centroid_covering_vector(const ExtensiveFormGame& game, const SequenceLcp& lcp) {
  const ExactBehaviorProfile uniform = game.exact_uniform_behavior();
  const std::vector<mpq_class> xbar = game.exact_sequence_weights(uniform, 0);
  const std::vector<mpq_class> ybar = game.exact_sequence_weights(uniform, 1);
  std::vector<mpq_class> d(lcp.n, mpq_class(0));
  for (const SequenceLcpEntry& e : lcp.m) {
    const bool x_row = e.row < lcp.y0(), y_row = e.row >= lcp.y0() && e.row < lcp.p0();
    if (x_row && e.col >= lcp.y0() && e.col < lcp.p0()) d[e.row] += e.value * ybar[e.col - lcp.y0()];
    if (y_row && e.col < lcp.y0()) d[e.row] += e.value * xbar[e.col - lcp.x0()];
  }
  d[lcp.p0()] = -lcp.q[lcp.p0()];  // e: the root rows, so w = q + d z0 = 0 there at z0 = 1
  d[lcp.q0()] = -lcp.q[lcp.q0()];
  return d;
}

}  // namespace negsim::detail
