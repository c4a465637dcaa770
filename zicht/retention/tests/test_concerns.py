"""Concerns that did not lead to a case are purged after their retention period."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.utils import timezone

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry, DeletionLog
from zicht.cases import services as case_services
from zicht.cases.constants import CloseReason
from zicht.cases.models import Case
from zicht.cases.tests.factories import make_case
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernStatus, CrimeDomain
from zicht.concerns.models import Concern, ConcernCrimeDomain, ConcernStatusChange, Indicator
from zicht.concerns.tests.factories import concern_make
from zicht.people.models import YoungPerson
from zicht.retention.concerns import concerns_purge

pytestmark = pytest.mark.django_db

DAYS = 730
CASE_DAYS = 1825
CLOSED_ON = datetime.date(2023, 5, 10)
DUE_DAY = CLOSED_ON + datetime.timedelta(days=DAYS)  # the first day a concern closed on CLOSED_ON is due


@pytest.fixture(autouse=True)
def _periods(settings) -> None:
    settings.ZICHT_CONCERN_RETENTION_DAYS = DAYS
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = CASE_DAYS


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _person(org) -> YoungPerson:
    return YoungPerson.objects.create(organization=org, given_names="Sem", family_name="Bakker")


def _concern(
    org, *, status: str = ConcernStatus.CLOSED, closed_on: datetime.date | None = CLOSED_ON, person=None
) -> Concern:
    received_at = _at((closed_on or CLOSED_ON) - datetime.timedelta(days=20))
    closed_at = _at(closed_on) if closed_on is not None else None
    concern = concern_make(
        handling_organization=org, status=status, received_at=received_at, closed_at=closed_at, young_person=person
    )
    ConcernCrimeDomain.objects.create(concern=concern, domain=CrimeDomain.DRUG_TRAFFICKING)
    indicator = Indicator.objects.first() or Indicator.objects.create(
        code="x", label="X", category="other", form="general"
    )
    concern.indicators.add(indicator)
    return concern


def _closed_case(personas, *, closed_on: datetime.date, concerns=()) -> Case:
    user = personas[Role.COORDINATOR]
    case = make_case(user=user, opened_at=_at(closed_on - datetime.timedelta(days=60)))
    case.concerns.add(*concerns)
    return case_services.case_close(case=case, user=user, reason=CloseReason.MOVED, at=_at(closed_on))


def test_purges_the_concern_with_its_rows_and_its_young_person(support_org):
    person = _person(support_org)
    concern = _concern(support_org, person=person)
    indicator_links = Concern.indicators.through.objects.filter(concern_id=concern.pk)
    assert indicator_links.exists() and ConcernStatusChange.objects.filter(concern_id=concern.pk).exists()
    before = AccessLogEntry.objects.count()

    result = concerns_purge(today=DUE_DAY)

    assert result.done == {"concerns.concern": [concern.pk], "people.youngperson": [person.pk]}
    assert not Concern.objects.filter(pk=concern.pk).exists()
    assert not ConcernCrimeDomain.objects.filter(concern_id=concern.pk).exists()
    assert not ConcernStatusChange.objects.filter(concern_id=concern.pk).exists()
    assert not indicator_links.exists()
    assert not YoungPerson.objects.filter(pk=person.pk).exists()
    logged = set(DeletionLog.objects.values_list("job", "object_type", "object_id", "action"))
    assert logged == {
        ("concerns.purge", "concerns.concern", str(concern.pk), "deleted"),
        ("concerns.purge", "people.youngperson", str(person.pk), "deleted"),
    }
    entries = AccessLogEntry.objects.filter(sequence__gt=before)
    assert {(e.object_type, e.object_id, e.action, e.purpose, e.actor_id) for e in entries} == {
        ("concerns.concern", str(concern.pk), AccessAction.PURGE, Purpose.RETENTION, None),
        ("people.youngperson", str(person.pk), AccessAction.PURGE, Purpose.RETENTION, None),
    }


def test_only_final_concerns_past_the_period_are_due(support_org):
    due = [
        _concern(support_org, status=s)
        for s in (ConcernStatus.ADVICE_GIVEN, ConcernStatus.FORWARDED, ConcernStatus.CLOSED)
    ]
    # Closed without a date: counted from received_at, 20 days before CLOSED_ON.
    undated = _concern(support_org, closed_on=None, status=ConcernStatus.FORWARDED)
    not_final = [
        _concern(support_org, status=s) for s in (ConcernStatus.NEW, ConcernStatus.IN_TRIAGE, ConcernStatus.CASE_OPENED)
    ]
    too_recent = _concern(support_org, closed_on=CLOSED_ON + datetime.timedelta(days=1))

    result = concerns_purge(today=DUE_DAY, dry_run=True)

    assert result.done == {"concerns.concern": sorted([c.pk for c in due] + [undated.pk])}
    assert {c.pk for c in [*not_final, too_recent]}.isdisjoint(result.done["concerns.concern"])


def test_boundary_day_is_inclusive(support_org):
    concern = _concern(support_org)
    assert concerns_purge(today=DUE_DAY - datetime.timedelta(days=1), dry_run=True).done == {}
    assert concerns_purge(today=DUE_DAY, dry_run=True).done == {"concerns.concern": [concern.pk]}


def test_undated_concern_counts_from_received_at(support_org):
    concern = _concern(support_org, closed_on=None)
    received_on = timezone.localdate(concern.received_at)
    assert concerns_purge(today=received_on + datetime.timedelta(days=DAYS - 1), dry_run=True).done == {}
    assert concerns_purge(today=received_on + datetime.timedelta(days=DAYS), dry_run=True).done == {
        "concerns.concern": [concern.pk]
    }


def test_never_a_concern_linked_to_a_case_in_retention(personas, support_org):
    linked_to_recent = _concern(support_org)
    linked_to_old = _concern(support_org)
    recent = _closed_case(personas, closed_on=DUE_DAY - datetime.timedelta(days=10), concerns=[linked_to_recent])
    old = _closed_case(personas, closed_on=DUE_DAY - datetime.timedelta(days=CASE_DAYS), concerns=[linked_to_old])

    result = concerns_purge(today=DUE_DAY)

    assert result.done == {"concerns.concern": [linked_to_old.pk]}
    assert result.kept == {"concerns.concern: linked to a case in retention": [linked_to_recent.pk]}
    assert list(recent.concerns.all()) == [linked_to_recent]
    assert Case.objects.filter(pk=old.pk).exists() and not old.concerns.exists()


def test_young_person_stays_while_something_refers_to_them(personas, support_org):
    with_case = _concern(support_org, person=make_case(user=personas[Role.COORDINATOR]).young_person)
    busy = _person(support_org)
    with_live_concern = _concern(support_org, person=busy)
    _concern(support_org, person=busy, status=ConcernStatus.IN_TRIAGE)
    twice = _person(support_org)
    both = [_concern(support_org, person=twice), _concern(support_org, person=twice, status=ConcernStatus.ADVICE_GIVEN)]

    result = concerns_purge(today=DUE_DAY)

    assert result.done == {
        "concerns.concern": sorted([with_case.pk, with_live_concern.pk, *(c.pk for c in both)]),
        "people.youngperson": [twice.pk],
    }
    assert YoungPerson.objects.filter(pk__in=[with_case.young_person_id, busy.pk]).count() == 2


def test_dry_run_changes_and_logs_nothing(support_org):
    person = _person(support_org)
    concern = _concern(support_org, person=person)
    audit = AccessLogEntry.objects.count()

    result = concerns_purge(today=DUE_DAY, dry_run=True)

    assert result.done == {"concerns.concern": [concern.pk], "people.youngperson": [person.pk]}
    assert Concern.objects.filter(pk=concern.pk).exists() and YoungPerson.objects.filter(pk=person.pk).exists()
    assert ConcernStatusChange.objects.filter(concern=concern).exists()
    assert AccessLogEntry.objects.count() == audit
    assert not DeletionLog.objects.exists()


def test_a_second_run_does_nothing(support_org):
    _concern(support_org, person=_person(support_org))
    concerns_purge(today=DUE_DAY)
    counts = (DeletionLog.objects.count(), AccessLogEntry.objects.count())

    again = concerns_purge(today=DUE_DAY + datetime.timedelta(days=365))

    assert again.done == {} and again.kept == {}
    assert (DeletionLog.objects.count(), AccessLogEntry.objects.count()) == counts


def test_a_blocked_purge_is_kept_and_reported_without_stopping(support_org, monkeypatch):
    person = _person(support_org)
    blocked = _concern(support_org, person=person)
    free = _concern(support_org)
    original = Concern.delete

    def guarded_delete(self, *args, **kwargs):
        if self.pk == blocked.pk:
            raise ProtectedError("referenced elsewhere", {self})
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Concern, "delete", guarded_delete)

    result = concerns_purge(today=DUE_DAY)

    assert result.done == {"concerns.concern": [free.pk]}
    assert result.kept == {"concerns.concern: still referenced": [blocked.pk]}
    assert Concern.objects.filter(pk=blocked.pk).exists() and YoungPerson.objects.filter(pk=person.pk).exists()
    assert not DeletionLog.objects.filter(object_id=str(blocked.pk), object_type="concerns.concern").exists()


def test_case_anonymisation_blanks_the_texts_of_concerns_only_old_cases_hold(personas, support_org):
    from zicht.retention.cases import cases_anonymise

    only_old = _concern(support_org, status=ConcernStatus.CASE_OPENED)
    Concern.objects.filter(pk=only_old.pk).update(
        contact_name="Sem's aunt", advice_text="Call the CJG", recruitment_detail="Park X"
    )
    ConcernStatusChange.objects.create(
        concern=only_old,
        from_status=ConcernStatus.IN_TRIAGE,
        to_status=ConcernStatus.CASE_OPENED,
        at=_at(CLOSED_ON - datetime.timedelta(days=70)),
        note="Spoke with Sem's aunt",
    )
    shared = _concern(support_org, status=ConcernStatus.CASE_OPENED)
    old = _closed_case(personas, closed_on=CLOSED_ON, concerns=[only_old, shared])
    _closed_case(personas, closed_on=CLOSED_ON + datetime.timedelta(days=200), concerns=[shared])
    # The young person of the old case also has a concern still in retention: identity stays.
    _concern(support_org, status=ConcernStatus.IN_TRIAGE, person=old.young_person)

    result = cases_anonymise(today=CLOSED_ON + datetime.timedelta(days=CASE_DAYS))

    assert result.done == {"cases.case": [old.pk]}
    assert result.kept == {
        "people.youngperson: identity kept: a case or concern is still within retention": [old.young_person_id]
    }
    blanked = Concern.objects.get(pk=only_old.pk)
    assert (blanked.description, blanked.contact_name, blanked.advice_text, blanked.recruitment_detail) == (
        "",
        "",
        "",
        "",
    )
    assert set(blanked.status_changes.values_list("note", flat=True)) == {""}
    assert blanked.status == ConcernStatus.CASE_OPENED and blanked.crime_domains.exists()  # statistics stay
    assert Concern.objects.get(pk=shared.pk).description == "Signalen gezien"
    assert YoungPerson.objects.get(pk=old.young_person_id).family_name == "Dijk"


def _refuse_deleting_history_of(concern_id: int) -> None:
    """A database guard (as an append-only trigger would be) on one concern's status history."""
    table, message = "concerns_concernstatuschange", "status history is append-only"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE FUNCTION test_refuse_history_delete() RETURNS trigger AS $$ BEGIN IF OLD.concern_id = "
                f"{int(concern_id)} "
                f"THEN RAISE EXCEPTION '{message}'; END IF; RETURN OLD; END; $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER test_no_delete BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION "
                f"test_refuse_history_delete()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER test_no_delete BEFORE DELETE ON {table} WHEN OLD.concern_id = {int(concern_id)} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def test_a_database_guard_keeps_the_concern_whole(support_org):
    guarded = _concern(support_org, person=_person(support_org))
    free = _concern(support_org)
    _refuse_deleting_history_of(guarded.pk)

    result = concerns_purge(today=DUE_DAY)

    assert result.done == {"concerns.concern": [free.pk]}
    assert result.kept == {"concerns.concern: still referenced": [guarded.pk]}
    # The savepoint undid the partial delete: the concern and every row of it are still there.
    assert Concern.objects.filter(pk=guarded.pk).exists()
    assert ConcernCrimeDomain.objects.filter(concern_id=guarded.pk).exists()
    assert Concern.indicators.through.objects.filter(concern_id=guarded.pk).exists()
    assert YoungPerson.objects.filter(pk=guarded.young_person_id).exists()
