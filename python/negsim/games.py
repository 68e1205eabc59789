"""Making games: from numpy arrays (one per player, a bimatrix, a zero-sum
matrix, a QuantEcon payoff profile array) or from Gambit .nfg files."""

import numpy as np

from ._negsim import Game


def game(*payoffs, players=None, labels=None, title=""):
    """game(*payoffs, players=None, labels=None, title="") -> Game

    One array per player, each indexed [a_1, ..., a_N] (N = number of arrays).
    Arrays of fractions.Fraction (dtype=object) give exact payoffs, which the
    exact methods (``solve(g, "enum", exact=True)``) use.
    """
    return Game.from_arrays(*payoffs, players=players, labels=labels, title=title)


def bimatrix(A, B, players=None, labels=None, title=""):
    """bimatrix(A, B) -> Game: the row player's payoffs A, the column player's B
    (as nashpy.Game(A, B) and quantecon.game_theory.NormalFormGame)."""
    return Game.from_arrays(A, B, players=players, labels=labels, title=title)


def zero_sum(A, players=None, labels=None, title=""):
    """zero_sum(A) -> Game: the row player gets A, the column player -A
    (as nashpy.Game(A)). Fractions stay exact."""
    A = np.asarray(A)
    return Game.from_arrays(A, -A, players=players, labels=labels, title=title)


def from_payoff_profile(profile, players=None, labels=None, title=""):
    """from_payoff_profile(array) -> Game: an array of shape (n_1, ..., n_N, N)
    whose last axis holds each player's payoff (QuantEcon's
    payoff_profile_array)."""
    profile = np.asarray(profile)
    n = profile.shape[-1]
    if profile.ndim != n + 1:
        from .errors import UsageError
        raise UsageError(f"a payoff profile array of {n} players needs {n + 1} dimensions; it has {profile.ndim}")
    return Game.from_arrays(*[profile[..., p] for p in range(n)], players=players, labels=labels, title=title)


def read_nfg(path, exact=False):
    """read_nfg(path, exact=False) -> Game: a Gambit .nfg file, as ``negsim solve FILE``
    reads it (exact payoffs kept for games up to 10^6 entries, always with exact=True)."""
    return Game.read_nfg(str(path), exact)


def from_nfg(text, name="<string>"):
    """from_nfg(text, name="<string>") -> Game: a game from .nfg text; errors name ``name``."""
    return Game.from_nfg(text, name)
