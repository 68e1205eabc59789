"""negsim.solve: the same answers as `negsim solve` on every shared Gambit
game, the known answers of ../shared (ORACLES.md, games/gambit/expected),
option checks and exact results."""

from fractions import Fraction

import numpy as np
import pytest

import negsim
from conftest import GAMBIT_DIR, gambit_games, run_cli


def ne_lines_to_set(text):
    """NE,... lines as a set of tuples of Fractions (order-free comparison)."""
    return {tuple(Fraction(x) for x in line.split(",")[1:]) for line in text.splitlines() if line.startswith("NE,")}


def methods_for(game):
    return ["pure", "enum", "lh", "auto"] if game.num_players == 2 else ["pure", "auto"]


@pytest.mark.parametrize("path", gambit_games(), ids=lambda p: p.stem)
def test_same_output_as_the_cli_on_every_shared_game(path):
    game = negsim.read_nfg(path)
    for method in methods_for(game):
        code, out, _ = run_cli("solve", path, "--method", method, "--format", "gambit", check=False)
        if code != 0:  # the CLI refused (a limit): Python must refuse the same way
            with pytest.raises(negsim.NegsimError) as info:
                negsim.solve(game, method)
            assert info.value.exit_code == code
            continue
        result = negsim.solve(game, method)
        assert result.gambit() == out, f"{path.stem} --method {method}"
        # JSON too, field for field.
        _, json_out, _ = run_cli("solve", path, "--method", method, "--format", "json")
        assert result.to_json() == json_out


@pytest.mark.parametrize("path", gambit_games(), ids=lambda p: p.stem)
def test_known_pure_and_extreme_equilibria(path):
    game = negsim.read_nfg(path, exact=True)
    expected = GAMBIT_DIR / "expected"
    pure = negsim.solve(game, "pure")
    assert pure.complete
    assert {tuple(Fraction(int(round(x))) for x in eq.flat) for eq in pure} == \
        ne_lines_to_set((expected / f"{path.stem}.pure").read_text())
    extreme = expected / f"{path.stem}.extreme"
    if game.num_players == 2 and extreme.exists() and max(game.shape) <= 8:
        result = negsim.solve(game, "enum", exact=True)
        assert result.complete
        found = {tuple(x for row in eq.exact for x in row) for eq in result}
        assert found == ne_lines_to_set(extreme.read_text())


def test_von_stengel_3x2_all_three_equilibria_exactly():
    g = negsim.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    result = negsim.solve(g, "enum", exact=True)
    F = Fraction
    expected = {((F(1), F(0), F(0)), (F(1), F(0))), ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
                ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))}
    assert {eq.exact for eq in result} == expected
    for eq in result:
        assert eq.max_regret < 1e-12 and all(isinstance(x, Fraction) for x in eq.exact_payoffs)


def test_lemke_howson_cycling_trap():
    g = negsim.bimatrix([[0, 0, 0], [0, 1, 1], [1, 1, 0]], [[1, 0, 1], [1, 1, 0], [0, 0, 2]])
    eq = negsim.solve(g, "lh", exact=True)[0]
    assert eq.exact == ((0, Fraction(2, 3), Fraction(1, 3)), (0, 1, 0))


def test_rock_paper_scissors_unique_uniform_value_zero():
    g = negsim.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    for method in ["enum", "lp", "lh"]:
        result = negsim.solve(g, method)
        assert len(result) == 1
        for row in result[0].profile:
            np.testing.assert_allclose(row, [1 / 3] * 3, atol=1e-9)
        np.testing.assert_allclose(result[0].payoffs, [0, 0], atol=1e-9)


def test_chicken_two_pure_one_mixed():
    # DD=(0,0), DC=(4,1), CD=(1,4), CC=(3,3); actions (dare, chicken).
    g = negsim.bimatrix([[0, 4], [1, 3]], [[0, 1], [4, 3]])
    result = negsim.solve(g, "enum", exact=True)
    assert sum(eq.is_pure for eq in result) == 2
    mixed = [eq for eq in result if not eq.is_pure]
    assert len(mixed) == 1 and mixed[0].exact == ((Fraction(1, 2),) * 2,) * 2
    assert mixed[0].exact_payoffs == (2, 2)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_coordination_games_have_2_to_the_n_minus_1_equilibria(n):
    result = negsim.solve(negsim.bimatrix(np.eye(n), np.eye(n)), "enum")
    assert len(result) == 2 ** n - 1 and result.complete


def test_every_method_runs_and_results_are_numpy():
    g = negsim.read_nfg(GAMBIT_DIR / "e04.nfg")
    for info in negsim.methods():
        if info["constant_sum_only"]:
            continue
        result = negsim.solve(g, info["name"])
        if info["solution"] == "correlated":
            assert result.distribution.shape == g.shape
            assert abs(result.distribution.sum() - 1) < 1e-9 and result.max_gain <= 1e-6
            continue
        for eq in result:
            assert isinstance(eq.profile[0], np.ndarray) and eq.max_regret <= 1e-6
            np.testing.assert_allclose(eq.regrets, g.regrets(eq.profile))
        assert result.profiles().shape == (len(result), 5)


def test_options_are_checked_as_on_the_command_line():
    g = negsim.bimatrix(np.eye(2), np.eye(2))
    with pytest.raises(negsim.UsageError, match="did you mean") as info:
        negsim.solve(g, "enumm")
    assert info.value.exit_code == 2
    with pytest.raises(negsim.UsageError, match="--starts"):
        negsim.solve(g, "enum", starts=3)
    with pytest.raises(negsim.UsageError):
        negsim.solve(negsim.game(*[np.zeros((2, 2, 2))] * 3), "lh")
    with pytest.raises(negsim.UsageError, match="all_labels"):
        negsim.solve(g, "lh", all_labels=True, label=1)


def test_lh_options_and_logit_trace():
    g = negsim.read_nfg(GAMBIT_DIR / "vonstengel1999_6x6_75eq.nfg")
    some = negsim.solve(g, "lh", label=3)
    assert len(some) == 1
    everyone = negsim.solve(g, "lh", all_labels=True)
    assert len(everyone.paths) == 12
    traced = negsim.solve(negsim.read_nfg(GAMBIT_DIR / "2x2x2.nfg"), "logit", trace=True)
    trace = traced.extra["trace"]
    assert trace.ndim == 2 and trace.shape[1] == 1 + 6 and np.all(np.diff(trace[:, 0]) >= 0)


def test_max_equilibria_cuts_the_list():
    result = negsim.solve(negsim.read_nfg(GAMBIT_DIR / "vonstengel1999_6x6_75eq.nfg"), "enum", max_equilibria=5)
    assert len(result) == 5 and not result.complete
    assert result.limit_reached["kind"] == "equilibria_cap"
