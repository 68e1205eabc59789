// TEMPORARY (branch sweep only): a minimal `negsim sweep` dispatch until the
// lead's CLI lands on main; the lead wires `negsim sweep` to
// run_sweep_command() in one line and drops this file's content.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "sim/sweep/sweep_command.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] != "sweep") {
    std::fprintf(stderr, "negsim (sweep branch): only `negsim sweep` is wired here\n");
    return 2;
  }
  args.erase(args.begin());
  try {
    return negsim::run_sweep_command(args);
  } catch (const negsim::InputError& e) {
    std::fprintf(stderr, "negsim: %s\n", e.what());
    return 1;
  } catch (const negsim::UsageError& e) {
    std::fprintf(stderr, "negsim: %s\n", e.what());
    return 2;
  } catch (const negsim::LimitError& e) {
    std::fprintf(stderr, "negsim: %s\n", e.what());
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "negsim: internal error: %s\n", e.what());
    return 4;
  }
}
