"""Measure linkage quality on any labelled sample: a clerical-review sample or a synthetic file.

    python -m zicht.sources.linkage_eval FILE.csv [--json] [--thresholds 1 2 3] [--splink-threshold 0.3]
        [--learnt-cutoff 0.6]

The CSV has the columns ``record_id, source, given_names, prefix, family_name, date_of_birth, bsn,
person_id``: ``date_of_birth`` as ``YYYY-MM-DD``, ``YYYY`` (year only) or empty; ``bsn`` may be
empty or fail the eleven test (it is then treated as unknown); ``person_id`` is the truth. Prints
pairwise precision, recall and F1 of the Splink path and of the key path (at each threshold, and by
the rule learnt from the BSN-decided pairs with the tolerant keys, which estimates use), overall
and per registry, with the time taken. Per registry, ``involving`` scores every pair with at least
one record of that registry and ``within`` the pairs inside it (its duplicates). Runs without a
database; the keys are made with a throw-away secret.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import secrets
import sys
import time
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from zicht.sources.constants import SENSITIVITY_THRESHOLDS
from zicht.sources.learnt_linkage import DEFAULT_CUTOFF

COLUMNS: tuple[str, ...] = (
    "record_id",
    "source",
    "given_names",
    "prefix",
    "family_name",
    "date_of_birth",
    "bsn",
    "person_id",
)
DEFAULT_THRESHOLDS: tuple[int, ...] = SENSITIVITY_THRESHOLDS  # only thresholds name keys can reach


@dataclass(frozen=True)
class PairScore:
    """Pairwise quality: a pair is predicted when both records are in one cluster."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> dict[str, float | int]:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _pairs(labels: Iterable[Hashable]) -> int:
    return sum(n * (n - 1) // 2 for n in Counter(labels).values())


def pair_score(clusters: Sequence[Hashable], truth: Sequence[Hashable]) -> PairScore:
    """Counts pairs from cluster sizes (no pair is listed): linear in the number of records."""
    return PairScore(
        true_pairs=_pairs(truth),
        predicted_pairs=_pairs(clusters),
        correct_pairs=_pairs(zip(clusters, truth, strict=True)),
    )


def scores_by_registry(
    clusters: Sequence[Hashable], truth: Sequence[Hashable], sources: Sequence[str]
) -> dict[str, Any]:
    """Overall, and per registry the pairs ``involving`` it and the pairs ``within`` it."""
    overall = pair_score(clusters, truth)
    out: dict[str, Any] = {"overall": overall.as_json(), "per_registry": {}}
    for name in sorted(set(sources)):
        inside = [i for i, s in enumerate(sources) if s == name]
        outside = [i for i, s in enumerate(sources) if s != name]
        within = pair_score([clusters[i] for i in inside], [truth[i] for i in inside])
        rest = pair_score([clusters[i] for i in outside], [truth[i] for i in outside])
        involving = PairScore(
            true_pairs=overall.true_pairs - rest.true_pairs,
            predicted_pairs=overall.predicted_pairs - rest.predicted_pairs,
            correct_pairs=overall.correct_pairs - rest.correct_pairs,
        )
        out["per_registry"][name] = {
            "records": len(inside),
            "involving": involving.as_json(),
            "within": within.as_json(),
        }
    return out


def read_sample(path: str | Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"missing column(s): {', '.join(missing)}")
        rows = [{c: (row.get(c) or "").strip() for c in COLUMNS} for row in reader]
    if not rows:
        raise ValueError("the file has no data rows")
    return rows


def write_sample(path: str | Path, rows: Iterable[Mapping[str, Any]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def splink_clusters(rows: Sequence[Mapping[str, str]], *, threshold: float | None = None) -> list[Hashable]:
    """Cluster of every row by the Splink path (all registries linked and deduplicated at once)."""
    from zicht.sources.splink_linkage import (
        DEFAULT_THRESHOLD,
        MIN_RECORDS_FOR_SPLINK,
        _exact_clusters,
        cluster,
        prepare,
    )

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    people = [{"unique_id": i, **row} for i, row in enumerate(rows)]
    frame = prepare(people)
    found = _exact_clusters(frame) if len(people) < MIN_RECORDS_FOR_SPLINK else cluster(frame, threshold=threshold)
    return [found.get(i, ("single", i)) for i in range(len(people))]


def keyed_rows(rows: Sequence[Mapping[str, str]], *, key: str) -> list[dict[str, str]]:
    """Keys of every row as the partner script makes them (an invalid BSN is left out), the tolerant
    keys included."""
    from zicht.sources.pseudonymise import keys_for_identity

    return [{**keys_for_identity(row, key=key).keys, "source": row["source"]} for row in rows]


def evaluate(
    rows: Sequence[Mapping[str, str]],
    *,
    thresholds: Sequence[int] = DEFAULT_THRESHOLDS,
    splink_threshold: float | None = None,
    learnt_cutoff: float = DEFAULT_CUTOFF,
    clusters_out: dict[str, Sequence[Hashable]] | None = None,
) -> dict[str, Any]:
    """Scores of both paths on labelled ``rows`` (dicts with the columns of ``COLUMNS``).

    The key path is scored by the threshold rule at each threshold and by the rule learnt from the
    BSN-decided pairs (``learnt_linkage``; its training pairs are part of what it is scored on).
    ``clusters_out``, when given, receives the clusters (``splink``, ``keys:<threshold>`` and
    ``keys:learnt``).
    """
    from zicht.sources.learnt_linkage import link_records_learnt
    from zicht.sources.linkage import link_records, linkage_quality, pair_evidence

    truth = [row["person_id"] for row in rows]
    sources = [row["source"] for row in rows]
    result: dict[str, Any] = {"records": len(rows), "true_pairs": _pairs(truth), "registries": sorted(set(sources))}
    from zicht.sources.splink_linkage import DEFAULT_THRESHOLD

    splink_threshold = DEFAULT_THRESHOLD if splink_threshold is None else splink_threshold
    start = time.perf_counter()
    clusters = splink_clusters(rows, threshold=splink_threshold)
    if clusters_out is not None:
        clusters_out["splink"] = clusters
    result["splink"] = {
        "threshold": splink_threshold,
        **scores_by_registry(clusters, truth, sources),
        "seconds": round(time.perf_counter() - start, 2),
    }
    start = time.perf_counter()
    keyed = keyed_rows(rows, key=secrets.token_hex(16))
    evidence = pair_evidence(keyed)
    result["keys"] = {"keying_seconds": round(time.perf_counter() - start, 2), "thresholds": {}}
    start = time.perf_counter()
    learnt = link_records_learnt(keyed, cutoff=learnt_cutoff, evidence=evidence)
    if clusters_out is not None:
        clusters_out["keys:learnt"] = learnt.clusters
    result["keys"]["learnt"] = {
        "cutoff": learnt_cutoff,
        "decided_pairs": learnt.rule.decided_pairs,
        "learnt_patterns": learnt.rule.learnt_patterns,
        "linked_by_rule": learnt.by_rule,
        "linked_by_threshold": learnt.by_threshold,
        **scores_by_registry(learnt.clusters, truth, sources),
        "seconds": round(time.perf_counter() - start, 2),
        # What an estimate states about the rule: measured on the BSN pairs, leave-one-person-out.
        "measured_on_bsn_pairs": linkage_quality(
            keyed, threshold=2, evidence=evidence, name_links=learnt.validated_links, rule="learnt"
        ),
    }
    for threshold in thresholds:
        start = time.perf_counter()
        linked = link_records(keyed, threshold=threshold, evidence=evidence)
        if clusters_out is not None:
            clusters_out[f"keys:{threshold}"] = linked
        result["keys"]["thresholds"][str(threshold)] = {
            **scores_by_registry(linked, truth, sources),
            "seconds": round(time.perf_counter() - start, 2),
            "measured_on_bsn_pairs": linkage_quality(keyed, threshold=threshold, evidence=evidence),
        }
    return result


LEFT_OUT = {"learnt": ", each judged without its own persons"}


def _line(label: str, score: Mapping[str, Any]) -> str:
    figures = f"{score['precision']:.3f}  {score['recall']:.3f}  {score['f1']:.3f}"
    return f"  {label:<34} {figures}  ({score['true_pairs']} true pairs)"


def format_report(result: Mapping[str, Any]) -> str:
    lines = [
        f"{result['records']} records, {result['true_pairs']} true pairs, registries: {', '.join(result['registries'])}"
    ]
    blocks = [
        (f"Splink (threshold {result['splink']['threshold']}, {result['splink']['seconds']} s)", result["splink"])
    ]
    learnt = result["keys"]["learnt"]
    blocks.append(
        (
            f"Keys, learnt from {learnt['decided_pairs']} BSN-decided pairs (the estimates' default), "
            f"cutoff {learnt['cutoff']} ({learnt['learnt_patterns']} patterns learnt; {learnt['seconds']} s)",
            learnt,
        )
    )
    blocks += [(f"Keys, threshold {t} ({s['seconds']} s)", s) for t, s in result["keys"]["thresholds"].items()]
    for title, block in blocks:
        lines.append(f"{title}: precision  recall  F1")
        lines.append(_line("overall", block["overall"]))
        for name, per in block["per_registry"].items():
            lines.append(_line(f"{name}, pairs involving it", per["involving"]))
            lines.append(_line(f"{name}, pairs within it", per["within"]))
        measured = block.get("measured_on_bsn_pairs") or {}
        if measured.get("measured"):
            lines.append(
                f"  {'as an estimate measures it':<34} {measured['precision']:.3f}  {measured['recall']:.3f}"
                f"         ({measured['pairs']} BSN pairs{LEFT_OUT.get(measured['rule'], '')})"
            )
    lines.append(f"Keying took {result['keys']['keying_seconds']} s; total {result['seconds']} s")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="linkage_eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="labelled CSV (see the module documentation for its columns)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--thresholds", type=int, nargs="+", default=list(DEFAULT_THRESHOLDS), help="key-linkage thresholds"
    )
    parser.add_argument(
        "--splink-threshold", type=float, default=None, help="match probability for Splink clusters (default 0.3)"
    )
    parser.add_argument(
        "--learnt-cutoff",
        type=float,
        default=DEFAULT_CUTOFF,
        help=f"share of one-person pairs for the learnt key rule (default {DEFAULT_CUTOFF})",
    )
    return parser


def main(argv: list[str] | None = None, *, stdout: Any = None, stderr: Any = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    args = build_parser().parse_args(argv)
    logging.getLogger("splink").setLevel(logging.ERROR)
    start = time.perf_counter()
    try:
        rows = read_sample(args.file)
    except (OSError, ValueError) as exc:
        print(f"Error: {exc}", file=stderr)
        return 2
    result = evaluate(
        rows, thresholds=args.thresholds, splink_threshold=args.splink_threshold, learnt_cutoff=args.learnt_cutoff
    )
    result["seconds"] = round(time.perf_counter() - start, 2)
    print(json.dumps(result, indent=2) if args.json else format_report(result), file=stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
