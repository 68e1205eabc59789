"""Extensive-form games (.efg) from Python: read/write, inspection, the
registry's extensive-form methods against Gambit's answers and the CLI, and
each player's exploitability from the independent verifier."""

from fractions import Fraction

import numpy as np
import pytest

import negsim
from conftest import SHARED_DIR, run_cli

EFG_DIR = SHARED_DIR / "games" / "gambit-efg"
EXPECTED = EFG_DIR / "expected"
# Small games with pure equilibria, chance, Bayesian types and several
# information sets per player (a few files: the CLI tests cover them all).
PURE_GAMES = ["bayes1a", "cent2", "e04", "my_2-4", "2smp", "condjury"]
LCP_GAMES = ["bayes1a", "e04", "km1", "w_ex1"]


def gambit_lines(path):
    return sorted(line.strip() for line in path.read_text().splitlines() if line.startswith("NE,"))


@pytest.mark.parametrize("name", PURE_GAMES)
def test_pure_equilibria_are_gambits(name):
    game = negsim.read_efg(EFG_DIR / f"{name}.efg")
    result = negsim.solve(game, "pure")
    assert result.complete and result.form == "strategic-form"
    assert sorted(eq.gambit() for eq in result) == gambit_lines(EXPECTED / f"{name}.pure")
    for eq in result:  # verified: a pure equilibrium is exact, no player gains
        assert eq.exploitability.tolist() == [0.0] * game.num_players


@pytest.mark.parametrize("name", LCP_GAMES)
def test_lcp_is_the_cli_answer(name):
    path = EFG_DIR / f"{name}.efg"
    result = negsim.solve(negsim.read_efg(path), "lcp")
    _, out, _ = run_cli("solve", path, "--method", "lcp", "--format", "gambit")
    assert result.gambit() == out
    _, out, _ = run_cli("solve", path, "--method", "lcp", "--format", "json")
    assert result.to_json() == out


def test_lcp_exact_gives_fractions_that_the_verifier_accepts_exactly():
    game = negsim.read_efg(EFG_DIR / "bayes1a.efg")
    eq = negsim.solve(game, "lcp", exact=True)[0]
    assert eq.gambit() in gambit_lines(EXPECTED / "bayes1a.lcp")
    assert all(isinstance(x, Fraction) for rows in eq.exact for row in rows for x in row)
    assert game.exploitability(eq.exact) == (Fraction(0), Fraction(0))
    assert eq.exact_payoffs == game.expected_payoffs(eq.exact)
    # The float profile: one numpy array per information set, per player.
    for p, rows in enumerate(eq.profile):
        assert len(rows) == len(game.infosets(p))
        for row, info in zip(rows, game.infosets(p)):
            assert isinstance(row, np.ndarray) and row.shape == (len(info["actions"]),)


def test_inspection_and_round_trip(tmp_path):
    game = negsim.read_efg(EFG_DIR / "bayes1a.efg")
    assert game.has_perfect_recall and game.recall_problem is None
    chance = game.infosets("chance")
    assert chance and all(sum(i["probabilities"]) == 1 for i in chance)
    for p in range(game.num_players):
        sets = game.infosets(p)
        assert [s["position"] for s in sets] == list(range(len(sets)))
        seqs = game.sequences(p)
        assert seqs[0] is None and len(seqs) == 1 + sum(len(s["actions"]) for s in sets)
        for s in sets:  # a set's sequences start where the game says, one per action
            for a, label in enumerate(s["actions"]):
                assert seqs[s["first_sequence"] + a] == (s["position"], a, label)
    out = tmp_path / "copy.efg"
    game.write_efg(str(out))
    again = negsim.read_efg(out)
    assert again.to_efg() == game.to_efg()
    assert negsim.solve(again, "lcp").gambit() == negsim.solve(game, "lcp").gambit()
    nf = game.reduced_normal_form()
    assert isinstance(nf, negsim.Game) and nf.num_players == game.num_players


def test_exploitability_of_a_non_equilibrium_is_each_players_best_response_gain():
    # Matching pennies as a tree: player 2 does not see player 1's move.
    text = """EFG 2 R "mp" { "P1" "P2" }
p "" 1 1 "" { "H" "T" } 0
p "" 2 1 "" { "h" "t" } 0
t "" 1 "" { 1, -1 }
t "" 2 "" { -1, 1 }
p "" 2 1 "" { "h" "t" } 0
t "" 3 "" { -1, 1 }
t "" 4 "" { 1, -1 }
"""
    game = negsim.from_efg(text)
    # Both play heads: P2 gains 2 by switching to tails, P1 nothing.
    assert game.exploitability([[[1, 0]], [[1, 0]]]) == (Fraction(0), Fraction(2))
    assert game.exploitability(np.array([1.0, 0.0, 1.0, 0.0])).tolist() == [0.0, 2.0]
    assert game.exploitability([[[0.5, 0.5]], [[0.5, 0.5]]]).tolist() == [0.0, 0.0]
    lp = negsim.solve(game, "lp")
    assert np.allclose(lp[0].flat, [0.5, 0.5, 0.5, 0.5]) and np.allclose(lp[0].payoffs, [0, 0])
    cfr = negsim.solve(game, "cfr")
    assert (cfr[0].exploitability >= 0).all()


def test_errors_are_the_clis():
    with pytest.raises(negsim.InputError) as info:
        negsim.from_efg('EFG 2 R "x" { "A" }\np "" 1 1 "" { "a" } 0\nq', "bad.efg")
    assert "bad.efg:" in str(info.value)
    game = negsim.read_efg(EFG_DIR / "bayes1a.efg")
    with pytest.raises(negsim.UsageError):
        negsim.solve(game, "lcp", starts=3)
    with pytest.raises(negsim.UsageError):
        negsim.solve(game, "lcpp")
    with pytest.raises(negsim.UsageError):
        game.exploitability([0.5, 0.5])
    recall = negsim.read_efg(EFG_DIR / "myerson.efg")
    assert not recall.has_perfect_recall and "information set" in recall.recall_problem
    with pytest.raises(negsim.InputError):
        negsim.solve(recall, "lcp")
