"""Shared plumbing of the drills and harnesses: scratch PostgreSQL databases, an app environment with
its own secrets, ``manage.py`` runs and a gunicorn server that can be started, killed and restarted.

The app runs as ``ZICHT_ENV=development`` with DEBUG off (no demo MFA waiver, no query log), its
secrets passed in the environment and its own var directory (the access-log checkpoint), so a
drill never touches the local demo's files or database.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_BASE_URL = "postgres://zicht:zicht@127.0.0.1:5432/zicht"


def base_url() -> str:
    url = os.environ.get("DATABASE_URL", DEFAULT_BASE_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("These drills need PostgreSQL: set DATABASE_URL=postgres://user:pass@host:5432/name")
    return url


def database_url(name: str) -> str:
    parts = urlsplit(base_url())
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(database_url("postgres"), autocommit=True)


def database_create(name: str) -> str:
    from psycopg import sql

    with _admin_connection() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url(name)


def database_drop(name: str) -> None:
    """Drop a scratch database; a few retries, then a warning (never a failure of the drill itself)."""
    import psycopg
    from psycopg import sql

    for attempt in range(10):
        try:
            with _admin_connection() as connection:
                connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            return
        except psycopg.errors.InsufficientPrivilege:  # an autovacuum worker (another role) is still in it
            time.sleep(1 + attempt)
    print(f"warning: could not drop the scratch database {name}; drop it by hand", file=sys.stderr)


def new_secrets() -> dict[str, str]:
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ZICHT_FIELD_KEYS": Fernet.generate_key().decode(),
        "ZICHT_PSEUDONYM_KEY": secrets.token_urlsafe(32),
        "ZICHT_AUDIT_KEY": secrets.token_urlsafe(32),
    }


def app_env(db_url: str, var_dir: Path, keys: dict[str, str], **extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "ZICHT_"))}
    env.update(keys)
    env.update(
        {
            "DATABASE_URL": db_url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "ZICHT_ENV": "development",
            "DJANGO_DEBUG": "0",
            "ZICHT_VAR_DIR": str(var_dir),
            "ZICHT_OUTBOX_SEND_ON_COMMIT": "0",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "packages/recapture/src")]),
        }
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> str:
    """Run ``manage.py`` with ``env``; its output on success, the whole output and exit on failure."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed with exit code {result.returncode}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


def python(env: dict[str, str], code: str) -> str:
    """Run ``code`` in a fresh interpreter with Django set up under ``env``; returns its stdout."""
    prelude = "import django\ndjango.setup()\n"
    result = subprocess.run(
        [PYTHON, "-c", prelude + code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        raise SystemExit("a helper process failed")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid`` (from /proc; Linux only)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the parent id follows the last ')'.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


class Gunicorn:
    """``gunicorn -c deploy/gunicorn.conf.py`` in its own process group, with kill and restart."""

    def __init__(self, env: dict[str, str], *, workers: int, port: int | None = None, log: Path | None = None):
        self.port = port or free_port()
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "GUNICORN_ERROR_LOG": str(log) if log else "-",
            "GUNICORN_LOG_LEVEL": "warning",
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, ready_timeout: float = 60.0) -> None:
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}")
            if self.get("/readyz")[0] == 200:
                return
            time.sleep(0.2)
        raise SystemExit("gunicorn did not become ready")

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        except OSError:
            return 0, b""
        finally:
            connection.close()

    def workers(self) -> list[int]:
        return children(self.process.pid) if self.process else []

    def kill_worker(self, pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    def kill_all(self) -> None:
        """SIGKILL the master and every worker at once (the process group), as a crashed host would."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill_all()
        self.process = None


@contextlib.contextmanager
def running(server: Gunicorn) -> Iterator[Gunicorn]:
    server.start()
    try:
        yield server
    finally:
        server.stop()


def load_average() -> float:
    return os.getloadavg()[0]


def psycopg_connect(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(url)
