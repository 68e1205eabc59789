"""negsim.Game: numpy in, zero-copy numpy out, .nfg in and out, exact payoffs."""

from fractions import Fraction

import numpy as np
import pytest

import negsim
from conftest import GAMBIT_DIR


def test_bimatrix_round_trip_and_zero_copy_views():
    A = np.array([[3.0, 0.0, 2.5], [5.0, 1.0, -1.0]])
    B = np.array([[3.0, 5.0, 0.0], [0.0, 1.0, 7.0]])
    g = negsim.bimatrix(A, B)
    assert g.shape == (2, 3) and g.num_players == 2 and g.num_profiles == 6
    va, vb = g.payoff_arrays()
    np.testing.assert_array_equal(va, A)
    np.testing.assert_array_equal(vb, B)
    # Views share the game's memory (no copy) and cannot be written.
    assert not va.flags.writeable and not va.flags.owndata
    assert va.base is not None
    assert np.shares_memory(va, g.payoffs)
    with pytest.raises(ValueError):
        va[0, 0] = 1
    assert g.payoffs.shape == (2, 2, 3)
    # Gambit order: player 1's action changes fastest in the flat table.
    np.testing.assert_array_equal(g.payoffs[0].ravel(order="F"), A.ravel(order="F"))


def test_three_player_arrays_and_payoff_profile():
    rng = np.random.default_rng(5)
    arrays = [rng.integers(0, 9, size=(2, 3, 4)).astype(float) for _ in range(3)]
    g = negsim.game(*arrays)
    for p in range(3):
        np.testing.assert_array_equal(g.payoff_array(p), arrays[p])
    h = negsim.from_payoff_profile(np.stack(arrays, axis=-1))
    np.testing.assert_array_equal(h.payoffs, g.payoffs)


def test_zero_sum_and_labels():
    g = negsim.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], players=["Row", "Col"],
                        labels=[["R", "P", "S"], ["r", "p", "s"]])
    assert g.players == ["Row", "Col"] and g.labels[0] == ["R", "P", "S"]
    np.testing.assert_array_equal(g.payoff_array(1), -g.payoff_array(0))


def test_nfg_round_trip_keeps_everything():
    g = negsim.read_nfg(GAMBIT_DIR / "e04.nfg")
    h = negsim.from_nfg(g.to_nfg())
    assert h.players == g.players and h.labels == g.labels and h.title == g.title
    np.testing.assert_array_equal(h.payoffs, g.payoffs)


def test_fractions_give_exact_payoffs(tmp_path):
    third = Fraction(1, 3)
    A = np.array([[third, 0], [0, Fraction(2, 3)]], dtype=object)
    B = np.array([[Fraction(2, 3), 0], [0, third]], dtype=object)
    g = negsim.bimatrix(A, B)
    assert g.has_exact
    ea, eb = g.exact_payoff_arrays()
    assert ea[0, 0] == third and eb[1, 1] == third
    # Written as rationals to .nfg, read back exactly.
    path = tmp_path / "thirds.nfg"
    g.write_nfg(str(path))
    assert "1/3" in path.read_text()
    assert negsim.read_nfg(path, exact=True).exact_payoff_arrays()[0][1, 1] == Fraction(2, 3)


def test_expected_payoffs_and_regrets():
    g = negsim.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    np.testing.assert_allclose(g.expected_payoffs(([1, 0], [1, 0])), [3, 3])
    np.testing.assert_allclose(g.regrets(([1, 0], [1, 0])), [2, 2])
    np.testing.assert_allclose(g.regrets([0, 1, 0, 1]), [0, 0])


def test_bad_arrays_are_usage_errors():
    with pytest.raises(negsim.UsageError, match="dimensions"):
        negsim.game(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(negsim.UsageError, match="shape"):
        negsim.bimatrix(np.zeros((2, 2)), np.zeros((2, 3)))
    with pytest.raises(negsim.InputError, match="finite"):
        negsim.bimatrix([[np.nan, 0], [0, 0]], np.zeros((2, 2)))


def test_nfg_errors_name_file_line_and_column():
    with pytest.raises(negsim.InputError) as info:
        negsim.from_nfg('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3', name="bad.nfg")
    err = info.value
    assert err.file == "bad.nfg" and err.line >= 1 and err.column >= 1 and err.exit_code == 1
    assert str(err).startswith("bad.nfg:")
