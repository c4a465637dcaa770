"""The one place that calls the ``recapture`` library (a change of its API touches only this file)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from django.utils.translation import gettext

# Fewer young people on both of two lists and no two-list estimate is made (recapture.MIN_OVERLAP).
MIN_OVERLAP = 7
# The sampler settings used when a snapshot is made: modest, so that making one takes seconds.
LATENT_CLASS_OPTIONS: dict[str, Any] = {"chains": 8, "burnin": 2_000, "samples": 2_000, "thinning": 5}
BOOTSTRAP_OPTIONS: dict[str, Any] = {"n_boot": 1_000, "boot_mc_tol": 0.01, "max_boot": 8_000, "workers": 1}


# Fewer validation pairs than this (pairs of records of one person that both carry a BSN) and the
# headline is not corrected for linkage error (the same floor as ``linkage.MIN_QUALITY_PAIRS``).
MIN_VALIDATION_PAIRS = 20
LINKAGE_BOOTSTRAP = 500


class EstimationError(ValueError):
    """The lists do not support an estimate (too few lists, no overlap, model does not exist)."""


@dataclass(frozen=True)
class Estimate:
    estimate: float
    interval_low: float | None
    interval_high: float | None
    interval_method: str
    observed: int
    terms: tuple[str, ...]
    method: str
    library_version: str
    warnings: tuple[str, ...] = ()


def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def estimate_population(
    *, patterns: Sequence[Sequence[int]], counts: Sequence[int], names: Sequence[str], method: str = "stepwise"
) -> Estimate:
    """Population size from a capture-history table: Chapman for two lists, else log-linear MSE.

    ``method`` is passed to ``recapture.estimate`` for three or more lists (default: stepwise
    selection as in SparseMSE, Chan, Silverman & Vincent 2021).
    """
    import recapture

    _check_overlap(patterns, counts, names)
    try:
        table = recapture.CaptureTable.from_counts(patterns, counts, names)
        if len(names) == 2:
            result = recapture.chapman(table)
        else:
            result = recapture.estimate(table, method=method)
    except ValueError as exc:
        raise EstimationError(str(exc)) from exc
    if not math.isfinite(result.estimate):
        raise EstimationError("the estimate does not exist for these lists (no overlap)")
    interval = result.interval
    return Estimate(
        estimate=float(result.estimate),
        interval_low=_finite(interval.low) if interval else None,
        interval_high=_finite(interval.high) if interval else None,
        interval_method=interval.method if interval else "",
        observed=int(result.observed),
        terms=tuple(result.terms),
        method=result.method,
        library_version=recapture.__version__,
        warnings=tuple(result.warnings),
    )


def _check_overlap(patterns: Sequence[Sequence[int]], counts: Sequence[int], names: Sequence[str]) -> None:
    """Two lists need a minimum overlap; the refusal names no count (it may be a small one)."""
    if len(names) != 2:
        return
    both = sum(int(c) for p, c in zip(patterns, counts, strict=True) if all(p))
    if both < MIN_OVERLAP:
        raise EstimationError(
            gettext(
                "fewer than %(minimum)s young people are on both registrations. With so little overlap two "
                "registrations say almost nothing about the real number (and with none, nothing at all). Add a "
                "third registration or choose a longer period."
            )
            % {"minimum": MIN_OVERLAP}
        )


def compare_estimates(
    *,
    patterns: Sequence[Sequence[int]],
    counts: Sequence[int],
    names: Sequence[str],
    seed: int,
    validation: Any | None = None,
) -> tuple[Estimate, dict[str, Any]]:
    """The headline estimate and every defensible method side by side (``recapture.compare_methods``).

    Two lists: Chapman with its profile-likelihood interval. Three or more: stepwise log-linear
    selection with a bootstrap interval that redoes the selection (the headline, see ADR 0010), the
    latent-class model and, for three to five lists, decomposable-graph model averaging. The
    samplers run with modest settings (``LATENT_CLASS_OPTIONS``): seconds, not minutes.

    With three or more lists and ``validation`` (``linkage_validation``) resting on at least
    ``MIN_VALIDATION_PAIRS`` pairs, the headline is the stepwise estimate from capture histories
    corrected for the measured missed links (``recapture.estimate_linkage_corrected``, method
    ``stepwise_linkage``); the uncorrected stepwise estimate stays beside it as
    ``stepwise_uncorrected`` and the correction's rates are stored under ``linkage_correction``.
    """
    import recapture

    _check_overlap(patterns, counts, names)
    headline = "chapman" if len(names) == 2 else "stepwise"
    try:
        table = recapture.CaptureTable.from_counts(patterns, counts, names)
        comparison = recapture.compare_methods(
            table,
            headline=headline,
            seed=seed,
            latent_class_options=LATENT_CLASS_OPTIONS,
            **BOOTSTRAP_OPTIONS,
        )
    except ValueError as exc:
        raise EstimationError(str(exc)) from exc
    main = comparison.headline
    if main is None:
        raise EstimationError(comparison.failed.get(headline, "the estimate does not exist for these lists"))
    if not math.isfinite(main.estimate):
        raise EstimationError("the estimate does not exist for these lists (no overlap)")
    warnings = list(main.warnings)
    if main.interval.unbounded_high or main.interval.unbounded_low:
        warnings.append("the interval has an unbounded side: the lists do not bound the number there")
    estimate = Estimate(
        estimate=float(main.estimate),
        interval_low=_finite(main.interval.low),
        interval_high=_finite(main.interval.high),
        interval_method=main.interval.method,
        observed=int(comparison.observed),
        terms=tuple(getattr(main.detail, "terms", ()) or ()),
        method=headline,
        library_version=recapture.__version__,
        warnings=tuple(warnings),
    )
    methods = {
        **comparison.to_dict(),
        "seed": seed,
        "settings": {"latent_class": LATENT_CLASS_OPTIONS, "bootstrap": BOOTSTRAP_OPTIONS},
    }
    if validation is not None and len(names) >= 3:
        return _linkage_headline(table, validation, estimate, methods, seed=seed)
    return estimate, methods


def _linkage_headline(
    table: Any, validation: Any, uncorrected: Estimate, methods: dict[str, Any], *, seed: int
) -> tuple[Estimate, dict[str, Any]]:
    """The corrected estimate as headline when the validation pairs allow it; else a note why not."""
    import recapture

    if validation.total_pairs < MIN_VALIDATION_PAIRS:
        methods["linkage_correction"] = {"applied": False, "reason": "too_few_pairs", "pairs": validation.total_pairs}
        return uncorrected, methods
    try:
        res = recapture.estimate_linkage_corrected(table, validation, n_boot=LINKAGE_BOOTSTRAP, seed=seed)
    except ValueError as exc:  # e.g. a list without any validation pair
        methods["linkage_correction"] = {"applied": False, "reason": str(exc), "pairs": validation.total_pairs}
        return uncorrected, methods
    if not math.isfinite(res.estimate):
        methods["linkage_correction"] = {"applied": False, "reason": "no_estimate", "pairs": validation.total_pairs}
        return uncorrected, methods
    warnings = list(res.warnings)
    if res.interval.unbounded_high:
        warnings.append("the interval has an unbounded side: the lists do not bound the number there")
    headline = {
        "method": "stepwise_linkage",
        "label": "stepwise log-linear on capture histories corrected for missed links (BSN-validated)",
        "estimate": float(res.estimate),
        "interval": res.interval.to_dict(),
        "warnings": warnings,
    }
    rows = [
        {**row, "method": "stepwise_uncorrected"} if row.get("method") == "stepwise" else row
        for row in methods.get("estimates", [])
    ]
    methods.update(
        estimates=[headline, *rows],
        headline_method="stepwise_linkage",
        linkage_correction={"applied": True, **res.to_dict()},
    )
    finite = [r["estimate"] for r in methods["estimates"] if r.get("estimate") is not None]
    methods["estimate_range"] = [min(finite), max(finite)]
    estimate = Estimate(
        estimate=float(res.estimate),
        interval_low=_finite(res.interval.low),
        interval_high=_finite(res.interval.high),
        interval_method=res.interval.method,
        observed=uncorrected.observed,
        terms=res.terms,
        method="stepwise_linkage",
        library_version=recapture.__version__,
        warnings=tuple(warnings),
    )
    return estimate, methods


def linkage_validation(
    records: Sequence[Mapping[str, str]],
    *,
    lists: Sequence[str],
    threshold: int,
    evidence: Mapping[tuple[int, int], set[str]],
    name_links: AbstractSet[tuple[int, int]] | None = None,
    source_field: str = "source",
) -> Any:
    """The name keys' decisions on the pairs of records whose truth the BSN gives, by pair of lists.

    Records that share a BSN key are one person: every such pair of records that both have enough
    name keys to be linked without the BSN (``pseudonymise.linkable_by``; records without a BSN and
    without them are left out on upload) is a validation pair, and whether the rule links it on
    names alone measures the rule's recall there. ``name_links`` are the pairs of BSN records the
    rule links on names (``linkage.bsn_pair_links`` at ``threshold`` when not given; the learnt
    rule's cross-fitted ``validated_links``). Those between different BSN keys are false links;
    the pairs of BSNs they join are the measured false merges. A pair between a capable record and
    a weak one (a BSN but too few name keys) is a weak pair: the learnt rule links some of those on
    its tolerant keys. Returns a ``recapture.LinkageValidation`` for the lists in ``lists`` order.
    """
    import recapture
    from zicht.sources.linkage import bsn_pair_links
    from zicht.sources.pseudonymise import linkable_by

    if name_links is None:
        name_links = bsn_pair_links(records, threshold=threshold, evidence=evidence)
    index = {name: i for i, name in enumerate(lists)}
    k = len(lists)
    pairs, linked, weak_pairs, weak_linked = (np.zeros((k, k), dtype=np.int64) for _ in range(4))
    records_on, certain, capable = (np.zeros(k, dtype=np.int64) for _ in range(3))
    by_bsn: dict[str, list[int]] = defaultdict(list)
    strong: dict[int, bool] = {}  # per record with a BSN: enough name keys to link without it
    for n, record in enumerate(records):
        i = index[str(record[source_field])]
        records_on[i] += 1
        if record.get("bsn_key"):
            certain[i] += 1
            strong[n] = linkable_by({**record, "bsn_key": ""}) == "names"
            capable[i] += strong[n]
            by_bsn[record["bsn_key"]].append(n)
    for members in by_bsn.values():
        for a, b in combinations(members, 2):
            if not (strong[a] or strong[b]):
                continue  # two weak records: the linkage never decides such a pair on names
            if not strong[a]:
                a, b = b, a
            i, j = index[str(records[a][source_field])], index[str(records[b][source_field])]
            found = (min(a, b), max(a, b)) in name_links
            if strong[b]:
                pairs[min(i, j), max(i, j)] += 1
                linked[min(i, j), max(i, j)] += found
            else:
                weak_pairs[i, j] += 1
                weak_linked[i, j] += found
    false = [(a, b) for a, b in name_links if records[a]["bsn_key"] != records[b]["bsn_key"]]
    return recapture.LinkageValidation(
        tuple(lists),
        pairs,
        linked,
        records_on,
        certain,
        capable,
        false_links=len(false),
        predicted=len(name_links),
        weak_pairs=weak_pairs,
        weak_linked=weak_linked,
        merged=false_merged_people(records, false, strong),
    )


def false_merged_people(
    records: Sequence[Mapping[str, str]], false: Sequence[tuple[int, int]], strong: Mapping[int, bool]
) -> tuple[int, int]:
    """Pairs of different BSNs joined by a name link: by one between two capable records, else by one
    with a weak record (links between two weak records do not occur in the linkage and are left out)."""
    kinds: dict[tuple[str, str], bool] = {}
    for a, b in false:
        if not (strong[a] or strong[b]):
            continue
        one, other = records[a]["bsn_key"], records[b]["bsn_key"]
        people = (min(one, other), max(one, other))
        kinds[people] = kinds.get(people, False) or (strong[a] and strong[b])
    both_capable = sum(kinds.values())
    return both_capable, len(kinds) - both_capable
