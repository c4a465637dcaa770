"""Non-parametric latent-class capture-recapture (Manrique-Vallier 2016).

A Gibbs sampler on the aggregated table: the class memberships of the
individuals with one capture pattern are drawn together as one multinomial,
so an iteration costs ``O(patterns x classes x lists)`` whatever the number
of individuals.  Independent chains run side by side in the same arrays; their
spread gives the Monte Carlo error of every summary.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from scipy.stats import nbinom

from ._dga import BayesResult
from ._results import Interval
from ._table import CaptureTable

__all__ = ["latent_class"]

WARMUP = 500  # iterations with the concentration held at its start value
RHAT_WINDOW, RHAT_THIN, RHAT_CHECK, RHAT_OK = 2_000, 10, 500, 1.05  # adaptive burn-in


def _log_gamma(rng: np.random.Generator, shape: np.ndarray) -> np.ndarray:
    """Logarithm of Gamma(shape, 1) draws, accurate for tiny shapes.

    Uses ``Gamma(a) = Gamma(a + 1) * U**(1/a)`` so that shapes near zero
    (a small stick-breaking concentration) do not underflow to ``log 0``.
    """
    return np.log(rng.gamma(shape + 1.0)) + np.log(rng.random(shape.shape)) / shape


def _log_beta_pair(rng: np.random.Generator, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(log V, log(1 - V))`` for ``V ~ Beta(a, b)``, computed from log-gammas."""
    g = _log_gamma(rng, np.stack([a, b]))  # one call for both: fewer, larger draws
    tot = np.logaddexp(g[0], g[1])
    return g[0] - tot, g[1] - tot


def _draw_n0(rng: np.random.Generator, n_obs: int, p_zero: np.ndarray, cap: int) -> np.ndarray:
    """``n0 ~ NegBinomial(n_obs, 1 - p_zero)`` truncated at ``cap`` (by rejection)."""
    succ = np.clip(1.0 - p_zero, 1e-300, 1.0)
    n0 = rng.negative_binomial(n_obs, succ)
    bad = n0 > cap
    tries = 0
    while bad.any() and tries < 50:
        n0[bad] = rng.negative_binomial(n_obs, succ[bad])
        bad = n0 > cap
        tries += 1
    if bad.any():  # nearly all mass beyond the cap: inverse CDF of the truncated law
        top = nbinom.cdf(cap, n_obs, succ[bad])
        n0[bad] = nbinom.ppf(rng.random(int(bad.sum())) * top, n_obs, succ[bad]).astype(np.int64)
    return n0


