"""Regression guard for the coverage harness (``benchmarks/coverage.py``).

A handful of populations drawn from the fitted UK five-list probabilities at
N = 1,000 (a sparse table): the headline interval (stepwise selection redone
in every bootstrap replicate) must still contain the true N in most of them.
At a true coverage of 93 % at most 12 of 16 covered happens with probability
0.02; the full study's figures are in ``benchmarks/README.md``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ZICHT_SHARED_DIR", ROOT.parent / "shared")) / "testdata" / "mse"


def _harness():
    spec = importlib.util.spec_from_file_location("coverage_harness", ROOT / "benchmarks" / "coverage.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["coverage_harness"] = module
    spec.loader.exec_module(module)
    return module


def test_headline_interval_covers_on_a_sparse_table():
    if not (DATA / "uk2013_5lists.csv").exists():
        if os.environ.get("CI"):
            pytest.fail(f"reference data not found in {DATA}")
        pytest.skip(f"reference data not found in {DATA}")
    cov = _harness()
    truth = cov.fitted_truth("sparse5", DATA / "uk2013_5lists.csv", n=1000)
    tally = cov.simulate(truth, 16, fast=True, seed=1, only={"stepwise-boot"})["stepwise-boot"]
    assert tally.runs + tally.failed == 16
    assert tally.covered >= 13, tally.row()


def test_linkage_corrected_interval_covers_the_apps_synthetic_registries():
    """The app's synthetic registries linked by the app's code: the uncorrected estimate is too high
    (missed links split people), the estimate corrected with the BSN-validated error rates is not,
    and its interval covers. At a true coverage of 93 % at most 12 of 16 covered has probability 0.02."""
    cov = _harness()
    tallies = cov.simulate(cov.linkage_truth(), 16, fast=True, seed=1, only={"stepwise-model", "linkage-corrected"})
    naive, corrected = tallies["stepwise-model"], tallies["linkage-corrected"]
    assert corrected.runs == naive.runs == 16
    assert sum(naive.errors) / 16 > 0.08, naive.row()
    assert abs(sum(corrected.errors) / 16) < 0.05, corrected.row()
    assert corrected.covered >= 13, corrected.row()
