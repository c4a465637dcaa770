"""Finding 5: lockout per account whatever the address, a per-address limit for spraying, the
client address behind a trusted proxy, and no tell-tale difference for unknown accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import get_hasher
from django.test import Client, RequestFactory
from django_ratelimit.core import is_ratelimited

from zicht.accounts.client_address import client_address
from zicht.accounts.tests.factories import TEST_PASSWORD
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db
LOGIN = "/account/inloggen/"


def _login(client: Client, username: str, password: str, address: str = "10.0.0.7", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def test_right_password_from_a_second_address_is_refused_while_locked(personas, settings):
    user = personas[Role.SUPPORT_WORKER]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), user.username, "wrong-password", address="10.0.0.7")
    other = Client()
    response = _login(other, user.username, TEST_PASSWORD, address="192.0.2.99")
    assert response.status_code == 429
    assert "_auth_user_id" not in other.session


@pytest.fixture
def behind_proxy(settings):
    settings.ZICHT_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.ZICHT_TRUSTED_PROXY_COUNT = 1
    settings.ZICHT_TRUSTED_PROXY_ADDRESSES = ["127.0.0.1"]
    return settings


def test_spraying_many_accounts_from_one_address_is_stopped_there_only(personas, behind_proxy):
    behind_proxy.ZICHT_LOGIN_ADDRESS_RATE = "20/15m"
    sprayer = {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    statuses = [
        _login(Client(), f"account{i}", "Zomer2026!", address="127.0.0.1", **sprayer).status_code for i in range(36)
    ]
    assert statuses[:20] == [200] * 20 and set(statuses[20:]) == {429}
    worker = personas[Role.SUPPORT_WORKER]
    assert _login(Client(), worker.username, TEST_PASSWORD, address="127.0.0.1", **sprayer).status_code == 429
    colleague = Client()  # same proxy, another client address
    assert (
        _login(
            colleague, worker.username, TEST_PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20"
        ).status_code
        == 302
    )


def test_successful_logins_do_not_count_towards_the_address_limit(personas, settings):
    settings.ZICHT_LOGIN_ADDRESS_RATE = "3/15m"
    worker = personas[Role.SUPPORT_WORKER]
    for _ in range(6):
        assert _login(Client(), worker.username, TEST_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "configured,remote,header,count,trusted,expected",
    [
        ("", "10.1.1.1", "6.6.6.6", 1, [], "10.1.1.1"),  # no proxy configured: the header is ignored
        ("X-Forwarded-For", "127.0.0.1", "203.0.113.5", 1, [], "203.0.113.5"),
        (
            "X-Forwarded-For",
            "127.0.0.1",
            "6.6.6.6, 203.0.113.5",
            1,
            [],
            "203.0.113.5",
        ),  # left of our hop: the client's word
        ("X-Forwarded-For", "127.0.0.1", "203.0.113.5, 10.0.0.2", 2, [], "203.0.113.5"),  # two proxies of our own
        ("X-Forwarded-For", "192.0.2.50", "6.6.6.6", 1, ["127.0.0.1"], "192.0.2.50"),  # header from an untrusted sender
        ("X-Forwarded-For", "127.0.0.1", "not-an-address", 1, [], "127.0.0.1"),
        ("X-Forwarded-For", "127.0.0.1", "[2001:db8::1]:443", 1, [], "2001:db8::1"),
        ("X-Real-IP", "127.0.0.1", "198.51.100.7", 1, [], "198.51.100.7"),
    ],
)
def test_client_address(settings, configured, remote, header, count, trusted, expected):
    settings.ZICHT_TRUSTED_PROXY_HEADER = configured
    settings.ZICHT_TRUSTED_PROXY_COUNT = count
    settings.ZICHT_TRUSTED_PROXY_ADDRESSES = trusted
    meta_name = "HTTP_" + (configured or "X-Forwarded-For").upper().replace("-", "_")
    assert client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **{meta_name: header})) == expected


def test_public_form_rate_limit_keys_on_the_proxied_address(behind_proxy):
    def limited(address: str) -> bool:
        request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address)
        return is_ratelimited(request, group="test-public", key="ip", rate="1/m", method="POST", increment=True)

    assert not limited("203.0.113.5")
    assert limited("203.0.113.5")
    assert not limited("198.51.100.20")


def _hasher_calls(monkeypatch) -> list[str]:
    calls: list[str] = []
    hasher = type(get_hasher())
    original = hasher.encode

    def encode(self, password, salt):
        calls.append(salt)
        return original(self, password, salt)

    monkeypatch.setattr(hasher, "encode", encode)
    return calls


def test_unknown_account_costs_the_same_hashing_as_a_wrong_password(personas, monkeypatch):
    calls = _hasher_calls(monkeypatch)
    _login(Client(), personas[Role.ANALYST].username, "wrong-password")
    known = len(calls)
    calls.clear()
    _login(Client(), "nobody-by-this-name", "wrong-password")
    assert known >= 1 and len(calls) == known


def test_a_locked_unknown_account_looks_like_a_locked_known_one(personas, settings):
    known, unknown = personas[Role.ANALYST].username, "nobody-by-this-name"
    pages = {}
    for username in (known, unknown):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(Client(), username, "wrong-password")
        response = _login(Client(), username, "wrong-password")
        pages[username] = (response.status_code, sorted({t.name for t in response.templates}))
    assert pages[known] == pages[unknown]
    assert pages[known][0] == 429 and "accounts/locked_out.html" in pages[known][1]
