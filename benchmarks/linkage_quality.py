"""Linkage quality and speed on realistic synthetic registries, and the MSE estimate against the truth.

    python benchmarks/linkage_quality.py [--people 91000] [--seed 1] [--clean] [--per-registry-dedupe]
                                         [--headline-only]

Generates ~100,000 records of synthetic young people on 3 registries (known truth) with the rates
of real registrations (``zicht.sources.synthetic.DEFAULT_REGISTRIES``; ``--clean`` for the earlier,
optimistic profiles), writes them as a labelled sample and runs the evaluation command on it
(``python -m zicht.sources.linkage_eval``): Splink (DuckDB, clear identifiers, as in the trusted
environment) and deterministic linkage on the pseudonymous keys (as for partner lists), overall and
per registry. ``--per-registry-dedupe`` also times the production path that deduplicates each
organisation's own records alone. Then estimates the population with multiple systems estimation
from the linked lists, and the published headline (stepwise, corrected for the linkage errors measured
on the BSN pairs) per key rule; ``--headline-only`` prints only that last block.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ZICHT_ENV", "test")

from zicht.sources.estimation import estimate_population
from zicht.sources.linkage import capture_histories
from zicht.sources.linkage_eval import evaluate, pair_score, read_sample, write_sample
from zicht.sources.synthetic import CLEAN_REGISTRIES, DEFAULT_REGISTRIES, generate, labelled_rows

TARGETS = {"splink_overall": 0.96, "splink_registry": 0.95, "keys_default": 0.92, "seconds": 60.0}


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<46} {value:>24}   {target}")


def verdict(value: float, target: float, *, above: bool = True) -> str:
    met = value >= target if above else value < target
    return f"target {'>=' if above else '<'} {target}: {'met' if met else 'NOT met'}"


def prf(score: dict) -> str:
    return f"{score['precision']:.3f} / {score['recall']:.3f} / {score['f1']:.3f}"


def main() -> None:
    logging.getLogger("splink").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=91_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clean", action="store_true", help="the earlier, optimistic registry profiles")
    parser.add_argument("--per-registry-dedupe", action="store_true", help="also deduplicate each registry on its own")
    parser.add_argument("--headline-only", action="store_true", help="only the published headline per key rule")
    args = parser.parse_args()

    data = generate(args.people, seed=args.seed, registries=CLEAN_REGISTRIES if args.clean else DEFAULT_REGISTRIES)
    if args.headline_only:
        published_estimates(data)
        return
    print(
        f"Synthetic ({'clean' if args.clean else 'realistic'} profiles): {len(data.people)} people, "
        f"{len(data.records)} records "
        f"on {len(data.registries)} registries, {len(data.true_pairs())} true pairs; CPU cores: {os.cpu_count()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.csv"
        write_sample(path, labelled_rows(data))
        start = time.perf_counter()
        rows = read_sample(path)
        clusters: dict[str, list] = {}
        result = evaluate(rows, clusters_out=clusters)
        seconds = time.perf_counter() - start

    splink = result["splink"]
    print(f"Splink (clear identifiers, DuckDB, threshold {splink['threshold']}): precision / recall / F1")
    row("overall", prf(splink["overall"]), verdict(splink["overall"]["f1"], TARGETS["splink_overall"]))
    for name, per in splink["per_registry"].items():
        row(
            f"{name}: pairs involving it",
            prf(per["involving"]),
            verdict(per["involving"]["f1"], TARGETS["splink_registry"]),
        )
        row(f"{name}: pairs within it ({per['within']['true_pairs']})", prf(per["within"]))
    row("time (s)", f"{splink['seconds']:.1f}")
    print("Deterministic linkage on pseudonymous keys (partner lists): precision / recall / F1")
    row("keying time (s)", f"{result['keys']['keying_seconds']:.1f}")
    for threshold, block in result["keys"]["thresholds"].items():
        row(f"threshold {threshold}, overall ({block['seconds']:.1f} s)", prf(block["overall"]))
        for name, per in block["per_registry"].items():
            row(f"  {name}: involving / within", f"{per['involving']['f1']:.3f} / {per['within']['f1']:.3f}")
    learnt = result["keys"]["learnt"]
    row(
        f"learnt rule (the estimates' default), overall ({learnt['seconds']:.1f} s)",
        prf(learnt["overall"]),
        verdict(learnt["overall"]["f1"], TARGETS["keys_default"]),
    )
    measured = learnt["measured_on_bsn_pairs"]
    if measured.get("measured"):
        row(
            "  as an estimate states it (BSN pairs, own persons left out)",
            f"{measured['precision']:.3f} / {measured['recall']:.3f} / -",
        )
    row("evaluation command, whole file (s)", f"{seconds:.1f}", verdict(seconds, TARGETS["seconds"], above=False))

    if args.per_registry_dedupe:
        from zicht.sources.splink_linkage import dedupe_identities

        print("Production path: each registry deduplicated on its own (dedupe_identities)")
        for name in data.registries:
            records = [dict(r, unique_id=i) for i, r in enumerate(data.records) if r["registry"] == name]
            start = time.perf_counter()
            found = dedupe_identities(records)
            score = pair_score([found[r["unique_id"]] for r in records], [r["person_id"] for r in records])
            row(
                f"{name} ({len(records)} records)",
                f"{score.precision:.3f} / {score.recall:.3f} / {score.f1:.3f}",
                f"{time.perf_counter() - start:.1f} s",
            )

    print("Multiple systems estimation from the linked lists")
    row("true population", f"{len(data.people)}")
    row("true number observed", f"{len({r['person_id'] for r in data.records})}")
    records = [
        {"source": r["registry"], "age_band": "unknown", "exploitation_forms": r["exploitation_forms"]}
        for r in data.records
    ]
    labelled = [("true links (check)", [r["person_id"] for r in data.records]), ("Splink clusters", clusters["splink"])]
    labelled += [(f"key linkage, threshold {t}", clusters[f"keys:{t}"]) for t in (1, 2, 3)]
    labelled.append(("key linkage, learnt rule", clusters["keys:learnt"]))
    for label, linked in labelled:
        h = capture_histories(records, linked)
        e = estimate_population(patterns=h.patterns, counts=h.counts, names=h.lists)
        covered = e.interval_low is not None and e.interval_low <= len(data.people) <= (e.interval_high or float("inf"))
        row(
            f"{label}: observed / estimate",
            f"{h.observed} / {e.estimate:.0f}",
            f"95% {e.interval_low:.0f}-{e.interval_high:.0f} ({e.interval_method}); truth inside: {covered}",
        )

    published_estimates(data)


def split_and_merged(clusters: list, truth: list) -> tuple[int, int]:
    """Extra clusters of people split by the linkage, and people merged into another's cluster."""
    clusters_of: dict = defaultdict(set)
    people_in: dict = defaultdict(set)
    for cluster, person in zip(clusters, truth, strict=True):
        clusters_of[person].add(cluster)
        people_in[cluster].add(person)
    return sum(len(c) - 1 for c in clusters_of.values()), sum(len(p) - 1 for p in people_in.values())


