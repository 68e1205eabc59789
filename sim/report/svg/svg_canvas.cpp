#include "sim/report/svg/svg_canvas.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "sim/report/solve_report.hpp"

namespace negsim::svg {

namespace {

std::string style_attributes(const Style& s) {
  std::string out = " fill=\"" + s.fill + "\"";
  if (s.stroke != "none") {
    out += " stroke=\"" + s.stroke + "\" stroke-width=\"" + coord(s.stroke_width) + "\"";
    if (s.dashed) out += " stroke-dasharray=\"6 4\"";
  }
  if (s.opacity < 1) out += " opacity=\"" + coord(s.opacity) + "\"";
  if (s.crisp) out += " shape-rendering=\"crispEdges\"";
  return out;
}

std::string format_tick(double t) { return format_number(t, 6); }

std::string clean_id(std::string_view id) {
  std::string out;
  for (char c : id) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '-';
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "c" + out;
  return out;
}

}  // namespace

const std::vector<std::string>& categorical_palette() {
  static const std::vector<std::string> palette = {kBlue, kOrange, kGreen, kVermillion, kSkyBlue,
                                                   kPurple, kYellow, kGrey, kBlack};
  return palette;
}

std::string coord(double value) {
  if (!std::isfinite(value)) value = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  std::string out = buf;
  if (out == "-0.0") out = "0.0";
  return out;
}

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += (u < 0x20 || u == 0x7f) ? ' ' : c;
    }
  }
  return out;
}

std::string ellipsize(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0, i = 0, cut = std::string_view::npos;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    if (chars == (max_chars > 3 ? max_chars - 3 : 0)) cut = i;
    if (++chars > max_chars) return std::string(text.substr(0, cut)) + "...";
  }
  return std::string(text);
}

double text_width(std::string_view text, double font_size) {
  std::size_t chars = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
  return 0.55 * font_size * static_cast<double>(chars);
}

std::vector<double> nice_ticks(double lo, double hi, int count) {
  std::vector<double> ticks;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {lo};
  const double raw = (hi - lo) / std::max(1, count);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::pair<double, double> nice_range(double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {0, 1};
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
    const double pad = std::max(1.0, std::abs(lo) * 0.1);
    return {lo - pad, hi + pad};
  }
  const std::vector<double> ticks = nice_ticks(lo, hi, 5);
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : (hi - lo);
  return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step};
}

Canvas::Canvas(std::string id, double width, double height, std::string_view title, std::string_view desc)
    : id_(clean_id(id)), width_(width), height_(height), title_(title), desc_(desc) {}

void Canvas::shape_end(std::string_view tooltip) {
  if (tooltip.empty()) {
    body_ += "/>\n";
  } else {
    body_ += "><title>" + escape_xml(tooltip) + "</title></";
  }
}

void Canvas::line(double x1, double y1, double x2, double y2, const Style& style) {
  body_ += "<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" + coord(y2) +
           "\"" + style_attributes(style) + "/>\n";
}

void Canvas::rect(double x, double y, double w, double h, const Style& style, std::string_view tooltip) {
  body_ += "<rect x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" width=\"" + coord(std::max(0.0, w)) +
           "\" height=\"" + coord(std::max(0.0, h)) + "\"" + style_attributes(style);
  shape_end(tooltip);
  if (!tooltip.empty()) body_ += "rect>\n";
}

void Canvas::circle(double cx, double cy, double r, const Style& style, std::string_view tooltip) {
  body_ += "<circle cx=\"" + coord(cx) + "\" cy=\"" + coord(cy) + "\" r=\"" + coord(r) + "\"" +
           style_attributes(style);
  shape_end(tooltip);
  if (!tooltip.empty()) body_ += "circle>\n";
}

void Canvas::polygon(const std::vector<std::pair<double, double>>& points, const Style& style,
                     std::string_view tooltip) {
  body_ += "<polygon points=\"";
  for (std::size_t i = 0; i < points.size(); ++i)
    body_ += (i ? " " : "") + coord(points[i].first) + "," + coord(points[i].second);
  body_ += "\"" + style_attributes(style);
  shape_end(tooltip);
  if (!tooltip.empty()) body_ += "polygon>\n";
}

void Canvas::polyline(const std::vector<std::pair<double, double>>& points, const Style& style) {
  body_ += "<polyline points=\"";
  for (std::size_t i = 0; i < points.size(); ++i)
    body_ += (i ? " " : "") + coord(points[i].first) + "," + coord(points[i].second);
  body_ += "\"" + style_attributes(style) + "/>\n";
}

