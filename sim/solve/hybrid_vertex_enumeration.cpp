#include "sim/solve/hybrid_vertex_enumeration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <gmpxx.h>

#include "sim/solve/basis_mask_set.hpp"
#include "sim/solve/lex_tableau.hpp"

namespace negsim::detail {

namespace {

// Guard bands (the data are scaled into (0, 1], so tableau entries and
// right-hand sides are O(1) on well-conditioned bases; rounding after a
// fresh factorisation and a few pivots is near 1e-15).
constexpr double kEntryGuard = 1e-9;     // |entry| at or below: its sign is undecided
constexpr double kRhsGuard = 1e-9;       // rhs at or below: whether it is 0 is undecided
constexpr double kRatioGuard = 1e-8;     // two smallest ratios closer (relative): a tie is possible
constexpr double kPointGuard = 1e-7;     // y_j or 1 - (A y)_i within this (relative): undecided
constexpr double kSingularGuard = 1e-9;  // LU pivot of A[S,T] below: singularity undecided
constexpr std::size_t kRefactorEvery = 16;  // pivots (forward or undone) between refactorisations
constexpr double kSmallPivot = 1e-6;        // pivot below this times its column's largest entry: refactor
constexpr std::size_t kCheckEvery = 256;    // bases between clock reads
constexpr std::size_t kExactCheckEvery = 16;  // bases decided exactly between clock reads
constexpr std::size_t kMinExactBases = 64;  // exact bases tolerated before the 1-in-16 rule applies
constexpr double kMaxPartnerSystems = 256;  // rational systems per degenerate vertex before Q is enumerated

// v times 2^-bits(max |v|) in doubles: exact when every entry has at most
// 53 bits, else rounded (relative error 2^-53, far inside the guard bands,
// which is all the double search relies on; exact decisions use v itself).
std::vector<double> scaled_doubles(const std::vector<mpz_class>& v) {
  std::size_t bits = 1;
  for (const mpz_class& z : v) bits = std::max(bits, mpz_sizeinbase(z.get_mpz_t(), 2));
  std::vector<double> out(v.size());
  for (std::size_t k = 0; k < v.size(); ++k) {
    long exponent = 0;
    const double mantissa = mpz_get_d_2exp(&exponent, v[k].get_mpz_t());
    out[k] = std::ldexp(mantissa, static_cast<int>(exponent - static_cast<long>(bits)));
  }
  return out;
}

struct RatioScratch {
  std::vector<double> min1, min2, near_rhs;
};

// The leaving row of every column, as LexTableau::all_min_ratio_rows would
// choose it in exact arithmetic; false if any decision (or any rhs's
// positivity) lies inside the guard bands.
bool certified_min_ratio_rows(const LexTableau<double>& t, std::vector<int>& out, RatioScratch& s) {
  const std::size_t rows = t.rows(), cols = t.cols();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  out.assign(cols, -1);
  s.min1.assign(cols, kInf);
  s.min2.assign(cols, kInf);
  s.near_rhs.assign(cols, kInf);
  for (std::size_t r = 0; r < rows; ++r) {
    const double* row = &t.entry(r, 0);
    const double b = row[cols];
    if (b <= kRhsGuard) return false;
    for (std::size_t c = 0; c < cols; ++c) {
      const double a = row[c];
      if (a > kEntryGuard) {
        const double ratio = b / a;
        if (ratio < s.min1[c]) {
          s.min2[c] = s.min1[c];
          s.min1[c] = ratio;
          out[c] = static_cast<int>(r);
        } else if (ratio < s.min2[c]) {
          s.min2[c] = ratio;
        }
      } else if (a >= -kEntryGuard) {
        s.near_rhs[c] = std::min(s.near_rhs[c], b);
      }
    }
  }
  for (std::size_t c = 0; c < cols; ++c) {
    if (out[c] < 0) return false;  // P is bounded: some entry is positive
    const double limit = s.min1[c] * (1 + kRatioGuard);
    if (s.min2[c] <= limit) return false;
    // An entry in the band, if positive, has ratio at least rhs / kEntryGuard.
    if (s.near_rhs[c] <= limit * kEntryGuard) return false;
  }
  return true;
}

// Depth-first search over the lexicographically feasible bases of one
// polytope: P (row_player, matching each vertex's partner) or Q (collecting
// every vertex's exact label set).
class Search {
 public:
  Search(const BimatrixExact& g, const std::vector<double>& a, const std::vector<double>& b, bool row_player,
         const Deadline& deadline, HybridEnumeration& out)
      : g_(g), a_(a), row_player_(row_player), deadline_(deadline), out_(out) {
    m_ = g.rows;
    n_ = g.cols;
    total_ = m_ + n_;
    // P: rows = the constraints (B^T x)_j <= 1 (slack ids m+j), columns x_i (ids i).
    // Q: rows = the constraints (A y)_i <= 1 (slack ids i), columns y_j (ids m+j).
    const std::size_t rows = row_player ? n_ : m_, cols = row_player ? m_ : n_;
    std::vector<double> matrix(rows * cols);
    std::vector<mpz_class> matrix_exact(rows * cols);
    for (std::size_t i = 0; i < m_; ++i)
      for (std::size_t j = 0; j < n_; ++j) {
        const std::size_t at = row_player ? j * m_ + i : i * n_ + j;
        matrix[at] = row_player ? b[i * n_ + j] : a[i * n_ + j];
        matrix_exact[at] = row_player ? g.b[i * n_ + j] : g.a[i * n_ + j];
      }
    std::vector<int> x_ids(m_), y_ids(n_);
    for (std::size_t i = 0; i < m_; ++i) x_ids[i] = static_cast<int>(i);
    for (std::size_t j = 0; j < n_; ++j) y_ids[j] = static_cast<int>(m_ + j);
    const std::vector<int>& row_ids = row_player ? y_ids : x_ids;
    const std::vector<int>& col_ids = row_player ? x_ids : y_ids;
    t_ = LexTableau<double>(rows, cols, matrix, row_ids, col_ids, total_);
    exact_ = LexTableau<mpz_class>(rows, cols, matrix_exact, row_ids, col_ids, total_);
    in_support_.assign(m_, 0);
  }

