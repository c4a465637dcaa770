"""Shared fixtures: location of the reference data and expected values."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

PKG_ROOT = Path(__file__).resolve().parents[1]
REPO_ROOT = Path(__file__).resolve().parents[3]
SRC = PKG_ROOT / "src"
if str(SRC) not in sys.path:  # allow running the tests without installing
    sys.path.insert(0, str(SRC))


def shared_dir() -> Path:
    env = os.environ.get("ZICHT_SHARED_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared"


MSE_DIR = shared_dir() / "testdata" / "mse"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: longer-running reproduction of published values")


@pytest.fixture(scope="session")
def mse_dir() -> Path:
    if not (MSE_DIR / "expected.json").exists():
        if os.environ.get("CI"):
            pytest.fail(f"reference data not found in {MSE_DIR}")
        pytest.skip(f"reference data not found in {MSE_DIR}")
    return MSE_DIR


@pytest.fixture(scope="session")
def expected(mse_dir: Path) -> dict:
    return json.loads((mse_dir / "expected.json").read_text())["datasets"]


def expected_cases(method: str | None = None) -> list[tuple[str, dict]]:
    """(file, result) pairs from expected.json, for parametrisation."""
    path = MSE_DIR / "expected.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text())["datasets"]
    out = []
    for fname, d in data.items():
        for r in d["results"]:
            if method is None or r["method"] == method:
                out.append((fname, r))
    return out
