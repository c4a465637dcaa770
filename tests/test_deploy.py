"""The deployment files: gunicorn settings from the environment, units that name real commands."""

from __future__ import annotations

import configparser
import re
import runpy
from pathlib import Path

import pytest
from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def _gunicorn_settings(monkeypatch, **env: str) -> dict:
    for name in ("GUNICORN_WORKERS", "GUNICORN_BIND", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


def test_gunicorn_takes_workers_bind_and_timeout_from_the_environment(monkeypatch) -> None:
    conf = _gunicorn_settings(monkeypatch, GUNICORN_WORKERS="4", GUNICORN_BIND="0.0.0.0:9000", GUNICORN_TIMEOUT="90")
    assert (conf["workers"], conf["bind"], conf["timeout"]) == (4, ["0.0.0.0:9000"], 90)
    assert conf["wsgi_app"] == "config.wsgi:application"


def test_gunicorn_refuses_zero_workers(monkeypatch) -> None:
    with pytest.raises(ValueError, match="GUNICORN_WORKERS"):
        _gunicorn_settings(monkeypatch, GUNICORN_WORKERS="0")


def test_access_log_never_holds_a_query_string(monkeypatch) -> None:
    fmt = _gunicorn_settings(monkeypatch)["access_log_format"]
    # %(r)s is the request line with its query, %(q)s the query, %(f)s the referer (may hold one).
    assert "%(U)s" in fmt and not re.search(r"%\((r|q|f|a|u)\)s", fmt)


def _units() -> dict[str, configparser.ConfigParser]:
    units = {}
    for path in sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer")):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str  # keep the case of systemd keys
        parser.read(path)
        units[path.name] = parser
    return units


def test_units_run_commands_that_exist() -> None:
    units = _units()
    assert {"zicht-web.service", "zicht-outbox.service", "zicht-daily.service", "zicht-daily.timer"} <= units.keys()
    commands = get_commands()
    for name, unit in units.items():
        if not name.endswith(".service"):
            continue
        start = unit["Service"]["ExecStart"]
        if "manage.py" in start:
            assert start.split("manage.py")[1].split()[0] in commands, name
        else:
            assert "gunicorn -c deploy/gunicorn.conf.py" in start
    assert units["zicht-daily.timer"]["Timer"]["Unit"] == "zicht-daily.service"
    assert units["zicht-daily.timer"]["Timer"]["Persistent"] == "true"
