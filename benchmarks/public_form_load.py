"""Public concern form throughput as a ratio of a bare Django view, on the same gunicorn server and database.

    DATABASE_URL=postgres://zicht:zicht@127.0.0.1:5432/zicht python benchmarks/public_form_load.py

DATABASE_URL names the server and a role that may create databases; the benchmark makes a scratch
database (``--name``, dropped at the end) with two support organisations, and serves the app with
gunicorn (``deploy/gunicorn.conf.py``, ``--workers`` workers) under ``benchmarks.bare_settings``,
which only adds ``/bench/bare/`` (``benchmarks/bare_urls.py``): a view behind the same middleware
that makes one database round trip and redirects. ``--clients`` threads each fetch the form once
(CSRF cookie and token) and then, for ``--seconds`` per round, POST either a valid anonymous
concern to ``/meldingen/melden/`` (a concern, the rate-limit counter and the session's receipt
written; answered with a redirect) or the same body to the bare view. Rounds alternate
(``--rounds`` each) so that load from elsewhere falls on both; the median round counts.
The public form's rate limit is raised for the run (ZICHT_PUBLIC_FORM_RATE) so that it is checked,
not hit. Target: form throughput >= 0.5 x the bare view's.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import _harness as h

SETUP = """
from zicht.accounts.constants import OrganizationKind
from zicht.accounts.services import organization_create
for name in ("Steunpunt Noord", "Steunpunt Zuid"):
    organization_create(name=name, kind=OrganizationKind.SUPPORT, municipality="Bench", phone="070 000 0000")
"""
FORM = "/meldingen/melden/"
BARE = "/bench/bare/"


class FormFields(HTMLParser):
    """The CSRF token and the first choice of every radio group and select on the page."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("type") in ("radio", "hidden") and a.get("name"):
            self.values.setdefault(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and a.get("value"):
            self.values.setdefault(self._select, a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


class Client:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{FORM}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, content
        finally:
            connection.close()


def form_body(client: Client) -> bytes:
    status, page = client.request("GET", FORM)
    if status != 200:
        raise SystemExit(f"GET {FORM} answered {status}")
    parser = FormFields()
    parser.feed(page.decode("utf-8"))
    fields = dict(parser.values)
    fields.update(
        {
            "kind": "concern",
            "description": "Een jongen van een jaar of vijftien wordt na school opgehaald door oudere jongens "
            "met dure spullen en heeft ineens veel geld.",
            "age_estimate": "15",
        }
    )
    missing = {"csrfmiddlewaretoken", "reporter_sector", "handling_organization"} - set(fields)
    if missing:
        raise SystemExit(f"the form page lacks {', '.join(sorted(missing))}")
    return urlencode(fields).encode()


def round_(clients: list[Client], bodies: list[bytes], path: str, seconds: float) -> tuple[float, dict[int, int]]:
    """Requests per second answered with a redirect (a completed submission) over ``seconds``."""
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run(client: Client, body: bytes) -> None:
        while time.monotonic() < stop_at:
            try:
                status, _ = client.request("POST", path, body)
            except OSError:
                status = 0
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=run, args=pair) for pair in zip(clients, bodies, strict=True)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses.get(302, 0) / (time.monotonic() - began), statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of one round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per target, alternating")
    parser.add_argument("--name", default="zicht_public_form_load")
    args = parser.parse_args()
    server: h.Gunicorn | None = None
    with tempfile.TemporaryDirectory() as scratch:
        url = h.database_create(args.name)
        try:
            env = h.app_env(
                url,
                Path(scratch) / "var",
                h.new_secrets(),
                DJANGO_SETTINGS_MODULE="benchmarks.bare_settings",
                ZICHT_PUBLIC_FORM_RATE="1000000/s",
            )
            h.manage(env, "migrate", "--noinput")
            h.manage(env, "createcachetable")
            h.python(env, SETUP)
            server = h.Gunicorn(env, workers=args.workers)
            server.start()
            clients = [Client(server.port) for _ in range(args.clients)]
            bodies = [form_body(client) for client in clients]
            round_(clients, bodies, BARE, 2.0)  # warm-up: every worker has loaded its code and templates
            round_(clients, bodies, FORM, 2.0)
            rates: dict[str, list[float]] = {BARE: [], FORM: []}
            other: dict[str, dict[int, int]] = {BARE: {}, FORM: {}}
            for _ in range(args.rounds):
                for path in (BARE, FORM):
                    rate, statuses = round_(clients, bodies, path, args.seconds)
                    rates[path].append(rate)
                    for status, count in statuses.items():
                        if status != 302:
                            other[path][status] = other[path].get(status, 0) + count
            with h.psycopg_connect(url) as connection:
                stored = connection.execute("SELECT count(*) FROM concerns_concern").fetchone()[0]  # type: ignore[index]
        finally:
            if server is not None:
                server.kill_all()
            h.database_drop(args.name)

    bare, form = statistics.median(rates[BARE]), statistics.median(rates[FORM])
    ratio = form / bare if bare else float("nan")
    print(
        f"Public form load: gunicorn with {args.workers} workers on PostgreSQL, {args.clients} clients, "
        f"{args.rounds} x {args.seconds:.0f} s rounds each, load average {h.load_average():.1f}"
    )
    print(f"  {'figure':<40}{'measured':>12}  target")
    print(f"  {'bare Django view (POST, redirects/s)':<40}{bare:>12.1f}  -")
    print(f"  {'public concern form (POST, redirects/s)':<40}{form:>12.1f}  -")
    print(f"  {'ratio form / bare':<40}{ratio:>12.2f}  >= 0.50")
    print(
        f"  rounds bare {', '.join(f'{r:.1f}' for r in rates[BARE])}; form {', '.join(f'{r:.1f}' for r in rates[FORM])}"
    )
    print(f"  concerns stored {stored:,}; other answers: bare {other[BARE] or '{}'}, form {other[FORM] or '{}'}")
    met = ratio >= 0.5 and not other[FORM]
    print("Target met." if met else "Target NOT met.")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
