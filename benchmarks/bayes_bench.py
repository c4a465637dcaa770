"""Speed and Monte Carlo accuracy of the Bayesian estimators against R.

Run from the repository root::

    python benchmarks/bayes_bench.py            # quick: defaults, three small tables
    python benchmarks/bayes_bench.py --long     # all tables, runs as long as R's

``latent_class`` (LCMCR) and ``model_average`` (dga) on the reference tables
in ``../shared/testdata/mse`` (or ``$ZICHT_SHARED_DIR``).  Printed side by
side with R's figures from ``bayes_expected.json`` (R 4.2.2; LCMCR 0.4.14 with
burn-in 100,000 and 10,000 draws at thinning 100 = 1.1M iterations; dga 2.0.2
``bma.cr`` on the grid 0..10 x observed, delta = 2^-p).  For a sampler the
figure that counts is the effective sample size (ESS) per CPU second: the
Monte Carlo error of a summary falls with the square root of the ESS.
"""

from __future__ import annotations

import argparse
import json
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
    a = resource.getrusage(resource.RUSAGE_SELF)
    return a.ru_utime + a.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--long", action="store_true", help="all tables, 1.1M chain-iterations each")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    d = _data_dir()
    ref = json.loads((d / "bayes_expected.json").read_text())["results"]
    lc = {r["dataset"]: r for r in ref if r["method"] == "LCMCR"}
    dga = {r["dataset"]: r for r in ref if r["method"] == "dga" and r["config"] == "delta2^-p_grid10x"}
    quick = ["korea_3lists.csv", "new_orleans_8lists_185.csv", "hiv_4lists.csv"]
    names = list(lc) if args.long else quick
    # --long: 16 chains x (5,000 burn-in + 64,000) = 1.1M chain-iterations, as R's run
    kw = dict(chains=16, burnin=5_000, samples=16_000, thinning=64) if args.long else {}
    print(f"recapture {rc.__version__}; {os.cpu_count()} CPU(s); load {os.getloadavg()[0]:.1f}")
    print("\nLCMCR (latent classes, K = 10)" + (" - long runs" if args.long else " - defaults"))
    print(
        f"{'table':<28} {'median [95 %]':>24} {'R median [95 %]':>24} "
        f"{'wall':>6} {'cpu':>6} {'ESS':>6} {'ESS/cpu-s':>9} {'R cpu':>6} {'R ESS':>6} {'R ESS/s':>8}"
    )
    for name in names:
        table = rc.read_csv(d / name)
        c0, w0 = _cpu(), time.perf_counter()
        res = rc.latent_class(table, seed=args.seed, **kw)
        cpu, wall = _cpu() - c0, time.perf_counter() - w0
        r = lc[name]
        s = r["summaries"]
        rcpu = r["cpu_s_median_over_seeds"]
        ress = r["ess_median_over_seeds"]
        ours = f"{res.estimate:,.0f} [{res.interval.low:,.0f}; {res.interval.high:,.0f}]"
        theirs = (
            f"{s['median']['avg_over_seeds']:,.0f} [{s['q025']['avg_over_seeds']:,.0f}; "
            f"{s['q975']['avg_over_seeds']:,.0f}]"
        )
        print(
            f"{name:<28} {ours:>24} {theirs:>24} {wall:>6.1f} {cpu:>6.1f} {res.ess:>6.0f} "
            f"{res.ess / cpu:>9.0f} {rcpu:>6.1f} {ress:>6.0f} {ress / rcpu:>8.0f}"
        )
    print("\ndga (model averaging over decomposable graphs, delta = 2^-p, grid 0..10 x observed)")
    print(f"{'table':<28} {'median [95 %]':>24} {'R median [95 %]':>24} {'wall':>6} {'R wall':>7}")
    for name in [n for n in dga if args.long or "uk" not in n]:
        table = rc.read_csv(d / name)
        r = dga[name]
        w0 = time.perf_counter()
        res = rc.model_average(table, delta=r["settings"]["delta"], n_max=int(r["settings"]["Nmissing"].split(":")[1]))
        wall = time.perf_counter() - w0
        s = r["summaries"]
        ours = f"{res.estimate:,.0f} [{res.interval.low:,.0f}; {res.interval.high:,.0f}]"
        theirs = f"{s['median']:,.0f} [{s['q025']:,.0f}; {s['q975']:,.0f}]"
        print(f"{name:<28} {ours:>24} {theirs:>24} {wall:>6.2f} {r['elapsed_s_bma_cr']:>7.2f}")


if __name__ == "__main__":
    main()
