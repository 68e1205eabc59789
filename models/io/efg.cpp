#include "models/io/efg.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <utility>
#include <vector>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "models/io/gambit_labels.hpp"
#include "models/io/nfg.hpp"  // quote_nfg_string
#include "models/io/number_text.hpp"
#include "models/io/utf8.hpp"

namespace negsim {

namespace {

enum class Tok { String, Word, LBrace, RBrace, Comma, End };

struct Token {
  Tok kind = Tok::End;
  std::string text;  // unescaped for strings
  int line = 0;
  int column = 0;
};

const char* token_kind_name(Tok k) {
  switch (k) {
    case Tok::String: return "a quoted string";
    case Tok::Word: return "a word or number";
    case Tok::LBrace: return "'{'";
    case Tok::RBrace: return "'}'";
    case Tok::Comma: return "','";
    case Tok::End: return "the end of the file";
  }
  return "?";
}

class Lexer {
 public:
  Lexer(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  Token next() {
    skip_space();
    Token t;
    t.line = line_;
    t.column = column_;
    if (pos_ >= text_.size()) return t;
    const char c = text_[pos_];
    if (c == '{' || c == '}' || c == ',') {
      t.kind = c == '{' ? Tok::LBrace : c == '}' ? Tok::RBrace : Tok::Comma;
      t.text = std::string(1, c);
      advance();
      return t;
    }
    if (c == '"') {
      t.kind = Tok::String;
      advance();
      while (true) {
        if (pos_ >= text_.size())
          throw InputError(file_, t.line, t.column, "this string is never closed",
                           "add the closing '\"'; write \\\" for a quote inside a label");
        const char d = text_[pos_];
        if (d == '"') {
          advance();
          break;
        }
        if (d == '\\' && pos_ + 1 < text_.size()) {
          advance();
          t.text += text_[pos_];
          advance();
          continue;
        }
        t.text += d;
        advance();
      }
      return t;
    }
    t.kind = Tok::Word;
    while (pos_ < text_.size()) {
      const char d = text_[pos_];
      if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == '\v' || d == '{' ||
          d == '}' || d == ',' || d == '"')
        break;
      t.text += d;
      advance();
    }
    return t;
  }

 private:
  void advance() {
    // Columns count characters, not bytes: skip UTF-8 continuation bytes.
    const auto u = static_cast<unsigned char>(text_[pos_]);
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((u & 0xC0) != 0x80) {
      ++column_;
    }
    ++pos_;
  }
  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        advance();
      else
        break;
    }
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

class EfgParser {
 public:
  EfgParser(std::string_view text, const std::string& file) : file_(file), lexer_(text, file) {
    look_ = lexer_.next();
  }

  ExtensiveFormGame parse();

