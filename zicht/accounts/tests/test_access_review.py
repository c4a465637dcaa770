"""Access review for the admin role, and automatic deactivation of accounts left unused."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from zicht.accounts.models import User
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory, login_verified
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


def _dutch(client: Client) -> Client:
    client.cookies["django_language"] = "nl"
    return client


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_review_lists_every_membership_in_dutch_and_is_audited(personas, client_for):
    admin = personas[Role.ADMIN]
    worker = personas[Role.SUPPORT_WORKER]
    User.objects.filter(pk=worker.pk).update(last_login=timezone.now() - timedelta(days=3))
    response = _dutch(client_for(admin)).get(reverse("accounts:access_review"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Toegangsoverzicht" in page and "Laatst ingelogd" in page and "Hulpverlener" in page
    rows = response.context["rows"]
    assert {(r.username, r.role) for r in rows} >= {(u.username, role) for role, u in personas.items()}
    entry = AccessLogEntry.objects.latest("sequence")
    assert (entry.actor, entry.action, entry.object_type, entry.purpose) == (
        admin,
        AccessAction.LIST,
        "accounts.user",
        Purpose.ADMINISTRATION,
    )
    assert sorted(entry.detail["ids"]) == sorted({r.user_id for r in rows})


@pytest.mark.parametrize("descending", [False, True])
def test_the_review_sorts_by_last_login(personas, client_for, descending):
    now = timezone.now()
    for days, user in enumerate(personas.values()):
        User.objects.filter(pk=user.pk).update(last_login=now - timedelta(days=days + 1))
    client = client_for(personas[Role.ADMIN])  # logging in sets the admin's own last login to now
    order = "-last_login" if descending else "last_login"
    rows = client.get(reverse("accounts:access_review"), {"sort": order}).context["rows"]
    logins = [r.last_login for r in rows]
    assert logins == sorted(logins, reverse=descending)


def test_the_review_sorts_by_organisation_and_ignores_unknown_keys(personas, client_for):
    client = client_for(personas[Role.ADMIN])
    rows = client.get(reverse("accounts:access_review"), {"sort": "organization"}).context["rows"]
    assert [r.organization for r in rows] == sorted(r.organization for r in rows)
    assert client.get(reverse("accounts:access_review"), {"sort": "password"}).status_code == 200


def test_the_csv_download_has_the_same_rows_and_is_audited_as_an_export(personas, client_for):
    admin = personas[Role.ADMIN]
    inactive = UserFactory(organization=OrganizationFactory(name="Oud"), role=Role.PARTNER, is_active=False)
    response = _dutch(client_for(admin)).get(reverse("accounts:access_review_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert {"Gebruikersnaam", "Rol", "Organisatie", "Laatst ingelogd", "Status"} <= set(rows[0])
    by_user = {r["Gebruikersnaam"]: r for r in rows}
    assert by_user[inactive.username]["Status"] == "Gedeactiveerd"
    assert by_user[personas[Role.ANALYST].username]["Rol"] == "Analist"
    entry = AccessLogEntry.objects.latest("sequence")
    assert (entry.action, entry.object_type) == (AccessAction.EXPORT, "accounts.user")
    assert inactive.pk in entry.detail["ids"]


def test_other_roles_are_refused(personas, client_for):
    for role in (Role.COORDINATOR, Role.ANALYST):
        assert client_for(personas[role]).get(reverse("accounts:access_review_csv")).status_code == 403


# --- automatic deactivation ----------------------------------------------------------------------


def _aged(user: User, *, login_days: int | None, joined_days: int) -> User:
    now = timezone.now()
    last_login = None if login_days is None else now - timedelta(days=login_days)
    User.objects.filter(pk=user.pk).update(last_login=last_login, date_joined=now - timedelta(days=joined_days))
    user.refresh_from_db()
    return user


@pytest.fixture
def accounts(support_org):
    def make(**ages) -> User:
        return _aged(UserFactory(organization=support_org, role=Role.SUPPORT_WORKER), **ages)

    return {
        "stale": make(login_days=91, joined_days=400),
        "recent": make(login_days=89, joined_days=400),
        "never_old": make(login_days=None, joined_days=91),
        "never_new": make(login_days=None, joined_days=5),
    }


def _active(accounts) -> set[str]:
    return {name for name, user in accounts.items() if User.objects.get(pk=user.pk).is_active}


def test_accounts_unused_for_the_set_days_are_deactivated_and_audited_per_user(accounts, settings):
    settings.ZICHT_DEACTIVATE_AFTER_DAYS = 90
    out = io.StringIO()
    call_command("deactivate_unused_accounts", stdout=out)
    assert _active(accounts) == {"recent", "never_new"}
    entries = AccessLogEntry.objects.filter(action=AccessAction.DEACTIVATE)
    assert sorted(e.object_id for e in entries) == sorted(str(accounts[n].pk) for n in ("stale", "never_old"))
    assert {e.actor_username for e in entries} == {"system"}
    assert "2" in out.getvalue() and accounts["stale"].username in out.getvalue()


def test_the_number_of_days_is_a_setting(accounts, settings):
    settings.ZICHT_DEACTIVATE_AFTER_DAYS = 30
    call_command("deactivate_unused_accounts", stdout=io.StringIO())
    assert _active(accounts) == {"never_new"}


def test_a_dry_run_names_the_accounts_and_changes_nothing(accounts):
    before = AccessLogEntry.objects.count()
    out = io.StringIO()
    call_command("deactivate_unused_accounts", "--dry-run", stdout=out)
    assert _active(accounts) == set(accounts)
    assert AccessLogEntry.objects.count() == before
    assert accounts["stale"].username in out.getvalue() and accounts["recent"].username not in out.getvalue()


def test_deactivation_ends_the_users_sessions(accounts):
    stale, recent = accounts["stale"], accounts["recent"]
    for user in (stale, recent):
        login_verified(Client(), user)  # signing in sets the last login: age it again
    _aged(stale, login_days=91, joined_days=400)
    _aged(recent, login_days=89, joined_days=400)
    call_command("deactivate_unused_accounts", stdout=io.StringIO())
    owners = {str(s.get_decoded().get("_auth_user_id")) for s in Session.objects.all()}
    assert str(stale.pk) not in owners and str(recent.pk) in owners


def test_the_daily_jobs_include_the_deactivation(accounts, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with translation.override("en"):
        call_command("run_daily_jobs", "--dry-run")
    out = capsys.readouterr().out
    assert "== deactivate_unused_accounts: ok" in out and accounts["stale"].username in out
    assert _active(accounts) == set(accounts)
