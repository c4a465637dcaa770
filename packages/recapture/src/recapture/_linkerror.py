"""Linkage error measured on validation pairs and corrected for in the capture histories.

When the lists are linked on error-prone keys (names and dates of birth), a
missed link splits one person into two: someone on lists A and B is counted
once on A only and once on B only, and the estimate of the hidden number goes
up.  This module measures the linkage error where the truth is known (pairs of
records that both carry an exact identifier, such as a BSN), builds the
expected map from true to observed capture patterns, inverts it, and carries
the uncertainty of the error rates into a bootstrap interval with the model
selection redone in every replicate.

The error model works on records.  A record on list ``L``

* carries the exact identifier with probability ``b_L`` (two such records of
  one person are always linked);
* has "linkable" name keys with probability ``q_L`` (two such records of one
  person are linked); a record without linkable names is linked to nobody by
  name;
* and a person on list ``L`` has a second record there with probability
  ``d_L`` (a duplicate registration, linked by the same rules).

The three are independent.  The name recall of a pair of records on lists
``L`` and ``M`` is then ``q_L q_M`` (measured on the validation pairs with the
identifier hidden), and the people are the connected components of the links.
Because the name errors belong to records rather than to pairs, a record with
a poor name misses all its links at once, which is what name-key linkage
does.  False links (two people merged) are not modelled: they are measured
(the precision on the validation pairs) and reported, not corrected.

References
----------
Ding, Y. and Fienberg, S. E. (1994). Dual system estimation of census
undercount in the presence of matching error.  *Survey Methodology* 20,
149-158.

Di Consiglio, L. and Tuoto, T. (2015). Coverage evaluation on probabilistically
linked data.  *Journal of Official Statistics* 31, 415-429.

Zult, D. B., de Wolf, P.-P., Bakker, B. F. M. and van der Heijden, P. G. M.
(2021). A general framework for multiple-recapture estimation that
incorporates linkage error correction.  *Journal of Official Statistics* 37,
793-825.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize, nnls
from scipy.special import xlogy
from scipy.stats import norm

from ._bootstrap import _seed_sequence, quantiles_with_inf
from ._results import Interval
from ._table import CaptureTable

__all__ = [
    "LinkageValidation",
    "LinkErrorModel",
    "LinkageCorrectedResult",
    "fit_link_errors",
    "linkage_map",
    "correct_counts",
    "estimate_linkage_corrected",
    "round_counts",
    "simulate_linkage",
]

# Records per list carrying the identifier below this share leave a list's duplicates unmeasured.
_MIN_SHARE = 1e-9


def _filled(values: np.ndarray | None) -> np.ndarray:
    """An optional array that ``__post_init__`` has filled in (for the type checker)."""
    assert values is not None
    return values


@dataclass(frozen=True)
class LinkageValidation:
    """Record pairs whose truth is known, counted by pair of lists.

    Parameters
    ----------
    names : tuple of str
        List names, in the order of the capture table.
    pairs : ndarray (K, K)
        Pairs of records of the same person that both carry the identifier
        (upper triangle and diagonal used; the diagonal counts duplicate
        records within one list).
    linked : ndarray (K, K)
        How many of ``pairs`` the name keys alone link.
    records : ndarray (K,)
        Records on each list.
    certain : ndarray (K,)
        Records on each list that carry the identifier.
    capable : ndarray (K,), optional
        Of ``certain``, the records with enough name keys to be linked
        without the identifier (default: all of them).  ``pairs`` should
        count only pairs of such records: records without the identifier and
        without enough name keys are usually left out before linkage, so the
        records that link by name alone are the capable ones.
    false_links : int
        Name-key links between validation records of different people.
    predicted : int
        All name-key links between validation records (for the precision).
    """

    names: tuple[str, ...]
    pairs: np.ndarray
    linked: np.ndarray
    records: np.ndarray
    certain: np.ndarray
    capable: np.ndarray | None = None
    false_links: int = 0
    predicted: int = 0

    def __post_init__(self) -> None:
        k = len(self.names)
        for name in ("pairs", "linked"):
            value = np.triu(np.asarray(getattr(self, name), dtype=np.int64))
            if value.shape != (k, k) or (value < 0).any():
                raise ValueError(f"{name} must be a non-negative {k}x{k} matrix")
            object.__setattr__(self, name, value)
        if self.capable is None:
            object.__setattr__(self, "capable", self.certain)
        for name in ("records", "certain", "capable"):
            value = np.asarray(getattr(self, name), dtype=np.int64)
            if value.shape != (k,) or (value < 0).any():
                raise ValueError(f"{name} must hold {k} non-negative counts")
            object.__setattr__(self, name, value)
        if (
            (self.linked > self.pairs).any()
            or (self.certain > self.records).any()
            or (self.capable > self.certain).any()
        ):
            raise ValueError("more links than pairs, or more records with the identifier than records")

    @property
    def total_pairs(self) -> int:
        return int(self.pairs.sum())

    @property
    def recall(self) -> float:
        """Name-key recall over all validation pairs (``nan`` without pairs)."""
        return float(self.linked.sum() / self.pairs.sum()) if self.pairs.sum() else math.nan

    @property
    def precision(self) -> float:
        """Share of the name-key links between validation records that are true."""
        return 1.0 - self.false_links / self.predicted if self.predicted else 1.0


@dataclass(frozen=True)
class LinkErrorModel:
    """Per-list linkage error rates (see the module notes).

    Attributes
    ----------
    names : tuple of str
    quality : ndarray (K,)
        ``q_L``: probability that a record's name keys are linkable (among
        records with enough name keys).
    certain : ndarray (K,)
        ``b_L``: share of the records carrying the identifier.
    duplicate : ndarray (K,)
        ``d_L``: probability that a person on the list has a second record.
    capable : ndarray (K,)
        ``c_L``: share of the records with the identifier that have enough
        name keys (a record with the identifier has linkable names with
        probability ``c_L q_L``; one without has passed that filter).
    quality_cov : ndarray (K, K), optional
        Approximate posterior covariance of ``logit q`` (the inverse Hessian
        of the penalised likelihood: a Laplace approximation).
    """

    def draw(self, rng: np.random.Generator, duplicate_pairs: float | None = None) -> LinkErrorModel:
        """Error rates drawn from their approximate posterior (``quality_cov``), for a bootstrap."""
        if self.quality_cov is None:
            return self
        theta = np.log(self.quality) - np.log1p(-np.minimum(self.quality, 1 - 1e-12))
        theta = np.clip(rng.multivariate_normal(theta, self.quality_cov), -12.0, 25.0)
        return LinkErrorModel(self.names, 1.0 / (1.0 + np.exp(-theta)), self.certain, self.duplicate, self.capable)

    names: tuple[str, ...]
    quality: np.ndarray
    certain: np.ndarray
    duplicate: np.ndarray
    capable: np.ndarray | None = None
    quality_cov: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.capable is None:
            object.__setattr__(self, "capable", np.ones(len(self.names)))

    def name_recall(self) -> np.ndarray:
        """``q_L q_M``: the name keys' recall for a pair of records on lists L and M."""
        return np.outer(self.quality, self.quality)

    def link_probability(self) -> np.ndarray:
        """Probability that a true pair of records on lists L and M is linked (identifier or names)."""
        both = np.outer(self.certain, self.certain)
        return both + (1.0 - both) * self.name_recall()


