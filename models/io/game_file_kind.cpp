#include "models/io/game_file_kind.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "models/errors.hpp"

namespace negsim {

namespace {

bool has_extension(const std::string& path, const std::string& extension) {
  if (path.size() < extension.size()) return false;
  return std::equal(extension.rbegin(), extension.rend(), path.rbegin(),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                std::tolower(static_cast<unsigned char>(b)); });
}

}  // namespace

GameFileKind game_file_kind(const std::string& path) {
  if (has_extension(path, ".nfg")) return GameFileKind::Nfg;
  if (has_extension(path, ".efg")) return GameFileKind::Efg;
  if (has_extension(path, ".yaml") || has_extension(path, ".yml")) return GameFileKind::Scenario;
  std::ifstream in(path, std::ios::binary);
  std::string head;
  char c = 0;
  // Skip a UTF-8 byte order mark and blanks, then read three bytes.
  while (head.size() < 3 && in.get(c)) {
    const auto u = static_cast<unsigned char>(c);
    if (head.empty() && (std::isspace(u) || u == 0xEF || u == 0xBB || u == 0xBF)) continue;
    head += c;
  }
  if (head == "NFG") return GameFileKind::Nfg;
  if (head == "EFG") return GameFileKind::Efg;
  return GameFileKind::Scenario;
}

void refuse_efg_file(const std::string& path) {
  if (game_file_kind(path) == GameFileKind::Efg)
    throw InputError(path, 0, 0,
                     "this is a Gambit extensive-form (.efg) game, which this command does not take",
                     "for a .efg game use negsim solve FILE.efg, negsim validate FILE.efg, negsim run "
                     "FILE.efg, or negsim export FILE.efg --nfg OUT.nfg (its reduced normal form)");
}

void require_scenario_file(const std::string& path, const std::string& command) {
  refuse_efg_file(path);
  if (game_file_kind(path) == GameFileKind::Nfg)
    throw InputError(path, 0, 0,
                     "expected a scenario (YAML)" + (command.empty() ? std::string() : " for negsim " + command) +
                         ", but this is a Gambit strategic-form (.nfg) game",
                     "for a .nfg game use negsim solve FILE.nfg, negsim validate FILE.nfg, or negsim repeated "
                     "FILE.nfg --target ...");
}

}  // namespace negsim
