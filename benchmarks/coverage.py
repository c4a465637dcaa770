"""Coverage of the published interval: populations simulated from a fitted truth.

Run from the repository root::

    python benchmarks/coverage.py --fast                 # CI guard: 24 populations per setting
    python benchmarks/coverage.py                        # full: 200 populations per setting
    python benchmarks/coverage.py --settings sparse5 --populations 100

Each setting fixes a true population size ``N`` and cell probabilities, draws
the capture table of ``N`` people again and again (multinomial), runs every
method as it would be published, and prints per method: coverage of the 95 %
interval with its Clopper-Pearson 95 % interval, bias and RMSE of the point
estimate (% of N), median interval width (% of N), how many intervals had an
unbounded side, and how many populations gave no estimate at all.

Settings (the truth is the stepwise log-linear fit to the real table):

* ``uk6``     UK 2013, six lists (N = 11,418 as fitted, 2,744 observed);
* ``no8``     New Orleans, eight sparse lists (185 observed);
* ``sparse5`` UK 2013 five lists' fitted probabilities at N = 1,000;
* ``linkage`` the app's synthetic population (``zicht.sources.synthetic``,
  N = 1,000 young people on three registries with realistic name variation),
  keyed as an upload is and linked with the app's own code by the estimates'
  default rule (learnt from the BSN pairs; ``--link-rule threshold`` for
  threshold 2): the linkage errors are part of what the interval must cover.

Methods: ``stepwise-model`` (the selected model's own interval, the old
headline), ``stepwise-boot`` (BCa bootstrap with the stepwise selection redone
in every replicate, adaptive), ``lcmcr`` (latent classes), ``dga`` (graphical
model averaging, 3-5 lists), ``linkage-corrected`` (the snapshot's headline
when BSN pairs measure the linkage error: ``recapture.estimate_linkage_corrected``;
``linkage`` setting only) and ``perfect-linkage`` (a yardstick: ``stepwise-boot``
on the table of true people; ``linkage`` setting only).  Target for the headline: coverage >= 93 % in
every setting.  The data live in ``../shared/testdata/mse`` (or
``$ZICHT_SHARED_DIR``).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.stats import binomtest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packages" / "recapture" / "src"))
sys.path.insert(0, str(ROOT))

import recapture as rc  # noqa: E402 (after the path set-up above)


def _data_dir() -> Path:
    env = os.environ.get("ZICHT_SHARED_DIR")
    base = Path(env) if env else ROOT.parent / "shared"
    return base / "testdata" / "mse"


@dataclass
class Truth:
    """A population to draw capture tables from."""

    name: str
    n: int
    names: tuple[str, ...]
    prob: np.ndarray | None = None  # cell probabilities, the unobserved cell first
    draw: Callable[[np.random.Generator], rc.CaptureTable] | None = None

    def sample(self, rng: np.random.Generator) -> rc.CaptureTable:
        if self.draw is not None:
            return self.draw(rng)
        cells = rng.multinomial(self.n, self.prob)[1:]
        return rc.CaptureTable(self.names, cells)


def fitted_truth(name: str, path: Path, n: int | None = None) -> Truth:
    """Cell probabilities of the stepwise model fitted to a real table."""
    table = rc.read_csv(path)
    res = rc.estimate(table, "stepwise")
    fit = rc.fit_model(table, res.terms)
    mu = np.concatenate([[fit.estimate - table.observed], fit.fitted])
    return Truth(name, int(round(n if n is not None else fit.estimate)), table.names, mu / mu.sum())


def linkage_truth(n_people: int = 1000, *, link_rule: str = "learnt") -> Truth:
    """The app's synthetic registries, keyed, linked and validated by the app's code.

    Rows are keyed as an upload is (``keys_for_identity``: a BSN failing the eleven test is left
    out, a year-only date gives no date keys; rows with too little to key on are left out). The
    drawn table carries the BSN validation pairs (``table.validation``) for the corrected method.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ZICHT_ENV", "test")
    from zicht.sources.estimation import linkage_validation
    from zicht.sources.learnt_linkage import link_records_learnt
    from zicht.sources.linkage import capture_histories, link_records, pair_evidence
    from zicht.sources.pseudonymise import keys_for_identity, linkable_by
    from zicht.sources.synthetic import generate, labelled_rows

    def draw(rng: np.random.Generator) -> rc.CaptureTable:
        data = generate(n_people, seed=int(rng.integers(2**31)))
        keyed, people = [], []
        for row in labelled_rows(data):
            keys = keys_for_identity(row, key="coverage-list-key-0123456789").keys
            if linkable_by(keys) != "none":
                keyed.append({**keys, "source": row["source"]})
                people.append(int(row["person_id"]))
        evidence = pair_evidence(keyed)
        if link_rule == "learnt":
            learnt = link_records_learnt(keyed, evidence=evidence)
            clusters, links = learnt.clusters, learnt.validated_links
        else:
            clusters, links = link_records(keyed, evidence=evidence), None
        hist = capture_histories(keyed, clusters)
        table = LinkedTable.from_counts(hist.patterns, hist.counts, hist.lists)
        validation = linkage_validation(keyed, lists=hist.lists, threshold=2, evidence=evidence, name_links=links)
        object.__setattr__(table, "validation", validation)
        true = capture_histories(keyed, people)  # linked by the true person: what perfect linkage gives
        object.__setattr__(table, "true_table", rc.CaptureTable.from_counts(true.patterns, true.counts, true.lists))
        return table

    return Truth("linkage", n_people, (), draw=draw)


class LinkedTable(rc.CaptureTable):
    """A capture table with the validation pairs of its linkage (``validation``)."""

    validation: object = None
    true_table: rc.CaptureTable | None = None


