"""Solving normal-form games with every method of negsim's registry."""

from . import _negsim

_solve = _negsim._solve
_DEFAULT_REL_TOL = 1e-9


def solve(game, method="auto", *, exact=None, label=None, all_labels=None, race=None, starts=None, seed=None,
          trace=None, objective=None, max_equilibria=None, time_limit=None, rel_tol=_DEFAULT_REL_TOL,
          partial=False):
    """solve(game, method="auto", **options) -> SolveResult (or CorrelatedResult for ce/cce)

    Runs one equilibrium method of the registry (``negsim.methods()``), as
    ``negsim solve GAME --method METHOD`` does, and returns its verified
    equilibria: every equilibrium's regret is recomputed from the game,
    independently of the method, and only those within tolerance are kept.

    Methods: auto, pure, dominance, lh, enum, lp, logit, gnm, simpdiv, ce,
    cce (see ``negsim.methods()`` for what each promises). Options (each only
    for the methods that read it; any other is a UsageError, as on the
    command line):

      exact=True        rational arithmetic (lh, enum); eq.exact holds Fractions
      label=K           Lemke-Howson's starting label, counted from 0
      all_labels=True   Lemke-Howson from every label, results merged
      race=True         Lemke-Howson: race the labels' paths, first end wins
      starts=K, seed=S  N-player methods: several starts, random seed
      trace=True        logit: result.extra["trace"] is the branch
                        (rows: lambda, then the profile)
      objective="welfare"   ce/cce: any | welfare | player:NAME
      max_equilibria=N  stop listing after N equilibria (result.complete False)

    time_limit: seconds (None: no limit). A method that collects several
    equilibria and is cut by it raises LimitError whose ``.result`` holds
    the ones verified so far (or returns that result with partial=True);
    others raise LimitError. Ctrl-C raises KeyboardInterrupt. The GIL is
    released while solving.

    result.equilibria[i].profile is a tuple of numpy arrays (one per player);
    .payoffs, .regrets, .max_regret, .exact, .is_pure, .actions;
    result.complete, .notes, .paths; result.to_json() is the CLI's JSON,
    result.gambit() its NE lines.

    An ExtensiveGame (negsim.read_efg) is solved with the extensive-form
    methods instead (``negsim.extensive_methods()``: auto, pure, pure-agent,
    pure-spe, lcp, lp, cfr, logit), which read exact (lcp) and
    max_equilibria (pure*); the result is an ExtensiveSolveResult of
    behaviour profiles, one probability array per information set.
    """
    if isinstance(game, _negsim.ExtensiveGame):
        return _solve_extensive(game, method, exact=exact, label=label, all_labels=all_labels, race=race,
                                starts=starts, seed=seed, trace=trace, objective=objective,
                                max_equilibria=max_equilibria, time_limit=time_limit, rel_tol=rel_tol, partial=partial)
    return _solve(game, method, exact, label, all_labels, race, starts, seed, trace, objective, max_equilibria,
                  0.0 if time_limit is None else float(time_limit), rel_tol, partial)


def _solve_extensive(game, method, *, exact, max_equilibria, time_limit, rel_tol, partial, **others):
    for name, value in others.items():
        if value is not None:
            from .errors import UsageError
            raise UsageError(f"{name} does not apply to an extensive-form game (its methods read exact and max_equilibria)")
    if partial:
        from .errors import UsageError
        raise UsageError("partial does not apply to an extensive-form game")
    return _negsim._solve_extensive(game, method, exact, max_equilibria, 0.0 if time_limit is None else float(time_limit),
                                    rel_tol)


def extensive_methods():
    """extensive_methods() -> list of dict: the extensive-form methods (name, summary, players, options, guarantee)."""
    return _negsim.extensive_methods()


def methods():
    """methods() -> list of dict: the method registry (name, summary, which games, options, guarantee)."""
    return _negsim.methods()
