"""The same numbers as the command line's JSON: tournaments, minmax values
and the bargaining solutions, on small games and the shipped scenarios
(one CLI call each: these stay fast)."""

import json

import numpy as np
import pytest

import negsim
from conftest import SOURCE_DIR, run_cli

TIKTOK = SOURCE_DIR / "scenarios" / "tiktok_2025.yaml"
TRADE_WAR = SOURCE_DIR / "scenarios" / "trade_war_tariffs.yaml"


def cli_json(*args):
    _, out, _ = run_cli(*args, "--format", "json")
    return json.loads(out)


@pytest.mark.parametrize("name,A,B,target", [
    ("prisoners-dilemma", [[3, 0], [5, 1]], [[3, 5], [0, 1]], ("C", "C")),
    ("chicken", [[3, 1], [4, 0]], [[3, 4], [1, 0]], ("C", "C")),
])
def test_tournament_scores_are_the_clis(tmp_path, name, A, B, target):
    game = negsim.bimatrix(A, B, labels=[["C", "D"], ["C", "D"]], title=name)
    path = tmp_path / f"{name}.nfg"
    game.write_nfg(str(path))
    entrants = ["tit-for-tat", "grim-trigger", "always-defect", "pavlov"]
    for options in ([], ["--tremble", "0.05", "--seed", "3", "--rounds", "50"]):
        cli = cli_json("repeated", path, "--target", ";".join(target), "--tournament", ",".join(entrants), *options)
        kwargs = {"tremble": 0.05, "seed": 3, "rounds": 50} if options else {}
        py = negsim.tournament(negsim.read_nfg(path), entrants, list(target), **kwargs)
        assert dict(zip(py["names"], py["scores"].tolist())) == {r["strategy"]: r["score"] for r in cli["tournament"]}
        assert [py["names"][i] for i in py["ranking"]] == [r["strategy"] for r in cli["tournament"]]


@pytest.mark.parametrize("path", [TIKTOK, TRADE_WAR])
def test_minmax_values_are_the_clis(path):
    cli = cli_json("repeated", path)["repeated"]
    stage = negsim.load_scenario(path).repeated_spec()["stage"]
    values = [negsim.minmax(stage, p, "mixed")["value"] for p in range(stage.num_players)]
    assert values == cli["minmax"]
    # The pure minmax bounds the mixed one from above: the punishers can only do better mixing.
    pure = [negsim.minmax(stage, p, "pure")["value"] for p in range(stage.num_players)]
    assert all(v <= q + 1e-9 * max(1.0, abs(q)) for v, q in zip(values, pure))


def test_bargaining_solutions_are_the_clis():
    cli = cli_json("bargain", TIKTOK)
    scenario = negsim.load_scenario(TIKTOK)
    problem = scenario.bargaining_problem()
    assert problem["players"] == cli["players"] and len(problem["deal_labels"]) == cli["deals"]
    disagreement = cli["disagreement"]  # the stage equilibrium's payoffs, as the CLI computed them
    if not problem["disagreement_from_stage_equilibrium"]:
        assert list(problem["disagreement"]) == disagreement
    py = negsim.axiomatic(problem["utilities"], labels=problem["deal_labels"], disagreement=disagreement,
                          weights=problem["nash_weights"])
    label = problem["deal_labels"]  # Python gives deals as indices into them, the CLI as labels
    for key in ("nash", "kalai_smorodinsky", "nash_lotteries", "kalai_smorodinsky_lotteries"):
        assert py[key]["exists"] == cli[key]["exists"], key
        assert (None if py[key]["deal"] is None else label[py[key]["deal"]]) == cli[key]["deal"], key
        assert py[key]["utilities"].tolist() == cli[key]["utilities"], key
        assert [[label[d], p] for d, p in py[key]["lottery"]] == [[x["deal"], x["probability"]] for x in cli[key]["lottery"]], key
    # And the same numbers reach Python through the scenario's analysis.
    analysis = scenario.analyze(parts=["bargaining"])
    assert analysis.bargaining.kalai_smorodinsky.deal == cli["kalai_smorodinsky"]["deal"]
    assert np.array_equal(analysis.bargaining.disagreement, disagreement)
