"""Bootstrap intervals with the model selection repeated in every replicate.

Nonparametric replicates resample the observed individuals (multinomial on
the observed cell counts, as SparseMSE ``estimatepopulation``); parametric
replicates draw the number observed as Binomial(N, 1 - p0) and the cells as
multinomial on the fitted cell means of the selected model.  Each replicate
has its own random stream from ``numpy.random.SeedSequence.spawn``, so the
replicates do not depend on the number of worker processes.  BCa intervals
use the jackknife over observed individuals for the acceleration (Chan,
Silverman & Vincent 2021, section 3.3; DiCiccio & Efron 1996).
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context

import numpy as np
from scipy.stats import norm

from ._model import ModelSpace
from ._table import CaptureTable
from ._threads import limit_blas_threads, single_threaded_blas

__all__ = ["BootstrapResult", "bootstrap", "bca_interval", "replicate_estimate"]

Progress = Callable[[int, int], None] | None


@dataclass(frozen=True)
class SelectionSpec:
    """How a replicate's estimate is computed (picklable)."""

    method: str = "stepwise"
    threshold: float = 0.02
    maxorder: int = 2
    terms: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class BootstrapResult:
    """Bootstrap replicates and interval.

    Attributes
    ----------
    low, high : float
        Interval bounds.
    method : str
        ``"bca"`` or ``"percentile"``.
    kind : str
        ``"nonparametric"`` or ``"parametric"``.
    replicates : ndarray
        Replicate estimates, ``inf`` for replicates without a finite estimate
        (kept: they are what makes an upper bound unbounded).
    acceleration, bias : float
        BCa constants ``a`` and ``z0`` (``nan`` for percentile intervals).
    n_failed : int
        Replicates without a finite estimate (the same as ``n_infinite``;
        kept for compatibility).
    mc_error_low, mc_error_high : float
        Monte Carlo standard error of each bound (order statistics: half the
        distance between the order statistics one binomial standard deviation
        either side of the bound's rank); ``inf`` when that reaches an
        infinite replicate.
    n_infinite : int
        Replicates whose estimate is infinite (no model with an existing
        MLE, or a list no longer overlapping the others).
    """

    low: float
    high: float
    method: str
    kind: str
    level: float
    replicates: np.ndarray = field(repr=False)
    acceleration: float = math.nan
    bias: float = math.nan
    n_failed: int = 0
    mc_error_low: float = math.nan
    mc_error_high: float = math.nan

    @property
    def n_infinite(self) -> int:
        return int(np.count_nonzero(~np.isfinite(self.replicates)))

    @property
    def n_boot(self) -> int:
        """Number of replicates drawn (adaptive runs may draw more than asked)."""
        return int(self.replicates.size)


def replicate_estimate(names: Sequence[str], counts: np.ndarray, spec: SelectionSpec) -> float:
    """Population estimate of one replicate table with ``spec``'s model selection.

    Lists nobody is on in the replicate are left out of the fit.  Returns
    ``nan`` if fewer than two lists remain.
    """
    from ._selection import select_bhs, select_exhaustive, select_stepwise

    counts = np.asarray(counts, dtype=np.int64)
    table = CaptureTable(tuple(names), counts)
    total = table.patterns.T @ counts
    if np.count_nonzero(total) < 2 or counts.sum() == 0:
        return math.nan
    space = ModelSpace(table, spec.maxorder, counts=counts)
    if spec.method == "stepwise":
        row = select_stepwise(space, spec.threshold).row
    elif spec.method == "bhs":
        row = select_bhs(space, spec.threshold).row
    elif spec.method in ("bic", "aic"):
        row = select_exhaustive(space, spec.method).row
    elif spec.method in ("main", "fixed"):
        row = space.row(spec.terms)
    else:
        raise ValueError(f"unknown method {spec.method!r}")
    if not row.any() or spec.method == "fixed":
        if not space.check(row).ok:  # e.g. lists that no longer overlap at all
            return math.nan
    res, _ = space.fit(row[None, :], cov=False)
    return float(space.observed + math.exp(min(res.beta[0, 0], 709.0)))


