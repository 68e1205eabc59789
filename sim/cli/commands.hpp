// The negsim subcommands. Each takes the arguments after its name and returns
// an exit code; errors are thrown (InputError, UsageError, LimitError) and
// mapped to exit codes by main().
#pragma once

#include <string>
#include <vector>

namespace negsim::cli {

using Args = std::vector<std::string>;

int command_run(const Args& args);
int command_validate(const Args& args);
int command_solve(const Args& args);
int command_export(const Args& args);
int command_generate(const Args& args);
int command_bargain(const Args& args);
int command_repeated(const Args& args);
int command_learn(const Args& args);
int command_merge(const Args& args);  // sweep shards into one file (cmd_merge.cpp)
int command_report(const Args& args);
int command_sensitivity(const Args& args);

}  // namespace negsim::cli
