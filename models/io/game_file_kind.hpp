// What kind of game file a path names, so that every command accepts or
// clearly refuses every kind (instead of reading a .nfg file as YAML, or
// treating a missing scenario as present).
//
//   Scenario: negsim's YAML (.yaml, .yml, or anything not recognised below)
//   Nfg:      Gambit strategic game (.nfg, or text starting with "NFG")
//   Efg:      Gambit extensive game (.efg, or text starting with "EFG"),
//             read by models/io/efg.hpp; solve, validate, run and export take it
//
// The extension decides (case-insensitive); otherwise the first non-blank
// bytes of the file. A file that cannot be opened is a Scenario: the loader
// then reports it as missing, with its name.
#pragma once

#include <string>

namespace negsim {

enum class GameFileKind { Scenario, Nfg, Efg };

GameFileKind game_file_kind(const std::string& path);

// Throws InputError (exit 1) naming `path` unless it is a scenario: a .nfg
// file gets a hint to use a command that reads games (`negsim solve`,
// `repeated --target`), an .efg file gets a hint naming the commands that take it. `command` is the subcommand's name, for the message (may be empty).
void require_scenario_file(const std::string& path, const std::string& command);

// Throws InputError for an .efg file, for commands that do not take one
// (with a hint naming those that do).
void refuse_efg_file(const std::string& path);

}  // namespace negsim
