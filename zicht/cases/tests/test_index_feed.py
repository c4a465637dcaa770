"""Case registrations of the support organisation feed the index (service and sync job)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from zicht.cases import index_feed
from zicht.common.roles import Role
from zicht.matching import services
from zicht.matching.constants import Channel
from zicht.matching.models import Involvement, MatchNotice
from zicht.matching.tests.factories import SANNE

pytestmark = pytest.mark.django_db


def make_case(organization, *, bsn="111222333", closed=False):
    from zicht.cases.models import Case
    from zicht.people.models import YoungPerson

    person = YoungPerson.objects.create(
        organization=organization,
        given_names="Sanne Marie",
        family_name_prefix="van der",
        family_name="Berg",
        date_of_birth=dt.date(2009, 3, 5),
        bsn=bsn,
    )
    values = {"closed_at": timezone.now(), "status": "closed", "close_reason": "other"} if closed else {}
    return Case.objects.create(
        organization=organization,
        young_person=person,
        opened_at=timezone.now(),
        registration_year=2026,
        age_at_registration=17,
        **values,
    )


def test_register_for_case_is_idempotent_and_matches_partners(personas, police_partner) -> None:
    services.involvement_register(
        organization=police_partner.organization, contact=police_partner, identity=SANNE, actor=police_partner
    )
    case = make_case(personas[Role.SUPPORT_WORKER].organization)
    first = index_feed.case_involvement_register(case=case, user=personas[Role.SUPPORT_WORKER])
    again = index_feed.case_involvement_register(case=case, user=personas[Role.SUPPORT_WORKER])
    assert first == again and first.channel == Channel.CASE and first.source_case_id == case.pk
    assert Involvement.objects.filter(source_case_id=case.pk).count() == 1
    assert MatchNotice.objects.filter(recipient=police_partner).count() == 1


def test_sync_job_registers_open_cases_once(personas) -> None:
    org = personas[Role.SUPPORT_WORKER].organization
    open_case = make_case(org)
    make_case(org, bsn="123456782", closed=True)
    out = io.StringIO()
    call_command("sync_case_involvements", stdout=out)
    assert "Registered 1" in out.getvalue()
    call_command("sync_case_involvements", stdout=io.StringIO())
    assert list(Involvement.objects.values_list("source_case_id", flat=True)) == [open_case.pk]


def test_rekey_rederives_case_registrations_from_the_encrypted_record(personas, police_partner, settings) -> None:
    case = make_case(personas[Role.SUPPORT_WORKER].organization)
    old = index_feed.case_involvement_register(case=case, user=personas[Role.SUPPORT_WORKER])
    services.involvement_register(
        organization=police_partner.organization, contact=police_partner, identity=SANNE, actor=police_partner
    )
    settings.PSEUDONYM_KEY = "rotated-secret-0123456789abcdefghij"
    counts = index_feed.case_involvements_rekey()
    assert counts == {"rekeyed": 1, "skipped": 0, "awaiting_resubmission": 1}
    old.refresh_from_db()
    assert old.withdrawn_at is not None
    new = Involvement.objects.get(source_case_id=case.pk, withdrawn_at__isnull=True)
    assert new.key_id != old.key_id
    # The partner re-submits under the new key and the match is found again.
    result = services.involvement_register(
        organization=police_partner.organization, contact=police_partner, identity=SANNE, actor=police_partner
    )
    assert len(result.matches) == 1