 private:
  [[noreturn]] void fail(const Token& at, const std::string& message, const std::string& hint = "") const {
    throw InputError(file_, at.line, at.column, message, hint);
  }
  Token take() {
    Token t = std::move(look_);
    look_ = lexer_.next();
    return t;
  }
  Token expect(Tok kind, const std::string& what, const std::string& hint = "") {
    if (look_.kind != kind)
      fail(look_, "expected " + what + ", found " + describe(look_), hint);
    return take();
  }
  static std::string describe(const Token& t) {
    if (t.kind == Tok::Word) return "'" + t.text + "'";
    if (t.kind == Tok::String) return "the string \"" + t.text + "\"";
    return token_kind_name(t.kind);
  }
  std::size_t read_count(const std::string& what, bool allow_zero) {
    const Token t = expect(Tok::Word, what);
    std::size_t value = 0;
    bool ok = !t.text.empty() && t.text.size() < 19;
    for (char c : t.text) {
      if (c < '0' || c > '9') ok = false;
      else value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    if (!ok || (!allow_zero && value == 0))
      fail(t, "expected " + what + ", found " + describe(t),
           allow_zero ? "a whole number >= 0" : "a whole number >= 1");
    return value;
  }
  mpq_class read_number(const std::string& what) {
    const Token t = expect(Tok::Word, what);
    std::string why;
    const auto value = parse_exact_number(t.text, &why);
    if (!value)
      fail(t, "expected " + what + ", found " + describe(t) + (why.empty() ? "" : " (" + why + ")"),
           "numbers look like 3, -1.5, 2e-3 or 1/3");
    return *value;
  }
  void read_node(std::size_t node);
  void read_outcome(std::size_t node);
  std::vector<mpq_class> read_payoffs();

  const std::string& file_;
  Lexer lexer_;
  Token look_;
  ExtensiveFormGame game_;
  std::vector<std::map<std::size_t, std::size_t>> player_infosets_;  // number -> infoset
  std::map<std::size_t, std::size_t> chance_infosets_;
  std::map<std::size_t, std::size_t> outcomes_;  // number -> outcome
};

ExtensiveFormGame EfgParser::parse() {
  const Token magic = expect(Tok::Word, "'EFG' (the start of a Gambit extensive-form file)");
  if (magic.text != "EFG")
    fail(magic, "expected 'EFG', found " + describe(magic),
         magic.text == "NFG" ? "this is a strategic-form file: name it .nfg" : "is this a Gambit .efg file?");
  const Token version = expect(Tok::Word, "the format version 2");
  if (version.text != "2") fail(version, "unsupported .efg version " + describe(version), "negsim reads EFG 2 files");
  const Token kind = expect(Tok::Word, "'R' or 'D'");
  if (kind.text != "R" && kind.text != "D") fail(kind, "expected 'R' or 'D', found " + describe(kind));
  game_.title = expect(Tok::String, "the game's title in quotes").text;
  expect(Tok::LBrace, "'{' before the player names");
  while (look_.kind == Tok::String) game_.add_player(take().text);
  expect(Tok::RBrace, "a player name in quotes or '}'");
  if (game_.num_players() == 0) fail(look_, "the game has no players", "list the players: { \"Player 1\" \"Player 2\" }");
  player_infosets_.resize(game_.num_players());
  if (look_.kind == Tok::String) game_.comment = take().text;

  // Nodes in preorder: a stack of leaves still to be described.
  std::vector<std::size_t> pending{0};
  while (!pending.empty()) {
    const std::size_t node = pending.back();
    pending.pop_back();
    if (look_.kind == Tok::End)
      fail(look_, "the file ends before the tree does (" + std::to_string(pending.size() + 1) +
                      " more node" + (pending.empty() ? "" : "s") + " expected)",
           "every action of a 'p' or 'c' node needs a node line below it");
    read_node(node);
    const EfgNode& n = game_.node(node);
    if (n.kind != NodeKind::terminal)
      for (std::size_t a = game_.num_children(node); a-- > 0;) pending.push_back(n.first_child + a);
  }
  if (look_.kind != Tok::End)
    fail(look_, "unexpected " + describe(look_) + " after the last node of the tree",
         "the tree is complete here; remove the extra lines or check the action counts above");
  try {
    game_.finalize();
  } catch (const GameStructureError& e) {
    throw InputError(file_, 0, 0, e.what());
  }
  game_.source = file_;
  return std::move(game_);
}

void EfgParser::read_node(std::size_t node) {
  const Token type = expect(Tok::Word, "a node line starting with 'p', 'c' or 't'");
  if (type.text != "p" && type.text != "c" && type.text != "t")
    fail(type, "expected a node type 'p' (player), 'c' (chance) or 't' (terminal), found " + describe(type));
  game_.set_node_label(node, expect(Tok::String, "the node's label in quotes (\"\" for none)").text);
  if (type.text == "t") {
    read_outcome(node);
    return;
  }
  const bool chance = type.text == "c";
  std::size_t player = kChancePlayer;
  Token player_token = look_;
  if (!chance) {
    player = read_count("a player number", false);
    if (player > game_.num_players())
      fail(player_token, "player " + std::to_string(player) + " does not exist: the game has " +
                             std::to_string(game_.num_players()) + " players",
           "players are numbered from 1 in the order of the header");
    --player;
  }
  const Token infoset_token = look_;
  const std::size_t number = read_count("an information set number", false);
  auto& table = chance ? chance_infosets_ : player_infosets_[player];
  const auto found = table.find(number);

  std::string label;
  bool has_label = false;
  std::vector<std::string> actions;
  std::vector<mpq_class> probs;
  std::vector<Token> prob_tokens;
  bool has_actions = false;
  const Token label_token = look_;
  if (look_.kind == Tok::String) {
    label = take().text;
    has_label = true;
  }
  const Token actions_token = look_;
  if (look_.kind == Tok::LBrace) {
    take();
    has_actions = true;
    while (look_.kind == Tok::String) {
      actions.push_back(take().text);
      if (chance) {
        prob_tokens.push_back(look_);
        probs.push_back(read_number("the probability of action \"" + actions.back() + "\""));
        if (look_.kind == Tok::Comma) take();
      }
    }
    expect(Tok::RBrace, chance ? "an action label in quotes followed by its probability, or '}'"
                               : "an action label in quotes or '}'");
    if (actions.empty()) fail(actions_token, "an information set needs at least one action");
  }
  (void)label_token;

  std::size_t infoset = kNoIndex;
  if (found == table.end()) {
    if (!has_actions)
      fail(actions_token,
           "information set " + std::to_string(number) + (chance ? " of chance" : " of player " + std::to_string(player + 1)) +
               " appears here for the first time, so its actions must be listed",
           chance ? "write { \"action\" probability ... } after the label" : "write { \"action\" ... } after the label");
    try {
      if (chance) {
        for (std::size_t a = 0; a < probs.size(); ++a)
          if (probs[a] < 0) fail(prob_tokens[a], "chance probability " + probs[a].get_str() + " is negative");
        mpq_class sum = 0;
        for (const mpq_class& q : probs) sum += q;
        if (sum != 1)
          fail(actions_token, "chance probabilities sum to " + exact_number_text(sum) + ", not 1",
               "write them as exact fractions (1/3, not 0.333333) so that they sum to 1");
        infoset = game_.add_chance_infoset(actions, probs, label);
      } else {
        infoset = game_.add_infoset(player, actions, label);
      }
    } catch (const GameStructureError& e) {
      fail(actions_token, e.what());
    }
    table.emplace(number, infoset);
  } else {
    infoset = found->second;
    const EfgInfoset& s = game_.infoset(infoset);
    const std::string name = std::string(chance ? "chance information set " : "information set ") +
                             std::to_string(number) +
                             (chance ? "" : " of player " + std::to_string(player + 1));
    if (has_actions) {
      if (actions.size() != s.num_actions())
        fail(actions_token, name + " has " + std::to_string(s.num_actions()) + " actions where it first appeared, but " +
                                std::to_string(actions.size()) + " here",
             "every node of an information set has the same actions; check the information set number");
      for (std::size_t a = 0; a < actions.size(); ++a)
        if (actions[a] != s.actions[a])
          fail(actions_token, name + ": action " + std::to_string(a + 1) + " is \"" + actions[a] + "\" here but \"" +
                                  s.actions[a] + "\" where the information set first appeared",
               "every node of an information set has the same actions, in the same order");
      if (chance)
        for (std::size_t a = 0; a < probs.size(); ++a)
          if (probs[a] != s.chance_probs[a])
            fail(prob_tokens[a], name + ": action \"" + actions[a] + "\" has probability " + exact_number_text(probs[a]) +
                                     " here but " + exact_number_text(s.chance_probs[a]) + " where it first appeared");
    }
    (void)has_label;  // a restated label may differ (Gambit keeps the first)
  }
  game_.set_move(node, infoset);
  read_outcome(node);
}

std::vector<mpq_class> EfgParser::read_payoffs() {
  const Token open = expect(Tok::LBrace, "'{' before the outcome's payoffs");
  std::vector<mpq_class> payoffs;
  while (look_.kind == Tok::Word) {
    payoffs.push_back(read_number("a payoff"));
    if (look_.kind == Tok::Comma) take();
  }
  expect(Tok::RBrace, "a payoff or '}'");
  if (payoffs.size() != game_.num_players())
    fail(open, "an outcome needs one payoff per player: " + std::to_string(game_.num_players()) +
                   " expected, " + std::to_string(payoffs.size()) + " found");
  return payoffs;
}

void EfgParser::read_outcome(std::size_t node) {
  const Token number_token = look_;
  const std::size_t number = read_count("an outcome number (0 for none)", true);
  std::string label;
  bool has_label = false;
  if (look_.kind == Tok::String) {
    label = take().text;
    has_label = true;
  }
  std::vector<mpq_class> payoffs;
  bool has_payoffs = false;
  const Token payoff_token = look_;
  if (look_.kind == Tok::LBrace) {
    payoffs = read_payoffs();
    has_payoffs = true;
  }
  if (number == 0) {
    if (has_payoffs) fail(payoff_token, "outcome 0 means no outcome, so it cannot have payoffs",
                          "give the outcome a number from 1");
    return;
  }
  const auto found = outcomes_.find(number);
  std::size_t outcome = kNoIndex;
  if (found == outcomes_.end()) {
    if (!has_payoffs)
      fail(payoff_token, "outcome " + std::to_string(number) + " appears here for the first time, so its payoffs must be listed",
           "write \"label\" { u1, u2, ... } after the outcome number");
    outcome = game_.add_outcome(payoffs, label);
    outcomes_.emplace(number, outcome);
  } else {
    outcome = found->second;
    if (has_payoffs && payoffs != game_.outcome(outcome).payoffs())
      fail(payoff_token, "outcome " + std::to_string(number) + " has different payoffs here than where it first appeared",
           "give different outcomes different numbers");
  }
  (void)has_label;
  (void)number_token;
  game_.set_outcome(node, outcome);
}

std::string read_whole_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
    throw InputError(path, 0, 0, "cannot read file: it is a directory", "give the path of a .efg file");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path, 0, 0, "cannot open file",
                     "check the path; relative paths start from the current folder");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(path, 0, 0, "cannot read file", "check that the file is readable");
  return text.str();
}

}  // namespace

