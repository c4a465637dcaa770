"""Key linkage that learns from the pairs whose BSNs decide: which patterns of agreeing keys mean one person.

The threshold rule of ``linkage.link_records`` counts kinds of exact key; it cannot link records
whose date of birth is missing, year-only or mistyped, or whose surname has a typo that changes
its sound. With the tolerant keys (``zicht.common.tolerant_keys``) such pairs share keys, but each
of those alone is weak, and how weak depends on the population. So the rule is learnt from the
lists themselves: every pair of records sharing a key is described by its *agreement pattern* (per
kind: agreeing on a rare value, on a common one, present on both but different, or missing on one
side); among the pairs in which both records carry a valid BSN the BSNs say which are one person,
which gives per pattern the share of true pairs. A pair without that BSN verdict is linked when
its pattern's share is at least ``cutoff``. A pattern seen on fewer than ``min_pairs`` decided
pairs falls back to the threshold rule, so lists without BSNs link exactly as before.

This is a supervised version of the Fellegi-Sunter decision on agreement patterns (Fellegi and
Sunter 1969, *A Theory for Record Linkage*, JASA 64(328)); the BSN plays the clerical reviewer,
as in ``linkage.linkage_quality``. Measured in ``benchmarks/key_linkage_ceiling.py`` and by
``python -m zicht.sources.linkage_eval``; the pairs that trained the rule cannot also measure it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from zicht.common.pseudonyms import KeyKind, probable_match
from zicht.common.tolerant_keys import TolerantKind
from zicht.sources.linkage import MAX_BUCKET, UnionFind, pair_evidence

# Kinds compared, and the record fields holding their values (a swapped date agrees as its base kind).
PATTERN_FIELDS: dict[str, tuple[str, ...]] = {
    KeyKind.NAME_DOB: (KeyKind.NAME_DOB, KeyKind.NAME_DOB_SWAPPED),
    KeyKind.PHONETIC_DOB: (KeyKind.PHONETIC_DOB, KeyKind.PHONETIC_DOB_SWAPPED),
    KeyKind.GIVEN_DOB: (KeyKind.GIVEN_DOB,),
    **{kind: (kind,) for kind in TolerantKind.ALL},
}
RARE = 5  # a key value held by at most this many records is a rare agreement
MIN_PAIRS = 5  # fewer BSN-decided pairs of a pattern than this: the threshold rule decides
DEFAULT_CUTOFF = 0.6  # link when at least this share of the decided pairs of the pattern is one person

Pair = tuple[int, int]


def key_values(record: Mapping[str, str]) -> dict[str, set[str]]:
    """Per pattern kind the record's key values (fields may hold several, separated by spaces)."""
    values: dict[str, set[str]] = {}
    for kind, fields in PATTERN_FIELDS.items():
        found = {value for name in fields for value in str(record.get(name) or "").split()}
        if found:
            values[kind] = found
    return values


def agreements(values: Sequence[Mapping[str, set[str]]]) -> dict[Pair, dict[str, int]]:
    """For every pair sharing a key: per agreeing kind the size of the smallest shared bucket."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, record in enumerate(values):
        for kind, found in record.items():
            for value in found:
                buckets[(kind, value)].append(index)
    shared: dict[Pair, dict[str, int]] = defaultdict(dict)
    for (kind, _), members in buckets.items():
        size = len(members)
        if size < 2 or size > MAX_BUCKET:
            continue
        for i, j in combinations(sorted(set(members)), 2):
            shared[(i, j)][kind] = min(size, shared[(i, j)].get(kind, size))
    return shared


def agreement_pattern(a: Mapping[str, set[str]], b: Mapping[str, set[str]], agreeing: Mapping[str, int]) -> str:
    """One letter per kind of ``PATTERN_FIELDS``: R rare or C common agreement, d different, - missing."""
    letters = []
    for kind in PATTERN_FIELDS:
        if kind in agreeing:
            letters.append("R" if agreeing[kind] <= RARE else "C")
        else:
            letters.append("d" if a.get(kind) and b.get(kind) else "-")
    return "".join(letters)


@dataclass(frozen=True)
class LearntRule:
    """Per agreement pattern the BSN-decided pairs: (different people, one person)."""

    counts: Mapping[str, tuple[int, int]]
    cutoff: float = DEFAULT_CUTOFF
    min_pairs: int = MIN_PAIRS

    def decides(self, pattern: str) -> bool | None:
        """Link or not; None when the pattern was seen on too few decided pairs."""
        different, same = self.counts.get(pattern, (0, 0))
        if different + same < self.min_pairs:
            return None
        return same >= self.cutoff * (different + same)

    @property
    def decided_pairs(self) -> int:
        return sum(different + same for different, same in self.counts.values())

    @property
    def learnt_patterns(self) -> int:
        return sum(1 for different, same in self.counts.values() if different + same >= self.min_pairs)


def learn_rule(
    records: Sequence[Mapping[str, str]],
    values: Sequence[Mapping[str, set[str]]],
    shared: Mapping[Pair, Mapping[str, int]],
    *,
    cutoff: float = DEFAULT_CUTOFF,
    min_pairs: int = MIN_PAIRS,
) -> LearntRule:
    """Count, per pattern, the pairs sharing a name key whose two valid BSNs agree or differ."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (i, j), agreeing in shared.items():
        a, b = records[i].get("bsn_key"), records[j].get("bsn_key")
        if a and b:
            tally[agreement_pattern(values[i], values[j], agreeing)][a == b] += 1
    return LearntRule({p: (d, s) for p, (d, s) in tally.items()}, cutoff=cutoff, min_pairs=min_pairs)


@dataclass(frozen=True)
class LearntLinkage:
    clusters: list[int]
    rule: LearntRule
    by_rule: int  # pairs linked because their pattern's learnt share reached the cutoff
    by_threshold: int  # pairs linked by the threshold rule (pattern seen on too few decided pairs)


def link_records_learnt(
    records: Sequence[Mapping[str, str]],
    *,
    cutoff: float = DEFAULT_CUTOFF,
    min_pairs: int = MIN_PAIRS,
    threshold: int = 2,
    evidence: Mapping[Pair, set[str]] | None = None,
) -> LearntLinkage:
    """A cluster number per record, by equal BSN keys and the learnt rule (``threshold`` as fallback).

    Records with two different BSN keys are never linked directly, as in ``link_records``.
    ``evidence`` is ``linkage.pair_evidence(records)`` when the caller already has it.
    """
    values = [key_values(record) for record in records]
    shared = agreements(values)
    exact = pair_evidence(records) if evidence is None else evidence
    rule = learn_rule(records, values, shared, cutoff=cutoff, min_pairs=min_pairs)
    forest = UnionFind(len(records))
    by_rule = by_threshold = 0
    for (i, j), found in exact.items():
        if KeyKind.BSN in found:
            forest.union(i, j)
    for (i, j), agreeing in shared.items():
        if records[i].get("bsn_key") and records[j].get("bsn_key"):
            continue
        decision = rule.decides(agreement_pattern(values[i], values[j], agreeing))
        if decision is None and probable_match(exact.get((i, j), ()), min_kinds=threshold):
            forest.union(i, j)
            by_threshold += 1
        elif decision:
            forest.union(i, j)
            by_rule += 1
    roots: dict[int, int] = {}
    clusters = [roots.setdefault(forest.find(i), len(roots)) for i in range(len(records))]
    return LearntLinkage(clusters=clusters, rule=rule, by_rule=by_rule, by_threshold=by_threshold)
