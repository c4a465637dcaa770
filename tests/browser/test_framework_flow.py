"""The action framework in the browser: a teacher walks the route (saves half-way, resumes, submits the
concern), and a support worker triages the concern within the norms; with axe scans."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import axe_check, login
from zicht.common.roles import Role
from zicht.concerns.models import Concern
from zicht.concerns.services import concern_submit
from zicht.framework.models import Route
from zicht.framework.selectors import route_step_states

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _complete(page, answers: dict[str, str], decision: str = "") -> None:
    for name, value in answers.items():
        page.check(f"input[name=q_{name}][value={value}]")
    if decision:
        page.check(f"input[name=decision][value={decision}]")
    page.click("button[name=action][value=complete]")
    page.wait_for_load_state("networkidle")


def test_teacher_saves_half_way_resumes_and_submits(browser_page, live_server, personas, support_org, mfa_free):
    page, teacher = browser_page, personas[Role.REPORTER]
    login(page, live_server, teacher)
    page.click("nav >> text=Handelingskader")
    page.wait_for_load_state("networkidle")
    assert axe_check(page) == []
    page.click("main >> text=Route starten")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert axe_check(page) == []
    _complete(page, {"signals_seen": "yes"})
    page.check("input[name=q_colleague_consulted][value=yes]")
    page.click("button[name=action][value=save]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".message-success").is_visible()

    # Later: from the home page back to the framework, and on with the route.
    page.goto(f"{live_server.url}/")
    page.click("nav >> text=Handelingskader")
    page.click("main .route-list a")
    page.wait_for_load_state("networkidle")
    assert page.is_checked("input[name=q_colleague_consulted][value=yes]")
    _complete(page, {"colleague_consulted": "yes", "advice_asked": "yes"})
    _complete(page, {"conversation_safe": "no"})
    _complete(page, {"acute_unsafety": "no", "structural_unsafety": "yes", "adequate_help": "no"})
    _complete(page, {}, decision="report_support")
    assert axe_check(page) == []
    page.click("main >> text=Melding doen bij de steunorganisatie")
    page.wait_for_load_state("networkidle")
    assert axe_check(page) == []
    page.fill("#id_description", "Heeft opeens veel geld en wordt opgehaald na school.")
    page.check("#id_indicator_truancy")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/meldingen/mijn/")

    concern = Concern.objects.get(reporter=teacher)
    route = Route.objects.get(started_by=teacher)
    assert concern.framework_route == route and route.version.number == 1
    decisions = [s.route_step.decision.code for s in route_step_states(route=route) if s.route_step.decision]
    assert decisions == ["report_support"]
    assert concern.triage_route is not None


def test_support_worker_triages_within_the_norms(browser_page, live_server, personas, support_org, mfa_free):
    received = timezone.now() - datetime.timedelta(hours=5)
    concern = concern_submit(
        reporter=personas[Role.REPORTER],
        handling_organization=support_org,
        reporter_sector="teacher",
        description="Signalen van ronselen bij school.",
        received_at=received,
    )
    page = browser_page
    login(page, live_server, personas[Role.SUPPORT_WORKER])
    page.goto(f"{live_server.url}/meldingen/{concern.pk}/")
    assert page.locator("#norms-heading").is_visible()
    assert page.locator(".route-steps .overdue").count() == 0
    assert axe_check(page) == []

    page.click("main >> text=Eerste contact vastleggen")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.click("main >> text=Veiligheidscheck vastleggen")
    page.wait_for_load_state("networkidle")
    assert axe_check(page) == []
    page.check("input[name=q_acute_unsafety][value=no]")
    page.check("input[name=q_structural_unsafety][value=yes]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.click("a[href$='/status/in_triage/']")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.click("a[href$='/status/forwarded/']")
    page.fill("#id_note", "Doorverwezen naar het CJG")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".route-steps li.done").count() == 3
    assert page.locator("text=na de normtijd").count() == 0

    states = route_step_states(route=Concern.objects.get(pk=concern.pk).triage_route)
    assert [s.step.code for s in states] == ["first_contact", "safety_check", "decision"]
    assert all(s.is_done and s.completed_in_norm for s in states)
    assert states[2].route_step.decision.code == "forwarded"


def test_the_framework_pages_fit_a_phone_and_read_as_dutch(
    chromium_browser, live_server, personas, support_org, mfa_free
):
    """The crawl in test_small_screens follows the menu; this visits each framework page directly at 390 px."""
    from tests.browser.test_small_screens import HEIGHT, WIDTH, page_problems
    from zicht.framework.tests.factories import route_walk

    teacher, worker, admin = personas[Role.REPORTER], personas[Role.SUPPORT_WORKER], personas[Role.ADMIN]
    route = route_walk(user=teacher, steps=2)
    concern = concern_submit(
        reporter=teacher,
        handling_organization=support_org,
        reporter_sector="teacher",
        description="Signalen",
        received_at=timezone.now() - datetime.timedelta(days=4),  # first contact past its norm
    )
    pages = {
        teacher: [
            "/",
            "/handelingskader/",
            "/handelingskader/afdrukken/",
            "/handelingskader/route/nieuw/",
            f"/handelingskader/route/{route.pk}/",
        ],
        worker: [
            f"/meldingen/{concern.pk}/",
            f"/meldingen/{concern.pk}/veiligheidscheck/",
            "/meldingen/?queue=overdue",
        ],
        admin: [
            "/beheer/framework/frameworkversion/",
            f"/beheer/framework/frameworkversion/{route.version_id}/change/",
        ],
    }
    failures = []
    for user, paths in pages.items():
        context = chromium_browser.new_context(locale="en-US", viewport={"width": WIDTH, "height": HEIGHT})
        page = context.new_page()
        login(page, live_server, user)
        for path in paths:
            response = page.goto(live_server.url + path)
            problems = page_problems(page) + [f"axe: {v['id']}" for v in axe_check(page)]
            if response is None or response.status != 200:
                problems.insert(0, f"HTTP {response.status if response else '-'}")
            failures += [f"{user.username} {path}: {'; '.join(problems)}"] if problems else []
        context.close()
    assert not failures, "\n".join(failures)
