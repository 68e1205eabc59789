#include "sim/analysis/extensive_analysis.hpp"

#include "models/errors.hpp"
#include "sim/solve/method_registry.hpp"

namespace negsim {

const std::vector<std::string>& extensive_analysis_methods() {
  static const std::vector<std::string> methods = {"pure", "pure-spe", "lcp", "qpe", "lp", "logit", "cfr"};
  return methods;
}

ExtensiveAnalysis analyze_extensive_game(const ExtensiveFormGame& game, const SolveOptions& options) {
  game.require_perfect_recall("negsim run");
  ExtensiveAnalysis out;
  for (const std::string& name : extensive_analysis_methods()) {
    const ExtensiveMethodInfo& method = find_extensive_method(name);
    ExtensiveAnalysisPart part;
    part.method = name;
    part.summary = method.summary;
    // logit and cfr are for games the two-player methods do not cover.
    if ((name == "logit" || name == "cfr") && game.num_players() <= 2) continue;
    if (const auto why = why_not_applicable(method, game)) {
      part.skipped = *why;
    } else {
      SolveOptions o = options;
      o.method = name;
      // The logit branch and CFR+ may be long on a big tree: without --time-limit
      // each gets its own budget, so `run` always ends (solve has none).
      if ((name == "logit" || name == "cfr") && o.deadline.unlimited())
        o.deadline = Deadline::after_seconds(kRunIterativeSeconds);
      try {
        ExtensiveSolveResult result = method.run(game, o);
        require_verified(game, result, o.rel_tol);  // nothing unverified is reported
        part.result = std::move(result);
      } catch (const LimitError& e) {
        part.skipped = e.what();
        part.limit = true;
      }
    }
    out.parts.push_back(std::move(part));
  }
  return out;
}

}  // namespace negsim