void Canvas::marker(Marker shape, double cx, double cy, double size, const Style& style,
                    std::string_view tooltip) {
  const double h = size / 2;
  switch (shape) {
    case Marker::Circle: circle(cx, cy, h, style, tooltip); break;
    case Marker::Square: rect(cx - h, cy - h, size, size, style, tooltip); break;
    case Marker::Diamond:
      polygon({{cx, cy - h * 1.3}, {cx + h * 1.3, cy}, {cx, cy + h * 1.3}, {cx - h * 1.3, cy}}, style, tooltip);
      break;
    case Marker::TriangleUp:
      polygon({{cx, cy - h * 1.2}, {cx + h * 1.2, cy + h}, {cx - h * 1.2, cy + h}}, style, tooltip);
      break;
    case Marker::TriangleDown:
      polygon({{cx, cy + h * 1.2}, {cx + h * 1.2, cy - h}, {cx - h * 1.2, cy - h}}, style, tooltip);
      break;
    case Marker::Cross: {
      Style s = style;
      if (s.stroke == "none") s.stroke = s.fill;
      s.stroke_width = std::max(2.0, s.stroke_width);
      body_ += "<g>";
      if (!tooltip.empty()) body_ += "<title>" + escape_xml(tooltip) + "</title>";
      body_ += "\n";
      line(cx - h, cy - h, cx + h, cy + h, s);
      line(cx - h, cy + h, cx + h, cy - h, s);
      body_ += "</g>\n";
      break;
    }
  }
}

void Canvas::text(double x, double y, std::string_view content, double size, Anchor anchor, bool bold,
                  const std::string& fill) {
  body_ += "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" font-size=\"" + coord(size) + "\"";
  if (anchor == Anchor::Middle) body_ += " text-anchor=\"middle\"";
  if (anchor == Anchor::End) body_ += " text-anchor=\"end\"";
  if (bold) body_ += " font-weight=\"bold\"";
  if (fill != kBlack) body_ += " fill=\"" + fill + "\"";
  body_ += ">" + escape_xml(content) + "</text>\n";
}

void Canvas::vertical_text(double x, double y, std::string_view content, double size) {
  body_ += "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" font-size=\"" + coord(size) +
           "\" text-anchor=\"middle\" transform=\"rotate(-90 " + coord(x) + " " + coord(y) + ")\">" +
           escape_xml(content) + "</text>\n";
}

void Canvas::axes(const Scale& x, const Scale& y, double left, double top, double right, double bottom,
                  std::string_view x_title, std::string_view y_title) {
  const Style grid{"none", kLightGrey, 1};
  const Style axis{"none", kBlack, 1};
  for (double t : nice_ticks(std::min(x.d0, x.d1), std::max(x.d0, x.d1))) {
    const double px = x(t);
    line(px, top, px, bottom, grid);
    line(px, bottom, px, bottom + 4, axis);
    text(px, bottom + 16, format_tick(t), 11, Anchor::Middle);
  }
  for (double t : nice_ticks(std::min(y.d0, y.d1), std::max(y.d0, y.d1))) {
    const double py = y(t);
    line(left, py, right, py, grid);
    line(left - 4, py, left, py, axis);
    text(left - 7, py + 4, format_tick(t), 11, Anchor::End);
  }
  line(left, bottom, right, bottom, axis);
  line(left, top, left, bottom, axis);
  text((left + right) / 2, bottom + 34, x_title, 12, Anchor::Middle);
  vertical_text(left - 44, (top + bottom) / 2, y_title, 12);
}

void Canvas::legend_entry(double x, double y, Marker shape, const Style& style, std::string_view label) {
  marker(shape, x + 6, y - 4, 10, style);
  text(x + 16, y, label, 11);
}

void Canvas::legend_line(double x, double y, const Style& style, std::string_view label) {
  line(x, y - 4, x + 18, y - 4, style);
  text(x + 24, y, label, 11);
}

std::string Canvas::str() const {
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + coord(width_) + "\" height=\"" +
                    coord(height_) + "\" viewBox=\"0 0 " + coord(width_) + " " + coord(height_) +
                    "\" role=\"img\" aria-labelledby=\"" + id_ + "-title " + id_ + "-desc\" id=\"" + id_ +
                    "\" font-family=\"sans-serif\">\n";
  out += "<title id=\"" + id_ + "-title\">" + escape_xml(title_) + "</title>\n";
  out += "<desc id=\"" + id_ + "-desc\">" + escape_xml(desc_) + "</desc>\n";
  out += "<rect x=\"0\" y=\"0\" width=\"" + coord(width_) + "\" height=\"" + coord(height_) + "\" fill=\"#FFFFFF\"/>\n";
  out += body_;
  out += "</svg>\n";
  return out;
}

}  // namespace negsim::svg
