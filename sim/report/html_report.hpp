// A ReportDocument as one self-contained HTML page: inline CSS and inline
// SVG, no script, no external file, and a Content-Security-Policy that
// forbids the page from loading anything (`default-src 'none'; style-src
// 'unsafe-inline'; img-src data:`), so the file opens from disk in any
// browser, offline, and nothing in it can reach the network. Print CSS keeps
// figures and tables whole across pages.
//
// Contract: every text is HTML-escaped (svg::escape_xml); the charts' SVG is
// written by negsim (sim/report/svg/) and inserted as is. The page is
// well-formed XML-compatible HTML5 (every element closed), deterministic
// bytes for a given document. Complexity: linear in the document's size.
#pragma once

#include <string>

#include "sim/report/report_document.hpp"

namespace negsim {

inline constexpr const char* kReportContentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

std::string html_report(const ReportDocument& document);

}  // namespace negsim
