"""negsim: negotiation game theory in Python.

A thin layer over negsim's C++ library (the same method registry, scenario
analysis and checks as the ``negsim`` command): games from numpy arrays or
Gambit .nfg files, extensive-form games from Gambit .efg files, every
equilibrium method with its options (each equilibrium verified by its
regret), scenarios and their analysis, learning dynamics, repeated games,
bargaining and parameter sweeps.

    >>> import numpy as np, negsim
    >>> g = negsim.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [eq.actions for eq in negsim.solve(g)]
    [(1, 1)]

Errors: negsim.InputError, UsageError, LimitError (exit codes 1, 2, 3 of the
command line). Long calls take ``time_limit=`` (seconds) and stop cleanly on
Ctrl-C (KeyboardInterrupt); they release the GIL, so threads solve in
parallel. See docs/python.md.
"""

from . import _negsim
from ._negsim import (Analysis, BehaviorEquilibrium, CorrelatedResult, Equilibrium, ExtensiveGame, ExtensiveSolveResult,
                      Game, SolveResult)
from .errors import InputError, InternalError, LimitError, NegsimError, UsageError
from .games import bimatrix, from_nfg, from_payoff_profile, game, read_nfg, zero_sum
from .extensive import from_efg, read_efg
from .solving import extensive_methods, methods, solve
from .scenarios import Scenario, default_scenario, load_scenario
from .analysis_parts import (AlternatingOffers, AxiomaticSolution, BargainingAnalysis, Deviation, DiscountInterval,
                             LotteryItem, OfferRound, OwnPunishment, RepeatedAnalysis, SequentialAnalysis, StagePlay,
                             StrategyVerdict, SubgamePerfectEquilibrium, Threat)
from .dynamics import LearningRun, dynamics, learn
from .repeated import critical_discount, minmax, payoff_set, simulate, strategies, tournament
from .bargaining import axiomatic, rubinstein
from .sweeps import sweep, sweep_analyses

__version__ = _negsim.__version__

__all__ = [
    "Analysis", "CorrelatedResult", "Equilibrium", "Game", "SolveResult", "Scenario", "LearningRun",
    "ExtensiveGame", "ExtensiveSolveResult", "BehaviorEquilibrium", "read_efg", "from_efg", "extensive_methods",
    "InputError", "InternalError", "LimitError", "NegsimError", "UsageError",
    "bimatrix", "from_nfg", "from_payoff_profile", "game", "read_nfg", "zero_sum",
    "methods", "solve", "default_scenario", "load_scenario", "dynamics", "learn",
    "critical_discount", "minmax", "payoff_set", "simulate", "strategies", "tournament",
    "axiomatic", "rubinstein", "sweep", "sweep_analyses",
    "SequentialAnalysis", "SubgamePerfectEquilibrium", "StagePlay", "Threat", "BargainingAnalysis",
    "AlternatingOffers", "OfferRound", "AxiomaticSolution", "LotteryItem", "RepeatedAnalysis", "StrategyVerdict",
    "DiscountInterval", "Deviation", "OwnPunishment",
]
