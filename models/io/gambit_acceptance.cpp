#include "models/io/gambit_acceptance.hpp"

#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

namespace negsim {

namespace {

struct Tok {
  enum Kind { kString, kWord, kOpen, kClose, kEnd } kind = kEnd;
  std::string text;  // strings unescaped
  int line = 0, column = 0;
  bool ascii = true;
};

// The tokens of an .efg file; commas separate like spaces.
std::vector<Tok> tokens_of(std::string_view text, std::optional<GambitAcceptanceProblem>& problem) {
  std::vector<Tok> out;
  int line = 1, column = 1;
  std::size_t i = 0;
  auto step = [&] {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    ++i;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ',') {
      step();
      continue;
    }
    Tok t;
    t.line = line;
    t.column = column;
    if (c == '{' || c == '}') {
      t.kind = c == '{' ? Tok::kOpen : Tok::kClose;
      step();
    } else if (c == '"') {
      t.kind = Tok::kString;
      step();
      while (true) {
        if (i >= text.size()) {
          problem = GambitAcceptanceProblem{t.line, t.column, "a string is never closed"};
          return out;
        }
        if (text[i] == '"') {
          step();
          break;
        }
        if (text[i] == '\\' && i + 1 < text.size()) step();
        if (static_cast<unsigned char>(text[i]) >= 0x80) t.ascii = false;
        t.text += text[i];
        step();
      }
    } else {
      t.kind = Tok::kWord;
      while (i < text.size()) {
        const char d = text[i];
        if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == '\v' || d == ',' || d == '{' ||
            d == '}' || d == '"')
          break;
        if (static_cast<unsigned char>(d) >= 0x80) t.ascii = false;
        t.text += d;
        step();
      }
    }
    out.push_back(std::move(t));
  }
  Tok end;
  end.line = line;
  end.column = column;
  out.push_back(end);
  return out;
}

class Scanner {
 public:
  explicit Scanner(std::vector<Tok> tokens) : tokens_(std::move(tokens)) {}

  std::optional<GambitAcceptanceProblem> run() {
    // Header: EFG 2 R|D "title" { "player" ... } ["comment"]
    if (!word("EFG") || !word("2") || !(word("R") || word("D")))
      return problem_here("not an .efg file: expected 'EFG 2 R' or 'EFG 2 D'");
    if (!string_token()) return problem_;
    if (!take(Tok::kOpen)) return problem_here("expected '{' before the player names");
    while (peek().kind == Tok::kString)
      if (!string_token()) return problem_;
    if (!take(Tok::kClose)) return problem_here("expected '}' after the player names");
    if (peek().kind == Tok::kString && !string_token()) return problem_;
    while (peek().kind != Tok::kEnd)
      if (!node()) return problem_;
    return std::nullopt;
  }

 private:
  const Tok& peek() const { return tokens_[at_]; }
  bool take(Tok::Kind kind) {
    if (peek().kind != kind) return false;
    ++at_;
    return true;
  }
  bool word(const char* text) {
    if (peek().kind != Tok::kWord || peek().text != text) return false;
    ++at_;
    return true;
  }
  std::optional<GambitAcceptanceProblem> problem_here(const std::string& message) {
    problem_ = GambitAcceptanceProblem{peek().line, peek().column, message};
    return problem_;
  }
  bool fail(const Tok& at, const std::string& message) {
    problem_ = GambitAcceptanceProblem{at.line, at.column, message};
    return false;
  }
  // A quoted string, which must be ASCII; `out` receives it.
  bool string_token(const Tok** out = nullptr) {
    const Tok& t = peek();
    if (t.kind != Tok::kString) return fail(t, "expected a quoted string");
    if (!t.ascii) return fail(t, "the string \"" + t.text + "\" is not ASCII");
    if (out) *out = &t;
    ++at_;
    return true;
  }
  bool number(std::string* out = nullptr) {
    const Tok& t = peek();
    if (t.kind != Tok::kWord) return fail(t, "expected a number");
    if (!t.ascii) return fail(t, "'" + t.text + "' is not ASCII");
    if (out) *out = t.text;
    ++at_;
    return true;
  }
  bool node();
  bool outcome();

  std::vector<Tok> tokens_;
  std::size_t at_ = 0;
  std::optional<GambitAcceptanceProblem> problem_;
  std::unordered_map<std::string, int> node_labels_;  // label -> line of first use
  // Per player ("c" for chance): information set numbers seen, labels in use.
  std::map<std::string, std::map<std::string, bool>> infoset_numbers_;
  std::map<std::string, std::unordered_map<std::string, int>> infoset_labels_;
};

bool Scanner::node() {
  const Tok& type = peek();
  if (type.kind != Tok::kWord || (type.text != "p" && type.text != "c" && type.text != "t"))
    return fail(type, "expected a node line starting with 'p', 'c' or 't'");
  ++at_;
  const Tok* label = nullptr;
  if (!string_token(&label)) return false;
  if (!label->text.empty()) {
    const auto [it, inserted] = node_labels_.emplace(label->text, label->line);
    if (!inserted)
      return fail(*label, "node label \"" + label->text + "\" repeats (first at line " + std::to_string(it->second) + ")");
  }
  if (type.text == "t") return outcome();
  std::string owner = "c", set;
  if (type.text == "p" && !number(&owner)) return false;
  if (!number(&set)) return false;
  const bool first = infoset_numbers_[owner].emplace(set, true).second;
  if (peek().kind == Tok::kString) {
    const Tok* set_label = nullptr;
    if (!string_token(&set_label)) return false;
    if (first && !set_label->text.empty()) {
      const auto [it, inserted] = infoset_labels_[owner].emplace(set_label->text, set_label->line);
      if (!inserted)
        return fail(*set_label, "information set label \"" + set_label->text + "\" repeats for " +
                                    (owner == "c" ? std::string("chance") : "player " + owner) + " (first at line " +
                                    std::to_string(it->second) + ")");
    }
  }
  if (take(Tok::kOpen)) {
    while (peek().kind == Tok::kString) {
      if (!string_token()) return false;
      if (type.text == "c" && !number()) return false;
    }
    if (!take(Tok::kClose)) return fail(peek(), "expected '}' after the actions");
  }
  return outcome();
}

bool Scanner::outcome() {
  if (!number()) return false;
  if (peek().kind == Tok::kString && !string_token()) return false;
  if (take(Tok::kOpen)) {
    while (peek().kind == Tok::kWord)
      if (!number()) return false;
    if (!take(Tok::kClose)) return fail(peek(), "expected '}' after the payoffs");
  }
  return true;
}

}  // namespace

std::optional<GambitAcceptanceProblem> gambit_acceptance_problem(std::string_view efg_text) {
  std::optional<GambitAcceptanceProblem> problem;
  std::vector<Tok> tokens = tokens_of(efg_text, problem);
  if (problem) return problem;
  return Scanner(std::move(tokens)).run();
}

}  // namespace negsim
