// The square linear system that a complementary basis of an LCP w = q + M z
// defines: its columns are the basic z's, its rows the indices whose w is not
// basic. Shared by the exact re-solve of Lemke's final basis
// (sequence_form_lemke.cpp) and the quasi-perfect check (quasi_perfect.cpp),
// which differ only in the right-hand side they solve for.
//
// Basis ids follow lcp_tableau.hpp: 0..n-1 are w_1..w_n, n..2n-1 are z_1..z_n,
// and any larger id is the artificial z0. O(n + |basis|).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace negsim {

struct LcpBasisPartition {
  std::vector<std::size_t> cols;  // i with z_i basic, in increasing order
  std::vector<std::size_t> rows;  // i with w_i nonbasic, in increasing order
  std::vector<long> col_pos;      // position of i in cols, -1 if absent
  std::vector<long> row_pos;      // position of i in rows, -1 if absent
};

// nullopt when z0 is still basic, some w_i and z_i are both basic, or the
// system is not square (then the basis is not a complementary solution).
inline std::optional<LcpBasisPartition> partition_complementary_basis(std::size_t n, const std::vector<int>& basis) {
  std::vector<char> z_basic(n, 0), w_basic(n, 0);
  for (int id : basis) {
    if (id < 0 || id >= static_cast<int>(2 * n)) return std::nullopt;
    if (id < static_cast<int>(n)) w_basic[static_cast<std::size_t>(id)] = 1;
    else z_basic[static_cast<std::size_t>(id) - n] = 1;
  }
  LcpBasisPartition out;
  out.col_pos.assign(n, -1);
  out.row_pos.assign(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (z_basic[i] && w_basic[i]) return std::nullopt;
    if (z_basic[i]) {
      out.col_pos[i] = static_cast<long>(out.cols.size());
      out.cols.push_back(i);
    }
    if (!w_basic[i]) {
      out.row_pos[i] = static_cast<long>(out.rows.size());
      out.rows.push_back(i);
    }
  }
  if (out.rows.size() != out.cols.size()) return std::nullopt;
  return out;
}

}  // namespace negsim