# Posterior draws of the error rates per bootstrap (replicates share them in turn).
RATE_DRAWS = 100
# Prior standard deviation of a list's name quality around the lists' common value (logit scale).
QUALITY_SPREAD = 1.0
# A weak prior on each logit q (mean 0, this sd): keeps the fit finite when every pair is linked.
QUALITY_LEVEL_SD = 3.0


def fit_link_errors(validation: LinkageValidation, *, spread: float = QUALITY_SPREAD) -> LinkErrorModel:
    """Error rates from the validation pairs (penalised maximum likelihood).

    ``q`` maximises the binomial likelihood of ``linked`` given ``pairs`` with
    success probability ``q_L q_M``, with a normal penalty of standard
    deviation ``spread`` on each ``logit q_L`` around their mean: only the
    products are well identified when most validation pairs lie between two
    lists, and a list with few validation pairs (few records with the
    identifier) borrows strength from the others instead of taking an
    extreme value (a random-effects shrinkage).  A weak normal prior
    (``QUALITY_LEVEL_SD``) on every ``logit q_L`` keeps ``q`` below 1 when
    every validation pair is linked, so that the posterior spread used by
    the bootstrap stays finite; ``spread=inf`` drops both and is plain
    maximum likelihood.  ``b_L`` is the share of records with the
    identifier.  The duplicate rate ``d`` is pooled over the lists: with
    ``x = sum_L pairs[L, L] / sum_L records_L b_L**2`` (duplicate pairs
    among the records with the identifier, per person), ``d = x / (1 - x)``.

    Raises
    ------
    ValueError
        When a list has no validation pair at all (its ``q`` rests on the prior alone).
    """
    k = len(validation.names)
    n, y = validation.pairs.astype(float), validation.linked.astype(float)
    seen = (n + n.T).sum(axis=1) > 0
    if not seen.all():
        missing = ", ".join(name for name, ok in zip(validation.names, seen, strict=True) if not ok)
        raise ValueError(f"no validation pairs for list(s) {missing}: the linkage error there is not measured")
    iu = np.triu_indices(k)
    nn, yy = n[iu], y[iu]
    use = nn > 0
    rows, cols, nn, yy = iu[0][use], iu[1][use], nn[use], yy[use]
    weight = 0.0 if math.isinf(spread) else 1.0 / (2.0 * spread**2)
    level = 0.0 if math.isinf(spread) else 1.0 / (2.0 * QUALITY_LEVEL_SD**2)

    def objective(theta: np.ndarray) -> float:
        q = 1.0 / (1.0 + np.exp(-theta))
        p = np.clip(q[rows] * q[cols], 1e-12, 1 - 1e-12)
        return (
            -float(np.sum(xlogy(yy, p) + xlogy(nn - yy, 1 - p)))
            + weight * float(np.sum((theta - theta.mean()) ** 2))
            + level * float(np.sum(theta**2))
        )

    fit = minimize(objective, np.full(k, 2.0), method="L-BFGS-B", bounds=[(-12.0, 25.0)] * k)
    quality = 1.0 / (1.0 + np.exp(-fit.x))
    cov = _laplace_covariance(objective, fit.x)
    records = validation.records.astype(float)
    certain = np.divide(validation.certain, records, out=np.zeros(k), where=records > 0)
    exposure = float(np.sum(records * certain**2))
    x = min(float(np.trace(validation.pairs)) / exposure, 0.5) if exposure > _MIN_SHARE else 0.0
    capable = np.divide(_filled(validation.capable), validation.certain, out=np.ones(k), where=validation.certain > 0)
    return LinkErrorModel(
        tuple(validation.names), quality, certain, np.full(k, x / (1.0 - x)), capable, quality_cov=cov
    )


