"""The pages: the framework, a route walked through the browser's forms, every read of a route audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role
from zicht.concerns.models import Concern
from zicht.framework.models import FrameworkVersion, Route
from zicht.framework.tests.factories import route_walk

pytestmark = pytest.mark.django_db


def _reads(route_id: int) -> int:
    return AccessLogEntry.objects.filter(object_type="framework.route", object_id=str(route_id), action="read").count()


def test_the_framework_page_shows_steps_contacts_norms_and_police_agreements(personas, client_for, cjg_org) -> None:
    from zicht.accounts.tests.factories import OrganizationFactory

    OrganizationFactory(name="Veilig Thuis Haaglanden", kind="veilig_thuis", phone="0800 2000")
    html = client_for(personas[Role.ANALYST]).get(reverse("framework:index")).content.decode()
    assert "Breng de signalen in kaart" in html and "Veilig Thuis Haaglanden" in html and "0800 2000" in html
    assert "Is er sprake van acute onveiligheid?" in html and "112" in html
    assert reverse("framework:route_start") not in html  # an analyst reports no concerns
    printable = client_for(personas[Role.ANALYST]).get(reverse("framework:print")).content.decode()
    assert "Melden bij Veilig Thuis" in printable and "data-print" in printable


def test_a_teacher_saves_half_way_resumes_and_submits_the_concern_with_the_route(
    personas, client_for, support_org
) -> None:
    teacher = personas[Role.REPORTER]
    client = client_for(teacher)
    response = client.post(reverse("framework:route_start"))
    route = Route.objects.get(started_by=teacher)
    assert response.url == reverse("framework:route_detail", args=[route.pk])
    url = response.url
    client.post(url, {"q_signals_seen": "yes", "action": "complete"})
    client.post(url, {"q_colleague_consulted": "yes", "action": "save"})  # half-way
    index = client.get(reverse("framework:index")).content.decode()
    assert url in index  # resume from the framework page
    page = client.get(url)
    assert page.context["current"].step.code == "consult"
    assert page.context["form"]["q_colleague_consulted"].value() == "yes"
    client.post(url, {"q_colleague_consulted": "yes", "q_advice_asked": "no", "action": "complete"})
    client.post(url, {"q_conversation_safe": "no", "action": "complete"})
    client.post(url, {"q_acute_unsafety": "no", "q_structural_unsafety": "yes", "action": "complete"})
    finished = client.post(url, {"decision": "report_support", "action": "complete"}, follow=True)
    create_url = reverse("concerns:create") + f"?route={route.pk}"
    assert create_url in finished.content.decode()
    form = client.get(create_url)
    assert form.context["framework_route"] == route
    response = client.post(
        reverse("concerns:create"),
        {
            "route": route.pk,
            "kind": "concern",
            "handling_organization": support_org.pk,
            "channel": "form",
            "reporter_sector": "teacher",
            "urgency": "normal",
            "gender": "unknown",
            "district": "unknown",
            "recruitment_place": "unknown",
            "description": "Geld en nieuwe vrienden",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    concern = Concern.objects.get(reporter=teacher)
    assert concern.framework_route == route and concern.triage_route is not None
    detail = client_for(personas[Role.SUPPORT_WORKER]).get(reverse("concerns:detail", args=[concern.pk]))
    html = detail.content.decode()
    assert "Melden bij de steunorganisatie" in html and "Is er sprake van structurele onveiligheid?" in html
    assert _reads(route.pk) >= 1  # the handler's read of the reporter's route is in the log


def test_every_read_of_a_route_writes_one_access_log_entry(personas, client_for) -> None:
    teacher = personas[Role.REPORTER]
    route = route_walk(user=teacher, steps=1)
    client = client_for(teacher)
    for expected in (1, 2, 3):
        assert client.get(reverse("framework:route_detail", args=[route.pk])).status_code == 200
        assert _reads(route.pk) == expected


def test_another_professionals_route_is_a_404_and_unlogged(personas, client_for) -> None:
    route = route_walk(user=personas[Role.REPORTER], steps=1)
    response = client_for(personas[Role.SUPPORT_WORKER]).get(reverse("framework:route_detail", args=[route.pk]))
    assert response.status_code == 404 and _reads(route.pk) == 0


def test_a_route_that_did_not_end_in_a_report_to_the_support_organisation_is_not_attached(personas, client_for) -> None:
    teacher = personas[Role.REPORTER]
    route = route_walk(user=teacher, decision="organise_help")
    page = client_for(teacher).get(reverse("concerns:create") + f"?route={route.pk}")
    assert page.context["framework_route"] is None


def test_support_worker_records_the_safety_check_and_the_norms_show_on_the_concern(
    personas, client_for, support_org
) -> None:
    from zicht.concerns.services import concern_submit

    concern = concern_submit(
        reporter=personas[Role.REPORTER],
        handling_organization=support_org,
        reporter_sector="teacher",
        description="Signalen",
    )
    client = client_for(personas[Role.SUPPORT_WORKER])
    url = reverse("concerns:safety_check", args=[concern.pk])
    response = client.post(url, {"q_acute_unsafety": "no", "q_structural_unsafety": "unknown"})
    assert response.status_code == 302
    html = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "Veiligheidscheck" in html and "Eerste contact met de melder" in html
    step = concern.triage_route.steps.get(step__code="safety_check")
    assert step.completed_at is not None
    assert dict(step.answers.values_list("question__code", "answer")) == {
        "acute_unsafety": "no",
        "structural_unsafety": "unknown",
    }


def test_the_administrator_cannot_change_a_published_version_in_the_admin(personas, client_for) -> None:
    client = client_for(personas[Role.ADMIN])
    version = FrameworkVersion.objects.get(number=1)
    url = reverse("admin:framework_frameworkversion_change", args=[version.pk])
    page = client.get(url)
    assert page.status_code == 200
    client.post(url, {"number": 1, "title": "Anders"})
    version.refresh_from_db()
    assert version.title == "Handelingskader criminele uitbuiting"
    response = client.post(
        reverse("admin:framework_frameworkversion_changelist"),
        {"action": "copy_as_draft", "_selected_action": [version.pk]},
    )
    assert response.status_code == 302
    draft = FrameworkVersion.objects.get(number=2)
    step = draft.steps.get(code="map_signals")
    step_url = reverse("admin:framework_frameworkstep_change", args=[step.pk])
    assert client.get(step_url).status_code == 200


def test_the_open_step_asks_each_question_and_decision_once(personas, client_for, support_org) -> None:
    client = client_for(personas[Role.REPORTER])
    url = client.post(reverse("framework:route_start")).url
    for answers in (
        {"q_signals_seen": "yes"},
        {"q_colleague_consulted": "yes", "q_advice_asked": "no"},
        {"q_conversation_safe": "no"},
    ):
        page = client.get(url)
        current = page.context["current"].step
        html = page.content.decode()
        texts = [q.text for q in current.questions.all()] + [d.label for d in current.decisions.all()]
        assert texts and all(html.count(text) == 1 for text in texts), current.code
        client.post(url, {**answers, "action": "complete"})
    page = client.get(url)
    current = page.context["current"].step
    html = page.content.decode()
    assert all(html.count(q.text) == 1 for q in current.questions.all())
