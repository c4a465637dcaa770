"""Command line interface (console script ``recapture`` / ``python -m recapture``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recapture.cli import main

SRC = str(Path(__file__).resolve().parents[1] / "src")


def test_json_keys(mse_dir, capsys):
    f = str(mse_dir / "uk2013_5lists.csv")
    assert main(["estimate", f, "--method", "bic", "--json", "--quiet"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("observed", "estimate", "terms", "interval", "models_searched", "empty_overlap_terms"):
        assert key in out
    assert out["models_searched"] == 1024
    assert set(out["terms"]) == {"LA:NG", "LA:PFNCA", "NG:PFNCA", "NG:GP", "PFNCA:GO"}
    assert set(out["interval"]) >= {"low", "high", "method"}


def test_main_effects_terms_empty(mse_dir, capsys):
    assert main(["estimate", str(mse_dir / "hiv_4lists.csv"), "--method", "main", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["terms"] == [] and out["empty_overlap_terms"] == []


def test_text_output_and_progress(mse_dir, capsys):
    f = str(mse_dir / "korea_3lists.csv")
    assert main(["estimate", f, "--bootstrap", "30", "--seed", "1", "--workers", "1"]) == 0
    cap = capsys.readouterr()
    assert "estimate" in cap.out and "bootstrap" in cap.err


def test_bad_file_exit_code(tmp_path, capsys):
    p = tmp_path / "bad.csv"
    p.write_text("A,B,count\n1,0,-3\n")
    assert main(["estimate", str(p)]) == 2
    assert "-3" in capsys.readouterr().err


def test_python_m(mse_dir):
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run(
        [sys.executable, "-m", "recapture", "estimate", str(mse_dir / "korea_3lists.csv"), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert json.loads(r.stdout)["observed"] == 123


def test_plot(mse_dir, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "p.svg"
    assert main(["plot", str(mse_dir / "new_orleans_8lists_185.csv"), "--out", str(out), "--quiet"]) == 0
    assert out.read_text().lstrip().startswith("<?xml")
    assert main(["plot", str(mse_dir / "korea_3lists.csv"), "--out", str(tmp_path / "p.gif")]) == 2


def test_records_with_strata(tmp_path, capsys):
    """Individual records (no count column) with a stratum column: sum of strata."""
    p = tmp_path / "rec.csv"
    p.write_text(
        "A,B,C,sex\n1,0,0,f\n1,1,0,f\n0,1,1,f\n0,0,1,f\n1,0,1,m\n1,0,0,m\n0,1,0,m\n0,1,1,m\n1,1,1,f\n1,1,0,m\n"
    )
    assert main(["estimate", str(p), "--method", "main", "--strata", "sex", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["strata"]) == {"f", "m"}
    assert out["observed"] == 10
    assert out["estimate"] == pytest.approx(sum(s["estimate"] for s in out["strata"].values()))
    assert main(["estimate", str(p), "--method", "main", "--lists", "A,B,C", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["observed"] == 10


def test_fixed_model_with_empty_overlap(mse_dir, capsys):
    """--terms fits a fixed model; an empty-overlap term is listed in both
    ``terms`` and ``empty_overlap_terms`` (Chan, Silverman & Vincent 2021)."""
    f = str(mse_dir / "new_orleans_8lists_185.csv")
    assert main(["estimate", f, "--terms", "A:B,D:E", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "fixed"
    assert out["terms"] == ["A:B", "D:E"]
    assert out["empty_overlap_terms"] == ["A:B"]
    assert main(["estimate", f, "--terms", "A:X"]) == 2
    assert "'X'" in capsys.readouterr().err
