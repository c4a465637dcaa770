"""Key-rotation drill: re-encrypt every encrypted field with ``rotate_field_keys`` while gunicorn serves reads.

    DATABASE_URL=postgres://zicht:zicht@127.0.0.1:5432/zicht python benchmarks/key_rotation_drill.py --people 20000

DATABASE_URL names the server and a role that may create databases; the drill makes a scratch
database (``--name``, dropped at the end). It follows the documented procedure:

1. ``--people`` young people, each with a case, are stored under the old key K1.
2. The app is restarted with ZICHT_FIELD_KEYS=K2,K1 (a new key first) under gunicorn, and
   ``--clients`` threads of a signed-in, two-factor-verified support worker read case pages
   (each shows the young person's decrypted name, which is checked) while
   ``manage.py rotate_field_keys`` re-encrypts every row under K2.
3. The app is restarted with K2 alone (the old key removed) and a sample of the case pages is read
   again; ``rotate_field_keys --dry-run`` then reports 0 rows under an older key.
Prints the counts; exits non-zero on any decryption failure (a 500, or a page without its name).
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import _harness as h
from cryptography.fernet import Fernet

SETUP = """
import datetime as dt, time
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from zicht.accounts.constants import OrganizationKind
from zicht.accounts.middleware import SESSION_STARTED_KEY
from zicht.accounts.services import organization_create, user_create_with_membership
from zicht.cases.models import Case
from zicht.common.roles import Role
from zicht.people.models import YoungPerson
org = organization_create(name="Steunpunt", kind=OrganizationKind.SUPPORT, municipality="Drill")
user = user_create_with_membership(username="drill", password=None, organization=org, role=Role.SUPPORT_WORKER)
device = TOTPDevice.objects.create(user=user, name="drill", confirmed=True)
people = YoungPerson.objects.bulk_create(
    [YoungPerson(organization=org, given_names=f"Voornaam{{i}}", family_name=f"Achternaam{{i}}",
                 date_of_birth=dt.date(2008, 1, 1) + dt.timedelta(days=i % 1500)) for i in range({people})],
    batch_size=2000,
)
now = timezone.now()
cases = Case.objects.bulk_create(
    [Case(organization=org, young_person=p, opened_at=now, registration_year=now.year) for p in people],
    batch_size=2000,
)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session[SESSION_STARTED_KEY] = time.time()
session.set_expiry(3 * 3600)
session.create()
print(session.session_key)
for case in cases:
    print(case.pk, case.young_person.given_names)
"""


class Readers:
    """Client threads reading case pages; a page must answer 200 and show the young person's name."""

    def __init__(self, port: int, session: str, cases: list[tuple[int, str]], clients: int, seed: int) -> None:
        self.port, self.session, self.cases, self.clients = port, session, cases, clients
        self.rng = random.Random(seed)
        self.ok = 0
        self.failures: dict[str, int] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def read(self, case_id: int, name: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", f"/casussen/{case_id}/", headers={"Cookie": f"sessionid={self.session}"})
            response = connection.getresponse()
            page = response.read().decode("utf-8", "replace")
            outcome = "ok" if response.status == 200 and re.search(rf"\b{name}\b", page) else f"HTTP {response.status}"
            if outcome != "ok" and response.status == 200:
                outcome = "page without the decrypted name"
        except OSError as error:
            outcome = f"connection: {type(error).__name__}"
        finally:
            connection.close()
        with self.lock:
            if outcome == "ok":
                self.ok += 1
            else:
                self.failures[outcome] = self.failures.get(outcome, 0) + 1

    def start(self) -> None:
        def run() -> None:
            while not self.stop.is_set():
                with self.lock:
                    case_id, name = self.rng.choice(self.cases)
                self.read(case_id, name)

        self.threads = [threading.Thread(target=run) for _ in range(self.clients)]
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=200, help="rotate_field_keys --batch-size")
    parser.add_argument("--after-reads", type=int, default=300, help="case pages read with the new key alone")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--name", default="zicht_key_rotation_drill")
    args = parser.parse_args()
    keys = h.new_secrets()
    old_key, new_key = keys["ZICHT_FIELD_KEYS"], Fernet.generate_key().decode()
    server: h.Gunicorn | None = None
    with tempfile.TemporaryDirectory() as scratch:
        url = h.database_create(args.name)
        try:
            var = Path(scratch) / "var"
            env_old = h.app_env(url, var, keys)
            h.manage(env_old, "migrate", "--noinput")
            h.manage(env_old, "createcachetable")
            lines = h.python(env_old, SETUP.format(people=args.people)).splitlines()
            session = lines[0]
            cases = [(int(pk), name) for pk, name in (line.split() for line in lines[1:])]
            print(
                f"Key-rotation drill: {len(cases):,} young people with cases under K1, gunicorn with {args.workers} "
                f"workers on PostgreSQL, {args.clients} reading clients; load average {h.load_average():.1f}"
            )

            env_both = {**env_old, "ZICHT_FIELD_KEYS": f"{new_key},{old_key}"}
            server = h.Gunicorn(env_both, workers=args.workers, log=Path(scratch) / "gunicorn.log")
            server.start()
            during = Readers(server.port, session, cases, args.clients, args.seed)
            during.start()
            began = time.monotonic()
            rotation = subprocess.run(
                [h.PYTHON, "manage.py", "rotate_field_keys", "--batch-size", str(args.batch_size)],
                cwd=h.ROOT,
                env=env_both,
                capture_output=True,
                text=True,
                check=False,
            )
            rotation_seconds = time.monotonic() - began
            during.finish()
            server.stop()
            summary = [line for line in rotation.stdout.splitlines() if line.startswith("Done:")]
            print(f"  rotate_field_keys (exit {rotation.returncode}, {rotation_seconds:.0f} s): {' '.join(summary)}")
            if rotation.returncode != 0:
                print(rotation.stdout[-2000:], rotation.stderr[-2000:], sep="\n", file=sys.stderr)

            env_new = {**env_old, "ZICHT_FIELD_KEYS": new_key}
            server = h.Gunicorn(env_new, workers=args.workers, log=Path(scratch) / "gunicorn.log")
            server.start()
            after = Readers(server.port, session, cases, 1, args.seed)
            for case_id, name in random.Random(args.seed).sample(cases, min(args.after_reads, len(cases))):
                after.read(case_id, name)
            server.stop()
            left = h.manage(env_new, "rotate_field_keys", "--dry-run").strip().splitlines()[-1]
        finally:
            if server is not None:
                server.kill_all()
            h.database_drop(args.name)

    print(f"  {'figure':<52}{'measured':>10}  target")
    rows = [
        ("case pages read during the rotation (K2,K1)", during.ok, "-"),
        ("  failed", sum(during.failures.values()), "0"),
        ("case pages read after it with K2 alone", after.ok, f"{min(args.after_reads, len(cases))}"),
        ("  failed", sum(after.failures.values()), "0"),
    ]
    for label, value, target in rows:
        print(f"  {label:<52}{value:>10,}  {target}")
    print(f"  after removing K1, rotate_field_keys --dry-run: {left}")
    for outcome, count in {**during.failures, **after.failures}.items():
        print(f"  FAILURE {outcome}: {count}", file=sys.stderr)
    failed = (
        rotation.returncode != 0
        or during.failures
        or after.failures
        or not left.startswith("Done: 0 rows still under an older key")
        or " 0 failed" not in left
    )
    print(f"  load average {h.load_average():.1f}")
    print("Drill FAILED." if failed else "0 decryption failures: passed.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
