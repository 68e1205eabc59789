#include "sim/solve/lex_tableau.hpp"

namespace negsim::detail {

namespace {

// Dictionary pivot on (r, c): row r is divided by the pivot and its column
// entry replaced by 1/p; every other row i loses (t[i][c]) times the new row r
// and its column entry becomes -t[i][c]/p. Rows are padded to whole vectors,
// so the loops run over the full stride without a remainder.
__attribute__((always_inline)) inline void pivot_body(double* __restrict t, std::size_t rows,
                                                      std::size_t stride, std::size_t r,
                                                      std::size_t c) {
  double* __restrict pr = t + r * stride;
  const double inv = 1.0 / pr[c];
  for (std::size_t j = 0; j < stride; ++j) pr[j] *= inv;
  pr[c] = inv;
  for (std::size_t i = 0; i < rows; ++i) {
    if (i == r) continue;
    double* __restrict pi = t + i * stride;
    const double f = pi[c];
    if (f == 0.0) continue;
    for (std::size_t j = 0; j < stride; ++j) pi[j] -= f * pr[j];
    pi[c] = -f * inv;
  }
}

__attribute__((target("avx2,fma"))) void pivot_avx2(double* t, std::size_t rows, std::size_t stride,
                                                    std::size_t r, std::size_t c) {
  pivot_body(t, rows, stride, r, c);
}

void pivot_generic(double* t, std::size_t rows, std::size_t stride, std::size_t r, std::size_t c) {
  pivot_body(t, rows, stride, r, c);
}

using PivotFn = void (*)(double*, std::size_t, std::size_t, std::size_t, std::size_t);

PivotFn choose_pivot() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return pivot_avx2;
  return pivot_generic;
}

}  // namespace

void pivot_double(double* t, std::size_t rows, std::size_t stride, std::size_t r, std::size_t c) {
  static const PivotFn fn = choose_pivot();
  fn(t, rows, stride, r, c);
}

}  // namespace negsim::detail