@dataclass
class Tally:
    covered: int = 0
    runs: int = 0
    failed: int = 0
    unbounded: int = 0
    errors: list[float] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, truth: int, est: float, low: float, high: float) -> None:
        self.runs += 1
        self.covered += int(low <= truth <= high)
        self.unbounded += int(not math.isfinite(high))
        self.errors.append((est - truth) / truth)
        self.widths.append((high - low) / truth)

    def row(self) -> str:
        if self.runs == 0:
            return f"{'-':>8} {'':>15} {'':>8} {'':>8} {'':>8} {0:>5} {self.failed:>5}"
        ci = binomtest(self.covered, self.runs).proportion_ci(0.95)
        err = np.array(self.errors)
        return (
            f"{self.covered / self.runs:>8.1%} [{ci.low:5.1%};{ci.high:6.1%}] "
            f"{err.mean():>+8.1%} {math.sqrt(np.mean(err**2)):>8.1%} "
            f"{np.median(self.widths):>8.1%} {self.unbounded:>5} {self.failed:>5} "
            f"{self.seconds / max(self.runs + self.failed, 1):>6.2f}"
        )


def methods(fast: bool, seed: int) -> dict[str, Callable[[rc.CaptureTable], tuple[float, float, float]]]:
    boot = dict(n_boot=200) if fast else dict(n_boot=1000, boot_mc_tol=0.01, max_boot=8000)
    mcmc = dict(chains=8, burnin=2000, max_burnin=20_000, samples=2000, thinning=5) if fast else {}

    def stepwise_model(t):
        r = rc.estimate(t, "stepwise")
        return r.estimate, r.intervals["model"].low, r.intervals["model"].high

    def stepwise_boot(t):
        r = rc.estimate(t, "stepwise", seed=seed, workers=1, **boot)
        return r.estimate, r.interval.low, r.interval.high

    def lcmcr(t):
        r = rc.latent_class(t, seed=seed, **mcmc)
        return r.estimate, r.interval.low, r.interval.high

    def linkage_corrected(t):
        validation = getattr(t, "validation", None)
        if validation is None:
            raise ValueError("no linkage validation for this setting")
        r = rc.estimate_linkage_corrected(t, validation, seed=seed, n_boot=200 if fast else 1000)
        return r.estimate, r.interval.low, r.interval.high

    def perfect_linkage(t):  # a yardstick: the headline method on the table of true people
        if getattr(t, "true_table", None) is None:
            raise ValueError("the true people are known only in the linkage setting")
        return stepwise_boot(t.true_table)

    def dga(t):
        if not 3 <= t.n_lists <= 5:
            raise ValueError("dga needs 3 to 5 lists")
        r = rc.model_average(t)
        return r.estimate, r.interval.low, r.interval.high

    return {
        "stepwise-model": stepwise_model,
        "stepwise-boot": stepwise_boot,
        "lcmcr": lcmcr,
        "dga": dga,
        "linkage-corrected": linkage_corrected,
        "perfect-linkage": perfect_linkage,
    }


def simulate(truth: Truth, populations: int, fast: bool, seed: int, only: set[str] | None) -> dict[str, Tally]:
    """Draw ``populations`` tables from ``truth`` and run each method on each."""
    rng = np.random.default_rng([seed, sum(map(ord, truth.name))])
    meth = {k: v for k, v in methods(fast, seed).items() if not only or k in only}
    tallies = {k: Tally() for k in meth}
    for _ in range(populations):
        try:
            table = truth.sample(rng)
        except ValueError:  # e.g. a list nobody is on in this draw
            for t in tallies.values():
                t.failed += 1
            continue
        for name, f in meth.items():
            t0 = time.perf_counter()
            try:
                est, lo, hi = f(table)
            except ValueError:
                tallies[name].failed += 1
            else:
                tallies[name].add(truth.n, est, lo, hi)
            tallies[name].seconds += time.perf_counter() - t0
    return tallies


def run(truth: Truth, populations: int, fast: bool, seed: int, only: set[str] | None) -> None:
    tallies = simulate(truth, populations, fast, seed, only)
    print(f"\n{truth.name}: N = {truth.n:,}, {populations} populations")
    print(
        f"  {'method':<15} {'coverage':>8} {'binomial 95 %':>15} {'bias':>8} {'RMSE':>8} "
        f"{'width':>8} {'unbd':>5} {'fail':>5} {'s/pop':>6}"
    )
    for name, t in tallies.items():
        print(f"  {name:<15} {t.row()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fast", action="store_true", help="24 populations, short bootstrap and sampler")
    ap.add_argument("--populations", type=int, default=None)
    ap.add_argument("--settings", default="uk6,no8,sparse5,linkage")
    ap.add_argument("--methods", default="", help="comma-separated subset of the methods")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--link-rule", choices=("learnt", "threshold"), default="learnt", help="linkage setting's rule")
    args = ap.parse_args()
    pops = args.populations or (24 if args.fast else 200)
    d = _data_dir()
    builders = {
        "uk6": lambda: fitted_truth("uk6", d / "uk2013_6lists.csv"),
        "no8": lambda: fitted_truth("no8", d / "new_orleans_8lists_185.csv"),
        "sparse5": lambda: fitted_truth("sparse5", d / "uk2013_5lists.csv", n=1000),
        "linkage": lambda: linkage_truth(link_rule=args.link_rule),
    }
    only = {m for m in args.methods.split(",") if m} or None
    print(
        f"recapture {rc.__version__}; {'fast' if args.fast else 'full'} mode; "
        f"load {os.getloadavg()[0]:.1f}; target: headline coverage >= 93 %"
    )
    for name in args.settings.split(","):
        run(builders[name](), pops, args.fast, args.seed, only)


if __name__ == "__main__":
    main()
