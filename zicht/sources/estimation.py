"""The one place that calls the ``recapture`` library (a change of its API touches only this file)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


class EstimationError(ValueError):
    """The lists do not support an estimate (too few lists, no overlap, model does not exist)."""


@dataclass(frozen=True)
class Estimate:
    estimate: float
    interval_low: float | None
    interval_high: float | None
    interval_method: str
    observed: int
    terms: tuple[str, ...]
    method: str
    library_version: str
    warnings: tuple[str, ...] = ()


def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def estimate_population(
    *, patterns: Sequence[Sequence[int]], counts: Sequence[int], names: Sequence[str], method: str = "stepwise"
) -> Estimate:
    """Population size from a capture-history table: Chapman for two lists, else log-linear MSE.

    ``method`` is passed to ``recapture.estimate`` for three or more lists (default: stepwise
    selection as in SparseMSE, Chan, Silverman & Vincent 2021).
    """
    import recapture

    try:
        table = recapture.CaptureTable.from_counts(patterns, counts, names)
        if len(names) == 2:
            result = recapture.chapman(table)
        else:
            result = recapture.estimate(table, method=method)
    except ValueError as exc:
        raise EstimationError(str(exc)) from exc
    if not math.isfinite(result.estimate):
        raise EstimationError("the estimate does not exist for these lists (no overlap)")
    interval = result.interval
    return Estimate(
        estimate=float(result.estimate),
        interval_low=_finite(interval.low) if interval else None,
        interval_high=_finite(interval.high) if interval else None,
        interval_method=interval.method if interval else "",
        observed=int(result.observed),
        terms=tuple(result.terms),
        method=result.method,
        library_version=recapture.__version__,
        warnings=tuple(result.warnings),
    )
