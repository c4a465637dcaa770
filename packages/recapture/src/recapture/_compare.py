"""Several defensible estimators side by side, one of them the headline.

The number of hidden victims depends on the model (log-linear models with
selection, latent classes, graphical-model averaging can differ by a factor
of two on the same lists).  A publication shows the headline with its
interval and the range across methods; this module computes them together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._api import estimate as _estimate
from ._dga import MAX_LISTS_DGA, MIN_LISTS_DGA, model_average
from ._lcmcr import latent_class
from ._results import Interval, _num
from ._table import CaptureTable
from ._twolist import chapman

__all__ = ["MethodEstimate", "MethodComparison", "compare_methods", "METHOD_LABELS"]

METHOD_LABELS = {
    "stepwise": "log-linear, stepwise selection; bootstrap with the selection redone",
    "chapman": "Chapman (two lists); profile-likelihood interval",
    "lcmcr": "latent classes (Manrique-Vallier 2016); posterior median and interval",
    "dga": "decomposable graphical models averaged (Madigan & York 1997)",
}


@dataclass(frozen=True)
class MethodEstimate:
    """One method's estimate, in the form every method shares.

    Attributes
    ----------
    method : str
        ``"stepwise"``, ``"chapman"``, ``"lcmcr"`` or ``"dga"``.
    estimate : float
        Point estimate (posterior median for the Bayesian methods).
    interval : Interval
        Its 95 % interval (confidence or credible) with, where simulated,
        the Monte Carlo error of the bounds and whether a side is unbounded.
    warnings : tuple of str
    detail : object
        The method's full result (``MSEResult`` or ``BayesResult``).
    """

    method: str
    estimate: float
    interval: Interval
    warnings: tuple[str, ...] = ()
    detail: Any = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "label": self.label,
            "estimate": _num(self.estimate),
            "interval": self.interval.to_dict(),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class MethodComparison:
    """Estimates of several methods and the chosen headline.

    Attributes
    ----------
    observed : int
    lists : tuple of str
    estimates : tuple of MethodEstimate
        The methods that gave an estimate, headline first.
    failed : dict of str to str
        Methods that could not be applied, with the reason.
    headline_method : str
    """

    observed: int
    lists: tuple[str, ...]
    estimates: tuple[MethodEstimate, ...]
    failed: dict[str, str]
    headline_method: str

    @property
    def headline(self) -> MethodEstimate | None:
        """The headline method's estimate (``None`` if it failed)."""
        for e in self.estimates:
            if e.method == self.headline_method:
                return e
        return None

    @property
    def estimate_range(self) -> tuple[float, float]:
        """Lowest and highest point estimate across the methods."""
        values = [e.estimate for e in self.estimates]
        return (min(values), max(values)) if values else (float("nan"), float("nan"))

    @property
    def interval_range(self) -> tuple[float, float]:
        """Lowest lower bound and highest upper bound across the methods."""
        if not self.estimates:
            return (float("nan"), float("nan"))
        return (min(e.interval.low for e in self.estimates), max(e.interval.high for e in self.estimates))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for storing a snapshot)."""
        lo, hi = self.estimate_range
        ilo, ihi = self.interval_range
        return {
            "observed": self.observed,
            "lists": list(self.lists),
            "headline_method": self.headline_method,
            "estimates": [e.to_dict() for e in self.estimates],
            "failed": dict(self.failed),
            "estimate_range": [_num(lo), _num(hi)],
            "interval_range": [_num(ilo), _num(ihi)],
        }


def compare_methods(
    table: CaptureTable,
    *,
    headline: str = "stepwise",
    n_boot: int = 1000,
    boot_mc_tol: float | None = 0.01,
    max_boot: int = 8000,
    seed: int | None = None,
    workers: int | None = None,
    latent_class_options: dict[str, Any] | None = None,
    model_average_options: dict[str, Any] | None = None,
) -> MethodComparison:
    """Estimate the population size with every applicable method.

    * two lists: Chapman with its profile-likelihood interval;
    * three or more: stepwise log-linear selection (SparseMSE) with a
      bootstrap interval in which the selection is redone in every replicate
      (BCa, adaptive until the bounds' Monte Carlo error is below
      ``boot_mc_tol`` of the bound), and the latent-class model (LCMCR);
    * three to five lists: also model averaging over decomposable graphs
      (dga, ``delta = 2**-p``).

    Parameters
    ----------
    table : CaptureTable
    headline : str
        Method reported as the headline (the others give the range).  Which
        one to use is a documented choice backed by a coverage study, not a
        default to rely on silently.
    n_boot, boot_mc_tol, max_boot
        Bootstrap of the stepwise method (see :func:`recapture.estimate`).
    seed : int, optional
        Seeds the bootstrap and the sampler (independent streams).
    workers : int, optional
        Bootstrap processes.
    latent_class_options, model_average_options : dict, optional
        Passed to :func:`latent_class` and :func:`model_average`.

    Returns
    -------
    MethodComparison
        A method that cannot be applied (e.g. no usable log-linear model) is
        listed in ``failed`` with its reason instead of raising.
    """
    import numpy as np

    ss = np.random.SeedSequence(seed)
    boot_seed, mcmc_seed = ss.spawn(2)
    out: list[MethodEstimate] = []
    failed: dict[str, str] = {}
    k = table.n_lists

    def attempt(name: str, run) -> None:
        try:
            out.append(run())
        except ValueError as exc:
            failed[name] = str(exc)

    if k == 2:
        attempt("chapman", lambda: _from_mse("chapman", chapman(table)))
    else:
        attempt(
            "stepwise",
            lambda: _from_mse(
                "stepwise",
                _estimate(
                    table,
                    "stepwise",
                    n_boot=n_boot,
                    seed=boot_seed,
                    workers=workers,
                    boot_mc_tol=boot_mc_tol,
                    max_boot=max_boot,
                ),
            ),
        )
        attempt(
            "lcmcr",
            lambda: _from_bayes(
                latent_class(table, rng=np.random.default_rng(mcmc_seed), **(latent_class_options or {}))
            ),
        )
        if MIN_LISTS_DGA <= k <= MAX_LISTS_DGA:
            attempt("dga", lambda: _from_bayes(model_average(table, **(model_average_options or {}))))
    out.sort(key=lambda e: e.method != headline)
    return MethodComparison(table.observed, table.names, tuple(out), failed, headline)


def _from_mse(method: str, res) -> MethodEstimate:
    iv = res.interval if res.interval is not None else res.intervals["model"]
    return MethodEstimate(method, float(res.estimate), iv, tuple(res.warnings), res)


def _from_bayes(res) -> MethodEstimate:
    return MethodEstimate(res.method, float(res.estimate), res.interval, tuple(res.warnings), res)
