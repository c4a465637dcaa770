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
``python -m zicht.sources.linkage_eval``.

The pairs that trained the rule cannot also measure it, so each BSN-decided pair is judged with its
own persons left out (``LearntLinkage.validated_links``, leave-one-person-out cross-validation, Stone
1974, *Cross-validatory choice and assessment of statistical predictions*, JRSS B 36(2)): the counts
of its pattern lose every decided pair that involves either of its BSNs, and the pair is decided on
what is left. The rule judged so is learnt from all other persons, so it measures nearly the rule
itself; splitting the BSNs in halves instead judged a rule learnt from half of them, which fell back
to the threshold rule more often and understated the recall by up to three points.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
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

    def decides(self, pattern: str, *, leave_out: tuple[int, int] = (0, 0)) -> bool | None:
        """Link or not; None when the pattern was seen on too few decided pairs.

        ``leave_out`` (different, same) are taken off the pattern's counts first (cross-validation).
        """
        different, same = self.counts.get(pattern, (0, 0))
        different, same = different - leave_out[0], same - leave_out[1]
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
    decided: Iterable[tuple[str, bool]], *, cutoff: float = DEFAULT_CUTOFF, min_pairs: int = MIN_PAIRS
) -> LearntRule:
    """Count, per agreement pattern, the BSN-decided pairs: (pattern, whether their two BSNs agree)."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pattern, same in decided:
        tally[pattern][same] += 1
    return LearntRule({p: (d, s) for p, (d, s) in tally.items()}, cutoff=cutoff, min_pairs=min_pairs)


def decide_pair(
    rule: LearntRule, pattern: str, exact: set[str], *, threshold: int, leave_out: tuple[int, int] = (0, 0)
) -> bool:
    """The rule's decision on a pattern; the threshold rule on the exact keys where the rule has too few pairs."""
    decision = rule.decides(pattern, leave_out=leave_out)
    if decision is None:
        return bool(probable_match(exact, min_kinds=threshold))
    return decision


@dataclass(frozen=True)
class LearntLinkage:
    clusters: list[int]
    rule: LearntRule
    by_rule: int  # pairs linked because their pattern's learnt share reached the cutoff
    by_threshold: int  # pairs linked by the threshold rule (pattern seen on too few decided pairs)
    # Pairs of records that both carry a BSN key which the rule, learnt without their persons, links on
    # names alone: the measurement of the rule against the BSN truth (``cross_validated_links``).
    validated_links: frozenset[Pair] = frozenset()


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
    patterns = {(i, j): agreement_pattern(values[i], values[j], agreeing) for (i, j), agreeing in shared.items()}
    # The pairs whose two valid BSNs decide: (pair, pattern, one person).
    decided = [
        ((i, j), pattern, records[i]["bsn_key"] == records[j]["bsn_key"])
        for (i, j), pattern in patterns.items()
        if records[i].get("bsn_key") and records[j].get("bsn_key")
    ]
    rule = learn_rule(((p, same) for _, p, same in decided), cutoff=cutoff, min_pairs=min_pairs)
    forest = UnionFind(len(records))
    by_rule = by_threshold = 0
    for (i, j), found in exact.items():
        if KeyKind.BSN in found:
            forest.union(i, j)
    for (i, j), pattern in patterns.items():
        if records[i].get("bsn_key") and records[j].get("bsn_key"):
            continue  # two BSNs: linked by equal keys above, never on names
        found = exact.get((i, j), set())
        if not decide_pair(rule, pattern, found, threshold=threshold):
            continue
        forest.union(i, j)
        if rule.decides(pattern) is None:
            by_threshold += 1
        else:
            by_rule += 1
    validated = cross_validated_links(records, decided, rule, exact=exact, threshold=threshold)
    roots: dict[int, int] = {}
    clusters = [roots.setdefault(forest.find(i), len(roots)) for i in range(len(records))]
    return LearntLinkage(
        clusters=clusters,
        rule=rule,
        by_rule=by_rule,
        by_threshold=by_threshold,
        validated_links=frozenset(validated),
    )


def cross_validated_links(
    records: Sequence[Mapping[str, str]],
    decided: Sequence[tuple[Pair, str, bool]],
    rule: LearntRule,
    *,
    exact: Mapping[Pair, set[str]],
    threshold: int,
) -> frozenset[Pair]:
    """The BSN-decided pairs the rule links on names when every pair involving their BSNs is left out."""
    Tally = dict[str, list[int]]
    by_person: dict[str, Tally] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    between: dict[tuple[str, str], Tally] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (i, j), pattern, one_person in decided:
        a, b = records[i]["bsn_key"], records[j]["bsn_key"]
        by_person[a][pattern][one_person] += 1
        if a != b:
            by_person[b][pattern][one_person] += 1
            between[(min(a, b), max(a, b))][pattern][one_person] += 1
    links: set[Pair] = set()
    for (i, j), pattern, _same in decided:
        a, b = records[i]["bsn_key"], records[j]["bsn_key"]
        own = by_person[a][pattern]
        left_out = (own[0], own[1])
        if a != b:
            other, shared = by_person[b][pattern], between[(min(a, b), max(a, b))][pattern]
            left_out = (own[0] + other[0] - shared[0], own[1] + other[1] - shared[1])
        if decide_pair(rule, pattern, exact.get((i, j), set()), threshold=threshold, leave_out=left_out):
            links.add((i, j))
    return frozenset(links)
