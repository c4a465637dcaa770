"""A phone-sized crawl: every page each demo role reaches fits 390 px and reads as Dutch.

Each demo user (and an anonymous visitor) starts at the home page, follows the menu, and from
there every link inside the page, up to three steps deep (one page per URL shape, so one case
detail stands for all). A page fails when it scrolls sideways at 390×844, cuts off the line that
says a table is empty, shows an English word
from ``ENGLISH_WORDS``, leaks a template marker or code name, has a serious or critical axe
violation, or answers with an error.
"""

from __future__ import annotations

import io
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_check, login
from zicht.accounts.demo import USERS
from zicht.accounts.models import User
from zicht.accounts.tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 390, 844
# Header, menu and demo notice together (they took 309-471 px of the 844 before).
MAX_CHROME_HEIGHT = 150
MAX_DEPTH = 3
# Words seen leaking into the Dutch interface, and common interface English that is never Dutch.
ENGLISH_WORDS = (
    "people",
    "all",
    "deadline",
    "answer",
    "answers",
    "save",
    "submit",
    "cancel",
    "delete",
    "search",
    "back",
    "none",
    "true",
    "false",
    "yes",
    "the",
    "and",
    "with",
    "your",
    "you",
    "for",
    "not",
    "found",
    "page",
    "edit",
    "add",
    "closed",
    "new",
    "cases",
    "concerns",
    "referral",
    "referrals",
    "date",
    "name",
    "total",
    "young",
    "person",
    "notice",
    "notices",
    "stratum",
    "error",
)
ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH_WORDS) + r")\b", re.IGNORECASE)
# Template output that should never reach a reader: an unrendered figure marker, template syntax,
# a Python placeholder, a code name (figure keys, role codes: snake_case).
CODE_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
MARKERS = re.compile(r"\[\[\w+:\d+\]\]|\{\{|\{%|%\(\w+\)[sd]|" + CODE_NAME.pattern)
# Not pages: files, exports, the language switch and logging out.
SKIP = re.compile(r"\.(csv|docx|xlsx|pdf|svg|png|zip|json|txt)$|/export|/download|^/i18n/|uitloggen|logout|/api/")


def page_problems(page) -> list[str]:
    """What is wrong with the page as it is now shown."""
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > WIDTH:
        problems.append(f"{width} px wide")
    cut = page.eval_on_selector_all(
        ".table-empty", "els => els.filter(e => e.getBoundingClientRect().right > innerWidth).map(e => e.textContent)"
    )
    if cut:
        problems.append(f"cut off: {', '.join(cut)}")
    text = page.inner_text("body")
    for literal in page.locator("code").all_inner_texts():  # identifiers shown as such
        text = text.replace(literal, " ")
    english = sorted({match.group(0) for match in ENGLISH.finditer(text)})
    if english:
        problems.append(f"English: {', '.join(english)}")
    markers = set(MARKERS.findall(text))
    if urlsplit(page.url).path.startswith("/beheer/"):  # the admin's code lists show their codes
        markers = {marker for marker in markers if not CODE_NAME.fullmatch(marker)}
    markers = sorted(markers)
    if markers:
        problems.append(f"markers: {', '.join(markers)}")
    return problems


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _links(page, base: str, current: str) -> list[str]:
    hrefs = page.eval_on_selector_all("nav a[href], main a[href]", "els => els.map(e => e.getAttribute('href'))")
    paths = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "tel:")):
            continue
        target = urlsplit(urljoin(current, href))
        if f"{target.scheme}://{target.netloc}" != base or SKIP.search(target.path):
            continue
        paths.append(target.path + (f"?{target.query}" if target.query else ""))
    return paths


def crawl(page, base: str) -> dict[str, list[str]]:
    """Visit the pages reachable from the home page; return the problems per path."""
    found: dict[str, list[str]] = {}
    shapes = {"/"}
    queue = deque([("/", 0)])
    while queue:
        path, depth = queue.popleft()
        try:
            response = page.goto(base + path)
        except Exception as error:
            if "Download is starting" in str(error):
                continue
            raise
        problems = page_problems(page)
        problems += [f"axe: {violation['id']} ({len(violation['nodes'])}×)" for violation in axe_check(page)]
        if response is not None and response.status >= 400:
            problems.insert(0, f"HTTP {response.status}")
        found[path] = problems
        if depth < MAX_DEPTH:
            for link in _links(page, base, page.url):
                shape = _shape(urlsplit(link).path)
                if shape not in shapes:
                    shapes.add(shape)
                    queue.append((link, depth + 1))
    return found


@pytest.fixture
def demo_users(settings, tmp_path, mfa_free) -> list[User]:
    """The demo data set (it refuses to load without DEBUG), with known passwords."""
    settings.DEBUG, settings.VAR_DIR = True, tmp_path
    call_command("create_demo_data", stdout=io.StringIO())
    settings.DEBUG = False
    users = []
    for username, *_rest in USERS.values():
        user = User.objects.get(username=username)
        user.set_password(TEST_PASSWORD)
        user.save(update_fields=["password"])
        users.append(user)
    return users


def test_every_page_fits_a_phone_and_reads_as_dutch(chromium_browser, live_server, demo_users):
    failures: list[str] = []
    visited = 0
    for user in [None, *demo_users]:
        context = chromium_browser.new_context(locale="en-US", viewport={"width": WIDTH, "height": HEIGHT})
        context.set_default_timeout(15_000)
        page = context.new_page()
        if user is not None:
            login(page, live_server, user)
        page.goto(live_server.url + "/")
        chrome = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
        if chrome > MAX_CHROME_HEIGHT:
            failures.append(f"{user or 'anonymous'}: header, menu and notice take {chrome:.0f} px")
        results = crawl(page, live_server.url)
        context.close()
        visited += len(results)
        who = user.username if user else "anonymous"
        failures += [f"{who} {path}: {'; '.join(problems)}" for path, problems in results.items() if problems]
        # The menu was followed: more than the home page was seen.
        assert len(results) > 1, who
    assert visited > 100
    assert not failures, "\n".join(failures)


def test_the_checks_do_find_problems(chromium_browser):
    """Guard against a crawl that passes everything."""
    context = chromium_browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.set_content(
        '<html><body style="margin:0"><p>Deze pagina is breed.</p><div style="width:600px">x</div></body></html>'
    )
    assert page_problems(page) == ["600 px wide"]
    page.set_content(
        "<html><body><p>Save the people, see [[figure:3]], {{ count }} and known_victims_per_year</p></body></html>"
    )
    assert page_problems(page) == [
        "English: Save, and, people, the",
        "markers: [[figure:3]], known_victims_per_year, {{",
    ]
    page.set_content(
        "<html><body><p>Alle meldingen van deze jongere, figuur 3, "
        "<code>known_victims_per_year</code>.</p></body></html>"
    )
    assert page_problems(page) == []
    context.close()
