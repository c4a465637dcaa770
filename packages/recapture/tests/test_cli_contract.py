"""The CLI contract on every reference table: ``recapture estimate FILE --method M --json``.

Oracle for the terms: ``expected.json`` (SparseMSE / Rcapture runs on these exact files).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from recapture.cli import main

SHARED = Path(os.environ.get("ZICHT_SHARED_DIR") or Path(__file__).resolve().parents[3].parent / "shared")
MSE_DIR = SHARED / "testdata" / "mse"
TABLES = sorted(p.name for p in MSE_DIR.glob("*.csv"))
CLI_TO_REFERENCE = {"main": "main_effects", "stepwise": "stepwise", "bhs": "bhs", "bic": "bic"}


# Exhaustive search over eight lists (2**28 two-way models) is refused with a clear error.
MAX_EXHAUSTIVE_LISTS = 7


def _bound(value: float | str) -> float:
    return float(value)  # an unbounded profile interval is written as "inf"


@pytest.mark.parametrize("method", sorted(CLI_TO_REFERENCE))
@pytest.mark.parametrize("name", TABLES)
def test_json_contract_on_every_reference_table(name, method, mse_dir, expected, capsys):
    columns = (mse_dir / name).read_text().splitlines()[0].split(",")[:-1]
    code = main(["estimate", str(mse_dir / name), "--method", method, "--json", "--quiet"])
    if method == "bic" and len(columns) > MAX_EXHAUSTIVE_LISTS:
        assert code == 2 and "maxorder" in capsys.readouterr().err
        return
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert {"observed", "estimate", "terms", "interval", "models_searched", "empty_overlap_terms"} <= set(out)
    assert {"low", "high", "method"} <= set(out["interval"])
    assert out["estimate"] >= out["observed"]
    assert _bound(out["interval"]["low"]) <= out["estimate"] <= _bound(out["interval"]["high"])
    for term in out["terms"] + out["empty_overlap_terms"]:
        assert set(term.split(":")) <= set(columns)
    references = [
        r
        for r in expected[name]["results"]
        if r["method"] == CLI_TO_REFERENCE[method] and "terms" in r and r.get("maxorder", 2) == 2
    ]
    for reference in references:
        assert set(out["terms"]) == set(reference["terms"])