def published_estimates(data) -> None:
    """The headline as an estimate snapshot makes it: rows a partner script keeps, linked by the learnt
    rule (the default, and at a stricter cutoff) or at threshold 2, stepwise and corrected for the
    false merges and missed links measured on the BSN pairs (ADR 0012)."""
    import recapture
    from zicht.sources.estimation import LINKAGE_BOOTSTRAP, linkage_validation
    from zicht.sources.learnt_linkage import link_records_learnt
    from zicht.sources.linkage import link_records, pair_evidence
    from zicht.sources.pseudonymise import keys_for_identity

    start = time.perf_counter()
    keyed, truth = [], []
    for record in labelled_rows(data):
        keys = keys_for_identity(record, key="benchmark-list-key-0123456789abcdef")
        if keys.linkable_by != "none":  # the partner script leaves such a row out
            keyed.append({**keys.keys, "source": record["source"], "age_band": "unknown"})
            truth.append(record["person_id"])
    evidence = pair_evidence(keyed)
    print(
        f"The published headline: stepwise corrected for the measured linkage errors ({len(keyed)} rows kept, "
        f"{len(set(truth))} people on them, population {len(data.people)})"
    )
    rules = []
    for cutoff in (0.6, 0.8):
        learnt = link_records_learnt(keyed, evidence=evidence, cutoff=cutoff)
        rules.append((f"learnt rule, cutoff {cutoff}", learnt.clusters, learnt.validated_links))
    rules.append(("threshold 2", link_records(keyed, threshold=2, evidence=evidence), None))
    for label, clusters, links in rules:
        h = capture_histories(keyed, clusters)
        validation = linkage_validation(keyed, lists=h.lists, threshold=2, evidence=evidence, name_links=links)
        table = recapture.CaptureTable.from_counts(h.patterns, h.counts, h.lists)
        result = recapture.estimate_linkage_corrected(table, validation, n_boot=LINKAGE_BOOTSTRAP, seed=1)
        low, high = result.interval.low, result.interval.high
        row(
            f"{label}: F1 / linked / corrected",
            f"{pair_score(clusters, truth).f1:.3f} / {h.observed} / {result.estimate:.0f}",
            f"95% {low:.0f}-{high:.0f}; truth inside: {low <= len(data.people) <= high}",
        )
        split, merged = split_and_merged(clusters, truth)
        row(
            "  people split / merged / net taken out by the correction",
            f"{split} / {merged} / {h.observed - result.corrected_observed:.0f}",
            f"true net {split - merged}; false merges expected {result.model.expected_merges().sum():.0f}",
        )
    row("time (s)", f"{time.perf_counter() - start:.1f}")


if __name__ == "__main__":
    import django

    django.setup()
    main()
