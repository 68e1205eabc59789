"""Parameter sweeps over a scenario: the rows of ``negsim sweep``."""

import csv as _csv
import io as _io
import os as _os
import tempfile as _tempfile

from . import _negsim
from .scenarios import Scenario


def _axis_values(kind, spec):
    if isinstance(spec, str):
        return spec
    if kind == "grid":
        lo, hi, n = spec
        return f"{lo}:{hi}:{n}"
    if kind == "list":
        return ",".join(str(v) for v in spec)
    lo, hi = spec
    return f"{lo}:{hi}"


def sweep(scenario, *, grid=None, list=None, random=None, lhs=None, axes=None, samples=None, seed=0, analyses=("stage",),
          max_profiles=100_000_000, jobs=0, select="first", time_limit=None, as_dataframe=None):
    """sweep(scenario, grid={"name": (lo, hi, n)}, ...) -> pandas.DataFrame (or list of dicts)

    The sweep of ``negsim sweep``, with the same rows in the same order
    (deterministic for any ``jobs``). Axes, in the order given (the first
    varies slowest): grid={name: (lo, hi, n)}, list={name: [v, ...]},
    random={name: (lo, hi)}, lhs={name: (lo, hi)} with samples=K; a name is
    a parameter or player.lever. analyses: names of negsim.sweep_analyses().
    scenario: a Scenario (its overrides apply) or a path. Returns a pandas
    DataFrame when pandas is installed (as_dataframe=None), else a list of
    dicts of the CSV cells (strings).
    """
    if not isinstance(scenario, Scenario):
        scenario = Scenario.from_file(scenario)
    axes = [(kind, value) for kind, value in (axes or [])]
    for kind, _ in axes:
        if kind not in ("grid", "list", "random", "lhs"):
            from .errors import UsageError
            raise UsageError(f"sweep: unknown axis kind '{kind}' (expected grid, list, random or lhs)")
    for kind, spec in (("grid", grid), ("list", list), ("random", random), ("lhs", lhs)):
        for name, values in (spec or {}).items():
            axes.append((kind, f"{name}={_axis_values(kind, values)}"))
    fd, path = _tempfile.mkstemp(prefix="negsim-sweep-", suffix=".csv")
    _os.close(fd)
    try:
        _negsim._sweep(scenario._h, axes, samples or 0, seed, [a for a in analyses], max_profiles, jobs, select, path,
                       0.0 if time_limit is None else float(time_limit))
        with open(path, newline="", encoding="utf-8") as f:
            text = f.read()
    finally:
        _os.unlink(path)
    if as_dataframe is not False:
        try:
            import pandas
        except ImportError:
            if as_dataframe:
                raise
        else:
            return pandas.read_csv(_io.StringIO(text))
    return [dict(row) for row in _csv.DictReader(_io.StringIO(text))]


def sweep_analyses():
    """sweep_analyses() -> list of (name, description)."""
    return _negsim.sweep_analyses()
