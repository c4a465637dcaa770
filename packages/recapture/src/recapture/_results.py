"""Frozen result objects."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Interval", "CandidateModel", "MSEResult"]


@dataclass(frozen=True)
class Interval:
    """A confidence interval for the population size.

    Attributes
    ----------
    low, high : float
        Bounds (``high`` may be ``inf`` for an unbounded profile interval).
    method : str
        ``"model"`` (normal on log dark figure), ``"profile"``,
        ``"bootstrap-bca"``, ``"bootstrap-percentile"``, ``"chapman"``,
        ``"chapman-log"``, ``"posterior"`` (a Bayesian credible interval).
    level : float
    mc_error_low, mc_error_high : float or None
        Monte Carlo standard error of each bound (bootstrap or MCMC);
        ``None`` for intervals computed without simulation.
    replicates : int or None
        Number of bootstrap replicates or posterior draws behind the bounds.
    n_infinite : int
        Replicates whose estimate was infinite (they are kept, never dropped:
        they push the upper bound to infinity when they are frequent enough).

    Notes
    -----
    An unbounded side is ``inf`` (or the number observed as the lower bound
    of a one-sided interval); :attr:`unbounded_high` says so explicitly so a
    report can print "no upper bound" instead of a number.
    """

    low: float
    high: float
    method: str
    level: float = 0.95
    mc_error_low: float | None = None
    mc_error_high: float | None = None
    replicates: int | None = None
    n_infinite: int = 0

    @property
    def unbounded_high(self) -> bool:
        """True when the data give no upper bound (``high`` is infinite)."""
        return math.isinf(self.high)

    @property
    def unbounded_low(self) -> bool:
        """True when the lower bound is not finite."""
        return math.isinf(self.low) or math.isnan(self.low)

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": _num(self.low),
            "high": _num(self.high),
            "method": self.method,
            "level": self.level,
            "unbounded_low": self.unbounded_low,
            "unbounded_high": self.unbounded_high,
            "mc_error_low": _num(self.mc_error_low),
            "mc_error_high": _num(self.mc_error_high),
            "replicates": self.replicates,
            "n_infinite": self.n_infinite,
        }


@dataclass(frozen=True)
class CandidateModel:
    """One model considered during selection.

    Attributes
    ----------
    terms : tuple of str
        Generating class (``"A:B"`` strings); empty for main effects.
    deviance : float
    df : int
    aic, bic : float
    estimate : float
        ``observed + exp(intercept)``.
    valid : bool or None
        MLE exists and is identifiable; ``None`` if not checked (exhaustive
        search only checks models until the best valid one is found).
    """

    terms: tuple[str, ...]
    deviance: float
    df: int
    aic: float
    bic: float
    estimate: float
    valid: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "terms": list(self.terms),
            "deviance": _num(self.deviance),
            "df": self.df,
            "aic": _num(self.aic),
            "bic": _num(self.bic),
            "estimate": _num(self.estimate),
            "valid": self.valid,
        }


@dataclass(frozen=True)
class MSEResult:
    """Population-size estimate from multiple systems estimation.

    Attributes
    ----------
    estimate : float
        Point estimate of the population size (observed + dark figure).
    observed : int
        Number of distinct individuals observed.
    dark_figure : float
        Estimated number never observed.
    terms : tuple of str
        Generating class of the selected model (``"A:B"``; ``()`` for main
        effects), including empty-overlap terms.
    empty_overlap_terms : tuple of str
        Terms whose overlap is empty and which are fitted at minus infinity.
    method : str
    interval : Interval or None
        The headline interval.
    intervals : dict of str to Interval
        All intervals computed.
    multinomial_estimate : float or None
        Conditional-multinomial profile-likelihood estimate (Rcapture).
    models_searched : int
    terms_added : tuple of str
        Terms in the order they were added (stepwise methods).
    failed_models : tuple of str
        Descriptions of models rejected because their MLE does not exist or
        is not identifiable, naming the terms.
    candidates : tuple of CandidateModel
        Models considered: for ``bic``/``aic`` sorted by the criterion (at
        most 100,000), for stepwise methods the models along the path.
    warnings : tuple of str
    lists : tuple of str
    deviance, df, aic, bic : float
        Of the selected model.
    """

    estimate: float
    observed: int
    dark_figure: float
    terms: tuple[str, ...]
    empty_overlap_terms: tuple[str, ...]
    method: str
    interval: Interval | None
    intervals: dict[str, Interval] = field(default_factory=dict)
    multinomial_estimate: float | None = None
    models_searched: int = 1
    terms_added: tuple[str, ...] = ()
    failed_models: tuple[str, ...] = ()
    candidates: tuple[CandidateModel, ...] = field(default=(), repr=False)
    warnings: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    deviance: float = math.nan
    df: int = 0
    aic: float = math.nan
    bic: float = math.nan
    se_log_dark: float = math.nan
    replicates: Any = field(default=None, repr=False)

    def to_dict(self, candidates: bool = False) -> dict[str, Any]:
        """JSON-ready dictionary (the CLI's ``--json`` output)."""
        out: dict[str, Any] = {
            "observed": self.observed,
            "estimate": _num(self.estimate),
            "dark_figure": _num(self.dark_figure),
            "multinomial_estimate": _num(self.multinomial_estimate),
            "method": self.method,
            "lists": list(self.lists),
            "terms": list(self.terms),
            "terms_added": list(self.terms_added),
            "empty_overlap_terms": list(self.empty_overlap_terms),
            "interval": self.interval.to_dict() if self.interval else None,
            "intervals": {k: v.to_dict() for k, v in self.intervals.items()},
            "models_searched": self.models_searched,
            "failed_models": list(self.failed_models),
            "deviance": _num(self.deviance),
            "df": self.df,
            "aic": _num(self.aic),
            "bic": _num(self.bic),
            "warnings": list(self.warnings),
        }
        if candidates:
            out["candidates"] = [c.to_dict() for c in self.candidates]
        return out


def _num(x: float | None) -> float | str | None:
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x
