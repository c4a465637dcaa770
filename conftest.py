"""Project-wide fixtures: organisations, one persona per role, and logged-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization, User
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory, login_verified
from zicht.common.roles import Role


@pytest.fixture
def support_org(db) -> Organization:
    return OrganizationFactory(name="SHOP Jeugd", kind=OrganizationKind.SUPPORT)


@pytest.fixture
def other_support_org(db) -> Organization:
    return OrganizationFactory(name="Fier", kind=OrganizationKind.SUPPORT)


@pytest.fixture
def cjg_org(db) -> Organization:
    return OrganizationFactory(name="CJG Den Haag", kind=OrganizationKind.CJG)


@pytest.fixture
def school_org(db) -> Organization:
    return OrganizationFactory(name="Lyceum", kind=OrganizationKind.SCHOOL)


@pytest.fixture
def municipality_org(db) -> Organization:
    return OrganizationFactory(name="Gemeente", kind=OrganizationKind.MUNICIPALITY)


@pytest.fixture
def personas(support_org, cjg_org, school_org, municipality_org) -> dict[str, User]:
    """One user per role, in the organisation that role belongs to."""
    return {
        Role.REPORTER: UserFactory(organization=school_org, role=Role.REPORTER),
        Role.SUPPORT_WORKER: UserFactory(organization=support_org, role=Role.SUPPORT_WORKER),
        Role.COORDINATOR: UserFactory(organization=support_org, role=Role.COORDINATOR),
        Role.PARTNER: UserFactory(organization=cjg_org, role=Role.PARTNER),
        Role.ANALYST: UserFactory(organization=municipality_org, role=Role.ANALYST),
        Role.ADMIN: UserFactory(organization=municipality_org, role=Role.ADMIN),
    }


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    """A client logged in as the user, with the second factor verified."""

    def make(user: User) -> Client:
        client = Client()
        login_verified(client, user)
        return client

    return make


@pytest.fixture(scope="session", autouse=True)
def _flush_past_append_only_triggers() -> Iterator[None]:
    """Let transactional tests empty an SQLite test database despite the append-only triggers.

    SQLite flushes with DELETE, which the triggers on the access log and other append-only
    tables refuse; for that flush only, the triggers are lifted and put back. PostgreSQL flushes
    with TRUNCATE, which row triggers do not see, so it needs nothing.
    """
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    operations = type(connection.ops)
    original = operations.execute_sql_flush

    def flush(self, sql_list):
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
        try:
            original(self, sql_list)
        finally:
            with self.connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)

    operations.execute_sql_flush = flush
    yield
    operations.execute_sql_flush = original