std::string exact_number_text(const mpq_class& value) {
  if (value.get_den() == 1) return value.get_num().get_str();
  // A finite decimal iff the denominator is 2^a 5^b.
  mpz_class den = value.get_den();
  unsigned twos = 0, fives = 0;
  while (mpz_divisible_ui_p(den.get_mpz_t(), 2)) { den /= 2; ++twos; }
  while (mpz_divisible_ui_p(den.get_mpz_t(), 5)) { den /= 5; ++fives; }
  if (den != 1) return value.get_str();
  const unsigned digits = std::max(twos, fives);
  mpz_class scale;
  mpz_ui_pow_ui(scale.get_mpz_t(), 10, digits);
  mpz_class scaled = value.get_num() * scale / value.get_den();
  const bool negative = scaled < 0;
  if (negative) scaled = -scaled;
  std::string text = scaled.get_str();
  if (text.size() <= digits) text.insert(0, digits + 1 - text.size(), '0');
  text.insert(text.size() - digits, ".");
  return (negative ? "-" : "") + text;
}

ExtensiveFormGame read_efg(std::string_view text, const std::string& file_name) {
  require_utf8(text, file_name);
  // Skip a UTF-8 byte order mark.
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return EfgParser(text, file_name).parse();
}

ExtensiveFormGame read_efg_file(const std::string& path) {
  const std::string text = read_whole_file(path);
  return read_efg(text, path);
}

