"""Closed cases are anonymised after their retention period; statistics stay as they were."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry, DeletionLog
from zicht.cases import referral_services, services
from zicht.cases.constants import CaseEventKind, CloseReason, ReferralPurpose, SupportActionKind
from zicht.cases.models import AppendOnlyError, Case, CaseEvent, Consent, Referral, SupportAction
from zicht.cases.tests.factories import VALID_BSN, make_case, make_referral
from zicht.common.exploitation import ExploitationType
from zicht.common.roles import Role
from zicht.people.models import YoungPerson
from zicht.retention.cases import cases_anonymise
from zicht.stats import builders_cases as stats

pytestmark = pytest.mark.django_db

DAYS = 1825
CLOSED_ON = datetime.date(2021, 3, 1)
DUE_DAY = CLOSED_ON + datetime.timedelta(days=DAYS)  # the first day the case is past its period
SECRET = "Lives with aunt Fatima on the Laan van Meerdervoort"
FORMS = ((ExploitationType.CRIMINAL, "drugs"), (ExploitationType.SEXUAL, ""))


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _closed_case(
    personas, *, closed_on: datetime.date = CLOSED_ON, person: YoungPerson | None = None, cjg=None
) -> Case:
    """A case with every kind of free text, closed at noon on ``closed_on``."""
    user = personas[Role.COORDINATOR]
    opened_at = _at(closed_on - datetime.timedelta(days=90), 9)
    if person is None:
        case = make_case(user=user, opened_at=opened_at, exploitation=FORMS, bsn=VALID_BSN)
    else:
        case = services.case_open(user=user, young_person=person, exploitation=list(FORMS), opened_at=opened_at)
    services.case_add_note(case=case, user=user, text=SECRET, at=opened_at)
    referral_services.support_action_add(
        case=case, user=user, kind=SupportActionKind.SHELTER, started_on=opened_at.date(), note=SECRET, at=opened_at
    )
    if cjg is not None:
        referral_services.consent_record(
            case=case,
            user=user,
            recipient=cjg,
            purpose=ReferralPurpose.SHELTER,
            given_by_text="Mother, Fatima B.",
            given_at=opened_at,
        )
        referral = make_referral(case=case, user=user, to_organization=cjg)
        Referral.objects.filter(pk=referral.pk).update(response_note=SECRET)
    return services.case_close(case=case, user=user, reason=CloseReason.GOALS_REACHED, note=SECRET, at=_at(closed_on))


def _figures() -> list:
    start, end = datetime.date(2020, 1, 1), datetime.date(2022, 12, 31)
    tables = (
        stats.cases_by_year,
        stats.cases_by_form,
        stats.cases_by_district,
        stats.cases_by_age_band,
        stats.cases_by_outcome,
        stats.referrals_by_partner,
        stats.support_actions,
    )
    return [table(start=start, end=end).cells for table in tables]


def _statistical_fields(case: Case) -> tuple:
    case = Case.objects.get(pk=case.pk)
    return (
        case.registration_year,
        case.age_at_registration,
        case.victim_status,
        case.close_reason,
        case.closed_at,
        sorted(case.exploitations.values_list("type", "criminal_subtype")),
        case.young_person.district,
        case.young_person.gender,
        sorted(case.referrals.values_list("to_organization_id", "status", "purpose", "legal_basis")),
        sorted(case.support_actions.values_list("kind", "started_on")),
    )


def _raw_identity(person_id: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_names, family_name_prefix, family_name, date_of_birth, bsn FROM cases_youngperson WHERE id "
            "= %s",
            [person_id],
        )
        return cursor.fetchone()


def test_boundary_day_is_inclusive(personas, settings):
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    case = _closed_case(personas)
    day_before = cases_anonymise(today=DUE_DAY - datetime.timedelta(days=1), dry_run=True)
    on_the_day = cases_anonymise(today=DUE_DAY, dry_run=True)
    assert day_before.done == {}
    assert on_the_day.done["cases.case"] == [case.pk]


def test_dry_run_changes_nothing_and_logs_nothing(personas, settings, cjg_org):
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    case = _closed_case(personas, cjg=cjg_org)
    audit_before, texts_before = AccessLogEntry.objects.count(), list(CaseEvent.objects.values_list("text", "data"))
    raw_before = _raw_identity(case.young_person_id)

    result = cases_anonymise(today=DUE_DAY, dry_run=True)

    assert result.done == {"cases.case": [case.pk], "people.youngperson": [case.young_person_id]}
    assert AccessLogEntry.objects.count() == audit_before
    assert not DeletionLog.objects.exists()
    assert list(CaseEvent.objects.values_list("text", "data")) == texts_before
    assert _raw_identity(case.young_person_id) == raw_before
    assert YoungPerson.objects.get(pk=case.young_person_id).family_name == "Dijk"


def test_real_run_anonymises_only_cases_past_the_period(personas, settings, cjg_org):
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    old = _closed_case(personas, cjg=cjg_org)
    recent = _closed_case(personas, closed_on=CLOSED_ON + datetime.timedelta(days=1))
    still_open = make_case(user=personas[Role.COORDINATOR], opened_at=_at(CLOSED_ON), exploitation=FORMS)
    services.case_add_note(case=still_open, user=personas[Role.COORDINATOR], text=SECRET)

    result = cases_anonymise(today=DUE_DAY)

    assert result.done == {"cases.case": [old.pk], "people.youngperson": [old.young_person_id]}
    assert set(CaseEvent.objects.filter(case=old).values_list("text", flat=True)) == {""}
    assert all(data == {} for data in CaseEvent.objects.filter(case=old).values_list("data", flat=True))
    assert set(SupportAction.objects.filter(case=old).values_list("note", flat=True)) == {""}
    assert set(Referral.objects.filter(case=old).values_list("response_note", flat=True)) == {""}
    assert set(Consent.objects.filter(young_person=old.young_person).values_list("given_by_text", flat=True)) == {""}
    for kept in (recent, still_open):
        assert SECRET in CaseEvent.objects.filter(case=kept).values_list("text", flat=True)
        assert YoungPerson.objects.get(pk=kept.young_person_id).family_name == "Dijk"


def test_identity_is_blank_in_the_database(personas, settings):
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    case = _closed_case(personas)
    assert all(_raw_identity(case.young_person_id)[i] for i in (0, 2, 3, 4))  # encrypted tokens before

    cases_anonymise(today=DUE_DAY)

    given, prefix, family, birth, bsn = _raw_identity(case.young_person_id)
    assert (given or "", prefix or "", family or "", bsn or "") == ("", "", "", "")
    assert birth is None
    person = YoungPerson.objects.get(pk=case.young_person_id)
    assert (person.given_names, person.family_name, person.date_of_birth, person.bsn) == ("", "", None, "")


def test_statistics_are_the_same_before_and_after(personas, settings, cjg_org):
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    cases = [
        _closed_case(personas, cjg=cjg_org),
        _closed_case(personas, closed_on=CLOSED_ON - datetime.timedelta(days=40)),
    ]
    figures, fields = _figures(), [_statistical_fields(c) for c in cases]
    assert any(any(row) for row in figures[0])  # the tables do count these cases

    result = cases_anonymise(today=DUE_DAY)

    assert result.count("cases.case") == 2
    assert _figures() == figures
    assert [_statistical_fields(c) for c in cases] == fields


def test_log_and_audit_entries_per_object(personas, settings):
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    case = _closed_case(personas)
    before = AccessLogEntry.objects.count()

    cases_anonymise(today=DUE_DAY)

    logged = set(DeletionLog.objects.values_list("job", "object_type", "object_id", "action"))
    assert logged == {
        ("cases.anonymise", "cases.case", str(case.pk), "anonymised"),
        ("cases.anonymise", "people.youngperson", str(case.young_person_id), "anonymised"),
    }
    assert len(set(DeletionLog.objects.values_list("run_id", flat=True))) == 1
    entries = AccessLogEntry.objects.filter(sequence__gt=before)
    assert {(e.object_type, e.object_id) for e in entries} == {(t, i) for _job, t, i, _a in logged}
    assert {(e.action, e.purpose, e.actor_id, e.actor_username) for e in entries} == {
        (AccessAction.PURGE, Purpose.RETENTION, None, "system")
    }


def test_a_second_run_does_nothing(personas, settings):
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    _closed_case(personas)
    cases_anonymise(today=DUE_DAY)
    logs, audit = DeletionLog.objects.count(), AccessLogEntry.objects.count()

    again = cases_anonymise(today=DUE_DAY + datetime.timedelta(days=30))

    assert again.done == {}
    assert (DeletionLog.objects.count(), AccessLogEntry.objects.count()) == (logs, audit)


def test_identity_waits_for_the_young_persons_last_case(personas, settings):
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    first = _closed_case(personas)
    second = _closed_case(personas, closed_on=CLOSED_ON + datetime.timedelta(days=100), person=first.young_person)

    early = cases_anonymise(today=DUE_DAY)
    assert early.done == {"cases.case": [first.pk]}
    assert early.kept == {
        "people.youngperson: identity kept: a case or concern is still within retention": [first.young_person_id]
    }
    assert YoungPerson.objects.get(pk=first.young_person_id).family_name == "Dijk"

    later = cases_anonymise(today=DUE_DAY + datetime.timedelta(days=100))
    assert later.done == {"cases.case": [second.pk], "people.youngperson": [first.young_person_id]}
    assert YoungPerson.objects.get(pk=first.young_person_id).family_name == ""


def test_redaction_is_the_only_update_the_database_allows(personas):
    case = make_case(user=personas[Role.COORDINATOR], exploitation=FORMS)
    event = services.case_add_note(case=case, user=personas[Role.COORDINATOR], text=SECRET)
    events = CaseEvent.objects.filter(pk=event.pk)
    refused = [
        {"text": "changed"},
        {"text": "", "data": {"changed": 1}},
        {"text": "", "data": {}, "kind": CaseEventKind.CLOSED},
        {"text": "", "data": {}, "at": event.at - datetime.timedelta(days=1)},
        {"text": "", "data": {}, "by": None},
        {"text": "", "data": {}, "case": make_case(user=personas[Role.COORDINATOR])},
    ]
    for change in refused:
        with pytest.raises(DatabaseError), transaction.atomic():
            events.update(**change)
    with pytest.raises(DatabaseError), transaction.atomic():
        events._raw_delete(events.db)
    assert events.get().text == SECRET

    assert events.update(text="", data={}) == 1
    assert events.update(text="", data={}) == 1  # redacting twice is harmless
    assert list(events.values_list("text", "data")) == [("", {})]
    with pytest.raises(AppendOnlyError):
        event.save()


def test_command_reports_counts_and_ids(personas, settings):
    from io import StringIO

    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    case = _closed_case(personas)
    out = StringIO()
    call_command("apply_retention", "--dry-run", "--today", DUE_DAY.isoformat(), stdout=out)
    assert f"cases.case would be anonymised (1): {case.pk}" in out.getvalue()
    assert not DeletionLog.objects.exists()

    out = StringIO()
    call_command("apply_retention", "--today", DUE_DAY.isoformat(), stdout=out)
    assert f"cases.case anonymised (1): {case.pk}" in out.getvalue()
    assert DeletionLog.objects.filter(object_type="cases.case", object_id=str(case.pk)).exists()
