"""Time of the methods an estimate snapshot stores, with the settings the app uses.

Run from the repository root::

    python benchmarks/estimate_snapshot_bench.py [--repeat R] [--sizes 300,1000,3000] [--lists 3,4,5]

``zicht.sources.estimation.compare_estimates`` runs inside the request that makes a snapshot
(stepwise + adaptive bootstrap, latent classes, and model averaging for 3-5 lists), so it must
stay short. Tables are drawn from lists with heterogeneous capture (two groups of young people,
one hardly ever registered), the shape of the municipal lists. Target: at most 5 s wall time per
snapshot at municipal sizes (a few hundred to a few thousand young people). Wall time depends on
the machine's load; the CPU time beside it does less. With ``--linkage`` the snapshot also gets
BSN validation pairs (30 per pair of lists, name-key recall 0.88 per record; 10 weak pairs per pair
of lists and three false merges, as the learnt rule's validation has), so the headline is
the linkage-corrected estimate with its bootstrap, as when the lists carry BSNs (the drawn tables
have no linkage error, so that estimate comes out lower than the others: only its time counts).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packages" / "recapture" / "src"))
sys.path.insert(0, str(ROOT))

from zicht.sources.estimation import compare_estimates  # noqa: E402 (after the path set-up above)

TARGET_SECONDS = 5.0


def _table(n: int, k: int, rng: np.random.Generator) -> tuple[list[tuple[int, ...]], list[int]]:
    hidden = rng.random(n) < 0.4
    probabilities = np.where(hidden[:, None], 0.08, 0.3) * rng.uniform(0.7, 1.3, size=(1, k))
    caught = rng.random((n, k)) < probabilities
    counts: dict[tuple[int, ...], int] = {}
    for row in caught[caught.any(axis=1)]:
        pattern = tuple(int(x) for x in row)
        counts[pattern] = counts.get(pattern, 0) + 1
    patterns = [p for p in itertools.product((0, 1), repeat=k) if any(p) and p in counts]
    return patterns, [counts[p] for p in patterns]


def _validation(names: list[str], observed: int, rng: np.random.Generator):  # type: ignore[no-untyped-def]
    import recapture

    k = len(names)
    pairs = np.triu(np.full((k, k), 30))
    pairs[np.diag_indices(k)] = 3
    linked = np.triu(rng.binomial(pairs, 0.88**2))
    records = np.full(k, max(observed // 2, 1))
    certain = (records * np.linspace(0.9, 0.1, k)).astype(int)
    weak_pairs = np.full((k, k), 10)  # as the learnt rule's validation: weak records link about half the time
    return recapture.LinkageValidation(
        tuple(names),
        pairs,
        linked,
        records,
        certain,
        (certain * 0.8).astype(int),
        weak_pairs=weak_pairs,
        # drawn apart from ``rng``, so the tables are the ones measured before weak pairs were added
        weak_linked=np.random.default_rng(observed).binomial(weak_pairs, 0.88 * 0.5),
        merged=(2, 1),  # false merges measured, so the correction and its bootstrap undo them
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--sizes", default="300,1000,3000")
    parser.add_argument("--lists", default="3,4,5")
    parser.add_argument("--linkage", action="store_true", help="with BSN validation pairs (corrected headline)")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    warm = _table(300, 3, np.random.default_rng(0))  # imports and first calls, as in a running server
    compare_estimates(patterns=warm[0], counts=warm[1], names=["A", "B", "C"], seed=1)
    print(f"{'N':>6} {'lists':>5} {'observed':>8} {'wall s':>7} {'CPU s':>6} {'target':>7}  methods (estimate)")
    for n, k in itertools.product(map(int, args.sizes.split(",")), map(int, args.lists.split(","))):
        for _ in range(args.repeat):
            patterns, counts = _table(n, k, rng)
            names = [chr(ord("A") + i) for i in range(k)]
            validation = _validation(names, sum(counts), rng) if args.linkage else None
            start, cpu = time.perf_counter(), time.process_time()
            _headline, methods = compare_estimates(
                patterns=patterns, counts=counts, names=names, seed=1, validation=validation
            )
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            shown = ", ".join(f"{e['method']} {e['estimate']:.0f}" for e in methods["estimates"])
            verdict = "ok" if seconds <= TARGET_SECONDS else "SLOW"
            figures = f"{n:>6} {k:>5} {sum(counts):>8} {seconds:>7.1f} {cpu:>6.1f} {TARGET_SECONDS:>6.0f}s"
            print(f"{figures}  {shown}  {verdict}")


if __name__ == "__main__":
    main()
