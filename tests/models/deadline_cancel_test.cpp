// Deadline::with_cancel (the Python module's Ctrl-C): a deadline that also
// expires when a flag is set from another thread, and a solve that stops at
// it as it stops at a time limit.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "models/deadline.hpp"
#include "models/errors.hpp"
#include "sim/solve/solve.hpp"
#include "tests/support/random_games.hpp"

using negsim::Deadline;

TEST_CASE("a cancel flag makes a deadline expire, with an interrupted message") {
  auto flag = std::make_shared<std::atomic<bool>>(false);
  const Deadline d = Deadline::with_cancel(Deadline{}, flag);
  CHECK_FALSE(d.unlimited());
  CHECK_FALSE(d.expired());
  CHECK_FALSE(d.cancelled());
  CHECK(d.remaining_seconds() > 1e300);  // no time limit: GLPK gets no budget from it
  d.check("nothing");                     // does not throw
  flag->store(true);
  CHECK(d.expired());
  CHECK(d.cancelled());
  CHECK(d.message("enumerating vertices") == "interrupted while enumerating vertices");
  CHECK_THROWS_AS(d.check("enumerating vertices"), negsim::LimitError);
  // Copies share the flag.
  const Deadline copy = d;
  CHECK(copy.expired());
}

TEST_CASE("with_cancel keeps the time limit of its base") {
  auto flag = std::make_shared<std::atomic<bool>>(false);
  const Deadline d = Deadline::with_cancel(Deadline::after_seconds(1e-9), flag);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(d.expired());
  CHECK_FALSE(d.cancelled());
  CHECK(d.message("x").rfind("time limit of", 0) == 0);
  CHECK(Deadline::with_cancel(Deadline{}, nullptr).unlimited());
}

TEST_CASE("a solve stops soon after its cancel flag is set from another thread") {
  const negsim::NormalFormGame game = negsim::testing::random_game({40, 40}, 3);
  auto flag = std::make_shared<std::atomic<bool>>(false);
  negsim::SolveOptions options;
  options.method = "enum";
  options.deadline = Deadline::with_cancel(Deadline{}, flag);
  std::thread canceller([flag] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    flag->store(true);
  });
  const auto start = std::chrono::steady_clock::now();
  bool stopped = false;
  try {
    const negsim::SolveResult result = negsim::solve(game, options);
    stopped = result.limit_reached.has_value();  // the verified equilibria found before the flag
  } catch (const negsim::LimitError& e) {
    stopped = std::string(e.what()).find("interrupted") != std::string::npos;
  }
  canceller.join();
  CHECK(stopped);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}
