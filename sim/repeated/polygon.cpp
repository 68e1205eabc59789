#include "sim/repeated/polygon.hpp"

#include <algorithm>
#include <cmath>

namespace negsim {

namespace {
double cross(const Point2& o, const Point2& a, const Point2& b) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}
}  // namespace

std::vector<Point2> convex_hull(std::vector<Point2> pts, double eps) {
  std::sort(pts.begin(), pts.end());
  std::vector<Point2> uniq;
  for (const Point2& p : pts)
    if (uniq.empty() || std::abs(p[0] - uniq.back()[0]) > eps || std::abs(p[1] - uniq.back()[1]) > eps)
      uniq.push_back(p);
  // Near-duplicates that the sort separated (same x within eps, different order in y).
  std::vector<Point2> clean;
  for (const Point2& p : uniq) {
    bool dup = false;
    for (auto it = clean.rbegin(); it != clean.rend() && p[0] - (*it)[0] <= eps; ++it)
      if (std::abs(p[1] - (*it)[1]) <= eps) { dup = true; break; }
    if (!dup) clean.push_back(p);
  }
  if (clean.size() <= 2) {
    if (clean.size() == 2) {
      // Lowest-then-leftmost first.
      if (std::make_pair(clean[1][1], clean[1][0]) < std::make_pair(clean[0][1], clean[0][0]))
        std::swap(clean[0], clean[1]);
    }
    return clean;
  }
  // Andrew's monotone chain; a turn must exceed eps times the edge scale to count.
  std::vector<Point2> hull(2 * clean.size());
  std::size_t k = 0;
  auto turn_ok = [&](const Point2& o, const Point2& a, const Point2& b) {
    const double scale = std::max({std::abs(a[0] - o[0]) + std::abs(a[1] - o[1]),
                                   std::abs(b[0] - o[0]) + std::abs(b[1] - o[1]), 1.0});
    return cross(o, a, b) > eps * scale;
  };
  for (std::size_t i = 0; i < clean.size(); ++i) {
    while (k >= 2 && !turn_ok(hull[k - 2], hull[k - 1], clean[i])) --k;
    hull[k++] = clean[i];
  }
  for (std::size_t i = clean.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && !turn_ok(hull[k - 2], hull[k - 1], clean[i])) --k;
    hull[k++] = clean[i];
  }
  hull.resize(k - 1);
  // The chain keeps its first point even when it is (nearly) collinear with its
  // neighbours; drop such vertices cyclically.
  for (bool removed = true; removed && hull.size() > 2;) {
    removed = false;
    for (std::size_t i = 0; i < hull.size() && hull.size() > 2; ++i) {
      const Point2& prev = hull[(i + hull.size() - 1) % hull.size()];
      const Point2& next = hull[(i + 1) % hull.size()];
      if (!turn_ok(prev, hull[i], next)) {
        hull.erase(hull.begin() + static_cast<long>(i));
        removed = true;
        break;
      }
    }
  }
  // Rotate to start at the lowest-then-leftmost vertex.
  auto lowest = std::min_element(hull.begin(), hull.end(), [](const Point2& a, const Point2& b) {
    return std::make_pair(a[1], a[0]) < std::make_pair(b[1], b[0]);
  });
  std::rotate(hull.begin(), lowest, hull.end());
  return hull;
}

bool polygon_contains(const std::vector<Point2>& hull, const Point2& p, double eps) {
  if (hull.empty()) return false;
  if (hull.size() == 1) return std::abs(hull[0][0] - p[0]) <= eps && std::abs(hull[0][1] - p[1]) <= eps;
  if (hull.size() == 2) {
    const Point2 &a = hull[0], &b = hull[1];
    const double len = std::hypot(b[0] - a[0], b[1] - a[1]);
    if (std::abs(cross(a, b, p)) > eps * std::max(len, 1.0)) return false;
    const double t = ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / (len * len);
    return t >= -eps / len && t <= 1 + eps / len;
  }
  for (std::size_t i = 0; i < hull.size(); ++i) {
    const Point2 &a = hull[i], &b = hull[(i + 1) % hull.size()];
    const double len = std::hypot(b[0] - a[0], b[1] - a[1]);
    if (cross(a, b, p) < -eps * std::max(len, 1.0)) return false;
  }
  return true;
}

std::vector<Point2> clip_half_plane(const std::vector<Point2>& poly, double a, double b, double c,
                                    double eps) {
  std::vector<Point2> out;
  const std::size_t m = poly.size();
  if (m == 0) return out;
  auto value = [&](const Point2& p) { return a * p[0] + b * p[1] - c; };
  if (m == 1) {
    if (value(poly[0]) >= -eps) out.push_back(poly[0]);
    return out;
  }
  for (std::size_t i = 0; i < m; ++i) {
    const Point2& s = poly[i];
    const Point2& e = poly[(i + 1) % m];
    const double vs = value(s), ve = value(e);
    const bool s_in = vs >= -eps, e_in = ve >= -eps;
    auto cut = [&]() {
      const double t = vs / (vs - ve);
      return Point2{s[0] + t * (e[0] - s[0]), s[1] + t * (e[1] - s[1])};
    };
    if (e_in) {
      if (!s_in) out.push_back(cut());
      out.push_back(e);
    } else if (s_in) {
      out.push_back(cut());
    }
  }
  return out;
}

double polygon_area(const std::vector<Point2>& poly) {
  double area = 0;
  for (std::size_t i = 0; i < poly.size(); ++i) {
    const Point2 &a = poly[i], &b = poly[(i + 1) % poly.size()];
    area += a[0] * b[1] - a[1] * b[0];
  }
  return 0.5 * area;
}

}  // namespace negsim
