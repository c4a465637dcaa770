"""Writes of the partner lists: upload (whole or nothing), own-case lists, estimate snapshots."""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from zicht.api.framework import ApiPrincipal
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.cases.models import Case
from zicht.common.actors import actor_is_system, actor_organization_id, actor_role
from zicht.common.pseudonyms import key_id
from zicht.people.ages import age_group, age_on
from zicht.sources.constants import LEARNT_RULE, SENSITIVITY_THRESHOLDS, LinkRule, UploadChannel
from zicht.sources.estimation import EstimationError, compare_estimates, estimate_population, linkage_validation
from zicht.sources.linkage import KEY_FIELDS, capture_histories, link_records, linkage_quality, pair_evidence
from zicht.sources.models import EstimateSnapshot, SourceList, SourceRecord
from zicht.sources.permissions import may_upload_list, role_runs_estimates
from zicht.sources.pseudonymise import KEY_COLUMNS, TOLERANT_COLUMNS, keys_for_identity, linkable_counts
from zicht.sources.upload import RowChecker, numbered
from zicht.sources.upset import upset_alt_text, upset_svg

UPLOAD_BATCH = 2000  # rows written at once while a list streams in


@transaction.atomic
def source_list_upload(
    *,
    organization: Any,
    name: str,
    year: int,
    rows: Iterable[Any],
    actor: Any,
    uploaded_by: Any = None,
    channel: str = UploadChannel.SCREEN,
    rows_are_numbered: bool = False,
) -> SourceList:
    """Store a pseudonymised list, or nothing at all (``FileRejected`` with the per-row report).

    ``rows`` are dicts, or with ``rows_are_numbered`` the ``(number, row or RowError)`` pairs of
    ``upload.csv_rows`` (a stream: at most ``UPLOAD_BATCH`` rows are in memory at once).
    """
    if not may_upload_list(
        role=actor_role(actor),
        actor_org_id=actor_organization_id(actor),
        organization_id=organization.pk,
        is_system=actor_is_system(actor),
        is_api=isinstance(actor, ApiPrincipal),
    ):
        raise PermissionDenied
    checker = RowChecker(year=year, max_rows=settings.ZICHT_UPLOAD_MAX_ROWS)
    source_list = SourceList.objects.create(
        organization=organization,
        name=name,
        year=year,
        uploaded_by=uploaded_by,
        row_count=0,
        key_id="",
        channel=channel,
    )
    # Rows are checked and written in batches as they stream past; any error rolls the whole list back.
    good = checker.rows(rows if rows_are_numbered else numbered(rows))
    while batch := list(itertools.islice(good, UPLOAD_BATCH)):
        if not checker.errors:
            SourceRecord.objects.bulk_create(
                [SourceRecord(source_list=source_list, **_record_fields(r)) for r in batch]
            )
    source_list.key_id = checker.finish()
    source_list.row_count = checker.count
    source_list.save(update_fields=["key_id", "row_count"])
    access_log_record(user=actor, action=AccessAction.CREATE, purpose=Purpose.STATISTICS, obj=source_list)
    return source_list


def source_list_linkable_counts(source_list: SourceList) -> Counter[str]:
    """How many stored rows of the list are linkable by which keys (the upload summary)."""
    return linkable_counts(source_list.records.values(*KEY_COLUMNS).iterator())


def _record_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    return {f: row[f] for f in (*KEY_COLUMNS, *TOLERANT_COLUMNS, "year", "age_band", "exploitation_forms")}


