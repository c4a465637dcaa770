"""The settings module fails loudly on bad values, and production is deploy-clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "ZICHT_ENV": "production",
    "DJANGO_SECRET_KEY": "x" * 20 + "-production-secret-for-the-check-only-" + "y" * 20,
    "ZICHT_FIELD_KEYS": Fernet.generate_key().decode(),
    "ZICHT_PSEUDONYM_KEY": "p" * 40,
    "ZICHT_AUDIT_KEY": "a" * 40,
    "ZICHT_SEARCH_KEY": "s" * 40,
    "ZICHT_AUDIT_CHECKPOINT_PATH": "/var/lib/zicht-anchor/audit-checkpoint.json",
    "DJANGO_ALLOWED_HOSTS": "zicht.example.nl",
}


def _run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZICHT_", "DJANGO_", "DATABASE_URL"))}
    clean.update({"ZICHT_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    clean.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "DJANGO_SECRET_KEY",
        "ZICHT_FIELD_KEYS",
        "ZICHT_PSEUDONYM_KEY",
        "ZICHT_AUDIT_KEY",
        "ZICHT_SEARCH_KEY",
        "ZICHT_AUDIT_CHECKPOINT_PATH",
        "DJANGO_ALLOWED_HOSTS",
    ],
)
def test_production_refuses_to_start_without_secrets(tmp_path, missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _run(["manage.py", "check"], env, tmp_path)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.parametrize(
    "name,value",
    [
        ("ZICHT_ENV", "staging"),
        ("DJANGO_DEBUG", "maybe"),
        ("ZICHT_DISCLOSURE_THRESHOLD", "ten"),
        ("ZICHT_DISCLOSURE_THRESHOLD", "1"),
        ("ZICHT_FIELD_KEYS", "not-a-fernet-key"),
        ("DATABASE_URL", "mysql://u:p@localhost/zicht"),
    ],
)
def test_bad_values_fail_loudly_and_name_the_variable(tmp_path, name, value):
    result = _run(["manage.py", "check"], {"ZICHT_ENV": "development", name: value}, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr or "engine" in result.stderr or "Fernet" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = _run(["manage.py", "check"], {**PRODUCTION_ENV, "DJANGO_DEBUG": "1"}, tmp_path)
    assert result.returncode != 0 and "DJANGO_DEBUG" in result.stderr


def test_demo_data_refuses_without_debug(tmp_path):
    result = _run(["manage.py", "create_demo_data"], {"ZICHT_ENV": "development", "DJANGO_DEBUG": "0"}, tmp_path)
    assert result.returncode != 0 and "DEBUG" in result.stderr
