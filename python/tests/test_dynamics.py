"""Learning dynamics, repeated games, bargaining and sweeps: the CLI's
answers and the known ones of ../shared/ORACLES.md."""

import csv
import io
import json

import numpy as np
import pytest

import negsim
from conftest import GAMBIT_DIR, SOURCE_DIR, run_cli

PD = negsim.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]], labels=[["C", "D"], ["C", "D"]])


@pytest.mark.parametrize("dynamics", [d["name"] for d in negsim.dynamics()])
def test_learning_matches_the_cli(dynamics):
    path = GAMBIT_DIR / "e04.nfg"
    _, out, _ = run_cli("learn", path, "--dynamics", dynamics, "--iterations", "2000", "--format", "json")
    run = negsim.learn(negsim.read_nfg(path), dynamics, iterations=2000)
    assert run.to_json() == out
    assert run.trajectory_profiles.shape == (len(run.trajectory_iterations), 5)
    assert run.trajectory_payoffs.shape == (len(run.trajectory_iterations), 2)
    np.testing.assert_allclose(run.regrets, negsim.read_nfg(path).regrets(run.final_profile))


def test_learning_options_apply_only_where_read():
    with pytest.raises(negsim.UsageError, match="lam"):
        negsim.learn(PD, "fictitious-play", lam=3.0)
    with pytest.raises(negsim.UsageError, match="did you mean"):
        negsim.learn(PD, "fictitous-play")


def test_learning_on_the_prisoners_dilemma_ends_at_defection():
    run = negsim.learn(PD, "best-response", iterations=500)
    assert run.is_equilibrium and run.converged
    np.testing.assert_array_equal(run.final_profile[0], [0, 1])
    fp = negsim.learn(PD, "fictitious-play", iterations=2000)
    assert fp.final_profile[0][1] > 0.99


def test_simulation_history_is_the_clis(tmp_path):
    nfg = tmp_path / "pd.nfg"
    PD.write_nfg(str(nfg))
    history = tmp_path / "history.csv"
    run_cli("repeated", nfg, "--strategies", "tit-for-tat", "--target", "C;C", "--rounds", "30", "--runs", "4",
            "--tremble", "0.1", "--seed", "7", "--delta", "0.9", "--history", history)
    rows = list(csv.DictReader(history.open()))
    sim = negsim.simulate(PD, "tit-for-tat", ("C", "C"), rounds=30, runs=4, tremble=0.1, seed=7, discount=0.9)
    h = sim["histories"][0]
    labels = [[PD.labels[p][a] for p, a in enumerate(actions)] for actions in h["actions"]]
    cli_labels = [[r["action"] for r in rows[i:i + 2]] for i in range(0, len(rows), 2)]
    assert labels == cli_labels
    assert h["actions"].shape == (30, 2) and h["payoffs"].shape == (30, 2)
    assert sim["check"] is not None


def test_tit_for_tat_against_always_defect_scores():
    # ORACLES.md: (R,P,S,T) = (3,1,0,5), TFT vs always-defect over 3 rounds: totals (2, 7).
    g = negsim.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    sim = negsim.simulate(g, ["tit-for-tat", "always-defect"], (0, 0), rounds=3)
    np.testing.assert_allclose(sim["mean_total"], [2, 7])


def test_pd_payoff_set_polygon():
    # ORACLES.md: at delta 0.9 the polygon (3,3), (9.75,3), (9,9), (3,9.75).
    vertices = negsim.payoff_set(PD, 0.9)["vertices"]
    expected = {(3, 3), (9.75, 3), (9, 9), (3, 9.75)}
    assert len(vertices) == 4
    for v in vertices:
        assert min(abs(v[0] - e[0]) + abs(v[1] - e[1]) for e in expected) < 1e-6
    with pytest.raises(negsim.InputError):
        negsim.payoff_set(negsim.bimatrix([[1, -1], [-2, 1]], [[-1, 2], [2, 0]]), 0.05)


def test_grim_trigger_critical_discount_is_one_seventh():
    result = negsim.critical_discount(PD, "grim-trigger", ("C", "C"))
    assert abs(result["spe"] - 1 / 7) < 1e-6


def test_rubinstein_and_stahl():
    assert abs(negsim.rubinstein((0.9, 0.9))["shares"][0] - 1 / 1.9) < 1e-9
    assert abs(negsim.rubinstein((0.9, 0.8))["shares"][0] - 0.714286) < 1e-6
    for T, x in [(1, 1), (2, 0.1), (3, 0.91), (4, 0.181)]:
        assert abs(negsim.rubinstein((0.9, 0.9), deadline=T)["shares"][0] - x) < 1e-9


def test_axiomatic_bargaining_over_deals():
    # ORACLES.md: utilities (4,1),(1,4),(2,2), disagreement 0: Nash (2,2); over lotteries (2.5,2.5).
    result = negsim.axiomatic([[4, 1], [1, 4], [2, 2]])
    np.testing.assert_allclose(result["nash"]["utilities"], [2, 2])
    np.testing.assert_allclose(result["nash_lotteries"]["utilities"], [2.5, 2.5])


def test_sweep_rows_are_the_clis(tmp_path):
    scenario = SOURCE_DIR / "scenarios" / "classic" / "prisoners_dilemma.yaml"
    out = tmp_path / "sweep.csv"
    run_cli("sweep", scenario, "--grid", "T=3:8:6", "--list", "R=2,4", "--no-progress", "--jobs", "2", "--out", out)
    rows = negsim.sweep(negsim.load_scenario(scenario), grid={"T": (3, 8, 6)}, list={"R": [2, 4]}, jobs=1,
                       as_dataframe=False)
    # The CLI's file opens with the sweep's description line (`# negsim sweep ...`).
    lines = [line for line in out.read_text().splitlines(keepends=True) if not line.startswith("#")]
    assert rows == list(csv.DictReader(io.StringIO("".join(lines))))
    frame = negsim.sweep(scenario, grid={"T": (3, 8, 6)}, list={"R": [2, 4]})
    pandas = pytest.importorskip("pandas")
    assert isinstance(frame, pandas.DataFrame) and len(frame) == len(rows)
    # Axes in the command line's order (here the list varies slowest), and sampled axes.
    run_cli("sweep", scenario, "--list", "R=2,4", "--lhs", "T=5:9", "--samples", "3", "--seed", "11",
            "--no-progress", "--out", out, "--force")
    rows = negsim.sweep(scenario, axes=[("list", "R=2,4"), ("lhs", "T=5:9")], samples=3, seed=11,
                        as_dataframe=False)
    # The CLI's file opens with the sweep's description line (`# negsim sweep ...`).
    lines = [line for line in out.read_text().splitlines(keepends=True) if not line.startswith("#")]
    assert rows == list(csv.DictReader(io.StringIO("".join(lines))))
