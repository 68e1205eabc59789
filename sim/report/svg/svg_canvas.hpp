// A tiny SVG writer for the report's charts: shapes, text, axes, and the
// text alternative every chart carries.
//
// Why negsim writes SVG itself (docs/dependencies.md): the bytes depend only
// on the input (golden tests compare them), nothing is fetched or executed
// when the page opens (the HTML report's Content-Security-Policy forbids it),
// and the charts need a few dozen shapes each, not a charting library.
//
// Contract
//  - Every number is written with a fixed number of decimals ("%.1f", C
//    locale), so output is byte-identical across runs and machines.
//  - All text is escaped for XML (& < > " ') and stripped of control
//    characters; user text can never close an element or open a script.
//  - The root element carries role="img", aria-labelledby pointing to its
//    <title> and <desc>, and ids prefixed with the chart's id (unique per
//    page when the caller gives unique ids).
//  - Colours are the Okabe-Ito palette (Okabe and Ito 2008), readable with
//    every common colour-vision deficiency; charts also vary marker shape and
//    line dash, so no meaning rests on colour alone.
// Complexity: linear in the number of shapes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace negsim::svg {

// Okabe-Ito colours.
inline constexpr const char* kBlack = "#000000";
inline constexpr const char* kOrange = "#E69F00";
inline constexpr const char* kSkyBlue = "#56B4E9";
inline constexpr const char* kGreen = "#009E73";
inline constexpr const char* kYellow = "#F0E442";
inline constexpr const char* kBlue = "#0072B2";
inline constexpr const char* kVermillion = "#D55E00";
inline constexpr const char* kPurple = "#CC79A7";
inline constexpr const char* kGrey = "#999999";
inline constexpr const char* kLightGrey = "#DDDDDD";
// Categorical colours in a fixed order (regimes, players): black last.
const std::vector<std::string>& categorical_palette();

// "12.5" (one decimal, C locale; -0.0 printed as 0.0).
std::string coord(double value);
// XML text and attribute escaping; control characters become spaces.
std::string escape_xml(std::string_view text);
// Cuts text to `max_chars` code points, ending with "..." when cut.
std::string ellipsize(std::string_view text, std::size_t max_chars);
// Rough width in pixels of text at `font_size` (for layout only).
double text_width(std::string_view text, double font_size);

enum class Anchor { Start, Middle, End };
enum class Marker { Circle, Square, Diamond, TriangleUp, TriangleDown, Cross };

struct Style {
  std::string fill = "none";
  std::string stroke = "none";
  double stroke_width = 1;
  bool dashed = false;
  double opacity = 1;
  bool crisp = false;  // shape-rendering="crispEdges": no anti-aliased seams between touching cells
};

// A linear map from data to pixels.
struct Scale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const {
    return d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) * (r1 - r0) / (d1 - d0);
  }
};
// About `count` round tick values covering [lo, hi] (1, 2, 5 times a power of 10).
std::vector<double> nice_ticks(double lo, double hi, int count = 5);
// [lo, hi] widened to round ticks, and by a margin when lo == hi.
std::pair<double, double> nice_range(double lo, double hi);

class Canvas {
 public:
  // `id` prefixes the element ids (letters, digits, '-' only; others are replaced).
  Canvas(std::string id, double width, double height, std::string_view title, std::string_view desc);

  void line(double x1, double y1, double x2, double y2, const Style& style);
  void rect(double x, double y, double w, double h, const Style& style, std::string_view tooltip = {});
  void circle(double cx, double cy, double r, const Style& style, std::string_view tooltip = {});
  void polygon(const std::vector<std::pair<double, double>>& points, const Style& style,
               std::string_view tooltip = {});
  void polyline(const std::vector<std::pair<double, double>>& points, const Style& style);
  void marker(Marker shape, double cx, double cy, double size, const Style& style, std::string_view tooltip = {});
  void text(double x, double y, std::string_view content, double size = 12, Anchor anchor = Anchor::Start,
            bool bold = false, const std::string& fill = kBlack);
  // Text rotated -90 degrees about (x, y) (a vertical axis title).
  void vertical_text(double x, double y, std::string_view content, double size = 12);
  // Axes with ticks and titles inside the plot box [left, right] x [top, bottom].
  void axes(const Scale& x, const Scale& y, double left, double top, double right, double bottom,
            std::string_view x_title, std::string_view y_title);
  // A legend entry: marker (or a line when shape is nullopt-like Cross with line=true) and label.
  void legend_entry(double x, double y, Marker shape, const Style& style, std::string_view label);
  void legend_line(double x, double y, const Style& style, std::string_view label);

  double width() const { return width_; }
  double height() const { return height_; }
  const std::string& id() const { return id_; }
  // The whole <svg> element, with a trailing newline.
  std::string str() const;

 private:
  void shape_end(std::string_view tooltip);
  std::string id_;
  double width_, height_;
  std::string title_, desc_;
  std::string body_;
};

}  // namespace negsim::svg
