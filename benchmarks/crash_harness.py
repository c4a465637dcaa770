"""Crash harness: idempotent partner-API POSTs through SIGKILLed gunicorn workers and whole-server kills.

    DATABASE_URL=postgres://zicht:zicht@127.0.0.1:5432/zicht python benchmarks/crash_harness.py --posts 5000

DATABASE_URL names the server and a role that may create databases; the harness makes a scratch
database (``--name``) and drops it at the end unless ``--keep``. Two partner organisations
(police and CJG) each register every one of ``--posts``/2 young people (a valid BSN each) through
``POST /api/v1/involvements`` with a fresh Idempotency-Key per registration, so half the
registrations also create a match and two notices. ``--clients`` threads send them to gunicorn
(``deploy/gunicorn.conf.py``, ``--workers`` workers) and retry on any refused, broken or 5xx answer
with the same key and body, until a 201 (first or replayed) acknowledges it. Meanwhile a chaos
thread SIGKILLs a random worker after every ``--kill-every`` acknowledgements and, ``--server-kills``
times, the master and every worker at once (the whole process group), restarting the server
after ``--down`` seconds. At the end, in the database:

- lost: an acknowledged registration whose id is absent, or whose key has no stored response;
- duplicated: more than one registration of one organisation for one BSN, or a registration
  that no stored response names (a write that escaped its idempotency record);
both must be 0. A run also fails if any request was never acknowledged.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import random
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import _harness as h

SETUP = """
from zicht.accounts.constants import OrganizationKind
from zicht.accounts.services import organization_create
from zicht.api.framework import api_token_create
tokens = []
for name, kind in (("Politie crash", OrganizationKind.POLICE), ("CJG crash", OrganizationKind.CJG)):
    organization = organization_create(name=name, kind=kind, municipality="Crash")
    tokens.append(api_token_create(organization=organization)[1])
