"""Repeated games: simulation with strategy automata (histories as numpy
arrays), tournaments, the Abreu-Sannikov payoff set, critical discount
factors and minmax values."""

from . import _negsim


def _t(time_limit):
    return 0.0 if time_limit is None else float(time_limit)


def _profile(strategies):
    """One name (or NAME:KEY=VALUE spec) for everyone, "PLAYER=NAME,..." as on the
    command line, or a sequence with one name per player."""
    if isinstance(strategies, str):
        return strategies
    return ",".join(f"{p + 1}={name}" for p, name in enumerate(strategies))


def strategies():
    """strategies() -> list of (name, description): the strategy library."""
    return _negsim.strategies()


def simulate(game, strategies, target, *, rounds=100, continuation=1.0, discount=1.0, tremble=0.0, runs=1,
             seed=0, history_runs=1, time_limit=None):
    """simulate(game, strategies, target, ...) -> dict

    Plays the repeated game. strategies: one name for everyone
    ("tit-for-tat"), a sequence of names (one per player), or
    "PLAYER=NAME,..." as ``--strategies`` takes it; target:
    the cooperative profile, one action per player (index or label).
    Returns mean_total, ci_total, mean_average, ci_average (numpy, per
    player), mean_rounds, and histories: one dict per recorded run with
    numpy arrays profiles (rounds,), actions (rounds, players), payoffs
    (rounds, players), trembled (rounds, players). With discount < 1 also
    check: the one-shot deviation check (subgame_perfect, nash).
    """
    return _negsim._simulate(game, _profile(strategies), target, rounds, continuation, discount, tremble, runs, seed,
                             history_runs, _t(time_limit))


def tournament(game, names, target, *, rounds=200, continuation=1.0, discount=1.0, tremble=0.0, repetitions=1,
               seed=0, self_play=False, time_limit=None):
    """Round robin among strategies of the library (2 players): names, scores, matrix, ranking."""
    return _negsim._tournament(game, list(names), target, rounds, continuation, discount, tremble, repetitions,
                               seed, self_play, _t(time_limit))


def payoff_set(game, delta, *, time_limit=None):
    """The pure-strategy SPE payoff set with public randomization (Abreu-Sannikov, 2 players):
    vertices (k, 2) counter-clockwise, punishment, iterations."""
    return _negsim._payoff_set(game, float(delta), _t(time_limit))


def critical_discount(game, strategies, target, *, time_limit=None):
    """Smallest discount factors at which the strategy profile is an SPE / a Nash equilibrium."""
    return _negsim._critical_discount(game, _profile(strategies), target, _t(time_limit))


def minmax(game, player, kind="mixed"):
    """A player's minmax value: kind pure, mixed or correlated (player counted from 0)."""
    return _negsim._minmax(game, player, kind)
