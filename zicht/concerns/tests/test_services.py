"""Bad input never saves anything partial; each error names its field and a code (Dutch text via i18n)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernKind, ConcernStatus, ReporterSector
from zicht.concerns.models import Concern, ConcernCrimeDomain, ConcernStatusChange
from zicht.concerns.services import (
    advice_request_submit,
    concern_mark_case_opened,
    concern_record_first_contact,
    concern_submit,
    concern_submit_anonymous,
    concern_transition,
)
from zicht.concerns.tests.factories import concern_make
from zicht.people.models import YoungPerson

pytestmark = pytest.mark.django_db
VALID_BSN = "111222333"  # passes the eleven test


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Concern.objects.count(),
        ConcernCrimeDomain.objects.count(),
        ConcernStatusChange.objects.count(),
        YoungPerson.objects.count(),
        AccessLogEntry.objects.count(),
    )


def _submit(reporter, **overrides):
    data = {
        "reporter": reporter,
        "handling_organization": overrides.pop("handling_organization", None),
        "reporter_sector": ReporterSector.TEACHER,
        "description": "Vaak afwezig, nieuwe dure schoenen.",
        "crime_domains": ["drug_trafficking"],
        "indicator_codes": ["truancy", "several_phones"],
    }
    data.update(overrides)
    return concern_submit(**data)


def _codes(error: ValidationError, field: str) -> list[str]:
    return [e.code for e in error.error_dict[field]]


def test_valid_concern_with_identity_creates_everything(personas, support_org) -> None:
    reporter = personas[Role.REPORTER]
    dob = timezone.localdate().replace(year=timezone.localdate().year - 15, day=1)
    concern = _submit(
        reporter,
        handling_organization=support_org,
        given_names="Sam",
        family_name="Jansen",
        date_of_birth=dob,
        bsn=VALID_BSN,
    )
    assert concern.status == ConcernStatus.NEW
    assert concern.reporter_organization == reporter.organization
    assert concern.young_person.organization == support_org
    assert concern.young_person.bsn == VALID_BSN
    assert concern.age_at_report in {14, 15}
    assert sorted(concern.indicators.values_list("code", flat=True)) == ["several_phones", "truancy"]
    assert list(concern.crime_domains.values_list("domain", flat=True)) == ["drug_trafficking"]
    assert concern.status_changes.get().to_status == ConcernStatus.NEW
    assert (
        AccessLogEntry.objects.filter(
            object_type="concerns.concern", object_id=str(concern.pk), action="create"
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"bsn": "123456789"}, "bsn", "invalid_bsn"),
        ({"date_of_birth": datetime.date.today() + datetime.timedelta(days=2)}, "date_of_birth", "dob_future"),
        ({"date_of_birth": datetime.date(1980, 1, 1)}, "date_of_birth", "dob_too_old"),
        ({"crime_domains": ["drug_trafficking", "arson_for_fun"]}, "crime_domains", "unknown_code"),
        ({"indicator_codes": ["truancy", "no_such_signal"]}, "indicators", "unknown_code"),
        ({"reporter_sector": "astronaut"}, "reporter_sector", "unknown_code"),
        ({"recruitment_place": "moon"}, "recruitment_place", "unknown_code"),
        ({"urgency": "whenever"}, "urgency", "unknown_code"),
        ({"kind": "gossip"}, "kind", "unknown_code"),
        ({"description": "x" * 5001}, "description", "too_long"),
        ({"recruitment_detail": "y" * 101}, "recruitment_detail", "too_long"),
        ({"age_estimate": 31}, "age_estimate", "age_out_of_range"),
        ({"description": "", "indicator_codes": []}, "description", "empty_concern"),
        ({"handling_organization": "school"}, "handling_organization", "no_support_organisation"),
    ],
)
def test_bad_input_saves_nothing(personas, support_org, school_org, overrides, field, code) -> None:
    if overrides.get("handling_organization") == "school":
        overrides["handling_organization"] = school_org
    overrides.setdefault("handling_organization", support_org)
    before = _counts()
    with pytest.raises(ValidationError) as info:
        _submit(personas[Role.REPORTER], given_names="Sam", **overrides)
    assert code in _codes(info.value, field)
    assert _counts() == before


def test_html_and_script_are_stored_as_text(personas, support_org) -> None:
    text = '<script>alert("x")</script><b onmouseover="x()">vet</b>'
    concern = _submit(personas[Role.REPORTER], handling_organization=support_org, description=text)
    assert Concern.objects.get(pk=concern.pk).description == text


def test_anonymous_public_concern_has_no_reporter_and_encrypts_contact(support_org) -> None:
    concern = concern_submit_anonymous(
        handling_organization=support_org,
        reporter_sector=ReporterSector.PARENT,
        description="Mijn zoon wordt opgehaald door oudere jongens.",
        contact_phone="06 11112222",
    )
    assert concern.reporter is None and concern.young_person is None
    assert Concern.objects.get(pk=concern.pk).contact_phone == "06 11112222"
    assert not Concern.objects.filter(pk=concern.pk, contact_phone__isnull=True).exists()


def test_anonymous_form_refuses_professional_sectors(support_org) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as info:
        concern_submit_anonymous(
            handling_organization=support_org, reporter_sector=ReporterSector.POLICE, description="x"
        )
    assert _codes(info.value, "reporter_sector") == ["unknown_code"]
    assert _counts() == before


def test_advice_request_needs_a_question_and_no_identity(personas, support_org) -> None:
    reporter = personas[Role.REPORTER]
    before = _counts()
    with pytest.raises(ValidationError) as info:
        advice_request_submit(
            reporter=reporter, handling_organization=support_org, reporter_sector="teacher", description=" "
        )
    assert _codes(info.value, "description") == ["required"]
    with pytest.raises(ValidationError) as info:
        concern_submit(
            reporter=reporter,
            handling_organization=support_org,
            reporter_sector="teacher",
            kind=ConcernKind.ADVICE_REQUEST,
            description="Vraag",
            family_name="Jansen",
        )
    assert _codes(info.value, "__all__") == ["advice_with_identity"]
    assert _counts() == before
    advice = advice_request_submit(
        reporter=reporter,
        handling_organization=support_org,
        reporter_sector="teacher",
        description="Hoe herken ik ronselen via Snapchat?",
    )
    assert advice.kind == ConcernKind.ADVICE_REQUEST and advice.young_person is None


def test_advice_given_needs_advice_text_and_saves_nothing_without(personas, support_org) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=support_org, status=ConcernStatus.IN_TRIAGE)
    before = _counts()
    with pytest.raises(ValidationError) as info:
        concern_transition(concern=concern, user=worker, to_status=ConcernStatus.ADVICE_GIVEN, advice_text="")
    assert _codes(info.value, "advice_text") == ["required"]
    with pytest.raises(ValidationError) as info:
        concern_transition(concern=concern, user=worker, to_status=ConcernStatus.CLOSED, note="n" * 2001)
    assert _codes(info.value, "note") == ["too_long"]
    assert _counts() == before
    assert Concern.objects.get(pk=concern.pk).status == ConcernStatus.IN_TRIAGE


def test_transition_by_another_organisation_is_refused(personas, other_support_org) -> None:
    from django.core.exceptions import PermissionDenied

    concern = concern_make(handling_organization=other_support_org)
    with pytest.raises(PermissionDenied):
        concern_transition(concern=concern, user=personas[Role.SUPPORT_WORKER], to_status=ConcernStatus.IN_TRIAGE)
    assert Concern.objects.get(pk=concern.pk).status == ConcernStatus.NEW


def test_closing_sets_closed_at_and_case_opened_passes_triage(personas, support_org) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=support_org)
    opened = concern_mark_case_opened(concern=concern, user=worker)
    assert opened.status == ConcernStatus.CASE_OPENED
    assert list(opened.status_changes.values_list("to_status", flat=True)) == ["new", "in_triage", "case_opened"]
    assert concern_mark_case_opened(concern=opened, user=worker).status == ConcernStatus.CASE_OPENED
    other = concern_make(handling_organization=support_org, status=ConcernStatus.IN_TRIAGE)
    closed = concern_transition(concern=other, user=worker, to_status=ConcernStatus.CLOSED)
    assert closed.closed_at is not None


def test_first_contact_recorded_once_and_not_before_receipt(personas, support_org) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=support_org)
    with pytest.raises(ValidationError) as info:
        concern_record_first_contact(concern=concern, user=worker, at=concern.received_at - datetime.timedelta(hours=1))
    assert _codes(info.value, "at") == ["before_received"]
    with pytest.raises(ValidationError) as info:
        concern_record_first_contact(concern=concern, user=worker, at=timezone.now() + datetime.timedelta(days=1))
    assert _codes(info.value, "at") == ["in_future"]
    assert Concern.objects.get(pk=concern.pk).first_contact_at is None
    concern_record_first_contact(concern=concern, user=worker)
    with pytest.raises(ValidationError) as info:
        concern_record_first_contact(concern=concern, user=worker)
    assert _codes(info.value, "at") == ["already_recorded"]


def test_status_history_stays_in_order(personas, support_org) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=support_org, received_at=timezone.now() - datetime.timedelta(days=10))
    triaged = concern_transition(
        concern=concern, user=worker, to_status=ConcernStatus.IN_TRIAGE, at=timezone.now() - datetime.timedelta(days=5)
    )
    with pytest.raises(ValidationError) as info:
        concern_transition(
            concern=triaged, user=worker, to_status=ConcernStatus.CLOSED, at=timezone.now() - datetime.timedelta(days=8)
        )
    assert _codes(info.value, "at") == ["before_previous_change"]
    # A case dated before the triage moves the concern at the triage moment, not before it.
    opened = concern_mark_case_opened(concern=triaged, user=worker, at=timezone.now() - datetime.timedelta(days=8))
    moments = list(opened.status_changes.order_by("pk").values_list("at", flat=True))
    assert moments == sorted(moments)
