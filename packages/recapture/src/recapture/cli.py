"""Command line interface: ``recapture estimate`` and ``recapture plot``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from ._api import estimate
from ._results import MSEResult
from ._stratified import estimate_stratified, stratify_records
from ._table import from_records, read_csv, read_records_csv

__all__ = ["main"]


class Progress:
    """Plain-text progress bar on a stream (stderr), throttled."""

    def __init__(self, stream: TextIO | None = None, width: int = 30, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = enabled
        self._last = 0.0
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if stage == self._stage and done < total and now - self._last < 0.1:
            return
        self._last, self._stage = now, stage
        filled = int(self.width * done / total)
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{stage:>10} [{bar}] {done}/{total}{end}")
        self.stream.flush()


def _fmt(x: float) -> str:
    return f"{x:,.1f}" if x == x and abs(x) != float("inf") else str(x)


def _text(res: MSEResult) -> str:
    lines = [
        f"method            {res.method}",
        f"lists             {', '.join(res.lists)}",
        f"observed          {res.observed}",
        f"estimate          {_fmt(res.estimate)}",
        f"dark figure       {_fmt(res.dark_figure)}",
    ]
    if res.multinomial_estimate is not None:
        lines.append(f"multinomial est.  {_fmt(res.multinomial_estimate)}")
    lines.append(f"terms             {', '.join(res.terms) or '(main effects only)'}")
    if res.empty_overlap_terms:
        lines.append(f"empty overlaps    {', '.join(res.empty_overlap_terms)} (fitted at -inf)")
    for name, iv in res.intervals.items():
        mark = " *" if res.interval is iv else ""
        high = "no upper bound" if iv.unbounded_high else _fmt(iv.high)
        extra = ""
        if iv.replicates:
            extra = f"; {iv.replicates} replicates"
            if iv.mc_error_low is not None and iv.mc_error_high is not None:
                extra += f", MC error {_fmt(iv.mc_error_low)} / {_fmt(iv.mc_error_high)}"
            if iv.n_infinite:
                extra += f", {iv.n_infinite} infinite"
        lines.append(f"{int(iv.level * 100)}% {name:<13} {_fmt(iv.low)} - {high} ({iv.method}{extra}){mark}")
    lines.append(f"models searched   {res.models_searched}")
    for f in res.failed_models[:10]:
        lines.append(f"rejected model    {f}")
    for w in res.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="recapture", description="Multiple systems estimation (capture-recapture).")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("file", help="CSV with one 0/1 column per list and a 'count' column")
        sp.add_argument("--method", choices=["main", "stepwise", "bhs", "bic", "aic", "fixed"], default="stepwise")
        sp.add_argument(
            "--terms",
            default=None,
            help="interactions of a fixed model, e.g. 'A:B,B:C:D' (implies --method fixed)",
        )
        sp.add_argument("--maxorder", type=int, default=None, help="highest interaction order (bic/aic; default 2)")
        sp.add_argument("--threshold", type=float, default=None, help="p-value threshold")
        sp.add_argument("--bootstrap", type=int, default=0, metavar="N", help="bootstrap replicates")
        sp.add_argument("--parametric", action="store_true", help="parametric bootstrap")
        sp.add_argument("--percentile", action="store_true", help="percentile instead of BCa")
        sp.add_argument(
            "--boot-mc-tol",
            type=float,
            default=None,
            metavar="TOL",
            help="add bootstrap replicates until each bound's Monte Carlo error is <= TOL x bound",
        )
        sp.add_argument("--seed", type=int, default=None)
        sp.add_argument("--level", type=float, default=0.95)
        sp.add_argument("--workers", type=int, default=None, help="bootstrap processes")
        sp.add_argument("--quiet", action="store_true", help="no progress bar")
        sp.add_argument(
            "--lists",
            default=None,
            help="comma-separated list columns (records files; default all but --strata)",
        )
        sp.add_argument(
            "--strata",
            default=None,
            help="comma-separated stratum columns (records files): estimate per stratum and sum",
        )

    est = sub.add_parser("estimate", help="estimate the population size")
    common(est)
    est.add_argument("--json", action="store_true", help="one JSON object on stdout")
    est.add_argument("--candidates", action="store_true", help="include candidate models in JSON")
    cmp = sub.add_parser("compare", help="every applicable method side by side (stepwise, latent classes, dga)")
    cmp.add_argument("file", help="aggregated CSV (list columns plus count)")
    cmp.add_argument("--headline", default="stepwise", help="method reported first")
    cmp.add_argument(
        "--bootstrap", type=int, default=1000, metavar="N", help="bootstrap replicates of the stepwise method"
    )
    cmp.add_argument("--seed", type=int, default=None)
    cmp.add_argument("--workers", type=int, default=None, help="bootstrap processes")
    cmp.add_argument("--json", action="store_true", help="one JSON object on stdout")
    plot = sub.add_parser("plot", help="overlap (UpSet-style) picture with the estimate")
    common(plot)
    plot.add_argument("--out", required=True, help="output .png or .svg")
    return p


def _split(text: str | None) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()] if text else []


def _load(args: argparse.Namespace):
    """Aggregated table, or (records) a table or a dict of stratum tables."""
    with open(args.file, encoding="utf-8-sig") as fh:
        header = [h.strip() for h in fh.readline().split(",")]
    strata = _split(args.strata)
    if any(h.casefold() == "count" for h in header) and not strata:
        return read_csv(args.file)
    records, lists = read_records_csv(args.file, _split(args.lists) or None, strata)
    if strata:
        return stratify_records(records, lists, strata)
    return from_records(records, lists)


def _kwargs(args: argparse.Namespace) -> dict:
    terms = _split(args.terms)
    if args.method == "fixed" and not terms:
        raise ValueError("--method fixed needs --terms")
    return dict(
        method="fixed" if terms else args.method,
        terms=terms,
        maxorder=args.maxorder,
        threshold=args.threshold,
        level=args.level,
        n_boot=args.bootstrap,
        bootstrap_kind="parametric" if args.parametric else "nonparametric",
        bootstrap_interval="percentile" if args.percentile else "bca",
        boot_mc_tol=args.boot_mc_tol,
        seed=args.seed,
        workers=args.workers,
        progress=Progress(enabled=not args.quiet),
    )


def _compare(args: argparse.Namespace) -> int:
    from ._compare import compare_methods

    cmp = compare_methods(
        read_csv(args.file),
        headline=args.headline,
        n_boot=args.bootstrap,
        seed=args.seed,
        workers=args.workers,
    )
    if args.json:
        json.dump(cmp.to_dict(), sys.stdout)
        sys.stdout.write("\n")
        return 0
    print(f"observed          {cmp.observed}  ({len(cmp.lists)} lists: {', '.join(cmp.lists)})")
    for e in cmp.estimates:
        iv = e.interval
        high = "no upper bound" if iv.unbounded_high else _fmt(iv.high)
        mark = " *" if e.method == cmp.headline_method else ""
        print(f"{e.method:<10} {_fmt(e.estimate):>12}  {_fmt(iv.low)} - {high}  ({e.label}){mark}")
        for w in e.warnings:
            print(f"           warning: {w}")
    for name, why in cmp.failed.items():
        print(f"{name:<10} not applicable: {why}")
    if cmp.estimates:
        lo, hi = cmp.estimate_range
        print(f"range of the estimates across methods: {_fmt(lo)} - {_fmt(hi)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "compare":
            return _compare(args)
        data = _load(args)
        if isinstance(data, dict):
            if args.command != "estimate":
                raise ValueError("plot does not support --strata")
            strat = estimate_stratified(data, **_kwargs(args))
            if args.json:
                json.dump(strat.to_dict(), sys.stdout)
                sys.stdout.write("\n")
            else:
                for name, r in strat.strata.items():
                    print(f"stratum {name}: {r.observed} observed, estimate {_fmt(r.estimate)}")
                iv = strat.interval
                print(
                    f"total: {strat.observed} observed, estimate {_fmt(strat.estimate)} "
                    f"({_fmt(iv.low)} - {_fmt(iv.high)}, {iv.method})"
                )
            return 0
        res = estimate(data, **_kwargs(args))
        if args.command == "estimate":
            if args.json:
                json.dump(res.to_dict(candidates=args.candidates), sys.stdout)
                sys.stdout.write("\n")
            else:
                print(_text(res))
        else:
            from ._plot import plot_overlaps

            plot_overlaps(data, res, args.out)
            print(f"wrote {args.out}", file=sys.stderr)
    except (ValueError, OSError) as exc:
        print(f"recapture: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