def latent_class(
    table: CaptureTable,
    *,
    K: int = 10,
    a_alpha: float = 0.25,
    b_alpha: float = 0.25,
    chains: int = 16,
    burnin: int = 5_000,
    samples: int = 10_000,
    thinning: int = 10,
    level: float = 0.95,
    max_ratio: int = 20,
    max_burnin: int = 60_000,
    seed: int | None = None,
    rng: np.random.Generator | None = None,
) -> BayesResult:
    """Population size under the non-parametric latent-class model (LCMCR).

    The model of Manrique-Vallier (2016) as in R's ``LCMCR`` (``lcmCR``):
    individuals belong to one of ``K`` latent classes with stick-breaking
    weights ``V_k ~ Beta(1, alpha)`` (truncated at ``K``), ``alpha ~
    Gamma(a_alpha, b_alpha)`` (shape, rate); within a class the lists are
    independent with inclusion probabilities ``lambda_jk ~ Beta(1, 1)``.  The
    unobserved count is imputed by data augmentation, ``n0 | rest ~
    NegBinomial(n_obs, 1 - pi0)`` with ``pi0`` the probability of the
    all-zero history (the improper prior ``p(N)`` proportional to ``1/N``),
    truncated at ``max_ratio * n_obs`` as in ``LCMCR``.

    Parameters
    ----------
    table : CaptureTable
    K : int
        Maximum number of latent classes.
    a_alpha, b_alpha : float
        Gamma prior (shape, rate) of the stick-breaking concentration.
    chains : int
        Independent chains run side by side (at least 2: their spread gives
        the Monte Carlo error).  An iteration of 16 chains costs little more
        than one of 8: the per-call overhead of numpy dominates.
    burnin : int
        Iterations discarded at the start of every chain.
    samples : int
        Draws kept in total (split evenly over the chains).
    thinning : int
        Keep every ``thinning``-th iteration.
    level : float
        Credible level of the equal-tailed interval.
    max_burnin : int
        The burn-in continues past ``burnin`` (checked every 500 iterations)
        until the split R-hat of log N over the last 2,000 iterations of all
        chains is below 1.05, up to ``max_burnin`` iterations (a warning
        says when it stopped there).  Set it to ``burnin`` for a fixed
        burn-in.
    max_ratio : int
        Draws of ``n0`` above ``max_ratio * n_obs`` are rejected.
    seed, rng
        Random seed or generator (``rng`` wins).

    Returns
    -------
    BayesResult
        Posterior median (``estimate``), mean, sd, quantiles (R's type 7),
        the equal-tailed credible interval with the Monte Carlo error of
        each bound (standard deviation across chains over ``sqrt(chains)``),
        the effective sample size of the draws of ``N`` and the draws.

    Notes
    -----
    The chains start as LCMCR's do: list probabilities at the list
    frequencies, most weight on four classes, ``alpha = 0.3 / K`` held fixed
    for the first 500 iterations of the burn-in; convergence is then left to
    ``burnin``.  On tables where
    the posterior is heavy-tailed (e.g. the UK 2013 lists) the draws are
    strongly autocorrelated: use a larger ``thinning`` and check ``ess``.

    References
    ----------
    Manrique-Vallier, D. (2016). Bayesian population size estimation using
    Dirichlet process mixtures. *Biometrics* 72(4), 1246-1254.
    Manrique-Vallier, D. (2023). LCMCR: Bayesian non-parametric latent-class
    capture-recapture. R package version 0.4.14.
    """
    if K < 1:
        raise ValueError(f"K must be at least 1, got {K}")
    if chains < 2:
        raise ValueError(f"chains must be at least 2, got {chains}")
    if burnin < 0 or thinning < 1 or samples < chains:
        raise ValueError("need burnin >= 0, thinning >= 1 and samples >= chains")
    if a_alpha <= 0 or b_alpha <= 0:
        raise ValueError("a_alpha and b_alpha must be positive")
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    rng = rng if rng is not None else np.random.default_rng(seed)
    keep = table.counts > 0
    X = table.patterns[keep].astype(float)  # (C, J)
    freq = table.counts[keep]  # (C,)
    n_obs = table.observed
    cap = max_ratio * n_obs
    M, J = chains, table.n_lists
    per_chain = -(-samples // M)

    # start: every class at the list frequencies
    p_list = np.clip((X.T @ freq) / n_obs, 1e-6, 1 - 1e-6)
    log_l1 = np.broadcast_to(np.log(p_list)[None, :, None], (M, J, K)).copy()
    log_l0 = np.broadcast_to(np.log1p(-p_list)[None, :, None], (M, J, K)).copy()
    # class weights and concentration start small (few classes), kept fixed
    # for a warm-up, as in LCMCR: started with many classes the chains can
    # linger for long in a low-N mode of an over-fitted mixture
    start_k = min(4, K)
    nu0 = np.full(K, 0.9 / start_k)
    if K > start_k:
        nu0[start_k:] = 0.1 / (K - start_k)
    log_nu = np.broadcast_to(np.log(nu0 / nu0.sum()), (M, K)).copy()
    alpha = np.full(M, 0.3 / K)
    warmup = min(WARMUP, burnin)
    n0 = np.zeros(M, dtype=np.int64)
    m0 = np.zeros((M, K), dtype=np.int64)
    draws = np.empty((M, per_chain), dtype=np.int64)

    kept = 0
    it = 0
    burn_end = burnin if max_burnin <= burnin else None
    capped = False
    ring = np.zeros((M, RHAT_WINDOW // RHAT_THIN))
    while kept < per_chain:
        it += 1
        # classes of the observed individuals, one multinomial per pattern
        base0 = log_l0.sum(axis=1)  # (M, K): log P(all absent | class)
        logp = log_nu[:, None, :] + base0[:, None, :] + X @ (log_l1 - log_l0)
        logp -= logp.max(axis=2, keepdims=True)
        prob = np.exp(logp)
        prob /= prob.sum(axis=2, keepdims=True)
        counts = rng.multinomial(freq[None, :], prob)  # (M, C, K)
        nk_obs = counts.sum(axis=1)
        # list inclusion probabilities given the classes (observed + imputed)
        nk = nk_obs + m0
        s1 = np.einsum("cj,mck->mjk", X, counts)
        lam = rng.beta(1.0 + s1, 1.0 + nk[:, None, :] - s1)
        log_l1 = np.log(lam)
        log_l0 = np.log1p(-lam)
        # stick-breaking weights
        tail = np.cumsum(nk[:, ::-1], axis=1)[:, ::-1]  # sum over l >= k
        lv, l1v = _log_beta_pair(rng, 1.0 + nk[:, :-1], alpha[:, None] + tail[:, 1:])
        acc = np.concatenate([np.zeros((M, 1)), np.cumsum(l1v, axis=1)], axis=1)
        log_nu = np.concatenate([lv, np.zeros((M, 1))], axis=1) + acc
        # unobserved individuals: their number, then their classes
        lz = log_nu + log_l0.sum(axis=1)
        p_zero = np.exp(lz).sum(axis=1)
        n0 = _draw_n0(rng, n_obs, p_zero, cap)
        pz = np.exp(lz - lz.max(axis=1, keepdims=True))
        m0 = rng.multinomial(n0, pz / pz.sum(axis=1, keepdims=True))
        # concentration
        if it > warmup:
            alpha = rng.gamma(a_alpha + K - 1.0, 1.0 / (b_alpha - acc[:, -1]))
        elif it == warmup:  # largest class first, as LCMCR does once after its warm-up
            perm = np.argsort(-log_nu, axis=1, kind="stable")
            log_nu = np.take_along_axis(log_nu, perm, axis=1)
            m0 = np.take_along_axis(m0, perm, axis=1)
            log_l1 = np.take_along_axis(log_l1, perm[:, None, :], axis=2)
            log_l0 = np.take_along_axis(log_l0, perm[:, None, :], axis=2)
        if burn_end is None:
            if it % RHAT_THIN == 0:
                ring[:, (it // RHAT_THIN) % ring.shape[1]] = np.log(n0 + n_obs)
            if it >= max_burnin:
                burn_end, capped = it, True
            elif it >= burnin and it % RHAT_CHECK == 0 and it >= RHAT_WINDOW:
                start = (it // RHAT_THIN + 1) % ring.shape[1]
                if _split_rhat(np.roll(ring, -start, axis=1)) < RHAT_OK:
                    burn_end = it
            continue
        if it > burn_end and (it - burn_end) % thinning == 0:
            draws[:, kept] = n0 + n_obs
            kept += 1

    result = _summarise(
        table,
        draws,
        level,
        {
            "K": K,
            "a_alpha": a_alpha,
            "b_alpha": b_alpha,
            "chains": M,
            "burnin": burn_end,
            "samples": M * per_chain,
            "thinning": thinning,
            "max_ratio": max_ratio,
            "iterations": M * it,
        },
    )
    if not capped:
        return result
    note = (
        f"the chains still disagreed after the longest burn-in ({max_burnin:,} "
        "iterations): the posterior summaries are unreliable"
    )
    return replace(result, warnings=(note, *result.warnings))


def _summarise(table: CaptureTable, draws: np.ndarray, level: float, settings: dict) -> BayesResult:
    lo_q, hi_q = (1 - level) / 2, (1 + level) / 2
    probs = [lo_q, 0.5, hi_q]
    flat = draws.ravel().astype(float)
    q = np.quantile(flat, probs)  # numpy's default is R's type 7
    per_chain = np.quantile(draws.astype(float), probs, axis=1)  # (3, M)
    m = draws.shape[0]
    mcse = per_chain.std(axis=1, ddof=1) / math.sqrt(m)
    ess = _ess(draws.astype(float))
    iv = Interval(
        float(q[0]),
        float(q[2]),
        "posterior",
        level,
        mc_error_low=float(mcse[0]),
        mc_error_high=float(mcse[2]),
        replicates=flat.size,
    )
    warnings = []
    cap = settings["max_ratio"] * table.observed
    if (flat >= cap + table.observed).mean() > 0.01:
        warnings.append(
            f"{(flat >= cap + table.observed).mean():.0%} of the draws reach the cap "
            f"N = {cap + table.observed}: the data hardly bound N from above"
        )
    if ess < 400:
        warnings.append(f"effective sample size of N is only {ess:.0f}: raise thinning or samples")
    rhat = _split_rhat(np.log(draws.astype(float)))
    if rhat > 1.05:
        warnings.append(
            f"the chains disagree (split R-hat of log N = {rhat:.2f} > 1.05): some have not "
            "left a mode of the start; raise burnin and check mc_error"
        )
    settings = {**settings, "rhat": rhat}
    return BayesResult(
        method="lcmcr",
        estimate=float(q[1]),
        mean=float(flat.mean()),
        sd=float(flat.std(ddof=1)),
        observed=table.observed,
        interval=iv,
        quantiles=dict(zip(probs, (float(x) for x in q), strict=False)),
        mc_error=float(mcse[1]),
        ess=ess,
        settings=settings,
        warnings=tuple(warnings),
        lists=table.names,
        draws=draws,
    )


def _split_rhat(draws: np.ndarray) -> float:
    """Split potential scale reduction factor (Gelman et al. 2013, BDA3 11.4)."""
    m, n = draws.shape
    half = n // 2
    if half < 2:
        return math.nan
    x = np.concatenate([draws[:, :half], draws[:, half : 2 * half]])
    within = x.var(axis=1, ddof=1).mean()
    between = half * x.mean(axis=1).var(ddof=1)
    if within <= 0:
        return 1.0
    var_plus = (half - 1) / half * within + between / half
    return float(math.sqrt(var_plus / within))


def _ess(draws: np.ndarray) -> float:
    """Effective sample size over chains (Geyer's initial positive sequence)."""
    m, n = draws.shape
    if n < 4:
        return float(m * n)
    x = draws - draws.mean(axis=1, keepdims=True)
    var = x.var(axis=1)
    if not np.all(var > 0):
        return float(m * n)
    f = np.fft.rfft(x, n=2 * n, axis=1)
    acov = np.fft.irfft(f * np.conj(f), axis=1)[:, :n] / n
    rho = (acov / acov[:, :1]).mean(axis=0)
    tau = -1.0
    for t in range(0, n - 1, 2):
        pair = rho[t] + rho[t + 1]
        if pair < 0:
            break
        tau += 2 * pair
    return float(m * n / max(tau, 1.0))
