"""Stratified estimation: one estimate per stratum, summed."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.stats import norm

from ._api import estimate
from ._bootstrap import bound_mc_error, quantiles_with_inf
from ._results import Interval, MSEResult, _num
from ._table import CaptureTable, from_records

__all__ = ["StratifiedResult", "estimate_stratified", "stratify_records"]


@dataclass(frozen=True)
class StratifiedResult:
    """Sum of per-stratum estimates with a combined interval.

    Attributes
    ----------
    estimate : float
        Sum of the strata estimates.
    observed : int
    interval : Interval
        ``model``: normal on the log of the total dark figure, with the
        strata variances added (delta method); ``bootstrap-percentile``:
        percentiles of the sums of the strata replicates.
    strata : dict of str to MSEResult
    """

    estimate: float
    observed: int
    interval: Interval
    strata: dict[str, MSEResult] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "estimate": _num(self.estimate),
            "observed": self.observed,
            "interval": self.interval.to_dict(),
            "strata": {k: v.to_dict() for k, v in self.strata.items()},
        }


def stratify_records(
    records: Iterable[Mapping[str, object]], lists: Sequence[str], strata: Sequence[str]
) -> dict[str, CaptureTable]:
    """Split individual records by stratum columns into capture tables.

    The stratum label is the stratum values joined by ``"/"``.
    """
    if not strata:
        raise ValueError("no stratum columns given")
    groups: dict[str, list[Mapping[str, object]]] = {}
    for row, rec in enumerate(records, start=1):
        try:
            key = "/".join(str(rec[s]) for s in strata)
        except KeyError as exc:
            raise ValueError(f"record {row}: missing stratum column {exc.args[0]!r}") from None
        groups.setdefault(key, []).append(rec)
    return {k: from_records(v, lists) for k, v in sorted(groups.items())}


def estimate_stratified(tables: Mapping[str, CaptureTable], level: float = 0.95, **kwargs: Any) -> StratifiedResult:
    """Estimate each stratum with :func:`estimate` and sum.

    Parameters
    ----------
    tables : mapping of str to CaptureTable
    level : float
    **kwargs
        Passed to :func:`estimate` (method, threshold, n_boot, seed, ...).
        With ``n_boot > 0`` each stratum gets its own seed stream and the
        combined interval is the percentile interval of the summed replicates.

    Returns
    -------
    StratifiedResult
    """
    if not tables:
        raise ValueError("no strata given")
    seed = kwargs.pop("seed", None)
    n_boot = int(kwargs.get("n_boot", 0))
    seeds = np.random.SeedSequence(seed).spawn(len(tables))
    results = {
        name: estimate(t, level=level, seed=s, **kwargs) for (name, t), s in zip(tables.items(), seeds, strict=False)
    }
    total = sum(r.estimate for r in results.values())
    observed = sum(r.observed for r in results.values())
    if n_boot > 0:
        reps = [r.replicates for r in results.values()]
        m = min(len(r) for r in reps)
        sums = np.sum([r[:m] for r in reps], axis=0)
        a = (1 - level) / 2
        lo, hi = quantiles_with_inf(sums, np.array([a, 1 - a]))
        iv = Interval(
            float(lo),
            float(hi),
            "bootstrap-percentile",
            level,
            mc_error_low=bound_mc_error(sums, a),
            mc_error_high=bound_mc_error(sums, 1 - a),
            replicates=int(sums.size),
            n_infinite=int(np.count_nonzero(~np.isfinite(sums))),
        )
    else:
        dark = sum(r.dark_figure for r in results.values())
        var = sum((r.dark_figure * r.se_log_dark) ** 2 for r in results.values())
        se = math.sqrt(var) / dark if dark > 0 else 0.0
        z = norm.ppf(0.5 + level / 2)
        iv = Interval(observed + dark * math.exp(-z * se), observed + dark * math.exp(z * se), "model", level)
    return StratifiedResult(float(total), int(observed), iv, results)
