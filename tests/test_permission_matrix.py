"""Every role × every named URL: allowed roles get 200, the others 403/404, anonymous to login.

Rows come from each app's ``tests/url_matrix.py``; a named URL without a row fails the test, so
a new page cannot escape the matrix.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import zicht
from zicht.common.roles import Role
from zicht.common.testing import UrlCase

# Namespaces with their own access control, tested elsewhere: Django admin (admin role only,
# test below), the partner API (token auth, tested in the API tests).
EXEMPT_NAMESPACES = {"admin", "api"}
EXEMPT_NAMES = {"set_language", "accounts:logout", "accounts:mfa", "accounts:password_reset_confirm"}


def _named_urls(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            if namespace in EXEMPT_NAMESPACES:
                continue
            names |= _named_urls(pattern, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def _matrix_rows() -> list[UrlCase]:
    rows: list[UrlCase] = []
    for module in pkgutil.iter_modules(zicht.__path__):
        try:
            matrix = importlib.import_module(f"zicht.{module.name}.tests.url_matrix")
        except ModuleNotFoundError:
            continue
        rows.extend(matrix.URLS)
    return rows


ROWS = _matrix_rows()
# The login page sends signed-in users home, so only its anonymous row applies.
ROLE_ROWS = [row for row in ROWS if row.name != "accounts:login"]


def test_every_named_url_has_a_matrix_row():
    covered = {row.name for row in ROWS}
    missing = sorted(_named_urls() - covered - EXEMPT_NAMES)
    assert not missing, f"add UrlCase rows for: {missing}"


def _url(row: UrlCase, personas, role) -> str:
    kwargs = row.kwargs_factory(personas, role) if row.kwargs_factory else {}
    return reverse(row.name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROLE_ROWS, ids=[row.name for row in ROLE_ROWS])
@pytest.mark.parametrize("role", sorted(Role.values))
def test_role_access(row, role, personas, client_for):
    response = client_for(personas[role]).get(_url(row, personas, role))
    if role in row.allowed:
        assert response.status_code == 200, f"{role} should open {row.name}"
    else:
        assert response.status_code in (403, 404), f"{role} must not open {row.name} (got {response.status_code})"


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_anonymous_access(row, personas, client):
    response = client.get(_url(row, personas, None))
    if row.anonymous == "allowed":
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(Role.values))
def test_functional_administration_is_for_admins_only(role, personas, client_for):
    response = client_for(personas[role]).get(reverse("admin:index"))
    assert response.status_code == (200 if role == Role.ADMIN else 302)
    if role == Role.ADMIN:
        assert client_for(personas[role]).get(reverse("admin:accounts_user_changelist")).status_code == 200