@transaction.atomic
def source_list_build_from_cases(
    *, organization: Any, year: int, list_key: str, actor: Any, name: str = "", link_threshold: float | None = None
) -> SourceList:
    """The support organisation's own list for ``year``, keyed with the shared list key.

    Runs in the trusted environment: the YoungPerson rows are decrypted in memory, duplicates are
    found with Splink (probabilistic), one record per cluster is keyed, and the clear data are
    dropped. Each record keeps only the pseudonymous ids of the young-person rows it links.
    """
    from zicht.sources.splink_linkage import DEFAULT_THRESHOLD, dedupe_identities

    cases = list(
        Case.objects.filter(organization=organization, registration_year=year)
        .select_related("young_person")
        .prefetch_related("exploitations")
    )
    people = []
    for case in cases:
        person = case.young_person
        people.append(
            {
                "unique_id": person.pk,
                "given_names": person.given_names or "",
                "prefix": person.family_name_prefix or "",
                "family_name": person.family_name or "",
                "date_of_birth": person.date_of_birth,
                "bsn": person.bsn or "",
                "age": case.age_at_registration,
                "forms": {e.type for e in case.exploitations.all()},
            }
        )
    unique = {p["unique_id"]: p for p in people}
    threshold = DEFAULT_THRESHOLD if link_threshold is None else link_threshold
    clusters = dedupe_identities(list(unique.values()), threshold=threshold)
    members: dict[Any, list[dict]] = {}
    for identity in people:
        members.setdefault(clusters[identity["unique_id"]], []).append(identity)
    records = []
    for group in members.values():
        best = max(group, key=lambda p: (bool(p["bsn"]), bool(p["date_of_birth"]), len(p["given_names"])))
        # A BSN failing the eleven test is left out; the person is kept on their other keys.
        keys = keys_for_identity(best, key=list_key).keys
        ages = [p["age"] for p in group if p["age"] is not None]
        forms = sorted(set().union(*(p["forms"] for p in group))) or ["unknown"]
        records.append(
            {
                **keys,
                "year": year,
                "age_band": age_group(min(ages) if ages else None),
                "exploitation_forms": ";".join(forms),
                "local_refs": sorted({p["unique_id"] for p in group}),
            }
        )
    people.clear()
    unique.clear()
    source_list = SourceList.objects.create(
        organization=organization,
        name=name or str(organization),
        year=year,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        row_count=len(records),
        key_id=key_id(list_key),
        channel=UploadChannel.OWN_CASES,
    )
    SourceRecord.objects.bulk_create(SourceRecord(source_list=source_list, **r) for r in records)
    access_log_record(user=actor, action=AccessAction.CREATE, purpose=Purpose.STATISTICS, obj=source_list)
    return source_list


def records_for_period(*, year_from: int, year_to: int) -> tuple[list[dict[str, Any]], list[SourceList], list[str]]:
    """Records of all lists in the period made with the most used list key; source = organisation."""
    lists = list(SourceList.objects.filter(year__gte=year_from, year__lte=year_to).select_related("organization"))
    warnings: list[str] = []
    if not lists:
        return [], [], warnings
    key_counts = Counter(sl.key_id for sl in lists)
    chosen_key = key_counts.most_common(1)[0][0]
    if len(key_counts) > 1:
        warnings.append(
            f"{sum(1 for sl in lists if sl.key_id != chosen_key)} list(s) made with another list key were left out"
        )
    lists = [sl for sl in lists if sl.key_id == chosen_key]
    source_of = {sl.pk: sl.organization.name for sl in lists}
    fields = ("source_list_id", *KEY_FIELDS, *TOLERANT_COLUMNS, "age_band", "exploitation_forms")
    records = [dict(r) for r in SourceRecord.objects.filter(source_list__in=lists).values(*fields)]
    for record in records:
        record["source"] = source_of[record["source_list_id"]]
    return records, lists, warnings