def _estimates(names: tuple[str, ...], tables: np.ndarray, spec: SelectionSpec) -> np.ndarray:
    """Estimates of many replicate tables; stepwise selection runs batched."""
    if spec.method == "stepwise":
        from ._batchstep import stepwise_estimates

        return stepwise_estimates(tuple(names), tables, spec.threshold)
    return np.array([replicate_estimate(names, c, spec) for c in tables])


def _work(args: tuple) -> np.ndarray:
    names, tables, spec = args
    return _estimates(names, tables, spec)


_BLAS_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def _single_threaded_blas_env() -> Iterator[None]:
    """Temporarily set the BLAS thread variables to 1 (for starting workers)."""
    saved = {v: os.environ.get(v) for v in _BLAS_VARS}
    try:
        for v in _BLAS_VARS:
            os.environ[v] = "1"
        yield
    finally:
        for v, old in saved.items():
            if old is None:
                os.environ.pop(v, None)
            else:
                os.environ[v] = old


_POOL_MIN_SECONDS = 2.0
_CHUNK = 64  # replicates per batch; fixed so results do not depend on the workers


def _run(names, tables: np.ndarray, spec: SelectionSpec, workers: int, progress: Progress) -> np.ndarray:
    n = tables.shape[0]
    if n == 0:
        return np.zeros(0)
    starts = list(range(0, n, _CHUNK))
    jobs = [(tuple(names), tables[s : s + _CHUNK], spec) for s in starts]
    parts: list[np.ndarray] = []
    done = 0

    def collect(part: np.ndarray) -> None:
        nonlocal done
        parts.append(part)
        done += part.size
        if progress is not None:
            progress(done, n)

    # The first chunk runs here and is timed: worker processes only pay off
    # when the remaining work clearly exceeds their start-up time.
    t0 = time.perf_counter()
    collect(_work(jobs[0]))
    rest = jobs[1:]
    projected = (time.perf_counter() - t0) * len(rest)
    if workers <= 1 or len(rest) < 2 or projected < _POOL_MIN_SECONDS:
        for job in rest:
            collect(_work(job))
    else:
        # Workers with single-threaded BLAS: the batched systems are small,
        # and multi-threaded BLAS in several processes oversubscribes the
        # cores (observed slow-downs of more than 10x).  Linux forks (no
        # re-import of the caller's main module) and limits the inherited
        # BLAS in each worker; elsewhere workers are spawned with the BLAS
        # thread variables set.
        ctx = get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=limit_blas_threads) as pool:
            with _single_threaded_blas_env():
                results = pool.map(_work, rest)  # submits all jobs, starting the workers
            for part in results:
                collect(part)
    return np.concatenate(parts)


_HUGE = 1e300  # stand-in for an infinite replicate inside quantile arithmetic


