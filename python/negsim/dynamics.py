"""Learning dynamics on a normal-form game (fictitious play, regret matching,
replicator, logit response, best-response dynamics): negsim.dynamics() lists
them."""

import json as _json

from . import _negsim


class LearningRun:
    """One run of a learning dynamic: where it ended and an independent verdict.

    final_profile (tuple of arrays), empirical (time average, or None),
    iterations, converged (the dynamic's own stopping rule), regrets,
    tolerances, max_regret, payoffs and is_equilibrium (the verdict,
    recomputed from the game), and the trajectory as numpy arrays:
    trajectory_iterations (k,), trajectory_profiles (k, strategies),
    trajectory_payoffs (k, players). to_json() / to_csv(): as ``negsim learn``.
    """

    def __init__(self, data):
        self._data = data
        for key, value in data.items():
            if key not in ("json", "csv"):
                setattr(self, key, value)

    def to_json(self):
        return self._data["json"]

    def json(self):
        return _json.loads(self._data["json"])

    def to_csv(self):
        return self._data["csv"]

    def __repr__(self):
        verdict = "an equilibrium" if self.is_equilibrium else "not an equilibrium"
        return f"<negsim.LearningRun {self.dynamics}: {self.iterations} iterations, {verdict}>"


def learn(game, dynamics="fictitious-play", *, iterations=10000, tol=1e-6, seed=None, initial=None, step=None,
          lam=None, simultaneous=None, trace_every=None, rel_tol=1e-6, time_limit=None):
    """learn(game, dynamics="fictitious-play", **options) -> LearningRun

    Runs a dynamic of negsim.dynamics() (``negsim learn``). seed, step, lam
    (logit precision) and simultaneous apply to the dynamics that read them
    (UsageError otherwise). initial: a profile (one vector per player, or a
    flat one). trace_every=k records the trajectory every k iterations
    (default: iterations/500, as `negsim learn` does). rel_tol: the verdict's
    regret tolerance relative to each player's payoff range (``--regret-tol``,
    default 1e-6).
    """
    return LearningRun(_negsim._learn(game, dynamics, iterations, tol, seed, initial, step, lam, simultaneous,
                                      trace_every or 0, rel_tol, 0.0 if time_limit is None else float(time_limit)))


def dynamics():
    """dynamics() -> list of dict: name, description, what the trajectory tracks, options."""
    return _negsim.dynamics()
