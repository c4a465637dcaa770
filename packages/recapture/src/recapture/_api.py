"""The main entry point :func:`estimate`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ._bootstrap import SelectionSpec, bootstrap
from ._model import ModelSpace, criteria, fit_row
from ._profile import profile_likelihood
from ._results import CandidateModel, Interval, MSEResult
from ._selection import Selection, select_bhs, select_exhaustive, select_stepwise
from ._table import CaptureTable
from ._terms import Term, generating_class, parse_term, term_name
from ._threads import single_threaded_blas

__all__ = ["estimate", "METHODS"]

METHODS = ("main", "fixed", "stepwise", "bhs", "bic", "aic")
_DEFAULT_THRESHOLD = {"stepwise": 0.02, "bhs": 0.05}
_MAX_CANDIDATES = 100_000


def _names(terms: Sequence[Term], names: Sequence[str]) -> tuple[str, ...]:
    return tuple(term_name(t, names) for t in terms)


def _candidates(space: ModelSpace, sel: Selection, sort_by: str | None = None) -> tuple[CandidateModel, ...]:
    """Candidate table; sorted by ``sort_by`` ("aic"/"bic") and capped if given."""
    c = sel.candidates
    if c is None:
        return ()
    if sort_by is not None:
        keep = np.argsort(c[sort_by], kind="stable")[:_MAX_CANDIDATES]
        c = {key: val[keep] for key, val in c.items()}
    names = space.table.names
    rows = c["rows"]
    labels = [term_name(t, names) for t in space.terms]
    sets = [set(t) for t in space.terms]
    sup = np.array([[a < b for b in sets] for a in sets], dtype=float)  # sup[i, j]: i inside j
    maximal = rows & ~((rows.astype(float) @ sup.T) > 0)
    order = sorted(range(len(space.terms)), key=lambda j: (len(space.terms[j]), space.terms[j]))
    dev, df, aic, bic, est, valid = (
        c["deviance"].tolist(),
        c["df"].tolist(),
        c["aic"].tolist(),
        c["bic"].tolist(),
        c["estimate"].tolist(),
        c["valid"].tolist(),
    )
    out = []
    for i in range(rows.shape[0]):
        mi = maximal[i]
        v = valid[i]
        out.append(
            CandidateModel(
                tuple(labels[j] for j in order if mi[j]),
                dev[i],
                df[i],
                aic[i],
                bic[i],
                est[i],
                None if v < 0 else bool(v),
            )
        )
    return tuple(out)


def _fail_text(sel: Selection, table: CaptureTable) -> list[str]:
    return [
        f"[{', '.join(_names(generating_class(ts), table.names)) or 'main effects'}]: {why}" for ts, why in sel.failed
    ]


def _path(space: ModelSpace, sel: Selection) -> Selection:
    """Attach the models along a stepwise path as the candidate table."""
    rows = np.zeros((len(sel.order_added) + 1, len(space.terms)), dtype=bool)
    for i, t in enumerate(sel.order_added):
        rows[i + 1 :, space.index[t]] = True
    res, npar = space.fit(rows)
    colmask, cellmask, _ = space.masks(rows)
    aic, bic = criteria(res.loglik, npar, space.observed)
    valid = np.array([space.check(r).ok for r in rows], dtype=np.int8)
    cands = {
        "rows": rows,
        "deviance": res.deviance,
        "df": cellmask.sum(axis=1) - colmask.sum(axis=1),
        "aic": aic,
        "bic": bic,
        "estimate": space.observed + np.exp(np.minimum(res.beta[:, 0], 709.0)),
        "valid": valid,
    }
    return Selection(sel.row, sel.order_added, sel.models_searched, cands, sel.failed)


def _short_list(items: list[str], first: int = 3) -> str:
    """The first few items and how many more, for an error message."""
    head = "; ".join(items[:first])
    return head if len(items) <= first else f"{head}; and {len(items) - first:,} more"


def _refuse_hopeless(space: ModelSpace, method: str) -> None:
    """Refuse up front a search in which no model can have an MLE.

    When no interaction has an empty overlap (so no cells leave any fit), the
    MLE of a larger hierarchical model can only exist if that of the
    main-effects model does (the sufficient statistics of the smaller model
    are a linear image of the larger model's, and relative interiors map
    onto relative interiors).  A table whose main-effects MLE does not exist
    (e.g. everybody on every list) is then hopeless for every method.
    """
    if space.empty.any() or space.empty_lists.any():
        return
    ex = space.check(np.zeros(len(space.terms), dtype=bool))
    if not ex.exists:
        raise ValueError(
            "no log-linear model can be fitted to this table: even the main-effects "
            "MLE does not exist (the capture patterns carry no information on the "
            f"dark figure, e.g. everybody is on every list); method {method!r} refused"
        )


@single_threaded_blas()
def estimate(
    table: CaptureTable,
    method: str = "stepwise",
    *,
    terms: Sequence[str | Term] = (),
    maxorder: int | None = None,
    threshold: float | None = None,
    interval: str | None = None,
    level: float = 0.95,
    n_boot: int = 0,
    bootstrap_kind: str = "nonparametric",
    bootstrap_interval: str = "bca",
    seed: int | np.random.SeedSequence | np.random.Generator | None = None,
    rng: np.random.Generator | None = None,
    workers: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    boot_mc_tol: float | None = None,
    max_boot: int = 20_000,
) -> MSEResult:
    """Estimate the population size by multiple systems estimation.

    Parameters
    ----------
    table : CaptureTable
        Validated capture-history table (see :func:`read_csv`).
    method : {"main", "fixed", "stepwise", "bhs", "bic", "aic"}
        ``main``: main effects only; ``fixed``: the model given by ``terms``;
        ``stepwise``: Chan, Silverman & Vincent (2021); ``bhs``: Bales,
        Hesketh & Silverman (2015); ``bic``/``aic``: exhaustive search over
        all hierarchical models up to ``maxorder``.
    terms : sequence of str or Term
        Interactions for ``method="fixed"`` (e.g. ``["A:B", "B:C:D"]``).
    maxorder : int, optional
        Highest interaction order for ``bic``/``aic`` (1..K-1; default
        ``min(2, K-1)``).
    threshold : float, optional
        p-value threshold (default 0.02 for stepwise, 0.05 for bhs).
    interval : {"model", "profile", "bootstrap", None}, optional
        Headline interval; default ``bootstrap`` when ``n_boot > 0``,
        ``model`` for main/fixed/stepwise, ``profile`` for bhs/bic/aic.
        The model and profile intervals are always computed.
    level : float
        Confidence level.
    n_boot : int
        Bootstrap replicates (0: no bootstrap).  The model selection is
        repeated inside every replicate.
    bootstrap_kind : {"nonparametric", "parametric"}
    bootstrap_interval : {"bca", "percentile"}
    seed, rng : optional
        Random source for the bootstrap (``rng`` takes precedence).
    workers : int, optional
        Processes for the bootstrap (default up to 2).
    progress : callable, optional
        ``progress(stage, done, total)`` for long work.
    boot_mc_tol : float, optional
        Adaptive bootstrap: add replicates (doubling, up to ``max_boot``)
        until the Monte Carlo error of each finite bound is at most
        ``boot_mc_tol`` times the bound (e.g. 0.01 on sparse tables).  The
        bootstrap interval reports its bounds' Monte Carlo errors, the
        number of replicates and how many were infinite.
    max_boot : int
        Most replicates of the adaptive bootstrap.

    Returns
    -------
    MSEResult
        ``warnings`` says how many bootstrap replicates had no finite
        estimate (they are kept as infinite, never dropped) and when the
        headline interval has no upper bound.

    References
    ----------
    Chan, L., Silverman, B. W. and Vincent, K. (2021). Multiple systems
    estimation for sparse capture data: inferential challenges when there
    are nonoverlapping lists. *JASA* 116, 1297-1306.

    Bales, K., Hesketh, O. and Silverman, B. W. (2015). Modern slavery in
    the UK: how many victims? *Significance* 12(3), 16-21.

    Rivest, L.-P. and Baillargeon, S. (2014). Rcapture. CRAN.
    """
    if not isinstance(table, CaptureTable):
        raise ValueError(f"table must be a CaptureTable, got {type(table).__name__}")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {METHODS}")
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    if n_boot < 0:
        raise ValueError(f"n_boot must be >= 0, got {n_boot!r}")
    if interval not in (None, "model", "profile", "bootstrap"):
        raise ValueError(f"unknown interval {interval!r}")
    if interval == "bootstrap" and n_boot < 2:
        raise ValueError(f"a bootstrap interval needs n_boot >= 2, got {n_boot}")
    k = table.n_lists
    if maxorder is None:
        maxorder = min(2, k - 1)
    if method in ("bic", "aic") and not 1 <= maxorder <= k - 1:
        raise ValueError(f"maxorder must be between 1 and K-1 = {k - 1}, got {maxorder}")
    if threshold is None:
        threshold = _DEFAULT_THRESHOLD.get(method, 0.02)
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be in [0, 1], got {threshold!r}")
    warnings: list[str] = []

    fixed_terms: tuple[Term, ...] = ()
    order = 2
    if method == "fixed":
        fixed_terms = tuple(parse_term(t, table.names) if isinstance(t, str) else tuple(sorted(t)) for t in terms)
        order = max([2, *(len(t) for t in fixed_terms)])
    elif method in ("bic", "aic"):
        order = maxorder
    space = ModelSpace(table, max(1, min(order, k - 1)))

    def prog(stage: str) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress(stage, done, total)

    _refuse_hopeless(space, method)
    if method == "main":
        sel = Selection(np.zeros(len(space.terms), dtype=bool), (), 1)
    elif method == "fixed":
        sel = Selection(space.row(fixed_terms), fixed_terms, 1)
    elif method == "stepwise":
        sel = select_stepwise(space, threshold)
    elif method == "bhs":
        sel = select_bhs(space, threshold)
    else:
        sel = select_exhaustive(space, method, progress=prog("models"))
    if method in ("stepwise", "bhs"):
        sel = _path(space, sel)
    fit = fit_row(space, sel.row)
    if not fit.existence.ok:
        bad = ", ".join(fit.term_names) or "main effects only"
        why = "does not exist" if not fit.existence.exists else "is not identifiable"
        raise ValueError(
            f"no usable model: the MLE of the dark figure for the model [{bad}] {why}"
            + (f"; rejected: {_short_list(_fail_text(sel, table))}" if sel.failed else "")
        )
    if not fit.converged:
        warnings.append("the model fit did not converge")
    failed = tuple(_fail_text(sel, table))
    intervals: dict[str, Interval] = {}
    lo, hi = fit.model_interval(level)
    intervals["model"] = Interval(lo, hi, "model", level)
    multinomial = None
    replicates = None
    try:
        prof = profile_likelihood(space, sel.row, fit.estimate, level)
        multinomial = prof.estimate
        intervals["profile"] = Interval(prof.low, prof.high, "profile", level)
        if not np.isfinite(prof.high):
            warnings.append("the profile-likelihood upper bound exceeds 3 x the estimate")
    except (ValueError, FloatingPointError, np.linalg.LinAlgError) as exc:  # pragma: no cover
        warnings.append(f"profile likelihood failed: {exc}")
    if n_boot > 0:
        spec = SelectionSpec(
            method=method if method != "main" else "fixed",
            threshold=threshold,
            maxorder=space.maxorder,
            terms=fixed_terms,
        )
        boot = bootstrap(
            table,
            fit.estimate,
            spec,
            n_boot=n_boot,
            kind=bootstrap_kind,
            interval=bootstrap_interval,
            level=level,
            fitted=fit.fitted,
            seed=rng if rng is not None else seed,
            workers=workers,
            progress=prog("bootstrap"),
            mc_tol=boot_mc_tol,
            max_boot=max_boot,
        )
        replicates = boot.replicates
        intervals["bootstrap"] = Interval(
            boot.low,
            boot.high,
            f"bootstrap-{boot.method}",
            level,
            mc_error_low=boot.mc_error_low,
            mc_error_high=boot.mc_error_high,
            replicates=boot.n_boot,
            n_infinite=boot.n_infinite,
        )
        if boot.n_infinite:
            warnings.append(
                f"{boot.n_infinite} of {boot.n_boot} bootstrap replicates had no finite "
                "estimate (no model with an existing MLE); they are kept as infinite"
            )
    if interval is None:
        if n_boot > 0:
            interval = "bootstrap"
        elif method in ("bhs", "bic", "aic"):
            interval = "profile"
        else:
            interval = "model"
    headline = intervals.get(interval, intervals["model"])
    if headline.unbounded_high:
        warnings.append(
            f"the {headline.method} interval has no upper bound: the data do not bound the population size from above"
        )
    return MSEResult(
        estimate=fit.estimate,
        observed=table.observed,
        dark_figure=fit.dark,
        terms=tuple(fit.term_names),
        empty_overlap_terms=tuple(fit.empty_term_names),
        method=method,
        interval=headline,
        intervals=intervals,
        multinomial_estimate=multinomial,
        models_searched=sel.models_searched,
        terms_added=_names(sel.order_added, table.names) if method in ("stepwise", "bhs") else (),
        failed_models=failed,
        candidates=_candidates(space, sel, method if method in ("aic", "bic") else None),
        warnings=tuple(warnings),
        lists=table.names,
        deviance=fit.deviance,
        df=fit.df,
        aic=fit.aic,
        bic=fit.bic,
        se_log_dark=fit.se_log_dark,
        replicates=replicates,
    )
