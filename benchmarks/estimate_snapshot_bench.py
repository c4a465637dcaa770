"""Time of the methods an estimate snapshot stores, with the settings the app uses.

Run from the repository root::

    python benchmarks/estimate_snapshot_bench.py [--repeat R] [--sizes 300,1000,3000] [--lists 3,4,5]

``zicht.sources.estimation.compare_estimates`` runs inside the request that makes a snapshot
(stepwise + adaptive bootstrap, latent classes, and model averaging for 3-5 lists), so it must
stay short. Tables are drawn from lists with heterogeneous capture (two groups of young people,
one hardly ever registered), the shape of the municipal lists. Target: at most 5 s wall time per
snapshot at municipal sizes (a few hundred to a few thousand young people). Wall time depends on
the machine's load; the CPU time beside it does less.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--sizes", default="300,1000,3000")
    parser.add_argument("--lists", default="3,4,5")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    warm = _table(300, 3, np.random.default_rng(0))  # imports and first calls, as in a running server
    compare_estimates(patterns=warm[0], counts=warm[1], names=["A", "B", "C"], seed=1)
    print(f"{'N':>6} {'lists':>5} {'observed':>8} {'wall s':>7} {'CPU s':>6} {'target':>7}  methods (estimate)")
    for n, k in itertools.product(map(int, args.sizes.split(",")), map(int, args.lists.split(","))):
        for _ in range(args.repeat):
            patterns, counts = _table(n, k, rng)
            names = [chr(ord("A") + i) for i in range(k)]
            start, cpu = time.perf_counter(), time.process_time()
            _headline, methods = compare_estimates(patterns=patterns, counts=counts, names=names, seed=1)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            shown = ", ".join(f"{e['method']} {e['estimate']:.0f}" for e in methods["estimates"])
            verdict = "ok" if seconds <= TARGET_SECONDS else "SLOW"
            figures = f"{n:>6} {k:>5} {sum(counts):>8} {seconds:>7.1f} {cpu:>6.1f} {TARGET_SECONDS:>6.0f}s"
            print(f"{figures}  {shown}  {verdict}")


if __name__ == "__main__":
    main()
