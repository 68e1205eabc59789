"""negsim.Scenario: loading, parameters, building, and the analysis of
`negsim run` (the same JSON)."""

import json
from fractions import Fraction

import numpy as np
import pytest

import negsim
from conftest import SOURCE_DIR, run_cli

TIKTOK = SOURCE_DIR / "scenarios" / "tiktok_2025.yaml"


def test_default_scenario_is_tiktok_and_lists_players_levers_parameters():
    s = negsim.default_scenario()
    assert s.id == negsim.load_scenario(TIKTOK).id
    ids = [p["id"] for p in s.players]
    assert len(ids) == 3
    assert all(p["levers"] for p in s.players)
    for name, info in s.parameters.items():
        assert set(info) >= {"value", "unit", "source", "doc", "pos"}
        assert info["pos"]["line"] >= 1
    assert s.sources


def test_analysis_json_is_the_clis():
    _, out, _ = run_cli("run", TIKTOK, "--format", "json", "--sensitivity", "none")
    analysis = negsim.load_scenario(TIKTOK).analyze()
    assert analysis.to_json() == out
    assert analysis.json() == json.loads(out)
    assert len(analysis.pure) == len(json.loads(out)["pure_equilibria"]["equilibria"]) if "pure_equilibria" in json.loads(out) else True


def test_set_is_the_clis_set():
    s = negsim.load_scenario(TIKTOK)
    name = next(iter(s.parameters))
    value = s.parameter(name) * 2 + 1
    _, out, _ = run_cli("run", TIKTOK, "--format", "json", "--sensitivity", "none", "--set", f"{name}={value}")
    changed = s.with_parameters(**{name: value})
    assert changed.parameter(name) == value and s.parameter(name) != value
    assert changed.analyze().to_json() == out


def test_every_classic_scenario_matches_the_cli():
    for path in sorted((SOURCE_DIR / "scenarios" / "classic").glob("*.yaml")):
        _, out, _ = run_cli("run", path, "--format", "json", "--sensitivity", "none")
        assert negsim.load_scenario(path).analyze().to_json() == out, path.name


def test_stage_game_and_parts():
    s = negsim.load_scenario(SOURCE_DIR / "scenarios" / "classic" / "prisoners_dilemma.yaml")
    g = s.stage_game()
    assert g.shape == (2, 2)
    a = s.analyze(parts=["pure"])
    assert [eq.actions for eq in a.pure] == [(1, 1)]
    assert a.mixed is None


def test_errors_carry_file_line_and_column_and_the_clis_message(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("scenario: x\nplayers:\n  a:\n    levers:\n      l: {values: [1, 2]}\npayoffs:\n  a: \"a.nope\"\n")
    with pytest.raises(negsim.InputError) as info:
        negsim.load_scenario(path).analyze()
    err = info.value
    assert err.file == str(path) and err.line == 7 and err.column > 0 and err.exit_code == 1
    code, _, stderr = run_cli("run", path, check=False)
    assert code == err.exit_code and str(err) in stderr
    with pytest.raises(negsim.InputError) as info:
        negsim.Scenario.from_yaml(path.read_text(), name="mine.yaml").stage_game()
    assert info.value.file == "mine.yaml"
    with pytest.raises(negsim.InputError) as info:
        negsim.load_scenario(SOURCE_DIR / "no_such_file.yaml")
    with pytest.raises(negsim.NegsimError):
        negsim.default_scenario().set(no_such_parameter=1)


def test_scenario_blocks():
    s = negsim.default_scenario()
    if s.has_timeline:
        stages = s.timeline()
        assert sorted(p for stage in stages for p in stage) == sorted(p["id"] for p in s.players)
    if s.has_repeated:
        spec = s.repeated_spec()
        assert len(spec["target"]) == spec["stage"].num_players and 0 < spec["discount"] <= 1
    if s.has_bargaining:
        problem = s.bargaining_problem()
        assert problem["utilities"].shape[0] == len(problem["deal_labels"])


def test_typed_parts_read_the_clis_json():
    _, out, _ = run_cli("run", TIKTOK, "--format", "json", "--sensitivity", "none")
    cli = json.loads(out)
    analysis = negsim.load_scenario(TIKTOK).analyze()
    seq, barg, rep = analysis.sequential, analysis.bargaining, analysis.repeated
    assert isinstance(seq, negsim.SequentialAnalysis) and seq.to_dict() == cli["sequential"]
    assert isinstance(barg, negsim.BargainingAnalysis) and barg.to_dict() == cli["bargaining"]
    assert isinstance(rep, negsim.RepeatedAnalysis) and rep.to_dict() == cli["repeated"]
    # Sequential: the path, stage by stage, and the threats that hold it.
    spe = seq.equilibria[0]
    assert isinstance(spe, negsim.SubgamePerfectEquilibrium)
    assert [step.stage for step in spe.path] == list(range(len(seq.stages)))
    assert spe.payoffs.tolist() == cli["sequential"]["equilibria"][0]["payoffs"]
    for threat in spe.threats:
        assert isinstance(threat, negsim.Threat) and all(isinstance(s, negsim.StagePlay) for s in threat.continuation)
        assert threat.deviation_gain == threat["deviation_gain"]
    # Bargaining: typed nested parts, numpy payoffs.
    offers = barg.alternating_offers
    assert isinstance(offers, negsim.AlternatingOffers) and isinstance(offers.payoffs, np.ndarray)
    assert [r.round for r in offers.plan] == [r["round"] for r in cli["bargaining"]["alternating_offers"]["plan"]]
    assert isinstance(barg.kalai_smorodinsky, negsim.AxiomaticSolution)
    assert all(isinstance(x, negsim.LotteryItem) for x in barg.nash_lotteries.lottery)
    # Repeated: exact thresholds as Fractions, verdicts per strategy.
    assert rep.critical_discount_exact == Fraction(cli["repeated"]["critical_discount_exact"])
    assert float(rep.critical_discount_exact) == pytest.approx(rep.critical_discount)
    for verdict, raw in zip(rep.strategies, cli["repeated"]["strategies"]):
        assert isinstance(verdict, negsim.StrategyVerdict) and verdict.strategy == raw["strategy"]
        assert (verdict.deviation is None) == ("deviation" not in raw)
        for interval in verdict.spe_intervals:
            assert interval.lo_exact is None or float(interval.lo_exact) == pytest.approx(interval.lo)
    # Dict-style reading still works, and the JSON is unchanged.
    assert seq["complete"] == seq.complete and "equilibria" in seq
    assert analysis.to_json() == out


def test_parts_are_none_without_their_blocks():
    a = negsim.load_scenario(SOURCE_DIR / "scenarios" / "classic" / "prisoners_dilemma.yaml").analyze()
    assert a.sequential is None and a.bargaining is None and a.repeated is None