def quantiles_with_inf(reps: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Type-8 quantiles of replicates that may be infinite.

    A quantile that falls on or interpolates towards an infinite replicate is
    infinite: the replicates do not bound it.
    """
    reps = np.asarray(reps, dtype=float)
    x = np.where(np.isfinite(reps), reps, _HUGE)
    q = np.quantile(x, probs, method="median_unbiased")
    finite_max = x[x < _HUGE].max() if np.any(x < _HUGE) else -math.inf
    return np.where(q > finite_max, math.inf, q)


def bound_mc_error(reps: np.ndarray, prob: float) -> float:
    """Monte Carlo standard error of the ``prob`` quantile of ``reps``.

    Distribution-free: the rank of the bound is ``Binomial(B, prob)`` with
    standard deviation ``s = sqrt(B prob (1 - prob))``; half the distance
    between the order statistics at ranks ``B prob -/+ s`` estimates the
    bound's standard error (Hyndman & Fan 1996; Efron & Tibshirani 1993,
    section 19.3, for the number of replicates a bound needs).
    """
    x = np.sort(np.asarray(reps, dtype=float))
    b = x.size
    sd = math.sqrt(b * prob * (1 - prob))
    lo = int(min(max(math.floor(b * prob - sd), 0), b - 1))
    hi = int(min(max(math.ceil(b * prob + sd), 0), b - 1))
    if not math.isfinite(x[hi]):
        return math.inf
    return float((x[hi] - x[lo]) / 2)


def _bca_levels(reps: np.ndarray, estimate: float, acceleration: float, level: float) -> tuple[np.ndarray, float]:
    prop = float(np.mean(reps < estimate))
    prop = min(max(prop, 0.5 / reps.size), 1 - 0.5 / reps.size)
    z0 = float(norm.ppf(prop))
    alpha = np.array([(1 - level) / 2, 1 - (1 - level) / 2])
    za = norm.ppf(alpha) + z0
    return norm.cdf(z0 + za / (1 - acceleration * za)), z0


def bca_interval(
    replicates: np.ndarray, estimate: float, acceleration: float, level: float = 0.95
) -> tuple[float, float, float]:
    """BCa bounds from replicates (type-8 quantiles, as SparseMSE ``bcaconfvalues``).

    Infinite replicates are kept; a bound that reaches them is infinite.
    Returns ``(low, high, z0)``.
    """
    reps = np.asarray(replicates, dtype=float)
    zq, z0 = _bca_levels(reps, estimate, acceleration, level)
    lo, hi = quantiles_with_inf(reps, zq)
    return float(lo), float(hi), z0


@single_threaded_blas()
def bootstrap(
    table: CaptureTable,
    estimate: float,
    spec: SelectionSpec,
    *,
    n_boot: int = 1000,
    kind: str = "nonparametric",
    interval: str = "bca",
    level: float = 0.95,
    fitted: np.ndarray | None = None,
    seed: int | np.random.SeedSequence | np.random.Generator | None = None,
    workers: int | None = None,
    progress: Progress = None,
    mc_tol: float | None = None,
    max_boot: int = 20_000,
) -> BootstrapResult:
    """Bootstrap interval for the population size with model selection inside.

    Parameters
    ----------
    table : CaptureTable
    estimate : float
        Estimate from the original data (needed for BCa).
    spec : SelectionSpec
        Model selection to repeat in each replicate.
    n_boot : int
        Number of replicates.
    kind : {"nonparametric", "parametric"}
    interval : {"bca", "percentile"}
    level : float
    fitted : ndarray, optional
        Fitted cell means of the selected model (parametric bootstrap).
    seed : int, SeedSequence or Generator, optional
        Source of the per-replicate random streams.
    workers : int, optional
        Worker processes (default: up to 2, the CPU count).
    progress : callable, optional
        Called as ``progress(done, total)``.
    mc_tol : float, optional
        Adaptive mode: while the Monte Carlo error of a finite bound exceeds
        ``mc_tol`` times the bound, double the replicates (up to
        ``max_boot``).  Meant for sparse tables, where a bound is often a
        single extreme replicate.  The first ``n_boot`` replicates are the
        same as without ``mc_tol``.
    max_boot : int
        Most replicates the adaptive mode draws.

    Returns
    -------
    BootstrapResult
        Infinite replicates are kept and counted (``n_infinite``); a bound
        that reaches them is ``inf``.

    References
    ----------
    DiCiccio, T. J. and Efron, B. (1996). Bootstrap confidence intervals.
    *Statist. Sci.* 11, 189-228.

    Chan, L., Silverman, B. W. and Vincent, K. (2021), section 3.3.
    """
    if n_boot < 2:
        raise ValueError(f"n_boot must be at least 2, got {n_boot}")
    if kind not in ("nonparametric", "parametric"):
        raise ValueError(f"kind must be 'nonparametric' or 'parametric', got {kind!r}")
    if interval not in ("bca", "percentile"):
        raise ValueError(f"interval must be 'bca' or 'percentile', got {interval!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    if mc_tol is not None and not mc_tol > 0:
        raise ValueError(f"mc_tol must be positive, got {mc_tol!r}")
    counts = table.counts
    n = int(counts.sum())
    ss = _seed_sequence(seed)
    if kind == "parametric":
        if fitted is None:
            raise ValueError("the parametric bootstrap needs the fitted cell means")
        mu = np.asarray(fitted, dtype=float)
        total = int(round(estimate))
        p_obs = min(mu.sum() / estimate, 1.0)

    def draw(k: int) -> np.ndarray:
        tables = np.empty((k, counts.size), dtype=np.int64)
        for i, s in enumerate(ss.spawn(k)):
            g = np.random.default_rng(s)
            if kind == "nonparametric":
                tables[i] = g.multinomial(n, counts / n)
            else:
                tables[i] = g.multinomial(g.binomial(total, p_obs), mu / mu.sum())
        return tables

    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    jack_cells = np.nonzero(counts > 0)[0] if interval == "bca" else np.zeros(0, dtype=int)
    jack = np.repeat(counts[None, :], jack_cells.size, axis=0)
    jack[np.arange(jack_cells.size), jack_cells] -= 1
    est = _run(table.names, np.vstack([draw(n_boot), jack]), spec, workers, progress)
    reps, jest = _as_replicates(est[:n_boot]), est[n_boot:]
    a = 0.0
    if interval == "bca" and np.isfinite(jest).any():
        w = counts[jack_cells].astype(float)
        ok = np.isfinite(jest)
        w, jest = w[ok], jest[ok]
        jr = np.sum(w * jest) / np.sum(w) - jest
        denom = 6.0 * np.sum(w * jr**2) ** 1.5
        a = float(np.sum(w * jr**3) / denom) if denom > 0 else 0.0
    while True:
        if np.count_nonzero(np.isfinite(reps)) < 2:
            raise ValueError(
                f"fewer than two of {reps.size} bootstrap replicates gave a finite estimate: "
                "the data do not bound the population size"
            )
        if interval == "percentile":
            probs, z0 = np.array([(1 - level) / 2, (1 + level) / 2]), math.nan
        else:
            probs, z0 = _bca_levels(reps, estimate, a, level)
        lo, hi = (float(v) for v in quantiles_with_inf(reps, probs))
        mc_lo, mc_hi = (bound_mc_error(reps, float(p)) for p in probs)
        if mc_tol is None or reps.size >= max_boot:
            break
        # an unbounded side is settled; a finite one must be precise enough
        rel = [m / b for m, b in ((mc_lo, lo), (mc_hi, hi)) if math.isfinite(b) and b > 0]
        if all(r <= mc_tol for r in rel):
            break
        more = min(reps.size, max_boot - reps.size)
        reps = np.concatenate([reps, _as_replicates(_run(table.names, draw(more), spec, workers, None))])
    n_inf = int(np.count_nonzero(~np.isfinite(reps)))
    return BootstrapResult(
        lo,
        hi,
        interval,
        kind,
        level,
        reps,
        acceleration=a if interval == "bca" else math.nan,
        bias=z0,
        n_failed=n_inf,
        mc_error_low=mc_lo,
        mc_error_high=mc_hi,
    )


def _as_replicates(est: np.ndarray) -> np.ndarray:
    """Replicates without a finite estimate become ``inf`` (never dropped).

    A replicate has no estimate when no model's MLE exists in it (e.g. two
    lists that no longer overlap) or a list has nobody on it: the replicate
    data then do not bound N from above.
    """
    est = np.asarray(est, dtype=float)
    return np.where(np.isfinite(est) & (est < _HUGE), est, math.inf)


def _seed_sequence(seed: int | np.random.SeedSequence | np.random.Generator | None) -> np.random.SeedSequence:
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence(int(seed.integers(0, 2**63 - 1)))
    if isinstance(seed, np.random.SeedSequence):
        return seed
    return np.random.SeedSequence(seed)
