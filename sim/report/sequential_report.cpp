#include "sim/report/sequential_report.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "sim/report/scenario_report.hpp"
#include "sim/report/solve_report.hpp"

namespace negsim {

namespace {

std::string step_in_words(const Scenario& scenario, const ScenarioGame& built,
                          const MultiStageGame& game, const PathStep& step) {
  const GameStage& stage = game.stage(step.stage);
  std::string out;
  const std::vector<std::size_t> pure = step.pure ? decode_stage_profile(stage, step.profile)
                                                  : std::vector<std::size_t>{};
  for (std::size_t i = 0; i < stage.movers.size(); ++i) {
    const std::size_t player = stage.movers[i];
    if (i) out += "; ";
    out += scenario.players[player].name + " ";
    if (step.pure) {
      out += action_in_words(scenario, built, player, pure[i]);
    } else {
      std::string mix;
      for (std::size_t a = 0; a < step.strategy[i].size(); ++a) {
        if (step.strategy[i][a] <= 0) continue;
        mix += (mix.empty() ? "" : " or ") + action_in_words(scenario, built, player, a) + " (" +
               format_number(100 * step.strategy[i][a], 3) + "%)";
      }
      out += "mixes: " + mix;
    }
  }
  return out;
}

std::string payoffs_in_words(const Scenario& scenario, const std::vector<double>& payoffs) {
  std::string out;
  for (std::size_t p = 0; p < payoffs.size(); ++p)
    out += (p ? ", " : "") + scenario.players[p].name + " " + format_number(payoffs[p], 4);
  return out;
}

}  // namespace

std::vector<std::size_t> decode_stage_profile(const GameStage& stage, std::size_t profile) {
  std::vector<std::size_t> actions(stage.movers.size());
  for (std::size_t i = 0; i < stage.movers.size(); ++i) {
    actions[i] = profile % stage.num_actions[i];
    profile /= stage.num_actions[i];
  }
  return actions;
}

std::string path_step_in_words(const Scenario& scenario, const ScenarioGame& built, const MultiStageGame& game,
                               const PathStep& step) {
  return step_in_words(scenario, built, game, step);
}

std::string label_in_words(const std::string& label) {
  std::string out;
  for (char c : label) {
    if (c == '=' || c == '_') out += ' ';
    else if (c == ',') out += ", ";
    else out += c;
  }
  return out;
}

std::string sequential_text(const Scenario& scenario, const ScenarioGame& built,
                            const SequentialAnalysis& analysis, const std::string& unit) {
  std::ostringstream out;
  const MultiStageGame& game = analysis.timeline.game;
  out << "\nSequential game: ";
  for (std::size_t k = 0; k < analysis.timeline.stages.size(); ++k) {
    if (k) out << ", then ";
    const auto& movers = analysis.timeline.stages[k];
    for (std::size_t i = 0; i < movers.size(); ++i)
      out << (i ? " and " : "") << scenario.players[movers[i]].name;
  }
  out << " (later movers see earlier moves)\n";
  const BackwardInductionResult& r = analysis.result;
  out << "Subgame-perfect equilibria by backward induction: " << r.equilibria.size()
      << (r.complete ? "" : " listed") << "\n";
  for (const std::string& note : r.notes) out << "  Note: " << note << "\n";
  for (std::size_t e = 0; e < r.equilibria.size(); ++e) {
    const SubgamePerfectEquilibrium& spe = r.equilibria[e];
    out << "  " << e + 1 << ". Path of play:\n";
    for (std::size_t s = 0; s < spe.path.size(); ++s)
      out << "       " << s + 1 << ". " << step_in_words(scenario, built, game, spe.path[s]) << "\n";
    out << "     Payoffs" << (unit.empty() ? "" : " (" + unit + ")") << ": "
        << payoffs_in_words(scenario, spe.payoffs) << "   [one-shot deviation regret "
        << format_number(spe.max_regret, 2) << "]\n";
    // The threats that hold the path up: for each player and each of its
    // levers, the best alternative that changes only that lever, and what the
    // later movers would do in response.
    std::map<std::pair<std::size_t, std::size_t>, const Threat*> best_per_lever;
    for (const Threat& t : spe.threats) {
      if (t.stage >= spe.path.size() || !spe.path[t.stage].pure) continue;
      const GameStage& stage = game.stage(t.stage);
      const auto mover = std::find(stage.movers.begin(), stage.movers.end(), t.player);
      if (mover == stage.movers.end()) continue;
      const std::size_t on_path =
          decode_stage_profile(stage, spe.path[t.stage].profile)[mover - stage.movers.begin()];
      const auto& alt = built.action_levers[t.player][t.action];
      const auto& cur = built.action_levers[t.player][on_path];
      std::size_t changed = 0, lever = 0;
      for (std::size_t l = 0; l < alt.size(); ++l)
        if (alt[l] != cur[l]) ++changed, lever = l;
      if (changed != 1) continue;
      const Threat*& best = best_per_lever[{t.player, lever}];
      if (!best || t.deviation_gain > best->deviation_gain) best = &t;
    }
    if (!best_per_lever.empty())
      out << "     Why no one deviates (for each lever, the best change and what would follow):\n";
    for (const auto& [key, t] : best_per_lever) {
      out << "       - had " << scenario.players[t->player].name << " played "
          << action_in_words(scenario, built, t->player, t->action);
      if (!t->continuation.empty()) {
        out << ", then ";
        for (std::size_t s = 0; s < t->continuation.size(); ++s)
          out << (s ? "; then " : "") << step_in_words(scenario, built, game, t->continuation[s]);
      }
      out << ": " << scenario.players[t->player].name << " would get "
          << format_number(t->payoffs[t->player], 4) << " ("
          << format_number(-t->deviation_gain, 4) << " less)\n";
    }
  }
  return out.str();
}

nlohmann::json sequential_json(const Scenario& scenario, const ScenarioGame& built,
                               const SequentialAnalysis& analysis) {
  const MultiStageGame& game = analysis.timeline.game;
  nlohmann::json stages = nlohmann::json::array();
  for (const auto& movers : analysis.timeline.stages) {
    nlohmann::json ids = nlohmann::json::array();
    for (std::size_t p : movers) ids.push_back(scenario.players[p].id);
    stages.push_back(ids);
  }
  // Each mover's action label too (pure steps), so programs can recompute
  // the payoffs of the path from the game.
  auto actions_json = [&](std::size_t stage, std::size_t profile) {
    nlohmann::json actions = nlohmann::json::object();
    const GameStage& st = game.stage(stage);
    const std::vector<std::size_t> pure = decode_stage_profile(st, profile);
    for (std::size_t i = 0; i < st.movers.size(); ++i)
      actions[scenario.players[st.movers[i]].id] = built.game.action_labels[st.movers[i]][pure[i]];
    return actions;
  };
  auto step_json = [&](const PathStep& step) {
    nlohmann::json out{{"stage", step.stage}, {"pure", step.pure},
                       {"play", step_in_words(scenario, built, game, step)}};
    if (step.pure) out["actions"] = actions_json(step.stage, step.profile);
    return out;
  };
  nlohmann::json eqs = nlohmann::json::array();
  for (const SubgamePerfectEquilibrium& spe : analysis.result.equilibria) {
    nlohmann::json path = nlohmann::json::array(), threats = nlohmann::json::array();
    for (const PathStep& s : spe.path) path.push_back(step_json(s));
    for (const Threat& t : spe.threats) {
      nlohmann::json cont = nlohmann::json::array();
      for (const PathStep& s : t.continuation) cont.push_back(step_json(s));
      threats.push_back({{"player", scenario.players[t.player].id},
                         {"stage", t.stage},
                         {"actions", actions_json(t.stage, t.deviation_profile)},
                         {"action", t.action_label},
                         {"continuation", cont},
                         {"payoffs", t.payoffs},
                         {"deviation_gain", t.deviation_gain}});
    }
    eqs.push_back({{"path", path}, {"payoffs", spe.payoffs}, {"max_regret", spe.max_regret},
                   {"pure", spe.pure}, {"threats", threats}});
  }
  return {{"stages", stages}, {"complete", analysis.result.complete},
          {"notes", analysis.result.notes}, {"equilibria", eqs}};
}

std::string bargaining_text(const Scenario& scenario, const BargainingAnalysis& analysis,
                            const std::string& unit) {
  std::ostringstream out;
  const ScenarioBargaining& b = analysis.bargaining;
  const BargainingProblem& problem = b.problem;
  auto name = [&](std::size_t i) { return scenario.players[b.scenario_players[i]].name; };
  auto values = [&](const std::vector<double>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + name(i) + " " + format_number(v[i], 4);
    return s;
  };
  out << "\nBargaining over the deal: " << problem.deals.num_deals() << " possible deals over ";
  for (std::size_t i = 0; i < b.issue_ids.size(); ++i) out << (i ? ", " : "") << label_in_words(b.issue_ids[i]);
  out << "\n  Disagreement payoffs";
  if (!analysis.disagreement_source.empty()) out << " (" << analysis.disagreement_source << ")";
  out << ": " << values(problem.protocol.disagreement) << "\n";
  const AlternatingOffersResult& o = analysis.offers;
  out << "  Alternating offers, subgame perfect ("
      << (o.infinite_horizon ? "infinite horizon" : "backward induction from the deadline, round " +
                                                        std::to_string(o.horizon))
      << "): ";
  if (o.agreement && o.deal)
    out << "agreement in round " << o.agreement_round << " on " << label_in_words(problem.deals.labels[*o.deal]) << "\n";
  else
    out << o.ending << "\n";
  if (o.extensions_used) out << "    the deadline is extended " << o.extensions_used << " time(s)\n";
  out << "    payoffs at round 1" << (unit.empty() ? "" : " (" + unit + ")") << ": " << values(o.payoffs)
      << "   [one-shot deviation regret " << format_number(o.max_regret, 2) << "]\n";
  for (const std::string& note : o.notes) out << "    Note: " << note << "\n";
  if (o.tied_offers > 1) {
    out << "    Several subgame-perfect equilibria: in round " << o.agreement_round << " " << name(o.path.back().proposer)
        << " is indifferent between " << o.tied_offers << " offers that are accepted; round-1 payoffs range at least over ";
    for (std::size_t i = 0; i < o.payoff_low.size(); ++i)
      out << (i ? ", " : "") << name(i) << " " << format_number(o.payoff_low[i], 4) << " to "
          << format_number(o.payoff_high[i], 4);
    out << " (shown: the tie rule's choice, best for the responders in total)\n";
  }
  if (o.stationary_searched && o.stationary_spe != 1) {
    if (o.stationary_spe == 0) {
      out << "    No stationary subgame-perfect equilibrium with immediate agreement exists on this deal grid\n";
    } else {
      out << "    Several stationary subgame-perfect equilibria with immediate agreement: " << o.stationary_spe
          << "; round-1 payoffs range over ";
      for (std::size_t i = 0; i < o.stationary_low.size(); ++i)
        out << (i ? ", " : "") << name(i) << " " << format_number(o.stationary_low[i], 4) << " to "
            << format_number(o.stationary_high[i], 4);
      out << " (shown: the limit of the finite-horizon solutions)\n";
    }
  }
  if (o.grid_decides) {
    out << "    The deal grid, not the players' patience, decides the split: no deal gives the responders exactly "
           "what they would accept; at the agreed deal ";
    bool first = true;
    for (std::size_t i = 0; i < o.surplus.size(); ++i)
      if (o.surplus[i] > 0) {
        out << (first ? "" : ", ") << name(i) << " gets " << format_number(o.surplus[i], 4) << " more";
        first = false;
      }
    out << " than its reservation\n";
  }
  out << "    Plan (the equilibrium offer of every round" << (o.infinite_horizon ? ", one stationary cycle" : "")
      << "; a responder accepts what is worth at least its reservation):\n";
  for (const OfferPlan& round : o.plan) {
    out << "      round " << round.round << ": " << name(round.proposer) << " proposes ";
    if (round.deal) out << label_in_words(problem.deals.labels[*round.deal]);
    else out << "shares " << values(round.shares);
    out << "; ";
    if (round.agreement) out << "accepted";
    else if (round.refuser)
      out << (round.opt_out ? "refused: " + name(*round.refuser) + " takes its outside option"
                            : "refused by " + name(*round.refuser));
    std::string reservations;
    for (std::size_t i = 0; i < round.reservation.size(); ++i)
      if (i != round.proposer)
        reservations += (reservations.empty() ? "" : ", ") + name(i) + " " + format_number(round.reservation[i], 4);
    out << " (reservations: " << reservations << ")";
    if (round.deadline_round)
      out << (round.extend_after ? "; deadline: extended after a rejection" : "; deadline: a rejection ends the talks");
    out << "\n";
  }
  auto axiomatic = [&](const char* title, const AxiomaticSolution& s) {
    out << "  " << title << ": ";
    if (!s.exists) {
      out << "none (" << s.note << ")\n";
      return;
    }
    if (s.deal) out << label_in_words(problem.deals.labels[*s.deal]);
    else {
      for (std::size_t i = 0; i < s.lottery.size(); ++i)
        out << (i ? " + " : "") << format_number(100 * s.lottery[i].second, 3) << "% "
            << label_in_words(problem.deals.labels[s.lottery[i].first]);
    }
    out << "\n    utilities: " << values(s.utilities) << "\n";
    if (s.ks_variant == KalaiSmorodinskyVariant::kExact)
      out << "    (exactly the Kalai-Smorodinsky point: the ideal point is " << values(s.ideal) << ")\n";
    else if (s.ks_variant == KalaiSmorodinskyVariant::kLexicographicMaxMin)
      out << "    (no lottery gives exactly the Kalai-Smorodinsky point " << values(s.kalai_smorodinsky_point)
          << ", on the line from the disagreement point to the ideal point " << values(s.ideal)
          << "; shown instead: the lexicographic max-min lottery of normalised gains (Imai 1983), which gives "
             "every player at least that point)\n";
  };
  axiomatic("Nash bargaining solution (over the deals)", analysis.nash);
  axiomatic("Nash bargaining solution (over lotteries of deals)", analysis.nash_lotteries);
  axiomatic("Kalai-Smorodinsky solution (over the deals)", analysis.kalai_smorodinsky);
  axiomatic("Kalai-Smorodinsky solution (over lotteries of deals)", analysis.kalai_smorodinsky_lotteries);
  return out.str();
}

nlohmann::json bargaining_json(const BargainingAnalysis& analysis) {
  const BargainingProblem& problem = analysis.bargaining.problem;
  auto deal_label = [&](const std::optional<std::size_t>& d) {
    return d ? nlohmann::json(problem.deals.labels[*d]) : nlohmann::json(nullptr);
  };
  auto axiomatic = [&](const AxiomaticSolution& s) {
    nlohmann::json lottery = nlohmann::json::array();
    for (const auto& [deal, prob] : s.lottery)
      lottery.push_back({{"deal", problem.deals.labels[deal]}, {"probability", prob}});
    nlohmann::json out{{"exists", s.exists}, {"deal", deal_label(s.deal)},
                       {"lottery", lottery}, {"utilities", s.utilities}, {"note", s.note}};
    if (s.ks_variant != KalaiSmorodinskyVariant::kNotApplicable) {
      out["variant"] = ks_variant_name(s.ks_variant);
      out["ideal"] = s.ideal;
      out["kalai_smorodinsky_point"] = s.kalai_smorodinsky_point;
    }
    return out;
  };
  const std::vector<std::string>& ids = analysis.bargaining.player_ids;
  nlohmann::json plan = nlohmann::json::array();
  for (const OfferPlan& round : analysis.offers.plan) {
    nlohmann::json reservation = nlohmann::json::object();
    for (std::size_t i = 0; i < round.reservation.size(); ++i)
      if (i != round.proposer) reservation[ids[i]] = round.reservation[i];
    plan.push_back({{"round", round.round},
                    {"proposer", ids[round.proposer]},
                    {"deal", deal_label(round.deal)},
                    {"shares", round.shares},
                    {"offer_utilities", round.offer_utilities},
                    {"accepted", round.agreement},
                    {"refuser", round.refuser ? nlohmann::json(ids[*round.refuser]) : nlohmann::json(nullptr)},
                    {"opt_out", round.opt_out},
                    {"reservation", reservation},
                    {"value", round.value},
                    {"deadline_round", round.deadline_round},
                    {"extend_after", round.extend_after}});
  }
  const AlternatingOffersResult& o = analysis.offers;
  return {{"players", analysis.bargaining.player_ids},
          {"deals", problem.deals.num_deals()},
          {"disagreement", problem.protocol.disagreement},
          {"disagreement_source", analysis.disagreement_source},
          {"alternating_offers",
           {{"agreement", o.agreement}, {"round", o.agreement_round}, {"deal", deal_label(o.deal)},
            {"ending", o.ending}, {"extensions_used", o.extensions_used}, {"payoffs", o.payoffs},
            {"max_regret", o.max_regret}, {"notes", o.notes}, {"infinite_horizon", o.infinite_horizon},
            {"horizon", o.horizon}, {"plan", plan}, {"tied_offers", o.tied_offers},
            {"payoff_low", o.payoff_low}, {"payoff_high", o.payoff_high},
            {"grid_decides", o.grid_decides}, {"surplus", o.surplus},
            {"stationary_searched", o.stationary_searched}, {"stationary_spe", o.stationary_spe},
            {"stationary_low", o.stationary_low}, {"stationary_high", o.stationary_high}}},
          {"nash", axiomatic(analysis.nash)},
          {"nash_lotteries", axiomatic(analysis.nash_lotteries)},
          {"kalai_smorodinsky", axiomatic(analysis.kalai_smorodinsky)},
          {"kalai_smorodinsky_lotteries", axiomatic(analysis.kalai_smorodinsky_lotteries)}};
}

}  // namespace negsim
