#include "sim/report/svg/svg_game_tree.hpp"

#include <algorithm>

#include "sim/report/scenario_report.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_canvas.hpp"

namespace negsim::svg {

namespace {

constexpr double kWidth = 980;
constexpr double kRow = 22;
constexpr double kTrunkX = 30;
constexpr double kBranchX = 70;
constexpr std::size_t kMaxChars = 150;

std::string step_words(const Scenario& scenario, const ScenarioGame& built, const MultiStageGame& game,
                       const PathStep& step) {
  const GameStage& stage = game.stage(step.stage);
  std::string out;
  for (std::size_t i = 0; i < stage.movers.size(); ++i) {
    const std::size_t player = stage.movers[i];
    out += (i ? "; " : "") + scenario.players[player].name + " ";
    if (step.pure) {
      out += action_in_words(scenario, built, player, game.mover_action(step.stage, step.profile, i));
    } else {
      std::string mix;
      for (std::size_t a = 0; a < step.strategy[i].size(); ++a)
        if (step.strategy[i][a] > 0)
          mix += (mix.empty() ? "" : " or ") + action_in_words(scenario, built, player, a) + " (" +
                 format_number(100 * step.strategy[i][a], 3) + "%)";
      out += "mixes: " + mix;
    }
  }
  return out;
}

std::string payoff_words(const Scenario& scenario, const std::vector<double>& payoffs, const std::string& unit) {
  std::string out;
  for (std::size_t p = 0; p < payoffs.size(); ++p)
    out += (p ? ", " : "") + scenario.players[p].name + " " + format_number(payoffs[p], 4);
  return out + (unit.empty() ? "" : " (" + unit + ")");
}

std::string movers_words(const Scenario& scenario, const GameStage& stage) {
  std::string out;
  for (std::size_t i = 0; i < stage.movers.size(); ++i)
    out += (i ? (i + 1 == stage.movers.size() ? " and " : ", ") : "") + scenario.players[stage.movers[i]].name;
  return out;
}

}  // namespace

ReportChart game_tree_chart(const Scenario& scenario, const ScenarioGame& built,
                            const SequentialAnalysis& analysis, const std::string& unit,
                            std::size_t max_branches) {
  ReportChart chart;
  chart.name = "sequential_tree";
  const BackwardInductionResult& result = analysis.result;
  if (result.equilibria.empty()) return chart;
  const SubgamePerfectEquilibrium& spe = result.equilibria.front();
  const MultiStageGame& game = analysis.timeline.game;

  chart.title = "The sequential game: the subgame-perfect path and the threats that hold it";
  chart.data.caption = "Path of play and the deviations closest to paying (first subgame-perfect equilibrium)";
  chart.data.header = {"stage", "branch", "move", "what follows", "payoffs", "gain for the mover"};
  chart.data.numeric = {true, false, false, false, false, true};

  // One row per drawn line, laid out top to bottom.
  struct Row {
    enum Kind { Stage, Threat, Collapsed, Path, Leaf } kind;
    std::string text, tooltip;
  };
  std::vector<Row> rows;
  std::string desc = "Tree of the sequential game drawn along its subgame-perfect path. ";
  for (std::size_t s = 0; s < spe.path.size(); ++s) {
    const PathStep& step = spe.path[s];
    const GameStage& stage = game.stage(step.stage);
    rows.push_back({Row::Stage, "Stage " + std::to_string(step.stage + 1) + ": " + movers_words(scenario, stage) +
                                    (stage.movers.size() > 1 ? " move together" : " moves"), ""});
    std::vector<const Threat*> here;
    for (const Threat& t : spe.threats)
      if (t.stage == step.stage && t.node == step.node) here.push_back(&t);
    std::stable_sort(here.begin(), here.end(),
                     [](const Threat* a, const Threat* b) { return a->deviation_gain > b->deviation_gain; });
    const std::size_t shown = std::min(here.size(), max_branches);
    for (std::size_t i = 0; i < shown; ++i) {
      const Threat& t = *here[i];
      std::string follows;
      for (std::size_t c = 0; c < t.continuation.size(); ++c)
        follows += (c ? "; then " : "") + step_words(scenario, built, game, t.continuation[c]);
      const std::string move = scenario.players[t.player].name + " " + action_in_words(scenario, built, t.player, t.action);
      const std::string gain = format_number(t.deviation_gain, 4);
      const std::string text = "had " + move + ": " + scenario.players[t.player].name + " would get " +
                               format_number(t.payoffs[t.player], 4) + " (" + gain + ")" +
                               (follows.empty() ? "" : ", as then " + follows);
      rows.push_back({Row::Threat, text, text + "; payoffs: " + payoff_words(scenario, t.payoffs, unit)});
      chart.data.rows.push_back({std::to_string(step.stage + 1), "deviation", move, follows.empty() ? "-" : follows,
                                 payoff_words(scenario, t.payoffs, unit), gain});
    }
    if (here.size() > shown) {
      std::string who;
      for (std::size_t m : stage.movers) who += (who.empty() ? "" : " or ") + scenario.players[m].name;
      rows.push_back({Row::Collapsed, "+ " + std::to_string(here.size() - shown) + " other moves, none closer to paying " +
                                          who, ""});
    }
    const std::string play = step_words(scenario, built, game, step);
    rows.push_back({Row::Path, play, ""});
    chart.data.rows.insert(chart.data.rows.end() - static_cast<std::ptrdiff_t>(shown),
                           {std::to_string(step.stage + 1), "path", play, "-", "-", "-"});
    desc += "Stage " + std::to_string(step.stage + 1) + ": " + play + ". ";
  }
  const std::string outcome = spe.path.size() < game.num_stages()
                                  ? "then mixed play; expected payoffs: " + payoff_words(scenario, spe.payoffs, unit)
                                  : "Outcome: " + payoff_words(scenario, spe.payoffs, unit);
  rows.push_back({Row::Leaf, outcome, ""});
  chart.data.rows.push_back({"", "outcome", "-", "-", payoff_words(scenario, spe.payoffs, unit), "-"});
  desc += outcome + ". Side branches show each stage's " + std::to_string(max_branches) +
          " deviations closest to paying and the payoffs that would follow; none pays the deviator.";
  chart.desc = desc;

  const double height = 40 + kRow * static_cast<double>(rows.size()) + 50;
  Canvas canvas("chart-sequential-tree", kWidth, height, chart.title, chart.desc);
  const Style trunk{"none", kBlue, 4};
  const Style branch{"none", kVermillion, 1.5, true};
  const Style collapsed{"none", kGrey, 1.5, true};
  double y = 30, node_y = 0;
  for (const Row& row : rows) {
    switch (row.kind) {
      case Row::Stage:
        node_y = y;
        canvas.text(kTrunkX + 14, y + 4, ellipsize(row.text, kMaxChars), 13, Anchor::Start, true);
        break;
      case Row::Threat:
        canvas.line(kTrunkX, node_y, kBranchX, y, branch);
        canvas.marker(Marker::TriangleDown, kBranchX, y, 9, Style{kVermillion, "none"}, row.tooltip);
        canvas.text(kBranchX + 10, y + 4, ellipsize(row.text, kMaxChars), 11);
        break;
      case Row::Collapsed:
        canvas.line(kTrunkX, node_y, kBranchX, y, collapsed);
        canvas.text(kBranchX + 10, y + 4, ellipsize(row.text, kMaxChars), 11, Anchor::Start, false, "#555555");
        break;
      case Row::Path:
        canvas.line(kTrunkX, node_y, kTrunkX, y + kRow, trunk);
        canvas.text(kTrunkX + 14, y + 4, ellipsize("on the path: " + row.text, kMaxChars), 12, Anchor::Start, true,
                    kBlue);
        canvas.circle(kTrunkX, node_y, 7, Style{"#FFFFFF", kBlack, 2});
        break;
      case Row::Leaf:
        canvas.marker(Marker::Square, kTrunkX, y, 14, Style{kBlack, "none"});
        canvas.text(kTrunkX + 14, y + 4, ellipsize(row.text, kMaxChars), 12, Anchor::Start, true);
        break;
    }
    y += kRow;
  }
  const double ly = height - 18;
  canvas.legend_line(20, ly, trunk, "subgame-perfect path");
  canvas.legend_line(200, ly, branch, "deviation and what would follow (deterred)");
  canvas.legend_line(500, ly, collapsed, "other moves, collapsed");
  chart.svg = canvas.str();
  return chart;
}

}  // namespace negsim::svg
