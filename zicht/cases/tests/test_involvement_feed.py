"""Opening a case feeds the involvement index: a partner registering the same BSN gets a notice."""

from __future__ import annotations

import datetime

import pytest

from zicht.cases.constants import VictimStatus
from zicht.cases.services import case_open_with_new_person
from zicht.common.exploitation import ExploitationType
from zicht.common.roles import Role
from zicht.matching.models import Involvement, MatchNotice
from zicht.matching.services import Identity, involvement_register

pytestmark = pytest.mark.django_db


def _open_case(worker, bsn: str = "111222333"):
    identity = {"given_names": "Noah", "family_name": "Jansen", "date_of_birth": datetime.date(2009, 5, 1), "bsn": bsn}
    return case_open_with_new_person(
        user=worker,
        organization=worker.organization,
        identity=identity,
        exploitation=[(ExploitationType.CRIMINAL, "drugs")],
        victim_status=VictimStatus.SUSPECTED,
    )


def test_opening_a_case_registers_the_organisations_involvement(personas):
    worker = personas[Role.SUPPORT_WORKER]
    case = _open_case(worker)
    involvement = Involvement.objects.get(source_case_id=case.pk)
    assert involvement.organization == worker.organization


def test_a_partner_registering_the_same_young_person_is_matched_with_the_case(personas):
    worker, partner = personas[Role.SUPPORT_WORKER], personas[Role.PARTNER]
    _open_case(worker)
    involvement_register(
        organization=partner.organization, contact=partner, identity=Identity(bsn="111222333"), actor=partner
    )
    assert MatchNotice.objects.filter(recipient=partner).count() == 1
    assert MatchNotice.objects.filter(recipient__memberships__organization=worker.organization).count() == 1