  // False: undecided (out.undecided_reason says why).
  bool run();
  // P: the vertices whose partners must be found among Q's vertices
  // (degenerate, or with a singular partner system); Q: every vertex but 0.
  const std::vector<Mask>& listed() const { return listed_; }

 private:
  bool enter_node(bool refactor);
  bool decide_exactly(bool fresh);
  bool record_vertex();
  bool match_vertex();
  bool abort(std::string why) {
    out_.decided = false;
    out_.undecided_reason = std::move(why);
    return false;
  }
  bool own_structural(int id) const { return (id < static_cast<int>(m_)) == row_player_; }

  const BimatrixExact& g_;
  const std::vector<double>& a_;  // A scaled, m x n
  bool row_player_;
  Deadline deadline_;
  HybridEnumeration& out_;
  std::size_t m_ = 0, n_ = 0, total_ = 0, bases_ = 0, exact_bases_ = 0, next_exact_check_ = kExactCheckEvery;
  LexTableau<double> t_;
  LexTableau<mpz_class> exact_;  // follows the bases decided exactly (pivot_to_basis from the last one)
  std::vector<int> rows_;        // leaving rows of the open nodes, cols per node
  std::vector<int> node_rows_, exact_rows_, basis_, zero_ids_;
  RatioScratch scratch_;
  std::size_t since_refactor_ = 0;
  std::vector<Mask> listed_;
  Mask nonbasic_key_;
  // match_vertex scratch
  std::vector<int> support_, best_;
  std::vector<double> lu_, y_;
  std::vector<char> in_support_;
};

bool Search::run() {
  const std::size_t words = (total_ + 63) / 64, cols = t_.cols();
  MaskSet visited(words), degenerate_seen(words);
  Mask key(words, 0), next(words, 0);
  for (std::size_t c = 0; c < cols; ++c) set_bit(key.data(), t_.nonbasic(c));
  visited.insert(key.data());
  nonbasic_key_ = key;

  struct Frame {
    std::uint32_t undo_row, undo_col, next_col;
  };
  std::vector<Frame> stack;
  auto enter = [&](bool refactor) {
    nonbasic_key_ = key;
    if (!enter_node(refactor)) return false;
    if (zero_ids_.empty()) return record_vertex();
    // A degenerate vertex is one label set, reached from several bases: record it once.
    Mask labels = key;
    for (int id : zero_ids_) set_bit(labels.data(), id);
    if (!degenerate_seen.insert(labels.data()).second) return true;
    nonbasic_key_ = std::move(labels);
    return record_vertex();
  };
  bases_ = 1;
  if (deadline_.expired()) {  // checked before any work, then every kCheckEvery bases
    out_.stopped = true;
    return true;
  }
  if (!enter(false)) return false;
  stack.push_back({0, 0, 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next_col < cols) {
      const std::size_t c = top.next_col++;
      const int r = rows_[(stack.size() - 1) * cols + c];
      next = key;
      flip_bit(next.data(), t_.nonbasic(c));
      flip_bit(next.data(), t_.basic(static_cast<std::size_t>(r)));
      if (!visited.insert(next.data()).second) continue;
      const auto row = static_cast<std::size_t>(r);
      double column_max = 0;
      for (std::size_t i = 0; i < t_.rows(); ++i) column_max = std::max(column_max, std::abs(t_.entry(i, c)));
      const bool small_pivot = !(t_.entry(row, c) >= kSmallPivot * column_max);
      t_.pivot(row, c);
      ++since_refactor_;
      key.swap(next);
      // Exact decisions cost tens of double bases: they count towards the clock reads too.
      bool read_clock = ++bases_ % kCheckEvery == 0;
      if (exact_bases_ >= next_exact_check_) {
        read_clock = true;
        next_exact_check_ = exact_bases_ + kExactCheckEvery;
      }
      if (read_clock && deadline_.expired()) {
        out_.stopped = true;
        break;
      }
      stack.push_back({static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(c), 0});
      if (!enter(small_pivot || since_refactor_ >= kRefactorEvery)) return false;
    } else {
      const Frame done = top;
      stack.pop_back();
      rows_.resize(stack.size() * cols);
      if (stack.empty()) break;
      flip_bit(key.data(), t_.basic(done.undo_row));
      flip_bit(key.data(), t_.nonbasic(done.undo_col));
      // Undoing the pivot divides by the entry it produced, 1 / p: a small
      // p makes that entry large and the reverse pivot well conditioned.
      t_.pivot(done.undo_row, done.undo_col);
      if (++since_refactor_ >= kRefactorEvery) {
        if (!t_.refactor()) return abort("a basis is numerically singular in double precision");
        since_refactor_ = 0;
      }
    }
  }
  out_.bases += bases_;
  out_.exact_bases += exact_bases_;
  return true;
}

// Takes the decisions of the basis just entered (in double when certain,
// else exactly) and records its leaving rows; zero_ids_ lists the basic
// variables at 0 (exactly). False: the game is undecided.
bool Search::enter_node(bool refactor) {
  bool fresh = false;
  if (refactor) {
    fresh = t_.refactor();
    since_refactor_ = 0;
  }
  zero_ids_.clear();
  const bool usable = !refactor || fresh;
  if (!usable || !certified_min_ratio_rows(t_, node_rows_, scratch_)) {
    if (!decide_exactly(fresh)) return false;
  }
  rows_.insert(rows_.end(), node_rows_.begin(), node_rows_.end());
  if (exact_bases_ > kMinExactBases && exact_bases_ * 16 > bases_)
    return abort("near-ties or degenerate bases at " + std::to_string(exact_bases_) + " of " +
                 std::to_string(bases_) + " bases");
  return true;
}

// The current basis's decisions in exact arithmetic; the double tableau is
// then refactored so the search continues from a fresh one.
bool Search::decide_exactly(bool fresh) {
  ++exact_bases_;
  basis_.clear();
  for (std::size_t r = 0; r < t_.rows(); ++r) basis_.push_back(t_.basic(r));
  if (!exact_.pivot_to_basis(basis_)) return abort("a visited basis is singular");
  for (std::size_t r = 0; r < exact_.rows(); ++r)
    if (sgn(exact_.rhs(r)) == 0) zero_ids_.push_back(exact_.basic(r));
  exact_.all_min_ratio_rows(exact_rows_);
  node_rows_.assign(t_.cols(), -1);
  for (std::size_t c = 0; c < t_.cols(); ++c) {
    const std::size_t ce = exact_.col_of(t_.nonbasic(c));
    const int re = exact_rows_[ce];
    if (re < 0) return abort("unbounded column in a bounded polytope");
    node_rows_[c] = static_cast<int>(t_.row_of(exact_.basic(static_cast<std::size_t>(re))));
  }
  if (!fresh) {
    if (!t_.refactor()) return abort("a basis is numerically singular in double precision");
    since_refactor_ = 0;
  }
  return true;
}

// The vertex of the current basis, with label set nonbasic_key_ (nonbasic
// ids plus the basic ones at zero).
bool Search::record_vertex() {
  bool origin = true;
  for (std::size_t r = 0; r < t_.rows() && origin; ++r)
    if (own_structural(t_.basic(r)) &&
        std::find(zero_ids_.begin(), zero_ids_.end(), t_.basic(r)) == zero_ids_.end())
      origin = false;
  if (origin) return true;  // in no equilibrium
  if (!row_player_ || !zero_ids_.empty()) {
    listed_.push_back(nonbasic_key_);
    return true;
  }
  return match_vertex();
}

// The nondegenerate vertex x of the current basis and its partner y:
// A[S,T] y_T = 1, y = 0 off T. Adds the label pair if y is in Q; lists x
// for matching against Q's vertices if the system is singular.
bool Search::match_vertex() {
  support_.clear();
  best_.clear();
  for (std::size_t r = 0; r < t_.rows(); ++r)
    if (t_.basic(r) < static_cast<int>(m_)) support_.push_back(t_.basic(r));
  for (std::size_t c = 0; c < t_.cols(); ++c)
    if (t_.nonbasic(c) >= static_cast<int>(m_)) best_.push_back(t_.nonbasic(c) - static_cast<int>(m_));
  const std::size_t k = support_.size();  // == best_.size(): m nonbasic ids, none at zero
  std::sort(support_.begin(), support_.end());
  std::sort(best_.begin(), best_.end());
  for (int i : support_) in_support_[static_cast<std::size_t>(i)] = 1;
  struct Reset {
    std::vector<char>& flags;
    const std::vector<int>& ids;
    ~Reset() {
      for (int i : ids) flags[static_cast<std::size_t>(i)] = 0;
    }
  } reset{in_support_, support_};

  // Gaussian elimination with partial pivoting on [A[S,T] | 1].
  const std::size_t w = k + 1;
  lu_.assign(k * w, 1.0);
  for (std::size_t r = 0; r < k; ++r)
    for (std::size_t c = 0; c < k; ++c)
      lu_[r * w + c] = a_[static_cast<std::size_t>(support_[r]) * n_ + static_cast<std::size_t>(best_[c])];
  bool undecided = false;
  for (std::size_t c = 0; c < k && !undecided; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < k; ++r)
      if (std::abs(lu_[r * w + c]) > std::abs(lu_[piv * w + c])) piv = r;
    if (std::abs(lu_[piv * w + c]) < kSingularGuard) {
      undecided = true;
      break;
    }
    if (piv != c)
      for (std::size_t j = c; j < w; ++j) std::swap(lu_[c * w + j], lu_[piv * w + j]);
    const double inv = 1.0 / lu_[c * w + c];
    for (std::size_t r = c + 1; r < k; ++r) {
      const double f = lu_[r * w + c] * inv;
      if (f != 0.0)
        for (std::size_t j = c; j < w; ++j) lu_[r * w + j] -= f * lu_[c * w + j];
    }
  }
  if (!undecided) {
    y_.assign(k, 0.0);
    double y_max = 0;
    for (std::size_t c = k; c-- > 0;) {
      double s = lu_[c * w + k];
      for (std::size_t j = c + 1; j < k; ++j) s -= lu_[c * w + j] * y_[j];
      y_[c] = s / lu_[c * w + c];
      y_max = std::max(y_max, std::abs(y_[c]));
    }
    const double guard = kPointGuard * std::max(y_max, 1e-300);
    bool feasible = true;
    for (double v : y_) {
      if (v < -guard) feasible = false;
      else if (v <= guard) undecided = true;
    }
    for (std::size_t i = 0; i < m_ && feasible; ++i) {
      if (in_support_[i]) continue;
      double s = 0;
      for (std::size_t c = 0; c < k; ++c) s += a_[i * n_ + static_cast<std::size_t>(best_[c])] * y_[c];
      if (s > 1 + kPointGuard) feasible = false;
      else if (s >= 1 - kPointGuard) undecided = true;
    }
    if (!feasible) return true;  // certainly not in Q
  }
  // y's labels: the support rows (tight) and the columns off T (zero).
  std::vector<int> y_labels(support_.begin(), support_.end());
  for (std::size_t j = 0, c = 0; j < n_; ++j) {
    if (c < k && best_[c] == static_cast<int>(j)) {
      ++c;
      continue;
    }
    y_labels.push_back(static_cast<int>(m_ + j));
  }
  if (undecided) {
    ++out_.exact_points;
    const auto y = exact_point_from_labels(g_, false, y_labels);
    if (!y) {  // singular: the partners form a face of Q; find its vertices among Q's
      listed_.push_back(nonbasic_key_);
      return true;
    }
    for (const mpq_class& v : *y)
      if (sgn(v) < 0) return true;
    for (std::size_t i = 0; i < m_; ++i) {
      if (in_support_[i]) continue;
      mpq_class s = 0;
      for (std::size_t j = 0; j < n_; ++j) s += g_.a[i * n_ + j] * (*y)[j];
      if (s > 1) return true;
    }
  }
  std::vector<int> x_labels;
  for (std::size_t c = 0; c < t_.cols(); ++c) x_labels.push_back(t_.nonbasic(c));
  std::sort(x_labels.begin(), x_labels.end());
  out_.candidates.emplace_back(std::move(x_labels), std::move(y_labels));
  return true;
}

std::vector<int> labels_of(const Mask& mask, std::size_t total) {
  std::vector<int> out;
  for (std::size_t id = 0; id < total; ++id)
    if (test_bit(mask.data(), static_cast<int>(id))) out.push_back(static_cast<int>(id));
  return out;
}

// The constraint of Q with label id as a row over y: A_i for i < m, e_j for m + j.
std::vector<mpq_class> q_constraint(const BimatrixExact& g, int id) {
  std::vector<mpq_class> row(g.cols, 0);
  if (id < static_cast<int>(g.rows)) {
    for (std::size_t j = 0; j < g.cols; ++j) row[j] = g.a[static_cast<std::size_t>(id) * g.cols + j];
  } else {
    row[static_cast<std::size_t>(id) - g.rows] = 1;
  }
  return row;
}

// A maximal subset of `labels` whose constraints of Q are linearly
// independent (exact Gaussian elimination, kept in echelon form).
std::vector<int> independent_labels(const BimatrixExact& g, const std::vector<int>& labels) {
  std::vector<std::vector<mpq_class>> echelon;
  std::vector<std::size_t> lead;
  std::vector<int> kept;
  for (int id : labels) {
    std::vector<mpq_class> row = q_constraint(g, id);
    for (std::size_t e = 0; e < echelon.size(); ++e) {
      if (sgn(row[lead[e]]) == 0) continue;
      const mpq_class f = row[lead[e]] / echelon[e][lead[e]];
      for (std::size_t j = 0; j < row.size(); ++j) row[j] -= f * echelon[e][j];
    }
    std::size_t first = 0;
    while (first < row.size() && sgn(row[first]) == 0) ++first;
    if (first == row.size()) continue;
    echelon.push_back(std::move(row));
    lead.push_back(first);
    kept.push_back(id);
  }
  return kept;
}

// The partners y of a vertex x of P with label mask x: the vertices of Q
// whose labels include the complement C of x's. With C' a maximal
// independent subset of C, every such y solves C' plus n - |C'| of x's own
// labels as tight constraints (extend C' to a basis of y's tight
// constraints: what lies outside span(C') is among x's labels), so trying
// every such subset in rationals, and keeping the solutions in Q that also
// satisfy all of C, finds all of them. False (nothing added) if there are
// more than kMaxPartnerSystems subsets.
bool partners_in_rationals(const BimatrixExact& g, const Mask& x, const Deadline& deadline,
                           HybridEnumeration& out) {
  const std::size_t total = g.rows + g.cols, n = g.cols;
  std::vector<int> all_required, own;
  for (std::size_t id = 0; id < total; ++id)
    (test_bit(x.data(), static_cast<int>(id)) ? own : all_required).push_back(static_cast<int>(id));
  const std::vector<int> required = independent_labels(g, all_required);
  if (required.size() > n) return false;
  const std::size_t need = n - required.size();
  double subsets = 1;
  for (std::size_t q = 0; q < need; ++q)
    subsets = subsets * static_cast<double>(own.size() - q) / static_cast<double>(q + 1);
  if (need > own.size() || subsets > kMaxPartnerSystems) return false;
  std::vector<std::pair<std::vector<int>, std::vector<int>>> found;
  std::vector<std::size_t> pick(need);
  for (std::size_t q = 0; q < need; ++q) pick[q] = q;
  std::vector<int> y_labels;
  while (true) {
    y_labels = required;
    for (std::size_t q : pick) y_labels.push_back(own[q]);
    if (++out.exact_points % kExactCheckEvery == 0 && deadline.expired()) {
      out.stopped = true;
      break;
    }
    if (const auto y = exact_point_from_labels(g, false, y_labels)) {
      bool in_q = std::all_of(y->begin(), y->end(), [](const mpq_class& v) { return sgn(v) >= 0; });
      for (std::size_t i = 0; i < g.rows && in_q; ++i) {
        mpq_class s = 0;
        for (std::size_t j = 0; j < n; ++j) s += g.a[i * n + j] * (*y)[j];
        in_q = s <= 1;
      }
      // C \ C' holds on span(C') only if the system is consistent: check it.
      for (std::size_t k = 0; k < all_required.size() && in_q; ++k) {
        const int id = all_required[k];
        if (id >= static_cast<int>(g.rows)) {
          in_q = sgn((*y)[static_cast<std::size_t>(id) - g.rows]) == 0;
        } else {
          mpq_class s = 0;
          for (std::size_t j = 0; j < n; ++j) s += g.a[static_cast<std::size_t>(id) * n + j] * (*y)[j];
          in_q = s == 1;
        }
      }
      if (in_q) {  // labels: all of C and the subset (consistent, rank n)
        std::vector<int> labels = all_required;
        for (std::size_t q : pick) labels.push_back(own[q]);
        found.emplace_back(own, std::move(labels));
      }
    }
    std::size_t q = need;
    while (q > 0 && pick[q - 1] == own.size() - need + (q - 1)) --q;
    if (q == 0) break;
    ++pick[q - 1];
    for (std::size_t u = q; u < need; ++u) pick[u] = pick[u - 1] + 1;
  }
  out.candidates.insert(out.candidates.end(), found.begin(), found.end());
  return true;
}

}  // namespace

