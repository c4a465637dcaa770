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
from multiprocessing import get_context
from dataclasses import dataclass, field

import numpy as np
from scipy.stats import norm

from ._model import ModelSpace
from ._threads import limit_blas_threads, single_threaded_blas
from ._table import CaptureTable

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
        Replicate estimates (failed replicates removed).
    acceleration, bias : float
        BCa constants ``a`` and ``z0`` (``nan`` for percentile intervals).
    n_failed : int
        Replicates without a usable estimate.
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
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=limit_blas_threads
        ) as pool:
            with _single_threaded_blas_env():
                results = pool.map(_work, rest)  # submits all jobs, starting the workers
            for part in results:
                collect(part)
    return np.concatenate(parts)


def _streams(n: int, seed: int | np.random.SeedSequence | np.random.Generator | None):
    if isinstance(seed, np.random.Generator):
        ss = np.random.SeedSequence(int(seed.integers(0, 2**63 - 1)))
    elif isinstance(seed, np.random.SeedSequence):
        ss = seed
    else:
        ss = np.random.SeedSequence(seed)
    return [np.random.default_rng(s) for s in ss.spawn(n)]


def bca_interval(
    replicates: np.ndarray, estimate: float, acceleration: float, level: float = 0.95
) -> tuple[float, float, float]:
    """BCa bounds from replicates (type-8 quantiles, as SparseMSE ``bcaconfvalues``).

    Returns ``(low, high, z0)``.
    """
    reps = np.asarray(replicates, dtype=float)
    prop = float(np.mean(reps < estimate))
    prop = min(max(prop, 0.5 / reps.size), 1 - 0.5 / reps.size)
    z0 = float(norm.ppf(prop))
    alpha = np.array([(1 - level) / 2, 1 - (1 - level) / 2])
    za = norm.ppf(alpha) + z0
    zq = norm.cdf(z0 + za / (1 - acceleration * za))
    lo, hi = np.quantile(reps, zq, method="median_unbiased")
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

    Returns
    -------
    BootstrapResult

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
    counts = table.counts
    n = int(counts.sum())
    streams = _streams(n_boot, seed)
    tables = np.empty((n_boot, counts.size), dtype=np.int64)
    if kind == "nonparametric":
        prob = counts / n
        for i, g in enumerate(streams):
            tables[i] = g.multinomial(n, prob)
    else:
        if fitted is None:
            raise ValueError("the parametric bootstrap needs the fitted cell means")
        mu = np.asarray(fitted, dtype=float)
        total = int(round(estimate))
        p_obs = min(mu.sum() / estimate, 1.0)
        for i, g in enumerate(streams):
            tables[i] = g.multinomial(g.binomial(total, p_obs), mu / mu.sum())
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    jack_cells = np.nonzero(counts > 0)[0] if interval == "bca" else np.zeros(0, dtype=int)
    jack = np.repeat(counts[None, :], jack_cells.size, axis=0)
    jack[np.arange(jack_cells.size), jack_cells] -= 1
    allt = np.vstack([tables, jack])
    est = _run(table.names, allt, spec, workers, progress)
    reps, jest = est[:n_boot], est[n_boot:]
    good = np.isfinite(reps)
    reps = reps[good]
    n_failed = int((~good).sum())
    if reps.size < 2:
        raise ValueError("fewer than two bootstrap replicates gave an estimate")
    alpha = np.array([(1 - level) / 2, 1 - (1 - level) / 2])
    if interval == "percentile":
        lo, hi = np.quantile(reps, alpha, method="median_unbiased")
        return BootstrapResult(float(lo), float(hi), "percentile", kind, level, reps, n_failed=n_failed)
    w = counts[jack_cells].astype(float)
    ok = np.isfinite(jest)
    w, jest = w[ok], jest[ok]
    jr = np.sum(w * jest) / np.sum(w) - jest
    denom = 6.0 * np.sum(w * jr**2) ** 1.5
    a = float(np.sum(w * jr**3) / denom) if denom > 0 else 0.0
    lo, hi, z0 = bca_interval(reps, estimate, a, level)
    return BootstrapResult(lo, hi, "bca", kind, level, reps, a, z0, n_failed)
