"""Interaction terms, hierarchical log-linear models and their design matrices.

A *term* is a sorted tuple of list indices of length >= 2 (an interaction).
A hierarchical model is a set of terms closed under taking sub-terms of
length >= 2; it is described by its generating class (maximal terms).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

import numpy as np

Term = tuple[int, ...]

__all__ = [
    "Term",
    "all_terms",
    "closure",
    "generating_class",
    "enumerate_hierarchical",
    "design_matrix",
    "term_name",
    "parse_term",
]


def all_terms(k: int, maxorder: int = 2) -> list[Term]:
    """All interaction terms of order 2..``maxorder`` over ``k`` lists.

    Ordered by order, then lexicographically (``(0, 1), (0, 2), ...``).
    """
    if maxorder < 2:
        return []
    if maxorder > k - 1:
        raise ValueError(f"maxorder must be at most K-1 = {k - 1}, got {maxorder}")
    out: list[Term] = []
    for order in range(2, maxorder + 1):
        out.extend(combinations(range(k), order))
    return out


def closure(terms: Iterable[Term]) -> frozenset[Term]:
    """Hierarchical closure: every term together with its sub-terms of order >= 2."""
    out: set[Term] = set()
    for t in terms:
        t = tuple(sorted(t))
        for order in range(2, len(t) + 1):
            out.update(combinations(t, order))
    return frozenset(out)


def generating_class(terms: Iterable[Term]) -> list[Term]:
    """Maximal terms of a (hierarchical) term set, sorted by order then lexicographically."""
    ts = set(terms)
    maximal = [t for t in ts if not any(set(t) < set(u) for u in ts)]
    return sorted(maximal, key=lambda t: (len(t), t))


def is_hierarchical(terms: Iterable[Term]) -> bool:
    """Whether the term set is closed under sub-terms."""
    ts = frozenset(terms)
    return closure(ts) == ts


MAX_MODELS = 2**21  # all two-way models on 7 lists


def enumerate_hierarchical(k: int, maxorder: int = 2, limit: int = MAX_MODELS) -> np.ndarray:
    """Enumerate all hierarchical models with terms of order <= ``maxorder``.

    Parameters
    ----------
    k : int
        Number of lists.
    maxorder : int
        Highest interaction order (at most ``k - 1``).
    limit : int
        Refuse (ValueError) searches with more models than this.

    Returns
    -------
    numpy.ndarray
        Boolean array of shape ``(n_models, n_terms)``; column ``j`` refers to
        ``all_terms(k, maxorder)[j]``.  Row 0 is the main-effects model.

    Notes
    -----
    For two-way models there are ``2**(k(k-1)/2)`` models (32,768 for six
    lists); up to order four on five lists there are 6,893.
    """
    terms = all_terms(k, maxorder)
    index = {t: j for j, t in enumerate(terms)}
    parents = [[index[s] for s in combinations(t, len(t) - 1)] if len(t) > 2 else [] for t in terms]
    models = [0]
    for j, par in enumerate(parents):
        bit = 1 << j
        need = sum(1 << p for p in par)
        new = [m | bit for m in models if m & need == need]
        models.extend(new)
        if len(models) > limit:
            raise ValueError(
                f"exhaustive search over {k} lists up to order {maxorder} has more than "
                f"{limit:,} models; use a lower maxorder or stepwise selection"
            )
    models.sort(key=lambda m: (bin(m).count("1"), m))
    arr = np.array(models, dtype=object)
    out = np.zeros((len(models), len(terms)), dtype=bool)
    for j in range(len(terms)):
        out[:, j] = [(int(m) >> j) & 1 == 1 for m in arr]
    return out


def design_matrix(patterns: np.ndarray, terms: Sequence[Term]) -> np.ndarray:
    """Design matrix: intercept, one column per list, one per interaction term.

    Parameters
    ----------
    patterns : numpy.ndarray
        0/1 matrix of shape ``(n_cells, K)``.
    terms : sequence of Term
        Interaction terms; each column is the product of its lists' indicators.

    Returns
    -------
    numpy.ndarray
        Float matrix of shape ``(n_cells, 1 + K + len(terms))``.
    """
    pats = np.asarray(patterns, dtype=float)
    cols = [np.ones(len(pats)), *pats.T]
    for t in terms:
        cols.append(np.prod(pats[:, list(t)], axis=1))
    return np.column_stack(cols)


def term_name(term: Term, names: Sequence[str]) -> str:
    """``"A:B"`` style name of a term, lists in table column order."""
    return ":".join(names[i] for i in sorted(term))


def parse_term(text: str | Sequence[str], names: Sequence[str]) -> Term:
    """Parse ``"A:B"`` (or ``("A", "B")``) into a term of list indices."""
    parts = text.split(":") if isinstance(text, str) else list(text)
    idx = []
    for p in parts:
        p = p.strip()
        if p not in names:
            raise ValueError(f"unknown list {p!r} in term {text!r}; lists are {list(names)}")
        idx.append(list(names).index(p))
    if len(set(idx)) != len(idx) or len(idx) < 2:
        raise ValueError(f"a term needs at least two distinct lists, got {text!r}")
    if len(idx) > len(names) - 1:
        raise ValueError(f"term {text!r} has order {len(idx)} > K-1 = {len(names) - 1}")
    return tuple(sorted(idx))
