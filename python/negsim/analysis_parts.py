"""Typed views of the sequential (subgame-perfect path), bargaining and
repeated parts of a scenario analysis (``Scenario.analyze()``).

Each class reads one part of the analysis as ``negsim run --format json``
reports it, so its numbers are the CLI's: ``to_dict()`` gives that part of
the JSON back unchanged, and ``part["key"]`` still reads the JSON keys (the
parts were plain dicts before). Attributes are typed (see the .pyi stubs):
payoff vectors are numpy arrays, exact thresholds ``fractions.Fraction``,
nested parts their own classes. A key the report leaves out in some cases
(e.g. ``StrategyVerdict.deviation`` when no deviation pays) reads as None.
"""

from fractions import Fraction

import numpy as np

__all__ = [
    "SequentialAnalysis", "SubgamePerfectEquilibrium", "StagePlay", "Threat",
    "BargainingAnalysis", "AlternatingOffers", "OfferRound", "AxiomaticSolution", "LotteryItem",
    "RepeatedAnalysis", "StrategyVerdict", "DiscountInterval", "Deviation", "OwnPunishment",
]


def _vector(value):
    return None if value is None else np.asarray(value, dtype=float)


def _fraction(text):
    """An exact number the report writes as text ("1/14"); "" or None -> None."""
    return Fraction(text) if text else None


def _list_of(cls):
    return lambda values: [cls(v) for v in (values or [])]


def _optional(cls):
    return lambda value: None if value is None else cls(value)


class _Part:
    """One part of the JSON report with typed attributes.

    Subclasses list their attributes in ``_fields``: name -> converter
    applied to the JSON value (identity when None)."""

    _fields = {}

    def __init__(self, data):
        self._data = data
        for name, convert in self._fields.items():
            value = data.get(name)
            setattr(self, name, convert(value) if convert is not None else value)

    def to_dict(self):
        """This part as in the JSON report (``negsim run --format json``)."""
        return self._data

    def __getitem__(self, key):
        return self._data[key]

    def __contains__(self, key):
        return key in self._data

    def get(self, key, default=None):
        return self._data.get(key, default)

    def keys(self):
        return self._data.keys()

    def __eq__(self, other):
        if isinstance(other, _Part):
            return type(self) is type(other) and self._data == other._data
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        shown = ", ".join(f"{k}={getattr(self, k)!r}" for k in list(self._fields)[:4])
        return f"<negsim.{type(self).__name__} {shown}{', ...' if len(self._fields) > 4 else ''}>"


# --- sequential: the timeline's subgame-perfect equilibria -----------------

class StagePlay(_Part):
    """What is played at one stage of the timeline: ``stage`` (0-based),
    ``actions`` (player id -> action label), ``play`` (in words), ``pure``."""
    _fields = {"stage": None, "actions": None, "play": None, "pure": None}


class Threat(_Part):
    """A deviation the equilibrium deters: ``player`` deviating at ``stage`` to
    ``action``, the ``continuation`` that follows (StagePlay list), the
    ``payoffs`` it leads to and the ``deviation_gain`` (negative: deterred)."""
    _fields = {"stage": None, "player": None, "action": None, "actions": None,
               "continuation": _list_of(StagePlay), "payoffs": _vector, "deviation_gain": None}


class SubgamePerfectEquilibrium(_Part):
    """One subgame-perfect equilibrium: the ``path`` played (StagePlay per
    stage), ``payoffs`` (numpy), ``pure``, ``max_regret`` (verified) and the
    ``threats`` that keep the path in place."""
    _fields = {"path": _list_of(StagePlay), "payoffs": _vector, "pure": None, "max_regret": None,
               "threats": _list_of(Threat)}


class SequentialAnalysis(_Part):
    """The timeline analysis (``analysis.sequential``): the ``stages`` (lists
    of player ids), the subgame-perfect ``equilibria``, whether the list is
    ``complete``, and ``notes``."""
    _fields = {"stages": None, "equilibria": _list_of(SubgamePerfectEquilibrium), "complete": None, "notes": None}


# --- bargaining: alternating offers and the axiomatic solutions ----------------

class OfferRound(_Part):
    """One round of the alternating-offers plan: the ``proposer``, the ``deal``
    offered, whether it is ``accepted`` (else ``refuser``), each responder's
    ``reservation`` value, ``offer_utilities``, the continuation ``value``, and
    the deadline/extension/opt-out flags."""
    _fields = {"round": None, "proposer": None, "deal": None, "accepted": None, "refuser": None,
               "reservation": None, "offer_utilities": _vector, "value": _vector, "shares": None,
               "deadline_round": None, "extend_after": None, "opt_out": None}


