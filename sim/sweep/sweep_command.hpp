// `negsim sweep`: the command-line front end of the sweep engine.
//
//   negsim sweep SCENARIO [--grid NAME=LO:HI:N]... [--list NAME=a,b,c]...
//                [--random NAME=LO:HI]... [--lhs NAME=LO:HI]... [--samples K] [--seed S]
//                [--analyses stage,...] [--set NAME=VALUE]... [--max-profiles N]
//                [--jobs N] [--out FILE] [--format csv|jsonl] [--resume | --force] [--shard I/N]
//                [--batch N] [--no-progress]
//
// Contract: args are the words after `sweep` (argv without the program name
// and the subcommand). Returns 0 on success (points with error rows are data,
// not failures). Throws UsageError (exit 2) for bad options, InputError
// (exit 1) for a bad scenario, unknown names or an unusable output file,
// LimitError (exit 3). The output file: never the scenario itself; locked
// (flock) while the sweep runs, so a second sweep on it is refused; an
// existing non-empty file is continued with --resume or replaced with
// --force, and refused otherwise (a new sweep never destroys it by mistake). With --help prints the usage on stdout and returns 0.
// In an MPI build launched by mpirun, every rank must call it with the same
// arguments; rank 0 writes the output (and takes the lock and makes the
// checks above before any work), and the other ranks return the same exit
// code silently if the sweep fails (only rank 0 throws).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/io/atomic_file.hpp"

namespace negsim {

// The output checks of a sweep, before any work (single process, and rank 0
// under MPI): --out is never the scenario; the lock is taken (a second sweep
// on the file is refused); an existing non-empty file needs `resume` or
// `force` (UsageError otherwise). Nothing for standard output.
void claim_sweep_output(std::optional<OutputLock>& lock, const std::string& scenario_path, const std::string& out,
                        bool resume, bool force);

int run_sweep_command(const std::vector<std::string>& args);

// Only the checks of the command line (no file is read): UsageError for bad
// options. For the option-parser fuzzer (tests/fuzz/cli_options_fuzz.cpp).
void check_sweep_arguments(const std::vector<std::string>& args);

// The usage text printed by --help.
std::string sweep_usage();

}  // namespace negsim