def _laplace_covariance(objective, theta: np.ndarray, h: float = 1e-3) -> np.ndarray:
    """Inverse of the objective's Hessian at ``theta`` (central differences; eigenvalues floored)."""
    k = theta.size
    hess = np.zeros((k, k))
    step = np.eye(k) * h
    for i in range(k):
        for j in range(i, k):
            hess[i, j] = hess[j, i] = (
                objective(theta + step[i] + step[j])
                - objective(theta + step[i] - step[j])
                - objective(theta - step[i] + step[j])
                + objective(theta - step[i] - step[j])
            ) / (4 * h * h)
    values, vectors = np.linalg.eigh(hess)
    return (vectors / np.maximum(values, 1e-2)) @ vectors.T


# Per list, what the records of one person there contribute to the components:
# (any linkable name, any identifier, any record with both).
_FLAGS = ((0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0), (1, 1, 1))


def _list_states(q: float, b: float, d: float, c: float = 1.0) -> np.ndarray:
    """Joint probabilities of one list's flag state and its records with neither (5 x 3)."""
    states = {  # one record: both, names only, identifier only, neither
        (1, 1, 1): b * c * q,
        (1, 0, 0): (1 - b) * q,
        (0, 1, 0): b * (1 - c * q),
        (0, 0, 0): (1 - b) * (1 - q),
    }
    index = {f: i for i, f in enumerate(_FLAGS)}
    out = np.zeros((len(_FLAGS), 3))
    for one, p in states.items():
        out[index[one], int(one == (0, 0, 0))] += (1 - d) * p
        for two, r in states.items():  # a duplicate: the flags of two records combine by "or"
            flags = (one[0] | two[0], one[1] | two[1], one[2] | two[2])
            out[index[flags], int(one == (0, 0, 0)) + int(two == (0, 0, 0))] += d * p * r
    return out


def _list_flags(q: float, b: float, d: float, c: float = 1.0) -> tuple[np.ndarray, float]:
    """Probabilities of the five flag states of one list, and the expected records with neither."""
    joint = _list_states(q, b, d, c)
    return joint.sum(axis=1), float(joint.sum(axis=0) @ np.arange(3))


_HAS_NAMES = np.array([f[0] for f in _FLAGS])
_HAS_IDENT = np.array([f[1] for f in _FLAGS])
_HAS_BOTH = np.array([f[2] for f in _FLAGS])


