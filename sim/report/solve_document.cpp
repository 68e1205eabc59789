#include "sim/report/solve_document.hpp"

#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_outcomes.hpp"

namespace negsim {

ReportDocument solve_document(const NormalFormGame& game, const SolveResult& result, const std::string& game_name) {
  ReportDocument doc;
  doc.title = "Equilibria of " + (game.title.empty() ? game_name : game.title);
  doc.subtitle.push_back("game " + game_name);
  ReportSection summary{"game", "The game", {}};
  ReportTable players;
  players.caption = "Players and actions";
  players.header = {"player", "actions"};
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    std::string actions;
    for (const std::string& label : game.action_labels[p]) actions += (actions.empty() ? "" : ", ") + label;
    players.rows.push_back({game.player_names[p], actions});
  }
  summary.blocks.push_back(ReportBlock::of(players));
  ReportSection equilibria{"equilibria", "Equilibria", {}};
  equilibria.blocks.push_back(ReportBlock::paragraph(
      std::to_string(result.equilibria.size()) + " found by " + (result.method.empty() ? "the solver" : result.method) +
      (result.complete ? "; the list is complete." : "; the list may not be complete.")));
  for (const std::string& note : result.notes) equilibria.blocks.push_back(ReportBlock::note(note));
  if (result.limit_reached) equilibria.blocks.push_back(ReportBlock::note("Cut short: " + result.limit_reached->message));
  ReportTable t;
  t.header = {"#"};
  for (std::size_t p = 0; p < game.num_players(); ++p) t.header.push_back(game.player_names[p] + " plays");
  for (std::size_t p = 0; p < game.num_players(); ++p) t.header.push_back(game.player_names[p] + " payoff");
  t.header.push_back("max regret");
  t.numeric.assign(t.header.size(), true);
  for (std::size_t p = 0; p < game.num_players(); ++p) t.numeric[1 + p] = false;
  for (std::size_t i = 0; i < result.equilibria.size(); ++i) {
    const Equilibrium& eq = result.equilibria[i];
    std::vector<std::string> row = {std::to_string(i + 1)};
    for (std::size_t p = 0; p < game.num_players(); ++p) row.push_back(describe_strategy(game, p, eq.profile[p]));
    for (std::size_t p = 0; p < game.num_players(); ++p) row.push_back(format_number(eq.payoffs[p], 6));
    row.push_back(format_number(eq.max_regret, 2));
    t.rows.push_back(row);
  }
  equilibria.blocks.push_back(ReportBlock::of(t));
  ReportChart chart = svg::outcomes_chart(game, result);
  if (!chart.svg.empty()) equilibria.blocks.push_back(ReportBlock::of(std::move(chart)));
  // The bottom line: how many, and the first in words (the list follows).
  ReportSection bottom{"bottom-line", "Bottom line", {}};
  std::size_t pure = 0;
  for (const Equilibrium& eq : result.equilibria) pure += eq.is_pure();
  std::vector<std::string> items;
  items.push_back(std::to_string(result.equilibria.size()) + " equilibri" + (result.equilibria.size() == 1 ? "um" : "a") +
                  " (" + std::to_string(pure) + " pure, " + std::to_string(result.equilibria.size() - pure) +
                  " mixed) found by " + (result.method.empty() ? "the solver" : result.method) +
                  (result.complete ? "; the list is complete." : "; the list may not be complete."));
  if (!result.equilibria.empty()) {
    const Equilibrium& eq = result.equilibria.front();
    std::string first = "Equilibrium 1: ";
    for (std::size_t p = 0; p < game.num_players(); ++p)
      first += (p ? "; " : "") + game.player_names[p] + " plays " + describe_strategy(game, p, eq.profile[p]);
    first += ". Payoffs: ";
    for (std::size_t p = 0; p < game.num_players(); ++p)
      first += (p ? ", " : "") + game.player_names[p] + " " + format_number(eq.payoffs[p], 6);
    items.push_back(first + ".");
  }
  bottom.blocks.push_back(ReportBlock::list(items));
  doc.sections = {bottom, equilibria, summary};
  return doc;
}

}  // namespace negsim
