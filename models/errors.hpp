// Errors that reach the user. The CLI maps them to the exit codes of DESIGN.md:
// InputError -> 1 (bad input), UsageError -> 2, LimitError -> 3.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace negsim {

// Bad input with a location. line and column are 1-based; 0 means unknown.
// what() gives "file:line:col: message" followed by "\n  hint: ..." if a hint is set.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, int line, int column, std::string message, std::string hint = "");
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }
  const std::string& hint() const { return hint_; }

 private:
  static std::string format(const std::string& file, int line, int column,
                            const std::string& message, const std::string& hint);
  std::string file_;
  int line_;
  int column_;
  std::string message_;
  std::string hint_;
};

// A size, memory or time budget was exceeded (exit code 3).
class LimitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The command line itself is wrong (exit code 2).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The closest candidate to `word` by edit distance, or "" if none is close
// enough to be a plausible typo. For "did you mean" hints.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace negsim
