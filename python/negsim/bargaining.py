"""Bargaining: alternating offers over a pie (Rubinstein, Stahl) and the
axiomatic solutions over a finite set of deals."""

from . import _negsim


def rubinstein(discount=(0.9, 0.9), *, pie=1.0, deadline=None, proposer_order=None, disagreement=None,
               players=None, time_limit=None):
    """rubinstein(discount=(0.9, 0.9), pie=1.0, deadline=None, ...) -> dict

    Subgame-perfect alternating offers over a pie: with deadline=None the
    infinite horizon (Rubinstein), else that many rounds (Stahl). Returns
    shares, payoffs, agreement_round, the plan of offers, ...
    """
    return _negsim._rubinstein([float(d) for d in discount], float(pie), deadline, list(proposer_order or []),
                               list(disagreement or []), list(players or []),
                               0.0 if time_limit is None else float(time_limit))


def axiomatic(utilities, *, labels=None, disagreement=None, weights=None):
    """axiomatic(utilities, ...) -> dict: the Nash and Kalai-Smorodinsky solutions over
    deals (utilities: one row per deal, one column per player), over the deals and over
    lotteries of them."""
    return _negsim._bargain_deals(utilities, list(labels or []), list(disagreement or []), list(weights or []))