std::string write_efg(const ExtensiveFormGame& game, const EfgWriteOptions& options) {
  if (!game.finalized()) throw std::logic_error("write_efg: the game is not finalized");
  const bool gambit = options.gambit_labels;
  auto text = [gambit](const std::string& label) { return quote_nfg_string(gambit ? ascii_label(label) : label); };
  std::string out = "EFG 2 R " + text(game.title) + " {";
  for (const std::string& name : game.player_names()) out += " " + text(name);
  out += " }\n" + text(game.comment) + "\n\n";
  std::vector<std::size_t> outcome_number(game.num_outcomes(), 0);
  std::size_t next_outcome = 1;
  // Each information set's label and actions, written once at its first node
  // (a labeler's label is put in words once, not once per node).
  std::vector<std::string> set_text(game.num_infosets());
  std::vector<char> set_done(game.num_infosets(), 0);
  UniqueLabels node_labels;
  std::vector<UniqueLabels> set_labels(game.num_players() + 1);  // the last: chance
  for (std::size_t n : game.preorder()) {
    const EfgNode& x = game.node(n);
    const std::string node_label = quote_nfg_string(gambit ? node_labels.claim(ascii_label(x.label)) : x.label);
    if (x.kind == NodeKind::terminal) {
      out += "t " + node_label + " ";
    } else {
      const EfgInfoset& s = game.infoset(x.infoset);
      if (!set_done[x.infoset]) {
        set_done[x.infoset] = 1;
        std::string label = game.infoset_label(x.infoset);
        if (gambit) label = set_labels[s.is_chance() ? game.num_players() : s.player].claim(ascii_label(label));
        std::string& t = set_text[x.infoset];
        t = std::to_string(game.infoset_position(x.infoset) + 1) + " " + quote_nfg_string(label) + " {";
        for (std::size_t a = 0; a < s.num_actions(); ++a) {
          t += " " + text(s.actions[a]);
          if (s.is_chance()) t += " " + exact_number_text(s.chance_probs[a]);
        }
        t += " } ";
      }
      if (s.is_chance())
        out += "c " + node_label + " " + set_text[x.infoset];
      else
        out += "p " + node_label + " " + std::to_string(s.player + 1) + " " + set_text[x.infoset];
    }
    if (x.outcome == kNoIndex) {
      out += "0\n";
      continue;
    }
    if (outcome_number[x.outcome] == 0) outcome_number[x.outcome] = next_outcome++;
    const EfgOutcome& o = game.outcome(x.outcome);
    out += std::to_string(outcome_number[x.outcome]) + " " + text(o.label) + " {";
    for (std::size_t p = 0; p < o.payoffs_d.size(); ++p)
      out += (p ? ", " : " ") + exact_number_text(o.payoff(p));
    out += " }\n";
  }
  return out;
}

void write_efg_file(const std::string& path, const ExtensiveFormGame& game, const EfgWriteOptions& options) {
  write_file_atomically(path, write_efg(game, options));
}

}  // namespace negsim
