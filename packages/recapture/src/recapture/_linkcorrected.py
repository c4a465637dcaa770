"""The population estimate from capture histories corrected for linkage error, with its bootstrap.

See :mod:`recapture._linkerror` for the error model and its references.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.stats import norm

from ._bootstrap import _seed_sequence, quantiles_with_inf
from ._linkerror import (
    RATE_DRAWS,
    LinkageValidation,
    LinkErrorModel,
    _filled,
    correct_counts,
    fit_link_errors,
    linkage_map,
    round_counts,
    simulate_linkage,
)
from ._results import Interval
from ._table import CaptureTable

__all__ = ["LinkageCorrectedResult", "bias_corrected_levels", "estimate_linkage_corrected"]


@dataclass(frozen=True)
class LinkageCorrectedResult:
    """Population size from capture histories corrected for linkage error.

    Attributes
    ----------
    estimate : float
        Stepwise log-linear estimate from the corrected table.
    interval : Interval
        Bias-corrected percentile bootstrap interval (method
        ``"bootstrap-bc-linkage"``): people drawn from the estimated
        population and linked under the error model, error rates drawn from
        their posterior, the correction and the model selection redone in
        every replicate.
    observed : int
        People observed after linkage (uncorrected).
    corrected_observed : float
        People observed after the correction.
    corrected : ndarray
        Corrected cell counts (canonical order, not rounded).
    terms : tuple of str
        Interactions of the model selected on the corrected table.
    model : LinkErrorModel
    validation : LinkageValidation
    replicates : ndarray
        Replicate estimates (``inf`` when a replicate has no finite estimate).
    warnings : tuple of str
        The selected model's warnings, and one when a list's names link
        fewer than a third of its records (a large correction).
    """

    estimate: float
    interval: Interval
    observed: int
    corrected_observed: float
    corrected: np.ndarray = field(repr=False)
    terms: tuple[str, ...]
    model: LinkErrorModel = field(repr=False)
    validation: LinkageValidation = field(repr=False)
    replicates: np.ndarray = field(repr=False)
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "estimate": self.estimate,
            "interval": self.interval.to_dict(),
            "observed": self.observed,
            "corrected_observed": self.corrected_observed,
            "terms": list(self.terms),
            "quality": dict(zip(self.model.names, map(float, self.model.quality), strict=True)),
            "duplicate": dict(zip(self.model.names, map(float, self.model.duplicate), strict=True)),
            "weak_quality": dict(zip(self.model.names, map(float, _filled(self.model.weak_quality)), strict=True)),
            "false_merges": float(self.model.expected_merges().sum()),
            "validation_pairs": self.validation.total_pairs,
            "recall": self.validation.recall,
            "precision": self.validation.precision,
            "warnings": list(self.warnings),
        }


def bias_corrected_levels(reps: np.ndarray, estimate: float, level: float) -> tuple[np.ndarray, float]:
    """Quantile levels of the bias-corrected percentile interval (BCa without acceleration).

    ``z0 = Phi^-1(share of replicates below the estimate)``; the bounds are the
    replicates' ``Phi(2 z0 -+ z)`` quantiles (Efron & Tibshirani 1993, section
    14.3).  The estimator's upward bias on these tables (the corrected table
    still holds a few split people, and stepwise selection overshoots) shows
    in the replicates, and the correction moves the interval down by it.
    """
    below = (np.count_nonzero(reps < estimate) + 0.5 * np.count_nonzero(reps == estimate)) / reps.size
    z0 = float(norm.ppf(np.clip(below, 1.0 / reps.size, 1.0 - 1.0 / reps.size)))
    z = norm.ppf((1 + level) / 2)
    return norm.cdf([2 * z0 - z, 2 * z0 + z]), z0


def estimate_linkage_corrected(
    table: CaptureTable,
    validation: LinkageValidation,
    *,
    n_boot: int = 500,
    level: float = 0.95,
    threshold: float = 0.02,
    seed: int | np.random.SeedSequence | np.random.Generator | None = None,
) -> LinkageCorrectedResult:
    """Stepwise log-linear estimate from linkage-corrected capture histories, with a bootstrap interval.

    Parameters
    ----------
    table : CaptureTable
        The capture histories of the linked records.
    validation : LinkageValidation
        Validation pairs for the same lists (same order).
    n_boot : int
        Bootstrap replicates.  Each draws the people from the estimated
        population (``N`` multinomial on the corrected cells and the hidden
        one, the hidden ones dropped), links their records with the fitted
        error model and merges random clusters at the measured false-merge
        rates (:func:`simulate_linkage`), corrects the table with error rates
        drawn from their approximate posterior (the validation pairs'
        likelihood with the shrinkage prior, Laplace approximation; the
        false-merge rates from their Gamma posterior) and redoes the stepwise
        selection.
    level : float
    threshold : float
        p-value threshold of the stepwise selection.
    seed : optional

    Returns
    -------
    LinkageCorrectedResult

    References
    ----------
    Zult, de Wolf, Bakker & van der Heijden (2021), section 4 (the bootstrap
    over linkage and capture); Chan, Silverman & Vincent (2021) for the
    stepwise selection; Zwane, E. N. and van der Heijden, P. G. M. (2003),
    Implementing the parametric bootstrap in capture-recapture models with
    continuous covariates, *Statist. Probab. Lett.* 65, 121-125, for drawing
    the number observed from the estimated population.
    """
    from ._api import estimate as mse_estimate
    from ._batchstep import stepwise_estimates

    if tuple(validation.names) != tuple(table.names):
        raise ValueError("the validation pairs must be for the same lists, in the same order")
    if n_boot < 2:
        raise ValueError(f"n_boot must be at least 2, got {n_boot}")
    model = fit_link_errors(validation)
    corrected = correct_counts(table.counts, model)
    point = mse_estimate(CaptureTable(table.names, round_counts(corrected)), "stepwise", threshold=threshold)
    n = table.observed
    people = corrected.sum()
    total = int(round(max(float(point.estimate), people))) if math.isfinite(point.estimate) else None
    if total is None:
        raise ValueError("the corrected table gives no finite estimate")
    cells = np.concatenate([[total - people], corrected]).clip(0.0)
    tables = np.empty((n_boot, table.counts.size), dtype=np.int64)
    streams = _seed_sequence(seed).spawn(n_boot + 1)
    # error rates drawn from their posterior: RATE_DRAWS maps, each used by every RATE_DRAWS-th replicate
    # (a map of five or six lists takes tens of milliseconds)
    rates = np.random.default_rng(streams[-1])
    drawn = [model.draw(rates) for _ in range(min(n_boot, RATE_DRAWS))]
    maps = [(m, linkage_map(m)) for m in drawn]
    for r, s in enumerate(streams[:n_boot]):
        g = np.random.default_rng(s)
        # people drawn from the estimated population (the hidden cell dropped), linked with errors
        x = g.multinomial(total, cells / cells.sum())[1:]
        y = simulate_linkage(x, model, g)
        rates_r, map_r = maps[r % len(maps)]
        tables[r] = round_counts(correct_counts(y, rates_r, mapping=map_r))
    reps = stepwise_estimates(tuple(table.names), tables, threshold)
    reps = np.where(np.isfinite(reps) & (reps < 1e300), reps, math.inf)
    probs, _z0 = bias_corrected_levels(reps, float(point.estimate), level)
    lo, hi = (float(v) for v in quantiles_with_inf(reps, probs))
    warnings = list(point.warnings)
    if model.quality.min() < 0.3:
        warnings.append("a list's name keys link fewer than a third of its records: the correction is large")
    interval = Interval(lo, hi, "bootstrap-bc-linkage", level, replicates=n_boot, n_infinite=int(np.isinf(reps).sum()))
    return LinkageCorrectedResult(
        estimate=float(point.estimate),
        interval=interval,
        observed=n,
        corrected_observed=float(corrected.sum()),
        corrected=corrected,
        terms=tuple(point.terms),
        model=model,
        validation=validation,
        replicates=reps,
        warnings=tuple(warnings),
    )
