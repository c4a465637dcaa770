"""Browser tests: Playwright for Python driving Debian's chromium (never a downloaded browser)."""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Iterator

import pytest

from zicht.accounts.tests.factories import TEST_PASSWORD

CHROMIUM = os.environ.get("ZICHT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures
# there are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _browser_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None


@pytest.fixture(autouse=True)
def indicator_catalogue(request: pytest.FixtureRequest) -> None:
    """The catalogue (and the action framework) are seeded by data migrations; a live-server test before
    this one flushed the tables, so seed them again the same way when they are missing."""
    if "live_server" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from zicht.concerns.models import Indicator

    if not Indicator.objects.exists():
        seed = importlib.import_module("zicht.concerns.migrations.0002_indicator_catalogue")
        seed.load_indicators(apps, None)
    # The action framework's version 1 likewise (the loader skips an existing version 1).
    importlib.import_module("zicht.framework.migrations.0002_version_1").load_version_1(apps, None)


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    if not _browser_available():
        if os.environ.get("ZICHT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
        pytest.skip(f"Chromium not found at {CHROMIUM} (install Debian's chromium to run browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium_browser, live_server) -> Iterator[object]:
    context = chromium_browser.new_context(locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def login(page, live_server, user, password: str = TEST_PASSWORD) -> None:
    """Log in through the form as a demo user (use the ``mfa_free`` fixture: no second factor)."""
    if not user.is_demo:
        user.is_demo = True
        user.save(update_fields=["is_demo"])
    page.goto(f"{live_server.url}/account/inloggen/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def mfa_free(settings):
    """Demo waiver on: personas marked ``is_demo`` skip the second factor in browser tests."""
    settings.ZICHT_DEMO_MFA_WAIVER = True


def axe_check(page) -> list[dict]:
    """Serious and critical violations found by axe-core (bundled JS of axe-playwright-python)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response.get("violations", [])
    return [v for v in violations if v.get("impact") in {"serious", "critical"}]
