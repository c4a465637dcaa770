"""Deterministic linkage of pseudonymised list records on their keys, and capture histories.

Two records are the same person when their BSN keys agree, or, when at most one of them has a BSN
key, when at least ``threshold`` different name/date-of-birth keys agree (``probable_match``; a
swapped day and month counts as its own kind of agreement). Records with different BSN keys are
never linked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import combinations

from zicht.common.pseudonyms import KeyKind, evidence_for, probable_match

# Field names of the keys on a record (``bsn_key`` holds the BSN key).
KEY_FIELDS: dict[str, str] = {"bsn_key": KeyKind.BSN, **{kind: kind for kind in KeyKind.NAME_KINDS}}
# A key value shared by more records than this is ignored as non-discriminating (e.g. a test value).
MAX_BUCKET = 50


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def pair_evidence(records: Sequence[Mapping[str, str]]) -> dict[tuple[int, int], set[str]]:
    """For every pair of records sharing a key: the kinds of agreement."""
    buckets: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for index, record in enumerate(records):
        for field, kind in KEY_FIELDS.items():
            value = record.get(field) or ""
            if value:
                buckets[(KeyKind.BASE[kind], value)].append((index, kind))
    evidence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for members in buckets.values():
        if len(members) < 2 or len(members) > MAX_BUCKET:
            continue
        for (i, kind_i), (j, kind_j) in combinations(members, 2):
            if i != j:
                evidence[(min(i, j), max(i, j))].add(evidence_for(kind_i, kind_j))
    return evidence


def link_records(
    records: Sequence[Mapping[str, str]], *, threshold: int = 2, evidence: dict[tuple[int, int], set[str]] | None = None
) -> list[int]:
    """A cluster number per record (records of the same person share it)."""
    if threshold < 1:
        raise ValueError(f"threshold must be at least 1, got {threshold}")
    evidence = pair_evidence(records) if evidence is None else evidence
    forest = UnionFind(len(records))
    for (i, j), found in evidence.items():
        if KeyKind.BSN in found:
            forest.union(i, j)
        elif records[i].get("bsn_key") and records[j].get("bsn_key"):
            continue
        elif probable_match(found, min_kinds=threshold):
            forest.union(i, j)
    roots: dict[int, int] = {}
    return [roots.setdefault(forest.find(i), len(roots)) for i in range(len(records))]


@dataclass(frozen=True)
class CaptureHistories:
    """Counts per capture pattern (1 = on that list), in the order of ``lists``."""

    lists: tuple[str, ...]
    patterns: tuple[tuple[int, ...], ...]
    counts: tuple[int, ...]

    @property
    def observed(self) -> int:
        return sum(self.counts)

    def as_json(self) -> dict:
        return {"lists": list(self.lists), "patterns": [list(p) for p in self.patterns], "counts": list(self.counts)}


def stratum_matches(stratum: str, *, age_band: str, forms: set[str]) -> bool:
    """``all``, ``age_band:<code>`` or ``form:<code>``."""
    if stratum == "all":
        return True
    dimension, _, code = stratum.partition(":")
    if dimension == "age_band":
        return age_band == code
    if dimension == "form":
        return code in forms
    raise ValueError(f"unknown stratum {stratum!r}")


def capture_histories(
    records: Sequence[Mapping[str, str]], clusters: Sequence[int], *, source_field: str = "source", stratum: str = "all"
) -> CaptureHistories:
    """Capture histories of the linked people in ``stratum``.

    A person's age band is the most frequent one among their records (lowest code on a tie); their
    forms of exploitation are the union over their records.
    """
    lists = tuple(sorted({str(r[source_field]) for r in records}))
    on_lists: dict[int, set[str]] = defaultdict(set)
    bands: dict[int, Counter] = defaultdict(Counter)
    forms: dict[int, set[str]] = defaultdict(set)
    for record, cluster in zip(records, clusters, strict=True):
        on_lists[cluster].add(str(record[source_field]))
        bands[cluster][record.get("age_band") or "unknown"] += 1
        forms[cluster].update(f for f in (record.get("exploitation_forms") or "unknown").split(";") if f)
    tally: Counter = Counter()
    for cluster, names in on_lists.items():
        band = sorted(bands[cluster].items(), key=lambda item: (-item[1], item[0]))[0][0]
        if stratum_matches(stratum, age_band=band, forms=forms[cluster]):
            tally[tuple(int(name in names) for name in lists)] += 1
    patterns = tuple(sorted(tally))
    return CaptureHistories(lists=lists, patterns=patterns, counts=tuple(tally[p] for p in patterns))


# Fewer true pairs than this and the measurement says nothing useful: reported as not measured.
MIN_QUALITY_PAIRS = 20


def bsn_pair_links(
    records: Sequence[Mapping[str, str]], *, threshold: int, evidence: Mapping[tuple[int, int], set[str]]
) -> frozenset[tuple[int, int]]:
    """The pairs of records that both carry a BSN key which the threshold rule links on names alone."""
    return frozenset(
        pair
        for pair, found in evidence.items()
        if records[pair[0]].get("bsn_key")
        and records[pair[1]].get("bsn_key")
        and probable_match(found, min_kinds=threshold)
    )


def linkage_quality(
    records: Sequence[Mapping[str, str]],
    *,
    threshold: int,
    evidence: dict[tuple[int, int], set[str]] | None = None,
    name_links: AbstractSet[tuple[int, int]] | None = None,
    rule: str = "threshold",
) -> dict[str, object]:
    """How well name/date-of-birth linkage works, measured where the truth is known.

    On the pairs of records that both carry a BSN key the BSN decides whether they are one person;
    the rule's links on names alone between the same records are scored against it: recall (true
    links found) and precision (links made that are true). ``name_links`` are those links
    (``bsn_pair_links`` for the threshold rule, the default; ``LearntLinkage.validated_links`` for
    the learnt rule, named by ``rule``). Records without a BSN may have poorer names than these, so
    this is a measurement on a part of the data, reported with the number of true pairs it rests on.
    """
    evidence = pair_evidence(records) if evidence is None else evidence
    if name_links is None:
        name_links = bsn_pair_links(records, threshold=threshold, evidence=evidence)
    true_pairs = sum(1 for found in evidence.values() if KeyKind.BSN in found)
    correct = sum(1 for i, j in name_links if records[i]["bsn_key"] == records[j]["bsn_key"])
    result: dict[str, object] = {"rule": rule, "threshold": threshold, "basis": "bsn_pairs", "pairs": true_pairs}
    if true_pairs < MIN_QUALITY_PAIRS:
        return {**result, "measured": False}
    return {
        **result,
        "measured": True,
        "recall": correct / true_pairs,
        "precision": correct / len(name_links) if name_links else 1.0,
    }
