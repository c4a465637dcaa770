"""Cases carry a readable reference (C-<year of opening>-<number>) instead of a bare database id,
and link back to the concerns they were opened from."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from zicht.cases.models import Case
from zicht.cases.services import case_open
from zicht.cases.tests.factories import make_case, make_person, make_referral
from zicht.common.exploitation import ExploitationType
from zicht.common.roles import Role
from zicht.concerns.tests.factories import concern_make

pytestmark = pytest.mark.django_db


def test_reference_carries_the_year_of_opening_and_the_number(personas) -> None:
    opened = timezone.make_aware(datetime.datetime(2024, 3, 1, 9, 0))
    case = make_case(user=personas[Role.SUPPORT_WORKER], opened_at=opened)
    case.refresh_from_db()
    assert case.reference == f"C-2024-{case.pk:05d}"
    assert case.reference in str(case)


def test_references_are_unique(personas) -> None:
    first = make_case(user=personas[Role.SUPPORT_WORKER])
    second = make_case(user=personas[Role.SUPPORT_WORKER])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.reference != second.reference
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=second.pk).update(reference=first.reference)


def test_case_pages_show_the_reference_and_link_back_to_the_concerns(personas, client_for) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=worker.organization, reporter=personas[Role.REPORTER])
    case = case_open(
        user=worker,
        young_person=make_person(user=worker),
        exploitation=[(ExploitationType.CRIMINAL, "")],
        victim_status="possible",
        concerns=[concern],
    )
    case.refresh_from_db()
    client = client_for(worker)
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"<h1>{case.reference}" in detail.replace("Casus ", "").replace("Case ", "")
    assert f'href="{reverse("concerns:detail", args=[concern.pk])}">{concern.reference}</a>' in detail
    listing = client.get(reverse("cases:list")).content.decode()
    assert f">{case.reference}<" in listing.replace("Casus ", "").replace("Case ", "")
    concern_page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert case.reference in concern_page
    make_case(user=worker)  # another case, which the search must leave out
    found = client.get(reverse("cases:list"), {"q": case.reference.lower()}).context["page"]
    assert [c.pk for c in found] == [case.pk]


def test_the_migration_back_fills_existing_cases(personas) -> None:
    opened = timezone.make_aware(datetime.datetime(2021, 12, 31, 23, 30))
    case = make_case(user=personas[Role.SUPPORT_WORKER], opened_at=opened)
    Case.objects.filter(pk=case.pk).update(reference=None)
    migration = importlib.import_module("zicht.cases.migrations.0009_case_reference")
    migration.backfill(apps, None)
    case.refresh_from_db()
    assert case.reference == f"C-{timezone.localtime(case.opened_at):%Y}-{case.pk:05d}" == f"C-2021-{case.pk:05d}"


def test_referrals_carry_a_reference_not_a_database_id(personas, client_for) -> None:
    worker, partner = personas[Role.SUPPORT_WORKER], personas[Role.PARTNER]
    sent = timezone.make_aware(datetime.datetime(2025, 7, 3, 10, 0))
    referral = make_referral(case=make_case(user=worker), user=worker, to_organization=partner.organization, at=sent)
    assert referral.reference == f"V-2025-{referral.pk:05d}"
    for user in (worker, partner):
        client = client_for(user)
        detail = client.get(reverse("cases:referral_detail", args=[referral.pk])).content.decode()
        assert f"<h1>Verwijzing {referral.reference}</h1>" in detail
        listing = client.get(reverse("cases:referral_list")).content.decode()
        assert f">Verwijzing {referral.reference}</a>" in listing and f">Verwijzing {referral.pk}<" not in listing