def estimate_snapshot_create(
    *,
    period_start: dt.date,
    period_end: dt.date,
    user: Any,
    stratum: str = "all",
    link_rule: str = LinkRule.LEARNT,
    threshold: int = 2,
    method: str = "stepwise",
    sensitivity_thresholds: Iterable[int] = SENSITIVITY_THRESHOLDS,
) -> EstimateSnapshot:
    """Link the lists of the period, build capture histories and store a reproducible estimate.

    Records are linked by ``link_rule``: by the rule learnt from the BSN-decided pairs (the default;
    ``learnt_linkage``, with ``threshold`` where a pattern has too few pairs), or at ``threshold``
    agreeing name keys. The headline's correction undoes the false merges and the missed links
    measured on the BSN pairs, for either rule (``benchmarks/linkage_quality.py``, ADR 0012).
    The snapshot holds the headline (ADR 0010) and the other defensible methods side by side; the
    samplers run here with modest settings (a few seconds), there is no background job for them.
    It also holds the linkage statement: the rule and, from the pairs of records that both carry a
    BSN, the measured recall and precision of the rule's links on names (the learnt rule judging
    each pair with its own persons left out), or that it was not measured, and whether the headline
    is corrected for the missed links measured there (``corrected``).
    Raises ``EstimationError`` when the lists do not support an estimate; nothing is stored then.
    """
    from zicht.sources.learnt_linkage import link_records_learnt
    from zicht.stats.prose import source_label

    if link_rule not in LinkRule.values:
        raise ValueError(f"unknown link rule {link_rule!r}")

    if not (actor_is_system(user) or role_runs_estimates(actor_role(user))):
        raise PermissionDenied
    records, lists, warnings = records_for_period(year_from=period_start.year, year_to=period_end.year)
    if len({r["source"] for r in records}) < 2:
        raise EstimationError("an estimate needs lists from at least two organisations in the period")
    evidence = pair_evidence(records)
    learnt = link_records_learnt(records, evidence=evidence, threshold=threshold)
    if link_rule == LinkRule.LEARNT:
        clusters, name_links = learnt.clusters, learnt.validated_links
    else:
        clusters, name_links = link_records(records, threshold=threshold, evidence=evidence), None
    histories = capture_histories(records, clusters, stratum=stratum)
    # The BSN-validated linkage error is measured over all records of the period (every stratum).
    validation = linkage_validation(
        records, lists=histories.lists, threshold=threshold, evidence=evidence, name_links=name_links
    )
    result, methods = compare_estimates(
        patterns=histories.patterns,
        counts=histories.counts,
        names=histories.lists,
        seed=secrets.randbits(32),
        validation=validation,
    )
    sensitivity: list[dict[str, object]] = []
    for t in sorted(set(sensitivity_thresholds) | {threshold}):
        h = capture_histories(records, link_records(records, threshold=t, evidence=evidence), stratum=stratum)
        try:
            e = estimate_population(patterns=h.patterns, counts=h.counts, names=h.lists, method=method)
            sensitivity.append(
                {
                    "threshold": t,
                    "observed": h.observed,
                    "estimate": e.estimate,
                    "interval_low": e.interval_low,
                    "interval_high": e.interval_high,
                }
            )
        except EstimationError as exc:
            sensitivity.append({"threshold": t, "observed": h.observed, "estimate": None, "error": str(exc)})
    learnt_row = _learnt_rule_sensitivity(records, learnt, stratum=stratum, method=method)
    if learnt_row:
        sensitivity.append(learnt_row)
    corrected = bool((methods.get("linkage_correction") or {}).get("applied"))
    snapshot = EstimateSnapshot.objects.create(
        created_by=user if getattr(user, "pk", None) else None,
        period_start=period_start,
        period_end=period_end,
        stratum=stratum,
        method=result.method,
        library_version=result.library_version,
        link_rule=link_rule,
        link_threshold=threshold,
        inputs=histories.as_json(),
        sources=sorted({source_label(f"{sl.organization.name}: {sl.name} {sl.year}") for sl in lists}),
        estimate=result.estimate,
        interval_low=result.interval_low,
        interval_high=result.interval_high,
        interval_method=result.interval_method,
        observed=result.observed,
        terms=list(result.terms),
        sensitivity=sensitivity,
        warnings=[*warnings, *result.warnings],
        methods=methods,
        linkage={
            **linkage_quality(records, threshold=threshold, evidence=evidence, name_links=name_links, rule=link_rule),
            "corrected": corrected,
            # snapshots from before the correction undid false merges lack this key
            "false_merges_corrected": corrected,
        },
    )
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.STATISTICS, obj=snapshot)
    return snapshot


def _learnt_rule_sensitivity(
    records: list[dict[str, Any]], learnt: Any, *, stratum: str, method: str
) -> dict[str, object] | None:
    """The estimate with the key rule learnt from the BSN-decided pairs (``learnt_linkage``), as one more
    sensitivity row (``threshold`` "learnt"); None when the lists gave it nothing to learn from."""
    if not learnt.rule.learnt_patterns:
        return None
    h = capture_histories(records, learnt.clusters, stratum=stratum)
    row: dict[str, object] = {
        "threshold": LEARNT_RULE,
        "observed": h.observed,
        "decided_pairs": learnt.rule.decided_pairs,
        "learnt_patterns": learnt.rule.learnt_patterns,
    }
    try:
        e = estimate_population(patterns=h.patterns, counts=h.counts, names=h.lists, method=method)
    except EstimationError as exc:
        return {**row, "estimate": None, "error": str(exc)}
    return {**row, "estimate": e.estimate, "interval_low": e.interval_low, "interval_high": e.interval_high}


def snapshot_overlap(snapshot: EstimateSnapshot):
    """The snapshot's overlap of the lists as it may be shown (through the disclosure layer)."""
    from zicht.stats.publication import overlap_order, overlap_publish

    inputs = snapshot.inputs or {}
    lists, patterns, counts = inputs.get("lists", []), inputs.get("patterns", []), inputs.get("counts", [])
    published = overlap_publish(
        lists=lists, patterns=patterns, counts=counts, start=snapshot.period_start, end=snapshot.period_end
    )
    patterns = [patterns[i] for i in overlap_order(patterns)]
    return published, patterns


def snapshot_sensitivity(snapshot: EstimateSnapshot) -> list[dict]:
    """The sensitivity rows with the observed number protected (rounded, or hidden when small)."""
    from zicht.stats.publication import counts_publish

    rows = list(snapshot.sensitivity or [])
    published = counts_publish(
        key="sensitivity",
        title=str(_("Observed")),
        rows=[row.get("threshold") for row in rows],
        counts=[row.get("observed") or 0 for row in rows],
        start=snapshot.period_start,
        end=snapshot.period_end,
    )
    return [
        {**row, "observed": cell.label, "label": _rule_label(row)}
        for row, cell in zip(rows, published.column_values(0), strict=False)
    ]


