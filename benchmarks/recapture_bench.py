"""Wall-time benchmark of the recapture package against reference implementations.

Run from the repository root::

    python benchmarks/recapture_bench.py [--workers N] [--repeat R]

Prints wall time (the speed-up is computed from it) and CPU time of this
process and its worker processes.  Reference times (R 4.2.2; expected.json): Rcapture ``closedpMS.t`` exhaustive
BIC 198 s (UK six lists, 32,768 models) and 55 s (UK five lists, order <= 4,
6,893 models); SparseMSE ``estimatepopulation`` stepwise + 1,000 BCa
replicates 171 s (UK six lists) and 731 s (New Orleans, 185 observed).
The data live in ``../shared/testdata/mse`` (or ``$ZICHT_SHARED_DIR``).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packages" / "recapture" / "src"))

import recapture as rc  # noqa: E402 (after the path set-up above)


def _data_dir() -> Path:
    env = os.environ.get("ZICHT_SHARED_DIR")
    base = Path(env) if env else ROOT.parent / "shared"
    return base / "testdata" / "mse"


def _cpu() -> float:
    """CPU seconds of this process and its finished children."""
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=None, help="bootstrap processes (default 2)")
    ap.add_argument("--repeat", type=int, default=1, help="repeat each case, report the best")
    args = ap.parse_args()
    d = _data_dir()
    cases = [
        (
            "exhaustive BIC, UK 6 lists (32,768 models)",
            "Rcapture",
            198.0,
            "uk2013_6lists.csv",
            dict(method="bic", maxorder=2),
        ),
        (
            "BIC up to order 4, UK 5 lists (6,893 models)",
            "Rcapture",
            55.0,
            "uk2013_5lists.csv",
            dict(method="bic", maxorder=4),
        ),
        (
            "stepwise + 1,000 BCa, UK 6 lists",
            "SparseMSE",
            171.0,
            "uk2013_6lists.csv",
            dict(method="stepwise", n_boot=1000, seed=1),
        ),
        (
            "stepwise + 1,000 BCa, New Orleans 185",
            "SparseMSE",
            731.0,
            "new_orleans_8lists_185.csv",
            dict(method="stepwise", n_boot=1000, seed=1),
        ),
    ]
    print(f"recapture {rc.__version__}, numpy, scipy; {os.cpu_count()} CPU(s)")
    head = f"{'case':<46} {'reference':>16} {'wall':>8} {'cpu':>7} {'speed-up':>9}  result"
    print(head)
    print("-" * len(head))
    for label, refname, ref, fname, kw in cases:
        table = rc.read_csv(d / fname)
        best, best_cpu = float("inf"), float("inf")
        for _ in range(args.repeat):
            c0 = _cpu()
            t0 = time.perf_counter()
            res = rc.estimate(table, workers=args.workers, **kw)
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, _cpu() - c0)
        iv = res.interval
        summary = f"{res.estimate:,.1f} ({iv.low:,.0f}-{iv.high:,.0f} {iv.method}), {res.models_searched} models"
        print(f"{label:<46} {refname:>9} {ref:5.0f} s {best:7.2f}s {best_cpu:6.2f}s {ref / best:8.0f}x  {summary}")


if __name__ == "__main__":
    main()