HybridEnumeration hybrid_equilibrium_candidates(const BimatrixExact& g, const Deadline& deadline) {
  HybridEnumeration out;
  const std::vector<double> a = scaled_doubles(g.a), b = scaled_doubles(g.b);
  out.decided = true;
  Search p(g, a, b, true, deadline, out);
  if (!p.run()) return out;
  if (p.listed().empty() || out.stopped) return out;
  // Degenerate vertices of P (and singular partner systems): their partners
  // are the vertices of the face of Q with the complementary labels, found
  // in rationals; where that cannot be done cheaply, among Q's vertices.
  std::vector<Mask> need_q;
  for (const Mask& x : p.listed()) {
    out.degenerate_vertices += 1;
    if (!partners_in_rationals(g, x, deadline, out)) need_q.push_back(x);
    if (out.stopped) return out;
  }
  if (need_q.empty()) return out;
  out.matched_against_q = need_q.size();
  Search q(g, a, b, false, deadline, out);
  if (!q.run()) return out;
  const std::size_t total = g.rows + g.cols, words = (total + 63) / 64;
  Mask full(words, 0);
  for (std::size_t id = 0; id < total; ++id) set_bit(full.data(), static_cast<int>(id));
  for (const Mask& x : need_q) {
    std::vector<int> x_labels;
    for (const Mask& y : q.listed()) {
      bool covers = true;
      for (std::size_t w = 0; w < words && covers; ++w) covers = (x[w] | y[w]) == full[w];
      if (!covers) continue;
      if (x_labels.empty()) x_labels = labels_of(x, total);
      out.candidates.emplace_back(x_labels, labels_of(y, total));
    }
  }
  return out;
}

}  // namespace negsim::detail
