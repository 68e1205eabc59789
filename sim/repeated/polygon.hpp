// Small 2D convex-geometry helpers for payoff sets (convex hull, containment,
// half-plane clipping). Tolerances are absolute; callers scale them.
#pragma once

#include <array>
#include <vector>

namespace negsim {

using Point2 = std::array<double, 2>;

// Convex hull, counter-clockwise from the lowest-then-leftmost point, without
// collinear or duplicate points (within eps). May return 1 or 2 points.
std::vector<Point2> convex_hull(std::vector<Point2> points, double eps = 1e-12);

// True if p lies in the convex polygon (CCW vertices; 1- and 2-point hulls allowed).
bool polygon_contains(const std::vector<Point2>& hull, const Point2& p, double eps = 1e-12);

// Clips a convex polygon to the half-plane a*x + b*y >= c (Sutherland-Hodgman).
std::vector<Point2> clip_half_plane(const std::vector<Point2>& poly, double a, double b, double c,
                                    double eps = 1e-12);

// Area of a CCW polygon (0 for degenerate ones).
double polygon_area(const std::vector<Point2>& poly);

}  // namespace negsim
