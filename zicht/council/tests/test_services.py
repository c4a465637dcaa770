"""Register, edit, extend, answer, approve and send: services and their history."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.audit.models import AppendOnlyError
from zicht.common.roles import Role
from zicht.council import services
from zicht.council.constants import DeadlineState, EventKind, QuestionStatus
from zicht.council.models import CouncilQuestionEvent, CouncilQuestionExtension
from zicht.council.selectors import council_question_list_visible_to, council_questions_needing_attention
from zicht.council.tests.factories import register_letter

pytestmark = pytest.mark.django_db
S = QuestionStatus


@pytest.fixture
def coordinator(personas):
    return personas[Role.COORDINATOR]


@pytest.fixture
def analyst(personas):
    return personas[Role.ANALYST]


def _answer_all(question, user) -> None:
    for item in question.items.all():
        services.council_item_save(
            user=user, question=question, item=item, text=item.text, answer=f"Antwoord {item.number}."
        )


def test_register_computes_the_deadline_and_records_it(analyst) -> None:
    question = register_letter(user=analyst, questions=["Vraag een?", "Vraag twee?", "Vraag drie?"])
    assert question.deadline == datetime.date(2022, 7, 21)
    assert question.deadline_rule == "art30:21d"
    assert question.municipality == analyst.organization.municipality
    assert [(i.number, i.text) for i in question.items.all()] == [
        (1, "Vraag een?"),
        (2, "Vraag twee?"),
        (3, "Vraag drie?"),
    ]
    event = question.events.get()
    assert (event.kind, event.by, event.new_value) == (EventKind.REGISTERED, analyst, "2022-07-21")


def test_register_with_another_rule_and_settings_default(analyst, settings) -> None:
    assert register_letter(user=analyst, deadline_rule="art30:15wd").deadline == datetime.date(2022, 7, 21)
    settings.ZICHT_COUNCIL_DEADLINE_RULE = "art30:28d"
    assert register_letter(user=analyst).deadline == datetime.date(2022, 7, 28)
    with pytest.raises(ValueError):
        register_letter(user=analyst, deadline_rule="three weeks")


def test_only_council_roles_register(personas) -> None:
    for role in (Role.REPORTER, Role.SUPPORT_WORKER, Role.PARTNER, Role.ADMIN):
        with pytest.raises(PermissionDenied):
            register_letter(user=personas[role])


def test_field_changes_are_in_the_history_and_the_deadline_follows(analyst) -> None:
    question = register_letter(user=analyst)
    services.council_question_update(
        user=analyst, question=question, subject="Nieuw onderwerp", received_on=datetime.date(2022, 7, 1)
    )
    question.refresh_from_db()
    assert question.deadline == datetime.date(2022, 7, 22)
    changes = {(e.field, e.old_value, e.new_value) for e in question.events.filter(kind=EventKind.CHANGED)}
    assert ("subject", "Criminele uitbuiting van jongeren", "Nieuw onderwerp") in changes
    assert ("received_on", "2022-06-30", "2022-07-01") in changes
    assert ("deadline", "2022-07-21", "2022-07-22") in changes


def test_extension_with_reason_is_recorded(analyst) -> None:
    question = register_letter(user=analyst)
    with pytest.raises(ValidationError):
        services.council_question_extend_deadline(
            user=analyst, question=question, new_deadline=datetime.date(2022, 7, 20), reason="te vroeg"
        )
    with pytest.raises(ValidationError):
        services.council_question_extend_deadline(
            user=analyst, question=question, new_deadline=datetime.date(2022, 8, 4), reason="  "
        )
    services.council_question_extend_deadline(
        user=analyst, question=question, new_deadline=datetime.date(2022, 8, 4), reason="Cijfers van partners nodig"
    )
    question.refresh_from_db()
    assert question.deadline == datetime.date(2022, 8, 4)
    extension = CouncilQuestionExtension.objects.get()
    assert (extension.previous_deadline, extension.reason) == (datetime.date(2022, 7, 21), "Cijfers van partners nodig")
    event = question.events.get(kind=EventKind.DEADLINE_EXTENDED)
    assert (event.old_value, event.new_value, event.note) == ("2022-07-21", "2022-08-04", "Cijfers van partners nodig")
    # A later change of the received date does not undo the extension.
    services.council_question_update(user=analyst, question=question, received_on=datetime.date(2022, 7, 1))
    question.refresh_from_db()
    assert question.deadline == datetime.date(2022, 8, 4)
    flagged = council_questions_needing_attention(user=analyst, today=datetime.date(2022, 7, 25), days=5)
    assert flagged == []  # overdue under the original deadline, on time after the extension


def test_answering_starts_the_work_and_keeps_old_and_new_text(analyst) -> None:
    question = register_letter(user=analyst)
    item = question.items.get(number=1)
    services.council_item_save(user=analyst, question=question, item=item, text=item.text, answer="Eerste versie.")
    services.council_item_save(user=analyst, question=question, item=item, text=item.text, answer="Tweede versie.")
    question.refresh_from_db()
    assert question.status == S.BEING_ANSWERED
    answers = list(question.events.filter(kind=EventKind.ANSWER_CHANGED).values_list("old_value", "new_value"))
    assert answers == [("", "Eerste versie."), ("Eerste versie.", "Tweede versie.")]
    assert question.events.filter(kind=EventKind.STATUS_CHANGED, new_value=S.BEING_ANSWERED).count() == 1


def test_questions_can_be_added_corrected_and_removed(analyst) -> None:
    question = register_letter(user=analyst, questions=["Een?", "Twee?", "Drie?"])
    services.council_item_save(user=analyst, question=question, text="Vier?")
    services.council_item_remove(user=analyst, question=question, item=question.items.get(number=2))
    assert list(question.items.values_list("number", "text")) == [(1, "Een?"), (2, "Drie?"), (3, "Vier?")]
    kinds = list(question.events.values_list("kind", flat=True))
    assert EventKind.QUESTION_ADDED in kinds and EventKind.QUESTION_REMOVED in kinds


def test_history_is_append_only(analyst) -> None:
    question = register_letter(user=analyst)
    event = question.events.get()
    event.note = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        CouncilQuestionEvent.objects.filter(pk=event.pk).update(note="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        CouncilQuestionEvent.objects.filter(pk=event.pk).delete()


def test_approval_is_a_separate_step_by_another_coordinator(analyst, coordinator, support_org) -> None:
    question = register_letter(user=analyst)
    with pytest.raises(ValidationError):  # unanswered questions
        services.council_question_transition(user=analyst, question=question, target=S.AWAITING_APPROVAL)
    _answer_all(question, analyst)
    services.council_question_transition(user=analyst, question=question, target=S.AWAITING_APPROVAL)
    with pytest.raises(ValidationError):  # not approved yet
        services.council_question_transition(user=analyst, question=question, target=S.SENT)
    with pytest.raises(PermissionDenied):
        services.council_question_approve(user=analyst, question=question)
    with pytest.raises(ValidationError):  # answers may no longer change
        services.council_item_save(user=analyst, question=question, item=question.items.first(), text="x?", answer="y")
    services.council_question_approve(user=coordinator, question=question, note="Akkoord")
    question.refresh_from_db()
    assert (question.approved_by, question.status) == (coordinator, S.AWAITING_APPROVAL)
    services.council_question_transition(user=analyst, question=question, target=S.SENT)
    services.council_question_transition(user=analyst, question=question, target=S.PUBLISHED)
    question.refresh_from_db()
    assert question.status == S.PUBLISHED and question.sent_at and question.published_at
    with pytest.raises(ValidationError):  # no deadline after sending
        services.council_question_extend_deadline(
            user=analyst, question=question, new_deadline=datetime.date(2022, 9, 1), reason="te laat"
        )
    statuses = list(question.events.filter(kind=EventKind.STATUS_CHANGED).values_list("new_value", flat=True))
    assert statuses == [S.BEING_ANSWERED, S.AWAITING_APPROVAL, S.SENT, S.PUBLISHED]


def test_submitter_cannot_approve_own_answers(coordinator, support_org) -> None:
    question = register_letter(user=coordinator)
    _answer_all(question, coordinator)
    services.council_question_transition(user=coordinator, question=question, target=S.AWAITING_APPROVAL)
    with pytest.raises(ValidationError):
        services.council_question_approve(user=coordinator, question=question)
    other = UserFactory(organization=support_org, role=Role.COORDINATOR)
    services.council_question_approve(user=other, question=question)


def test_sending_back_withdraws_the_approval(analyst, coordinator) -> None:
    question = register_letter(user=analyst)
    _answer_all(question, analyst)
    services.council_question_transition(user=analyst, question=question, target=S.AWAITING_APPROVAL)
    services.council_question_approve(user=coordinator, question=question)
    services.council_question_transition(
        user=coordinator, question=question, target=S.BEING_ANSWERED, note="Graag cijfers bij vraag 2"
    )
    question.refresh_from_db()
    assert question.approved_at is None and question.status == S.BEING_ANSWERED


def test_visibility_is_the_municipality_of_council_roles(analyst, coordinator, personas) -> None:
    question = register_letter(user=analyst)
    assert list(council_question_list_visible_to(user=coordinator)) == [question]
    elsewhere = UserFactory(
        organization=OrganizationFactory(name="Gemeente Elders", municipality="Elders"), role=Role.ANALYST
    )
    assert not council_question_list_visible_to(user=elsewhere).exists()
    for role in (Role.REPORTER, Role.SUPPORT_WORKER, Role.PARTNER, Role.ADMIN):
        assert not council_question_list_visible_to(user=personas[role]).exists()


def test_overdue_and_near_deadline_questions_are_flagged(analyst) -> None:
    overdue = register_letter(user=analyst, received_on=datetime.date(2022, 6, 1), subject="Oud")  # deadline 22 June
    near = register_letter(user=analyst, received_on=datetime.date(2022, 6, 20), subject="Bijna")  # deadline 11 July
    register_letter(user=analyst, received_on=datetime.date(2022, 7, 1), subject="Later")  # deadline 22 July
    done = register_letter(user=analyst, received_on=datetime.date(2022, 6, 2), subject="Verstuurd")
    _answer_all(done, analyst)
    done.status = S.SENT  # statuses other than through services only in this arrangement step
    done.save(update_fields=["status"])
    flagged = council_questions_needing_attention(user=analyst, today=datetime.date(2022, 7, 7), days=5)
    assert [(q.subject, state) for q, state in flagged] == [
        ("Oud", DeadlineState.OVERDUE),
        ("Bijna", DeadlineState.DUE_SOON),
    ]
    assert overdue.deadline < datetime.date(2022, 7, 7) <= near.deadline
