"""The screens: register by pasting, answer, insert figures, approve, download; access rules."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role
from zicht.council import figures as council_figures
from zicht.council.constants import QuestionStatus
from zicht.council.models import AnswerFigure, CouncilQuestion
from zicht.council.tests.factories import fake_registry, register_letter, require_shared, seed_letter_path

pytestmark = pytest.mark.django_db
S = QuestionStatus


@pytest.fixture(autouse=True)
def fake_figures(monkeypatch):
    registry = fake_registry()
    monkeypatch.setattr(council_figures, "figure_registry", lambda: registry)
    return registry


def test_register_by_pasting_the_source_letter(personas, client_for) -> None:
    path = seed_letter_path()
    require_shared(path)
    analyst = personas[Role.ANALYST]
    client = client_for(analyst)
    assert client.get(reverse("council:question_register")).status_code == 200
    response = client.post(
        reverse("council:question_register"),
        {
            "received_on": "2022-06-30",
            "council_member_title": "mevrouw",
            "council_member": "Klokkenburg-Reedeker",
            "party": "ChristenUnie/SGP",
            "subject": "Criminele uitbuiting van jonge slachtoffers",
            "reference": "",
            "responsible": analyst.pk,
            "deadline_rule": "art30:21d",
            "letter_text": path.read_text(encoding="utf-8"),
            "introduction": "",
            "references": "RIS305595",
            "secretary_name": "",
            "mayor_name": "",
        },
    )
    question = CouncilQuestion.objects.get()
    assert response.status_code == 302 and response.url == reverse("council:question_detail", args=[question.pk])
    assert question.items.count() == 13
    assert question.deadline == datetime.date(2022, 7, 21)
    assert question.introduction.startswith("Vandaag, op 30 juni 2022")
    assert question.responsible == analyst
    page = client.get(response.url).content.decode()
    assert "Hoeveel jonge slachtoffers van criminele uitbuiting zijn er officieel bekend" in page
    assert "dertien vragen" in client.get(reverse("council:letter", args=[question.pk])).content.decode()


def test_register_without_questions_is_refused(personas, client_for) -> None:
    response = client_for(personas[Role.ANALYST]).post(
        reverse("council:question_register"),
        {
            "received_on": "2022-06-30",
            "council_member": "X",
            "subject": "Y",
            "deadline_rule": "art30:21d",
            "letter_text": "Geachte voorzitter, ik heb geen genummerde vragen.",
        },
    )
    assert response.status_code == 200 and not CouncilQuestion.objects.exists()
    assert (
        "No numbered questions were found" in response.content.decode()
        or "genummerde vragen" in response.content.decode()
    )


def test_answer_insert_figure_approve_and_download(personas, client_for) -> None:
    analyst, coordinator = personas[Role.ANALYST], personas[Role.COORDINATOR]
    question = register_letter(user=analyst, questions=["Hoeveel?"])
    writer = client_for(analyst)
    figure_url = reverse("council:figure_insert", args=[question.pk, 1])
    response = writer.post(
        figure_url, {"figure_key": "fake_yearly", "period_start": "2020-01-01", "period_end": "2022-07-15"}
    )
    assert response.status_code == 302
    figure = AnswerFigure.objects.get()
    assert not figure.internal
    edit_url = reverse("council:item_edit", args=[question.pk, 1])
    writer.post(edit_url, {"text": "Hoeveel?", "answer": f"Bij SHOP waren er weinig.\n\n{figure.placeholder}"})
    assert (
        writer.post(
            reverse("council:question_transition", args=[question.pk, S.AWAITING_APPROVAL]), {"note": ""}
        ).status_code
        == 302
    )
    question.refresh_from_db()
    assert question.status == S.AWAITING_APPROVAL
    assert (
        writer.post(reverse("council:question_approve", args=[question.pk])).status_code == 403
    )  # analysts do not approve
    approver = client_for(coordinator)
    assert (
        approver.post(reverse("council:question_approve", args=[question.pk]), {"note": "Akkoord"}).status_code == 302
    )
    question.refresh_from_db()
    assert question.approved_by == coordinator
    response = writer.get(reverse("council:letter_docx", args=[question.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Bij SHOP waren er weinig." in text and "een brief met daarin één vraag" in text
    page = writer.get(reverse("council:letter", args=[question.pk])).content.decode()
    assert "&lt; 10" in page and "Het college van burgemeester en wethouders," in page


def test_internal_version_for_coordinators_only_and_audited(personas, client_for) -> None:
    question = register_letter(user=personas[Role.ANALYST])
    url = reverse("council:letter_docx", args=[question.pk]) + "?version=internal"
    assert client_for(personas[Role.ANALYST]).get(url).status_code == 403
    response = client_for(personas[Role.COORDINATOR]).get(url)
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert (entry.purpose, entry.object_type, entry.object_id) == (
        Purpose.STATISTICS,
        "council.councilquestion",
        str(question.pk),
    )
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exclude(pk=entry.pk).exists()
    client_for(personas[Role.COORDINATOR]).get(reverse("council:letter_docx", args=[question.pk]))
    assert (
        AccessLogEntry.objects.filter(action=AccessAction.EXPORT).count() == 1
    )  # the public letter is not an export of exact figures


def test_internal_figure_checkbox_only_for_coordinators(personas, client_for) -> None:
    question = register_letter(user=personas[Role.ANALYST])
    url = reverse("council:figure_insert", args=[question.pk, 1])
    assert 'name="internal"' not in client_for(personas[Role.ANALYST]).get(url).content.decode()
    assert 'name="internal"' in client_for(personas[Role.COORDINATOR]).get(url).content.decode()
    data = {
        "figure_key": "fake_yearly",
        "period_start": "2020-01-01",
        "period_end": "2022-07-15",
        "internal": "on",
        "scope": "own",
    }
    client_for(personas[Role.ANALYST]).post(url, data)
    assert not AnswerFigure.objects.filter(internal=True).exists()  # the field does not exist for analysts
    client_for(personas[Role.COORDINATOR]).post(url, data)
    assert AnswerFigure.objects.filter(internal=True).count() == 1


def test_other_municipality_gets_404(personas, client_for) -> None:
    question = register_letter(user=personas[Role.ANALYST])
    elsewhere = UserFactory(
        organization=OrganizationFactory(name="Gemeente Elders", municipality="Elders"), role=Role.ANALYST
    )
    client = client_for(elsewhere)
    for name in ("council:question_detail", "council:letter", "council:letter_docx", "council:question_edit"):
        assert client.get(reverse(name, args=[question.pk])).status_code == 404
    assert client.get(reverse("council:item_edit", args=[question.pk, 1])).status_code == 404


def test_extension_through_the_screen(personas, client_for) -> None:
    question = register_letter(user=personas[Role.ANALYST])
    client = client_for(personas[Role.ANALYST])
    url = reverse("council:question_extend", args=[question.pk])
    assert client.post(url, {"new_deadline": "2022-07-01", "reason": "x"}).status_code == 200  # earlier: refused
    assert (
        client.post(url, {"new_deadline": "2022-08-04", "reason": "Advies van de ketenpartners nodig"}).status_code
        == 302
    )
    question.refresh_from_db()
    assert question.deadline == datetime.date(2022, 8, 4)
    assert (
        "Advies van de ketenpartners nodig"
        in client.get(reverse("council:question_detail", args=[question.pk])).content.decode()
    )


def test_home_page_flags_overdue_questions(personas, client_for) -> None:
    overdue = register_letter(user=personas[Role.ANALYST], subject="Te laat beantwoorde vragen")  # 2022: long overdue
    for role in (Role.ANALYST, Role.COORDINATOR):
        page = client_for(personas[role]).get(reverse("home")).content.decode()
        assert overdue.subject in page and 'data-state="overdue"' in page
    page = client_for(personas[Role.SUPPORT_WORKER]).get(reverse("home")).content.decode()
    assert overdue.subject not in page
