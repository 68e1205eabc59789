// libFuzzer target: the Gambit .nfg reader (models/io/nfg.hpp).
//
// Any input must either give a game or throw InputError / LimitError; nothing
// else (crash, leak, other exception, sanitizer report) is acceptable. A game
// that was read must survive write_nfg -> read_nfg unchanged, and the pure
// Nash solver must run on it and return only verified equilibria.
// Seeds: ../shared/games/gambit/*.nfg (see scripts/ci_fuzz).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "models/errors.hpp"
#include "models/io/nfg.hpp"
#include "sim/solve/pure_nash.hpp"

namespace {

// libFuzzer reports the input and the stack; `what` shows in the stack trace.
[[noreturn, gnu::noinline]] void fail(const char* what) {
  (void)what;
  __builtin_trap();
}

void check_round_trip(const negsim::NormalFormGame& game) {
  const std::string text = negsim::write_nfg(game);
  const negsim::NormalFormGame again = negsim::read_nfg(text, {"round-trip", negsim::ExactMode::Auto});
  if (again.action_counts() != game.action_counts()) fail("action counts changed");
  if (again.player_names != game.player_names || again.title != game.title || again.comment != game.comment)
    fail("names changed");
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (std::size_t i = 0; i < game.num_profiles(); ++i) {
      if (game.has_exact() && again.has_exact() && game.exact_payoff(p, i) != again.exact_payoff(p, i))
        fail("exact payoff changed");
      if (!game.has_exact() && game.payoff(p, i) != again.payoff(p, i)) fail("payoff changed");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  negsim::NormalFormGame game;
  try {
    game = negsim::read_nfg(text, {"fuzz.nfg", negsim::ExactMode::Auto});
  } catch (const negsim::InputError&) {
    return 0;
  } catch (const negsim::LimitError&) {
    return 0;
  }
  for (double v : game.payoffs())
    if (!std::isfinite(v)) fail("non-finite payoff accepted");
  // Doubles are the correctly rounded values of the text (contract of read_nfg).
  if (game.has_exact())
    for (std::size_t p = 0; p < game.num_players(); ++p)
      for (std::size_t i = 0; i < game.num_profiles(); ++i)
        if (game.payoff(p, i) != negsim::nearest_double(game.exact_payoff(p, i)))
          fail("double payoff is not the nearest double to the exact payoff");
  if (game.num_profiles() * game.num_players() > 100'000) return 0;  // keep iterations fast
  check_round_trip(game);
  negsim::SolveOptions options;
  options.max_equilibria = 1000;
  const negsim::SolveResult result = negsim::solve_pure_nash(game, options);
  if (result.rejected != 0) fail("pure solver produced an unverified candidate");
  return 0;
}
