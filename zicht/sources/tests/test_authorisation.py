"""The partner-list and estimate services authorise their actor themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zicht.common.roles import Role
from zicht.sources.models import EstimateSnapshot, SourceList
from zicht.sources.services import estimate_snapshot_create, source_list_upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.REPORTER, Role.SUPPORT_WORKER, Role.ANALYST, Role.ADMIN])
def test_only_upload_roles_of_the_own_organisation_upload(personas, role) -> None:
    user = personas[role]
    with pytest.raises(PermissionDenied):
        source_list_upload(organization=user.organization, name="x", year=2025, rows=[], actor=user)
    partner, coordinator = personas[Role.PARTNER], personas[Role.COORDINATOR]
    with pytest.raises(PermissionDenied):
        source_list_upload(organization=coordinator.organization, name="x", year=2025, rows=[], actor=partner)
    assert not SourceList.objects.exists()


@pytest.mark.parametrize("role", [Role.REPORTER, Role.SUPPORT_WORKER, Role.PARTNER, Role.ADMIN])
def test_only_estimate_roles_run_an_estimate(personas, role) -> None:
    with pytest.raises(PermissionDenied):
        estimate_snapshot_create(
            period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31), user=personas[role]
        )
    assert not EstimateSnapshot.objects.exists()


def test_the_partner_list_index_names_the_lists_shown_in_the_access_log(personas, client_for) -> None:
    from django.urls import reverse

    from zicht.audit.models import AccessLogEntry

    partner = personas[Role.PARTNER]
    source_list = SourceList.objects.create(
        organization=partner.organization, name="Lijst", year=2025, row_count=0, key_id="0" * 16
    )
    client_for(partner).get(reverse("sources:list_index"))
    entry = AccessLogEntry.objects.filter(action="list").latest("sequence")
    assert (entry.object_type, entry.detail) == ("sources.sourcelist", {"ids": [source_list.pk]})
