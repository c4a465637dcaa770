"""The best F1 any pair rule on name/date match keys can reach on a labelled sample (an oracle ceiling).

    python benchmarks/key_linkage_ceiling.py [--people 91000] [--seed 1] [--file SAMPLE.csv]

Key linkage decides a pair of records from which of their keys agree. Here every candidate pair
(sharing at least one key) is described by its agreement pattern: per kind of key, agreeing on a
rare value (at most ``RARE`` records), agreeing on a common one, present on both but different, or
missing on one side. The *oracle* links a pair when, in this very file, at least a given share of
the pairs with that pattern are true pairs: it knows the answer per pattern, so no rule that looks
only at the pattern can do better on this file, a learnt or hand-set one included. Beside it a rule
that needs no truth: the share per pattern learnt from the pairs in which both records have a
valid BSN (the BSNs decide), applied to the other pairs. Pairs with equal
valid BSNs are linked and pairs with two different valid BSNs are not, as in the app; clusters are
connected components, as in ``zicht.sources.linkage.link_records``. The keys are the app's own
(``linkage_eval.keyed_rows``: HMACs under a throw-away secret) and the patterns those of
``zicht.sources.learnt_linkage``.

Two sets of keys: the exact kinds the partner script makes, and those with the tolerant kinds of
``zicht.common.tolerant_keys`` (no full date needed, or one typing error survived).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ZICHT_ENV", "test")

from zicht.common.pseudonyms import KeyKind
from zicht.common.tolerant_keys import TolerantKind
from zicht.sources.learnt_linkage import agreement_pattern, agreements, key_values
from zicht.sources.linkage import UnionFind
from zicht.sources.linkage_eval import PairScore, keyed_rows, pair_score, read_sample
from zicht.sources.synthetic import generate, labelled_rows

CURRENT = (KeyKind.NAME_DOB, KeyKind.PHONETIC_DOB, KeyKind.GIVEN_DOB)
EXTENDED = (*CURRENT, *TolerantKind.ALL)
ORACLE_CUTOFFS = (0.5, 0.6, 0.7, 0.8, 0.9)
MIN_LEARNT = 5  # a pattern seen on fewer BSN-decided pairs is not linked by the learnt rule

Values = dict[str, set[str]]


def clusters(n: int, links: Sequence[tuple[int, int]]) -> list[int]:
    forest = UnionFind(n)
    for i, j in links:
        forest.union(i, j)
    return [forest.find(i) for i in range(n)]


def measure(
    keyed: Sequence[Mapping[str, str]], truth: Sequence[str], kinds: Sequence[str]
) -> tuple[list[tuple[str, PairScore]], int]:
    """Scores of the count rules, the oracle and the BSN-learnt rule at each cutoff; the number of patterns."""
    values: list[Values] = [{k: v for k, v in key_values(row).items() if k in kinds} for row in keyed]
    shared = agreements(values)
    bsn = [row.get("bsn_key", "") for row in keyed]
    sure = combinations_by_bsn(bsn)
    open_pairs = [
        (pair, agreement_pattern(values[pair[0]], values[pair[1]], agreeing))
        for pair, agreeing in shared.items()
        if not (bsn[pair[0]] and bsn[pair[1]])
    ]
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (i, j), found in open_pairs:
        tally[found][truth[i] == truth[j]] += 1
    # Without the truth: the share of one-person pairs per pattern among the pairs whose BSNs decide.
    learnt: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (i, j), agreeing in shared.items():
        if bsn[i] and bsn[j]:
            learnt[agreement_pattern(values[i], values[j], agreeing)][bsn[i] == bsn[j]] += 1
    n = len(keyed)
    results: list[tuple[str, PairScore]] = []
    for threshold in (1, 2, 3):
        links = sure + [p for p, found in open_pairs if sum(c in "RC" for c in found) >= threshold]
        results.append((f"at least {threshold} kinds agree", pair_score(clusters(n, links), truth)))
    for cutoff in ORACLE_CUTOFFS:
        links = sure + [p for p, found in open_pairs if tally[found][1] >= cutoff * sum(tally[found])]
        results.append((f"oracle, pattern true share >= {cutoff}", pair_score(clusters(n, links), truth)))
    for cutoff in ORACLE_CUTOFFS:
        links = sure + [
            p
            for p, found in open_pairs
            if sum(learnt[found]) >= MIN_LEARNT and learnt[found][1] >= cutoff * sum(learnt[found])
        ]
        results.append((f"learnt on BSN pairs, share >= {cutoff}", pair_score(clusters(n, links), truth)))
    return results, len(tally)


def combinations_by_bsn(bsn: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of records with equal BSN keys (linked whatever their names say)."""
    first: dict[str, int] = {}
    pairs = []
    for index, value in enumerate(bsn):
        if value:
            pairs.append((first.setdefault(value, index), index))
    return [(i, j) for i, j in pairs if i != j]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=91_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--file", help="a labelled sample (linkage_eval's columns) instead of the generator")
    args = parser.parse_args()
    rows = read_sample(args.file) if args.file else labelled_rows(generate(args.people, seed=args.seed))
    keyed = keyed_rows(rows, key=secrets.token_hex(16))
    truth = [row["person_id"] for row in rows]
    print(f"{len(rows):,} records; pairwise precision / recall / F1 (connected components)")
    for name, kinds in (("exact", CURRENT), ("with the tolerant kinds", EXTENDED)):
        print(f"\nkeys {name}: {', '.join(kinds)}")
        results, patterns = measure(keyed, truth, kinds)
        for label, score in results:
            print(f"  {label:<40} {score.precision:.3f} / {score.recall:.3f} / {score.f1:.3f}")
        best = max(score.f1 for label, score in results if label.startswith("oracle"))
        learnt = max(score.f1 for label, score in results if label.startswith("learnt"))
        print(f"  {patterns} agreement patterns; ceiling (best oracle F1) {best:.3f}; best learnt rule {learnt:.3f}")


if __name__ == "__main__":
    main()