def simulate_linkage(x: np.ndarray, model: LinkErrorModel, rng: np.random.Generator) -> np.ndarray:
    """A linked table drawn under the error model from true cell counts ``x``.

    Every person's records on each list draw their state (identifier, linkable names, duplicate)
    and are clustered as in :func:`linkage_map`, whose expectation this has.
    """
    k = len(model.names)
    out = np.zeros(2**k - 1, dtype=np.int64)
    joint = [
        _list_states(float(q), float(b), float(d), float(c)).ravel()
        for q, b, d, c in zip(model.quality, model.certain, model.duplicate, _filled(model.capable), strict=True)
    ]
    for cell, count in enumerate(np.asarray(x, dtype=np.int64)):
        if count <= 0:
            continue
        names = np.zeros(count, dtype=np.int64)
        ident = np.zeros(count, dtype=np.int64)
        both = np.zeros(count, dtype=bool)
        for i in range(k):
            if not (cell + 1) >> i & 1:
                continue
            p = joint[i] / joint[i].sum()
            state = rng.choice(p.size, size=count, p=p)
            flag, neither = state // 3, state % 3
            names |= _HAS_NAMES[flag] << i
            ident |= _HAS_IDENT[flag] << i
            both |= _HAS_BOTH[flag].astype(bool)
            out[(1 << i) - 1] += int(neither.sum())
        merged = names | ident
        np.add.at(out, merged[both] - 1, 1)
        for mask in (names[~both], ident[~both]):
            np.add.at(out, mask[mask > 0] - 1, 1)
    return out


def linkage_map(model: LinkErrorModel) -> np.ndarray:
    """Expected observed people per true person, by capture pattern.

    Returns
    -------
    ndarray (2**K - 1, 2**K - 1)
        Entry ``[s - 1, o - 1]`` is the expected number of linked clusters
        with pattern ``o`` that one person with true pattern ``s`` yields
        (cells in canonical order: bit ``i`` set when on list ``i``).
        Without linkage error it is the identity.

    Notes
    -----
    A person's records with linkable names form one cluster, those with the
    identifier another; the two are one when a record has both.  A record
    with neither is a cluster of its own.  The map is exact under the model:
    it sums over the five flag states of every list the person is on.
    """
    k = len(model.names)
    cells = 2**k - 1
    out = np.zeros((cells, cells))
    per_list = [
        _list_flags(float(q), float(b), float(d), float(c))
        for q, b, d, c in zip(model.quality, model.certain, model.duplicate, _filled(model.capable), strict=True)
    ]
    flags = np.array([f[0] for f in per_list])  # (K, 5)
    n_flags = len(_FLAGS)
    for s in range(1, cells + 1):
        on = np.array([i for i in range(k) if s >> i & 1])
        combo = np.indices((n_flags,) * on.size).reshape(on.size, -1).T  # every flag state per list
        p = np.prod(flags[on[None, :], combo], axis=1)
        bits = np.int64(1) << on.astype(np.int64)
        names = (_HAS_NAMES[combo] * bits).sum(axis=1)
        ident = (_HAS_IDENT[combo] * bits).sum(axis=1)
        both = _HAS_BOTH[combo].any(axis=1)
        row = out[s - 1]
        np.add.at(row, (names | ident)[both] - 1, p[both])
        for mask in (names[~both], ident[~both]):
            keep = mask > 0
            np.add.at(row, mask[keep] - 1, p[~both][keep])
        for i in on:
            row[(1 << int(i)) - 1] += per_list[i][1]
    return out


def correct_counts(counts: np.ndarray, model: LinkErrorModel, *, mapping: np.ndarray | None = None) -> np.ndarray:
    """True-pattern counts whose expected linked table is ``counts`` (non-negative least squares).

    Solves ``counts = M.T @ x`` for ``x >= 0`` with ``M = linkage_map(model)``
    (or ``mapping`` when given; Di Consiglio & Tuoto 2015, section 3, for
    several lists).
    """
    counts = np.asarray(counts, dtype=float)
    x, _ = nnls((linkage_map(model) if mapping is None else mapping).T, counts)
    return x


def round_counts(x: np.ndarray) -> np.ndarray:
    """Integer counts with the same (rounded) total: largest remainders round up."""
    x = np.clip(np.asarray(x, dtype=float), 0.0, None)
    base = np.floor(x)
    short = int(round(x.sum() - base.sum()))
    if short > 0:
        base[np.argsort(base - x)[:short]] += 1  # most negative (floor - x) = largest remainder
    return base.astype(np.int64)


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
        error model (:func:`simulate_linkage`), corrects the table with
        error rates drawn from their approximate posterior (the validation
        pairs' likelihood with the shrinkage prior, Laplace approximation)
        and redoes the stepwise selection.
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
    maps = [linkage_map(model.draw(rates)) for _ in range(min(n_boot, RATE_DRAWS))]
    for r, s in enumerate(streams[:n_boot]):
        g = np.random.default_rng(s)
        # people drawn from the estimated population (the hidden cell dropped), linked with errors
        x = g.multinomial(total, cells / cells.sum())[1:]
        y = simulate_linkage(x, model, g)
        tables[r] = round_counts(correct_counts(y, model, mapping=maps[r % len(maps)]))
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
