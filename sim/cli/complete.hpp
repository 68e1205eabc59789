// `negsim complete WHAT [FILE]`: a hidden, machine-readable listing for the
// bash completion script (packaging/bash-completion/negsim). One word a line:
//   negsim complete commands          the subcommands
//   negsim complete methods [GAME]    the names `solve --method` accepts (for
//                                     GAME.efg: the extensive-form methods)
//   negsim complete parameters [FILE] the parameter ids of a scenario (the
//                                     embedded default without FILE)
//   negsim complete levers [FILE]     its player.lever names (sweep axes)
// The script asks the binary rather than keeping its own lists, so the two
// cannot drift. Not in --help: it is an interface for the script, not for users.
#pragma once

#include <string>
#include <vector>

namespace negsim::cli {

// `commands` is the list printed for `complete commands` (main's command table).
int command_complete(const std::vector<std::string>& args, const std::vector<std::string>& commands);

}  // namespace negsim::cli