def snapshot_link_rule_label(snapshot: EstimateSnapshot) -> str:
    """How the snapshot linked records without a shared BSN, in words."""
    if snapshot.link_rule == LinkRule.LEARNT:
        return _("Rule learnt from the pairs with a BSN; where they are too few, threshold %(n)s") % {
            "n": snapshot.link_threshold
        }
    return _("Threshold %(n)s (keys of name and date of birth that must agree)") % {"n": snapshot.link_threshold}


def _rule_label(row: Mapping[str, Any]) -> str:
    if row.get("threshold") == LEARNT_RULE:
        return str(_("learnt rule"))
    return _("threshold %(n)s") % {"n": row.get("threshold")}


def snapshot_upset(snapshot: EstimateSnapshot) -> tuple[str, str]:
    """The overlap picture of a snapshot (SVG) and its text alternative."""

    published, patterns = snapshot_overlap(snapshot)
    return upset_svg((snapshot.inputs or {}).get("lists", []), patterns, published), upset_alt_text(published)


def snapshot_upset_alt(snapshot: EstimateSnapshot) -> str:

    return upset_alt_text(snapshot_overlap(snapshot)[0])


def age_band_on(dob: dt.date | None, day: dt.date) -> str:
    return age_group(age_on(dob, day) if dob else None)


def snapshot_methods(snapshot: EstimateSnapshot) -> dict[str, Any]:
    """The headline, every method's estimate and the range across them as they may be shown (each
    number through the disclosure layer), with the words on why they differ and on the linkage."""
    from zicht.stats.builders import estimate_summary
    from zicht.stats.prose import estimate_scope_words, linkage_words, method_name, methods_paragraph
    from zicht.stats.publication import counts_publish

    summary = estimate_summary(snapshot)
    figures = summary.methods or ()
    values: list[float | None] = [snapshot.estimate, snapshot.interval_low, snapshot.interval_high]
    for figure in figures:
        values += [figure.estimate, figure.interval_low, figure.interval_high]
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    published = counts_publish(
        key="estimate_methods",
        title=str(_("Estimate")),
        rows=[str(i) for i, _v in known],
        counts=[round(v) for _i, v in known],
        start=snapshot.period_start,
        end=snapshot.period_end,
    )
    labels: list[str] = ["–"] * len(values)
    for (i, _v), cell in zip(known, published.column_values(0), strict=True):
        labels[i] = cell.label
    rows = [
        {
            "name": method_name(figure.method),
            "estimate": labels[3 * k + 3],
            "low": labels[3 * k + 4],
            "high": labels[3 * k + 5] if figure.interval_high is not None else str(_("no upper bound")),
        }
        for k, figure in enumerate(figures)
    ]
    order = sorted(range(len(figures)), key=lambda k: figures[k].estimate)
    return {
        "estimate": labels[0],
        "low": labels[1],
        "high": labels[2] if snapshot.interval_high is not None else str(_("no upper bound")),
        "rows": rows,
        "range": (labels[3 * order[0] + 3], labels[3 * order[-1] + 3]) if len(figures) > 1 else None,
        "why": methods_paragraph([f.method for f in figures]) if len(figures) > 1 else "",
        "failed": dict((snapshot.methods or {}).get("failed") or {}),
        "scope": estimate_scope_words(summary.n_lists, snapshot.period_start, snapshot.period_end),
        "linkage": linkage_words(summary.linkage),
    }


def snapshot_list_figures(snapshots: Iterable[EstimateSnapshot]) -> list[dict[str, Any]]:
    """Observed number, estimate and interval of each snapshot as they may be shown (protected)."""
    from zicht.stats.publication import counts_publish

    rows = []
    for snapshot in snapshots:
        values = [snapshot.observed, snapshot.estimate, snapshot.interval_low, snapshot.interval_high]
        known = [(i, v) for i, v in enumerate(values) if v is not None]
        published = counts_publish(
            key="estimate_list",
            title=str(_("Estimate")),
            rows=[str(i) for i, _v in known],
            counts=[round(v) for _i, v in known],
            start=snapshot.period_start,
            end=snapshot.period_end,
        )
        labels = ["–"] * len(values)
        for (i, _v), cell in zip(known, published.column_values(0), strict=True):
            labels[i] = cell.label
        rows.append({"snapshot": snapshot, "observed": labels[0], "estimate": labels[1], "interval": labels[2:]})
    return rows