print(" ".join(tokens))
"""


def valid_bsns(count: int, start: int = 100_000_000) -> list[str]:
    """Nine-digit numbers that pass the BSN eleven test (9*d1 + 8*d2 + ... + 2*d8 - d9 = 0 mod 11)."""
    found: list[str] = []
    for number in itertools.count(start):
        digits = [int(c) for c in f"{number:09d}"]
        if sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) % 11 == digits[8] and digits[8] < 10:
            found.append(f"{number:09d}")
            if len(found) == count:
                return found
    raise AssertionError("unreachable")


@dataclass
class Tally:
    acknowledged: dict[str, int] = field(default_factory=dict)  # idempotency key -> registration id
    attempts: int = 0
    retries: int = 0
    replays: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    given_up: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def post_until_acknowledged(port: int, token: str, key: str, body: bytes, tally: Tally, deadline: float) -> None:
    delay = 0.05
    while time.monotonic() < deadline:
        with tally.lock:
            tally.attempts += 1
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(
                "POST",
                "/api/v1/involvements",
                body=body,
                headers={
                    "Authorization": f"Bearer {token}",
                    "Idempotency-Key": key,
                    "Content-Type": "application/json",
                },
            )
            response = connection.getresponse()
            payload = response.read()
            status = response.status
        except ConnectionRefusedError:
            tally.error("refused")
            status = 0
        except (OSError, http.client.HTTPException):
            tally.error("connection broken")
            status = 0
        finally:
            connection.close()
        if status == 201:
            with tally.lock:
                tally.acknowledged[key] = int(json.loads(payload)["id"])
                tally.replays += response.getheader("Idempotent-Replayed") == "true"
            return
        if status:
            tally.error(f"HTTP {status}")
            if status < 500 and status not in (408, 429):
                print(f"  unexpected answer {status}: {payload[:200]!r}", file=sys.stderr)
                break
        with tally.lock:
            tally.retries += 1
        time.sleep(delay + random.random() * delay)
        delay = min(delay * 2, 2.0)
    with tally.lock:
        tally.given_up += 1


def chaos(server: h.Gunicorn, stop: threading.Event, tally: Tally, total: int, args: argparse.Namespace) -> dict:
    """Kill a random worker after every ``--kill-every`` acknowledgements (so a respawned worker gets to
    serve between kills, however slowly it boots); kill the whole server ``--server-kills`` times,
    spread evenly over the run, and restart it after ``--down`` seconds."""
    rng = random.Random(args.seed)
    kills = {"worker kills": 0, "server kills": 0}
    server_kill_at = [round((i + 1) * total / (args.server_kills + 1)) for i in range(args.server_kills)]
    next_worker_kill = args.kill_every
    while not stop.wait(0.05):
        with tally.lock:
            done = len(tally.acknowledged)
        if server_kill_at and done >= server_kill_at[0]:
            server_kill_at.pop(0)
            server.kill_all()
            kills["server kills"] += 1
            time.sleep(args.down)
            server.start()
            next_worker_kill = done + args.kill_every
        elif done >= next_worker_kill:
            workers = server.workers()
            if workers:
                server.kill_worker(rng.choice(workers))
                kills["worker kills"] += 1
            next_worker_kill = done + args.kill_every
    return kills


def verify(url: str, tally: Tally) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as connection:
        present = {row[0] for row in connection.execute("SELECT id FROM matching_involvement").fetchall()}
        stored = {
            row[0]: json.loads(row[1]).get("id")
            for row in connection.execute(
                "SELECT key, response_body FROM matching_idempotencyrecord WHERE response_status = 201"
            ).fetchall()
        }
        duplicate_bsn = connection.execute(
            "SELECT count(*) FROM (SELECT i.organization_id, k.value FROM matching_involvement i "
            "JOIN matching_involvementkey k ON k.involvement_id = i.id AND k.kind = 'bsn' "
            "GROUP BY 1, 2 HAVING count(*) > 1) d"
        ).fetchone()[0]  # type: ignore[index]
    named = set(stored.values())
    lost_rows = sum(1 for pk in tally.acknowledged.values() if pk not in present)
    lost_keys = sum(1 for key, pk in tally.acknowledged.items() if stored.get(key) != pk)
    return {
        "registrations in the database": len(present),
        "lost (acknowledged, absent)": lost_rows,
        "acknowledged, key without that stored response": lost_keys,
        "duplicated (organisation x BSN)": int(duplicate_bsn),
        "registrations no stored response names": len(present - named),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--kill-every", type=int, default=20, help="acknowledgements between worker kills")
    parser.add_argument("--server-kills", type=int, default=3)
    parser.add_argument("--down", type=float, default=1.0, help="seconds the server stays down after a kill")
    parser.add_argument("--timeout", type=float, default=1800.0, help="give up after this many seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--name", default="zicht_crash_harness")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    half = args.posts // 2
    server: h.Gunicorn | None = None
    with tempfile.TemporaryDirectory() as scratch:
        url = h.database_create(args.name)
        try:
            env = h.app_env(url, Path(scratch) / "var", h.new_secrets())
            h.manage(env, "migrate", "--noinput")
            h.manage(env, "createcachetable")
            tokens = h.python(env, SETUP).split()
            bsns = valid_bsns(half)
            work = [(token, str(uuid.uuid4()), json.dumps({"bsn": bsn}).encode()) for bsn in bsns for token in tokens]
            random.Random(args.seed).shuffle(work)
            server = h.Gunicorn(env, workers=args.workers, log=Path(scratch) / "gunicorn.log")
            server.start()
            print(
                f"Crash harness: {len(work):,} idempotent POSTs, {args.clients} clients, gunicorn with "
                f"{args.workers} workers on PostgreSQL; load average {h.load_average():.1f}"
            )
            tally, kills = Tally(), {}
            queue = iter(work)
            queue_lock = threading.Lock()
            deadline = time.monotonic() + args.timeout

            def client() -> None:
                while True:
                    with queue_lock:
                        item = next(queue, None)
                    if item is None:
                        return
                    post_until_acknowledged(server.port, item[0], item[1], item[2], tally, deadline)

            stop = threading.Event()
            chaos_thread = threading.Thread(
                target=lambda: kills.update(chaos(server, stop, tally, len(work), args)), daemon=True
            )
            began = time.monotonic()
            chaos_thread.start()
            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - began
            stop.set()
            chaos_thread.join()
            server.stop()
            figures = verify(url, tally)
        finally:
            if server is not None:
                server.kill_all()  # never leave a server behind, whatever happened
            if not args.keep:
                h.database_drop(args.name)

    print(f"  {'figure':<48}{'measured':>10}  target")
    rows = [
        ("POSTs acknowledged (201)", len(tally.acknowledged), f"{len(work):,}"),
        ("  of which replayed from the stored response", tally.replays, "-"),
        ("never acknowledged (gave up)", tally.given_up, "0"),
        ("HTTP attempts", tally.attempts, "-"),
        ("client retries", tally.retries, "-"),
        ("worker SIGKILLs", kills["worker kills"], ">= 5"),
        ("whole-server SIGKILLs (master + workers)", kills["server kills"], ">= 2"),
        *(
            (name, value, "0" if name != "registrations in the database" else f"{len(work):,}")
            for name, value in figures.items()
        ),
    ]
    for label, value, target in rows:
        print(f"  {label:<48}{value:>10,}  {target}")
    print(f"  errors seen by clients (retried): {dict(sorted(tally.errors.items())) or '{}'}")
    print(f"  time {elapsed:.0f} s, {len(work) / elapsed:.1f} registrations/s, load average {h.load_average():.1f}")
    failed = (
        tally.given_up
        or len(tally.acknowledged) != len(work)
        or figures["registrations in the database"] != len(work)
        or any(value for name, value in figures.items() if name != "registrations in the database")
    )
    print("Harness FAILED." if failed else "0 lost, 0 duplicated: passed.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
