"""Fitting Poisson log-linear models to a capture-history table.

The estimate of the population is ``observed + exp(intercept)`` (Fienberg
1972; Cormack 1989).  Interaction terms whose overlap is empty are fitted at
minus infinity: the cells containing them leave the fit (Chan, Silverman &
Vincent 2021), and they still count as parameters in AIC/BIC as in
SparseMSE.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.stats import norm

from ._existence import Existence, check_existence
from ._glm import BatchFit, fit_poisson_batch
from ._table import CaptureTable
from ._terms import Term, all_terms, closure, design_matrix, generating_class, term_name

__all__ = ["ModelSpace", "ModelFit", "fit_model"]


class ModelSpace:
    """Cached design for all models up to ``maxorder`` on one table.

    Parameters
    ----------
    table : CaptureTable
    maxorder : int
        Highest interaction order available.
    counts : ndarray, optional
        Alternative counts (e.g. a bootstrap replicate) for the same lists;
        lists with a zero total are then dropped from every fit.
    template : ModelSpace, optional
        A space for the same lists and ``maxorder`` whose design matrices are
        reused.
    """

    terms: list[tuple[int, ...]]
    index: dict[tuple[int, ...], int]
    patterns: np.ndarray
    X: np.ndarray
    XX: np.ndarray

    def __init__(
        self,
        table: CaptureTable,
        maxorder: int = 2,
        counts: np.ndarray | None = None,
        template: ModelSpace | None = None,
    ):
        self.table = table
        self.k = table.n_lists
        self.maxorder = min(max(maxorder, 1), self.k - 1)
        self.y = np.asarray(table.counts if counts is None else counts, dtype=float)
        if template is not None and template.k == self.k and template.maxorder == self.maxorder:
            self.terms, self.index = template.terms, template.index
            self.patterns, self.X, self.XX = template.patterns, template.X, template.XX
        else:
            self.terms = all_terms(self.k, self.maxorder)
            self.index = {t: j for j, t in enumerate(self.terms)}
            self.patterns = table.patterns.astype(float)
            self.X = design_matrix(self.patterns, self.terms)
            n, p = self.X.shape
            self.XX = (self.X[:, :, None] * self.X[:, None, :]).reshape(n, p * p)
        n = self.X.shape[0]
        # incidence of terms (and single lists) in cells
        self.term_cells = self.X[:, 1 + self.k :].astype(bool)  # (n, T)
        self.overlap = self.y @ self.X[:, 1 + self.k :]
        self.empty = self.overlap == 0
        list_tot = self.y @ self.patterns
        self.empty_lists = list_tot == 0
        base = np.ones(n, dtype=bool)
        if self.empty_lists.any():
            base &= ~np.any(self.patterns[:, self.empty_lists] == 1, axis=1)
        self.base_cells = base
        self.observed = float(self.y.sum())

    @property
    def n_params_full(self) -> int:
        return self.X.shape[1]

    def masks(self, M: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Column mask, cell mask and number of empty terms for model rows ``M`` (B, T)."""
        M = np.atleast_2d(np.asarray(M, dtype=bool))
        B = M.shape[0]
        empty = M & self.empty[None, :]
        dropped = (empty.astype(float) @ self.term_cells.T.astype(float)) > 0
        cellmask = ~dropped & self.base_cells[None, :]
        colmask = np.ones((B, self.n_params_full), dtype=bool)
        colmask[:, 1 : 1 + self.k] = ~self.empty_lists[None, :]
        colmask[:, 1 + self.k :] = M & ~empty
        return colmask, cellmask, empty.sum(axis=1)

    def row(self, terms: Iterable[Term]) -> np.ndarray:
        """Boolean term row of a model given by its terms (closed hierarchically)."""
        r = np.zeros(len(self.terms), dtype=bool)
        for t in closure(terms):
            if t not in self.index:
                raise ValueError(f"term {t} exceeds maxorder {self.maxorder}")
            r[self.index[t]] = True
        return r

    def fit(self, M: np.ndarray, beta0: np.ndarray | None = None, cov: bool = True) -> tuple[BatchFit, np.ndarray]:
        """Batched fit of model rows ``M``; returns the fit and the parameter counts."""
        colmask, cellmask, n_empty = self.masks(M)
        res = fit_poisson_batch(self.X, self.y, colmask, cellmask, XX=self.XX, beta0=beta0, cov=cov)
        return res, colmask.sum(axis=1) + n_empty

    def check(self, m_row: np.ndarray) -> Existence:
        """Existence / identifiability check of one model row."""
        colmask, cellmask, _ = self.masks(m_row[None, :])
        Xa = self.X[cellmask[0]][:, colmask[0]]
        return check_existence(Xa, self.y[cellmask[0]])

    def fast_ok(self, M: np.ndarray) -> np.ndarray:
        """Vectorised sufficient condition for existence: full-rank positive-cell design."""
        colmask, cellmask, _ = self.masks(M)
        pos = (self.y > 0)[None, :] & cellmask
        A = self.X[None, :, :] * pos[:, :, None] * colmask[:, None, :]
        ranks = np.linalg.matrix_rank(A)
        return ranks == colmask.sum(axis=1)


