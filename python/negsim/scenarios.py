"""Scenarios: the YAML files of negsim (players, levers, parameters, payoffs)
and their analysis, as ``negsim run`` does it."""

import json as _json

from . import _negsim
from .analysis_parts import BargainingAnalysis, RepeatedAnalysis, SequentialAnalysis


def _set_text(name, value):
    if isinstance(value, bool):
        raise TypeError(f"parameter {name}: a number is needed, not {value!r}")
    return f"{name}={value}"


class Scenario:
    """A scenario loaded from a file or a YAML string.

    Read: ``id``, ``title``, ``description``, ``units``, ``players`` (ids,
    names, docs, levers and their values), ``parameters`` (value, unit, doc,
    source and where each is written), ``sources``. Change parameters with
    ``set(name=value, ...)`` (as ``--set``) or get a changed copy with
    ``with_parameters(...)``. Build: ``stage_game()``, ``timeline()``,
    ``bargaining_problem()``, ``repeated_spec()``. Analyse: ``analyze()``.
    """

    def __init__(self, handle):
        self._h = handle

    @classmethod
    def from_file(cls, path):
        """Loads a scenario file (errors: InputError with file:line:col)."""
        return cls(_negsim._Scenario.from_file(str(path)))

    @classmethod
    def from_yaml(cls, text, name="<string>"):
        """A scenario from YAML text; errors name ``name``."""
        return cls(_negsim._Scenario.from_yaml(text, name))

    @classmethod
    def default(cls):
        """The scenario ``negsim run`` runs without arguments (scenarios/tiktok_2025.yaml)."""
        return cls(_negsim._Scenario.default())

    # --- what the file says -------------------------------------------------
    id = property(lambda self: self._h.id)
    title = property(lambda self: self._h.title)
    description = property(lambda self: self._h.description)
    units = property(lambda self: self._h.units)
    file = property(lambda self: self._h.file)
    sources = property(lambda self: self._h.sources, doc="list of dicts: id, text, url, pos")
    players = property(lambda self: self._h.players,
                       doc="list of dicts: id, name, doc, levers (id, values, numbers, numeric, unit, doc)")
    parameters = property(lambda self: self._h.parameters, doc="dict id -> {value, unit, source, doc, pos}")
    overrides = property(lambda self: list(self._h.sets), doc="the NAME=VALUE overrides applied so far")
    has_timeline = property(lambda self: self._h.has_timeline)
    has_bargaining = property(lambda self: self._h.has_bargaining)
    has_repeated = property(lambda self: self._h.has_repeated)

    def parameter(self, name):
        """The current value of a parameter."""
        return self.parameters[name]["value"]

    # --- changing parameters ------------------------------------------------
    def set(self, *assignments, **values):
        """set("name=value", ..., name=value, ...) -> self: overrides parameters,
        as ``--set NAME=VALUE`` does (same checks and messages)."""
        texts = list(assignments) + [_set_text(k, v) for k, v in values.items()]
        self._h.set(texts)
        return self

    def with_parameters(self, *assignments, **values):
        """A copy with these parameters overridden (this scenario is unchanged)."""
        return Scenario(self._h.copy()).set(*assignments, **values)

    def copy(self):
        return Scenario(self._h.copy())

    # --- building -------------------------------------------------------------
    def stage_game(self, max_profiles=100_000_000, time_limit=None):
        """The stage game (negsim.Game), actions labelled ``lever=value,...``."""
        return self._h.stage_game(max_profiles, 0.0 if time_limit is None else float(time_limit))

    def timeline(self):
        """The timeline's stages: lists of player ids (InputError without a timeline block)."""
        return self._h.timeline()

    def bargaining_problem(self, max_deals=1_000_000):
        """The bargaining block as data: players, issues, deals and their utilities (numpy), protocol."""
        return self._h.bargaining_problem(max_deals)

    def repeated_spec(self, max_profiles=100_000_000):
        """The repeated block: stage game, target profile, discount, rounds, continuation, strategies."""
        return self._h.repeated_spec(max_profiles)

    # --- analysing ------------------------------------------------------------
    def analyze(self, select="first", max_profiles=100_000_000, time_limit=None, parts=None):
        """analyze(select="first", max_profiles=..., time_limit=None, parts=None) -> Analysis

        The analysis of ``negsim run``: pure equilibria, dominance, the mixed
        search, the max-welfare correlated equilibrium, and the timeline,
        bargaining and repeated blocks the scenario has. ``parts``: a list of
        some of pure, dominance, mixed, correlated, sequential, bargaining,
        repeated (default: all). ``analysis.to_json()`` is the text of
        ``negsim run --format json --sensitivity none``; ``analysis.json()`` its dict;
        ``analysis.pure`` and ``.mixed`` are SolveResults; ``.sequential``,
        ``.bargaining`` and ``.repeated`` typed views (negsim.analysis_parts).
        """
        return self._h.analyze(select, max_profiles, 0.0 if time_limit is None else float(time_limit),
                               list(parts or []))

    def __repr__(self):
        return f"<negsim.Scenario {self.id!r}: {len(self.players)} players, {len(self.parameters)} parameters>"


def _analysis_json(self):
    """The analysis as a dict (json.loads of to_json())."""
    return _json.loads(self.to_json())


_negsim.Analysis.json = _analysis_json


def _typed(raw_property, cls, doc):
    def get(self):
        data = raw_property.fget(self)
        return None if data is None else cls(data)
    return property(get, doc=doc)


# The compiled properties give the JSON report's dicts; these give typed views of them.
_negsim.Analysis.sequential = _typed(
    _negsim.Analysis.sequential, SequentialAnalysis,
    "Subgame-perfect equilibria of the timeline (SequentialAnalysis), or None without a timeline.")
_negsim.Analysis.bargaining = _typed(
    _negsim.Analysis.bargaining, BargainingAnalysis,
    "Alternating offers and the axiomatic solutions (BargainingAnalysis), or None without a bargaining block.")
_negsim.Analysis.repeated = _typed(
    _negsim.Analysis.repeated, RepeatedAnalysis,
    "Sustaining the target profile in the repeated game (RepeatedAnalysis), or None without a repeated block.")


def load_scenario(path=None):
    """load_scenario(path=None) -> Scenario: a scenario file, or the default
    TikTok scenario without a path."""
    return Scenario.default() if path is None else Scenario.from_file(path)


def default_scenario():
    """The scenario ``negsim run`` analyses by default (scenarios/tiktok_2025.yaml)."""
    return Scenario.default()
