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
  name.  A record with the identifier but too few name keys for the threshold
  rule (a "weak" one, share ``1 - c_L``) has linkable names with its own
  probability ``w_L`` (zero for a rule on exact name keys; a rule on tolerant
  keys links some of them);
* and a person on list ``L`` has a second record there with probability
  ``d_L`` (a duplicate registration, linked by the same rules).

The three are independent.  The name recall of a pair of records on lists
``L`` and ``M`` is then ``q_L q_M`` (measured on the validation pairs with the
identifier hidden), and the people are the connected components of the links.
Because the name errors belong to records rather than to pairs, a record with
a poor name misses all its links at once, which is what name-key linkage
does.  False links (two people merged) are measured on the validation people
and undone before the missed links are (:mod:`recapture._falselinks`).

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

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize, nnls
from scipy.special import xlogy

from ._falselinks import FalseMerges, simulate_merges, unmerge

__all__ = [
    "LinkageValidation",
    "LinkErrorModel",
    "fit_link_errors",
    "linkage_map",
    "correct_counts",
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
    weak_pairs : ndarray (K, K), optional
        Pairs of records of one person between a capable record on list ``L``
        (row) and a weak one on list ``M`` (column): both with the identifier,
        the weak one without enough name keys.  Without them weak records are
        taken never to link by name (``w = 0``).
    weak_linked : ndarray (K, K), optional
        How many of ``weak_pairs`` the name rule links.
    merged : tuple of int
        Pairs of different validation people joined by a name link: by a link
        between two capable records, and otherwise by one between a capable and
        a weak record (:class:`recapture.FalseMerges`).  ``(0, 0)``: false links
        are not corrected.
    """

    names: tuple[str, ...]
    pairs: np.ndarray
    linked: np.ndarray
    records: np.ndarray
    certain: np.ndarray
    capable: np.ndarray | None = None
    false_links: int = 0
    predicted: int = 0
    weak_pairs: np.ndarray | None = None
    weak_linked: np.ndarray | None = None
    merged: tuple[int, int] = (0, 0)

    def __post_init__(self) -> None:
        k = len(self.names)
        if (self.weak_pairs is None) != (self.weak_linked is None):
            raise ValueError("weak_pairs and weak_linked come together")
        if self.weak_pairs is not None:
            for name in ("weak_pairs", "weak_linked"):
                value = np.asarray(getattr(self, name), dtype=np.int64)
                if value.shape != (k, k) or (value < 0).any():
                    raise ValueError(f"{name} must be a non-negative {k}x{k} matrix")
                object.__setattr__(self, name, value)
            if (_filled(self.weak_linked) > _filled(self.weak_pairs)).any():
                raise ValueError("more weak links than weak pairs")
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

    def false_merges(self) -> FalseMerges:
        """The measured false merges and the record pairs of the linkage they apply to."""
        return FalseMerges.from_counts(
            self.merged, records=self.records, certain=self.certain, capable=_filled(self.capable)
        )

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
    quality_cov : ndarray (K, K) or (2K, 2K), optional
        Approximate posterior covariance of ``logit q`` (and of ``logit w``
        after it, when measured): the inverse Hessian of the penalised
        likelihood (a Laplace approximation).
    weak_quality : ndarray (K,), optional
        ``w_L``: probability that a weak record has linkable names (default 0).
    merges : FalseMerges, optional
        False merges to undo before the missed links (default: none).
    """

    def draw(self, rng: np.random.Generator) -> LinkErrorModel:
        """Error rates drawn from their approximate posterior (``quality_cov``, merges' Gamma), for a bootstrap."""
        merges = None if self.merges is None else self.merges.draw(rng)
        if self.quality_cov is None:
            return dataclasses.replace(self, merges=merges)
        rates = np.concatenate([self.quality, _filled(self.weak_quality)])[: self.quality_cov.shape[0]]
        theta = np.log(rates) - np.log1p(-np.minimum(rates, 1 - 1e-12))
        theta = np.clip(rng.multivariate_normal(theta, self.quality_cov), -12.0, 25.0)
        drawn = 1.0 / (1.0 + np.exp(-theta))
        k = len(self.names)
        weak = drawn[k:] if drawn.size > k else self.weak_quality
        return dataclasses.replace(self, quality=drawn[:k], weak_quality=weak, merges=merges, quality_cov=None)

    names: tuple[str, ...]
    quality: np.ndarray
    certain: np.ndarray
    duplicate: np.ndarray
    capable: np.ndarray | None = None
    quality_cov: np.ndarray | None = field(default=None, repr=False)
    weak_quality: np.ndarray | None = None
    merges: FalseMerges | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.capable is None:
            object.__setattr__(self, "capable", np.ones(len(self.names)))
        if self.weak_quality is None:
            object.__setattr__(self, "weak_quality", np.zeros(len(self.names)))

    def expected_merges(self) -> np.ndarray:
        """Expected false merges between each pair of lists (zeros without ``merges``)."""
        k = len(self.names)
        return np.zeros((k, k)) if self.merges is None else self.merges.expected()

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

    With ``weak_pairs``, the weak records' ``w`` is fitted jointly (a weak pair
    on lists ``L`` and ``M`` is linked with probability ``q_L w_M``; its
    logits shrink around their own mean); the false merges are taken from
    ``merged`` (:meth:`LinkageValidation.false_merges`).

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
    rows, cols, nn, yy = iu[0], iu[1], n[iu], y[iu]
    groups = [np.arange(k)]
    if validation.weak_pairs is not None and validation.weak_pairs.sum() > 0:
        # a weak pair [L, M] links with q_L w_M: parameter k + M is w_M
        wr, wc = np.indices((k, k)).reshape(2, -1)
        rows, cols = np.concatenate([rows, wr]), np.concatenate([cols, k + wc])
        nn = np.concatenate([nn, validation.weak_pairs.ravel().astype(float)])
        yy = np.concatenate([yy, _filled(validation.weak_linked).ravel().astype(float)])
        groups.append(np.arange(k, 2 * k))
    use = nn > 0
    rows, cols, nn, yy = rows[use], cols[use], nn[use], yy[use]
    weight = 0.0 if math.isinf(spread) else 1.0 / (2.0 * spread**2)
    level = 0.0 if math.isinf(spread) else 1.0 / (2.0 * QUALITY_LEVEL_SD**2)

    def objective(theta: np.ndarray) -> float:
        q = 1.0 / (1.0 + np.exp(-theta))
        p = np.clip(q[rows] * q[cols], 1e-12, 1 - 1e-12)
        return (
            -float(np.sum(xlogy(yy, p) + xlogy(nn - yy, 1 - p)))
            + weight * sum(float(np.sum((theta[g] - theta[g].mean()) ** 2)) for g in groups)
            + level * float(np.sum(theta**2))
        )

    size = k * len(groups)
    fit = minimize(objective, np.full(size, 2.0), method="L-BFGS-B", bounds=[(-12.0, 25.0)] * size)
    rates = 1.0 / (1.0 + np.exp(-fit.x))
    quality, weak = rates[:k], (rates[k:] if size > k else np.zeros(k))
    cov = _laplace_covariance(objective, fit.x)
    records = validation.records.astype(float)
    certain = np.divide(validation.certain, records, out=np.zeros(k), where=records > 0)
    exposure = float(np.sum(records * certain**2))
    x = min(float(np.trace(validation.pairs)) / exposure, 0.5) if exposure > _MIN_SHARE else 0.0
    capable = np.divide(_filled(validation.capable), validation.certain, out=np.ones(k), where=validation.certain > 0)
    merges = validation.false_merges() if sum(validation.merged) > 0 else None
    return LinkErrorModel(
        tuple(validation.names),
        quality,
        certain,
        np.full(k, x / (1.0 - x)),
        capable,
        quality_cov=cov,
        weak_quality=weak,
        merges=merges,
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


def _list_states(q: float, b: float, d: float, c: float = 1.0, w: float = 0.0) -> np.ndarray:
    """Joint probabilities of one list's flag state and its records with neither (5 x 3)."""
    linkable = c * q + (1 - c) * w  # a record with the identifier: capable and linkable, or weak and linkable
    states = {  # one record: both, names only, identifier only, neither
        (1, 1, 1): b * linkable,
        (1, 0, 0): (1 - b) * q,
        (0, 1, 0): b * (1 - linkable),
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


def _list_flags(q: float, b: float, d: float, c: float = 1.0, w: float = 0.0) -> tuple[np.ndarray, float]:
    """Probabilities of the five flag states of one list, and the expected records with neither."""
    joint = _list_states(q, b, d, c, w)
    return joint.sum(axis=1), float(joint.sum(axis=0) @ np.arange(3))


def _list_rates(model: LinkErrorModel) -> list[tuple[float, float, float, float, float]]:
    """Per list ``(q, b, d, c, w)``."""
    columns = (model.quality, model.certain, model.duplicate, model.capable, model.weak_quality)
    return [tuple(float(v) for v in rates) for rates in zip(*map(_filled, columns), strict=True)]  # type: ignore[misc]


_HAS_NAMES = np.array([f[0] for f in _FLAGS])
_HAS_IDENT = np.array([f[1] for f in _FLAGS])
_HAS_BOTH = np.array([f[2] for f in _FLAGS])


def simulate_linkage(x: np.ndarray, model: LinkErrorModel, rng: np.random.Generator) -> np.ndarray:
    """A linked table drawn under the error model from true cell counts ``x``.

    Every person's records on each list draw their state (identifier, linkable names, duplicate)
    and are clustered as in :func:`linkage_map`, whose expectation this has; then the model's
    false merges, if any, join random clusters (:func:`recapture._falselinks.simulate_merges`).
    """
    k = len(model.names)
    out = np.zeros(2**k - 1, dtype=np.int64)
    joint = [_list_states(*rates).ravel() for rates in _list_rates(model)]
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
    return out if model.merges is None else simulate_merges(out, model.expected_merges(), rng)


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
    per_list = [_list_flags(*rates) for rates in _list_rates(model)]
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
    (or ``mapping`` when given, computed from ``model``; Di Consiglio & Tuoto
    2015, section 3, for several lists), after undoing the model's false
    merges (:func:`recapture._falselinks.unmerge`): the merges join the
    clusters the missed links left, so they are undone first.
    """
    counts = np.asarray(counts, dtype=float)
    if model.merges is not None:
        counts = unmerge(counts, model.expected_merges())
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