def criteria(loglik: np.ndarray, n_params: np.ndarray, observed: float) -> tuple[np.ndarray, np.ndarray]:
    """AIC and BIC from the Poisson log-likelihood (BIC penalty ``log(observed)``)."""
    aic = -2.0 * loglik + 2.0 * n_params
    bic = -2.0 * loglik + math.log(max(observed, 1.0)) * n_params
    return aic, bic


@dataclass(frozen=True)
class ModelFit:
    """A fitted log-linear model.

    Attributes
    ----------
    names : tuple of str
        List names of the table.
    terms : tuple of Term
        All interaction terms (hierarchical closure), as list-index tuples.
    empty_terms : tuple of Term
        Terms whose overlap is empty, fitted at minus infinity.
    observed : int
    dark : float
        Estimated dark figure ``exp(intercept)``.
    se_log_dark : float
        Standard error of the intercept.
    deviance, df, aic, bic : float
    n_params : int
        Parameters including empty-overlap ones.
    coefficients : dict
        Finite coefficients by name (``"(Intercept)"``, list names, terms).
    existence : Existence
    converged : bool
    """

    names: tuple[str, ...]
    terms: tuple[Term, ...]
    empty_terms: tuple[Term, ...]
    observed: int
    dark: float
    se_log_dark: float
    deviance: float
    df: int
    aic: float
    bic: float
    n_params: int
    coefficients: dict[str, float] = field(repr=False)
    std_errors: dict[str, float] = field(repr=False)
    existence: Existence = field(repr=False)
    converged: bool = True
    fitted: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))

    @property
    def estimate(self) -> float:
        """Population estimate ``observed + exp(intercept)``."""
        return self.observed + self.dark

    @property
    def generating_class(self) -> list[Term]:
        return generating_class(self.terms)

    @property
    def term_names(self) -> list[str]:
        """Generating class as ``"A:B"`` strings."""
        return [term_name(t, self.names) for t in self.generating_class]

    @property
    def empty_term_names(self) -> list[str]:
        return [term_name(t, self.names) for t in sorted(self.empty_terms, key=lambda t: (len(t), t))]

    def model_interval(self, level: float = 0.95) -> tuple[float, float]:
        """Normal interval on the log of the dark figure (SparseMSE).

        ``observed + exp(intercept +/- z * se)``.
        """
        z = norm.ppf(0.5 + level / 2.0)
        lo = self.observed + math.exp(math.log(self.dark) - z * self.se_log_dark)
        hi = self.observed + math.exp(math.log(self.dark) + z * self.se_log_dark)
        return lo, hi

    def wald_pvalue(self, term: Term) -> float:
        """Two-sided Wald p-value of a term's coefficient (1 if fitted at -inf)."""
        key = ":".join(self.names[i] for i in term)
        if key not in self.coefficients:
            return 1.0
        se = self.std_errors[key]
        if not se > 0:
            return 1.0
        return float(2.0 * norm.sf(abs(self.coefficients[key]) / se))


def fit_model(
    table: CaptureTable,
    terms: Sequence[Term] | Sequence[str] = (),
    *,
    space: ModelSpace | None = None,
    check: bool = True,
) -> ModelFit:
    """Fit the hierarchical log-linear model with the given interaction terms.

    Parameters
    ----------
    table : CaptureTable
    terms : sequence of Term or str
        Interaction terms (``(0, 1)`` or ``"A:B"``); sub-terms are added.
    space : ModelSpace, optional
        Cached design to reuse.
    check : bool
        Run the existence / identifiability check.

    Returns
    -------
    ModelFit
    """
    from ._terms import parse_term

    tt = [parse_term(t, table.names) if isinstance(t, str) else tuple(sorted(t)) for t in terms]
    order = max((len(t) for t in tt), default=2)
    if space is None or space.maxorder < order:
        space = ModelSpace(table, max(order, 2))
    row = space.row(tt)
    return fit_row(space, row, check=check)


def fit_row(space: ModelSpace, row: np.ndarray, *, check: bool = True) -> ModelFit:
    """Fit one model row of ``space`` and package it as a :class:`ModelFit`."""
    res, n_par = space.fit(row[None, :])
    colmask, cellmask, _ = space.masks(row[None, :])
    existence = space.check(row) if check else Existence(True, True)
    aic, bic = criteria(res.loglik, n_par, space.observed)
    names = space.table.names
    labels = ["(Intercept)", *names, *(term_name(t, names) for t in space.terms)]
    coefs = {labels[j]: float(res.beta[0, j]) for j in range(len(labels)) if colmask[0, j]}
    ses = {labels[j]: float(math.sqrt(max(res.cov[0, j, j], 0.0))) for j in range(len(labels)) if colmask[0, j]}
    terms = tuple(t for j, t in enumerate(space.terms) if row[j])
    empty = tuple(t for j, t in enumerate(space.terms) if row[j] and space.empty[j])
    return ModelFit(
        names=names,
        terms=terms,
        empty_terms=empty,
        observed=int(round(space.observed)),
        dark=float(math.exp(min(res.beta[0, 0], 709.0))),
        se_log_dark=float(math.sqrt(max(res.cov[0, 0, 0], 0.0))),
        deviance=float(res.deviance[0]),
        df=int(cellmask[0].sum() - colmask[0].sum()),
        aic=float(aic[0]),
        bic=float(bic[0]),
        n_params=int(n_par[0]),
        coefficients=coefs,
        std_errors=ses,
        existence=existence,
        converged=bool(res.converged[0]),
        fitted=res.mu[0],
    )