class AlternatingOffers(_Part):
    """The subgame-perfect outcome of alternating offers: ``agreement``, the
    ``deal`` and the ``round`` it is reached, ``payoffs`` (and their range
    ``payoff_low``..``payoff_high`` over ties), the ``plan`` round by round,
    ``horizon``, ``ending``, ``max_regret`` (verified), ``surplus``, ``notes``
    and the stationary-equilibrium search of infinite horizons."""
    _fields = {"agreement": None, "deal": None, "round": None, "ending": None, "payoffs": _vector,
               "payoff_low": _vector, "payoff_high": _vector, "plan": _list_of(OfferRound), "horizon": None,
               "infinite_horizon": None, "extensions_used": None, "grid_decides": None, "max_regret": None,
               "surplus": _vector, "tied_offers": None, "notes": None, "stationary_searched": None,
               "stationary_spe": None, "stationary_low": None, "stationary_high": None}


class LotteryItem(_Part):
    """One deal of a lottery and its ``probability``."""
    _fields = {"deal": None, "probability": None}


class AxiomaticSolution(_Part):
    """The Nash or Kalai-Smorodinsky solution over the deals (or over
    lotteries of deals): whether it ``exists``, the ``deal`` (or the
    ``lottery``), the ``utilities`` and a ``note``; lotteries also give the
    ``ideal`` point, the ``kalai_smorodinsky_point`` and the ``variant``."""
    _fields = {"exists": None, "deal": None, "utilities": _vector, "lottery": _list_of(LotteryItem), "note": None,
               "ideal": _vector, "kalai_smorodinsky_point": _vector, "variant": None}


class BargainingAnalysis(_Part):
    """The bargaining block (``analysis.bargaining``): the ``players``, the
    number of ``deals``, the ``disagreement`` point and where it comes from,
    ``alternating_offers``, and the axiomatic solutions ``nash``,
    ``kalai_smorodinsky`` and their lottery versions."""
    _fields = {"players": None, "deals": None, "disagreement": _vector, "disagreement_source": None,
               "alternating_offers": _optional(AlternatingOffers), "nash": _optional(AxiomaticSolution),
               "kalai_smorodinsky": _optional(AxiomaticSolution), "nash_lotteries": _optional(AxiomaticSolution),
               "kalai_smorodinsky_lotteries": _optional(AxiomaticSolution)}


# --- repeated: sustaining the target profile -----------------------------------

class DiscountInterval(_Part):
    """An interval of discount factors, ``lo``..``hi`` (``lo_open``,
    ``hi_open``), with exact ends ``lo_exact``/``hi_exact`` as Fractions when
    known (else None)."""
    _fields = {"lo": None, "hi": None, "lo_open": None, "hi_open": None,
               "lo_exact": _fraction, "hi_exact": _fraction}


class Deviation(_Part):
    """The most profitable one-shot deviation: ``player``, ``action``,
    ``gain``, and whether it is ``on_path``."""
    _fields = {"player": None, "action": None, "gain": None, "on_path": None}


class StrategyVerdict(_Part):
    """One strategy of the repeated block at the scenario's discount:
    ``nash``, ``subgame_perfect``, the discounted ``values``, the discount
    factors where it is Nash (``nash_intervals``) or subgame perfect
    (``spe_intervals``), and the ``deviation`` that breaks it (or None)."""
    _fields = {"strategy": None, "nash": None, "subgame_perfect": None, "values": _vector,
               "nash_intervals": _list_of(DiscountInterval), "spe_intervals": _list_of(DiscountInterval),
               "deviation": _optional(Deviation)}


class OwnPunishment(_Part):
    """Player ``player``'s harshest self-enforcing punishment: the ``profile``,
    its ``payoff`` and the discount ``threshold`` (``threshold_exact``)."""
    _fields = {"player": None, "payoff": None, "profile": None, "threshold": None, "threshold_exact": _fraction}


class RepeatedAnalysis(_Part):
    """The repeated block (``analysis.repeated``): the ``target`` profile and
    its ``target_payoffs``, the ``discount``, the ``critical_discount`` above
    which grim trigger sustains it (``critical_discount_exact``) and the
    ``binding_player``, the ``best_deviation``, the ``minmax`` values, Nash
    reversion, own-punishment thresholds, and one StrategyVerdict per
    strategy in ``strategies``."""
    _fields = {"target": None, "target_payoffs": _vector, "discount": None, "discount_parameter": None,
               "critical_discount": None, "critical_discount_exact": _fraction, "binding_player": None,
               "best_deviation": None, "deviation_payoffs": _vector, "tempted": None,
               "individually_rational": None, "minmax": _vector, "reversion_profile": None,
               "reversion_payoffs": _vector, "reversion_is_equilibrium": None,
               "own_punishment": _list_of(OwnPunishment), "own_punishment_binding_player": None,
               "own_punishment_threshold": None, "own_punishment_threshold_exact": _fraction,
               "strategies": _list_of(StrategyVerdict), "completed": None}
