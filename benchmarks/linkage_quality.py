"""Linkage quality and speed on synthetic registries, and the MSE estimate against the truth.

    python benchmarks/linkage_quality.py [--people 91000] [--seed 1]

Generates ~100,000 records of synthetic young people on 3 registries (known truth), links them
with Splink (DuckDB backend, probabilistic, on clear synthetic identifiers as in the trusted
environment) and, separately, deterministically on the pseudonymous keys (as for partner lists),
then estimates the population with multiple systems estimation from the linked lists.
Targets: Splink F1 >= 0.94 in under 60 s on 2 cores.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ZICHT_ENV", "test")

from zicht.common.pseudonyms import KeyKind, match_keys  # noqa: E402
from zicht.sources.estimation import estimate_population  # noqa: E402
from zicht.sources.linkage import capture_histories, link_records  # noqa: E402
from zicht.sources.splink_linkage import cluster, prepare  # noqa: E402
from zicht.sources.synthetic import generate  # noqa: E402

LIST_KEY = "benchmark-list-key-0123456789"


def scores(clusters: list, truth: set[tuple[int, int]]) -> tuple[float, float, float]:
    members = defaultdict(list)
    for index, c in enumerate(clusters):
        members[c].append(index)
    predicted = {(a, b) for m in members.values() for i, a in enumerate(m) for b in m[i + 1:]}
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<44} {value:>18}   {target}")


def main() -> None:
    import logging

    logging.getLogger("splink").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=91_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    data = generate(args.people, seed=args.seed)
    truth = data.true_pairs()
    print(f"Synthetic: {len(data.people)} people, {len(data.records)} records on {len(data.registries)} registries, {len(truth)} true pairs")
    print(f"  CPU cores available: {os.cpu_count()}")

    people = [{"unique_id": i, "source_dataset": r["registry"], **r} for i, r in enumerate(data.records)]
    start = time.perf_counter()
    found = cluster(prepare(people), threshold=0.7, link_type="link_and_dedupe")
    splink_seconds = time.perf_counter() - start
    splink_clusters = [found[(p["source_dataset"], p["unique_id"])] for p in people]
    precision, recall, f1 = scores(splink_clusters, truth)
    print("Splink probabilistic linkage (clear synthetic identifiers, DuckDB)")
    row("precision", f"{precision:.4f}")
    row("recall", f"{recall:.4f}")
    row("F1", f"{f1:.4f}", "target >= 0.94")
    row("time (s)", f"{splink_seconds:.1f}", "target < 60")

    start = time.perf_counter()
    keyed = []
    for r in data.records:
        keys = match_keys(bsn=r["bsn"], given_names=r["given_names"], prefix=r["prefix"], family_name=r["family_name"], date_of_birth=r["date_of_birth"], key=LIST_KEY)
        keyed.append({"bsn_key": keys.get(KeyKind.BSN, ""), **{k: keys.get(k, "") for k in KeyKind.NAME_KINDS}, "source": r["registry"], "age_band": "unknown", "exploitation_forms": r["exploitation_forms"]})
    key_seconds = time.perf_counter() - start
    print("Deterministic linkage on pseudonymous keys (partner lists)")
    row("pseudonymisation time (s)", f"{key_seconds:.1f}")
    results = {}
    for threshold in (1, 2, 3):
        start = time.perf_counter()
        clusters = link_records(keyed, threshold=threshold)
        seconds = time.perf_counter() - start
        p, r, f = scores(clusters, truth)
        row(f"threshold {threshold}: precision / recall / F1", f"{p:.3f} / {r:.3f} / {f:.3f}", f"{seconds:.1f} s")
        results[threshold] = clusters

    print("Multiple systems estimation from the linked lists")
    row("true population", f"{len(data.people)}")
    row("true number observed", f"{len({r['person_id'] for r in data.records})}")
    true_clusters = [r["person_id"] for r in data.records]
    for label, clusters in (("true links (check)", true_clusters), ("Splink clusters", splink_clusters), *((f"key linkage, threshold {t}", results[t]) for t in (1, 2, 3))):
        h = capture_histories(keyed, clusters)
        e = estimate_population(patterns=h.patterns, counts=h.counts, names=h.lists)
        covered = e.interval_low is not None and e.interval_low <= len(data.people) <= (e.interval_high or float("inf"))
        row(f"{label}: observed / estimate", f"{h.observed} / {e.estimate:.0f}", f"95% {e.interval_low:.0f}-{e.interval_high:.0f} ({e.interval_method}); truth inside: {covered}")


if __name__ == "__main__":
    import django

    django.setup()
    main()
