"""The capped paginator of searched lists against a plain list: its pages are the first ``cap`` rows
in order, its count stops at the cap, and rows read by key are the rows the search found."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.common.pagination import CappedPaginator
from zicht.concerns.constants import ConcernChannel, ConcernStatus, ReporterSector
from zicht.concerns.models import Concern

pytestmark = pytest.mark.django_db


def _store(hours: list[int], organization) -> None:
    Concern.objects.all().delete()
    start = timezone.now() - datetime.timedelta(days=30)
    Concern.objects.bulk_create(
        Concern(
            received_at=start + datetime.timedelta(hours=h),
            channel=ConcernChannel.values[0],
            reporter_sector=ReporterSector.values[0],
            handling_organization=organization,
            status=ConcernStatus.NEW,
        )
        for h in hours
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    hours=st.lists(st.integers(0, 20), max_size=30),  # repeated hours: ties broken by id
    cap=st.integers(1, 25),
    per_page=st.integers(1, 8),
    orphans=st.integers(0, 2),
    with_rows=st.booleans(),
)
def test_pages_are_the_first_cap_rows_in_order(support_org, hours, cap, per_page, orphans, with_rows) -> None:
    _store(hours, support_org)
    ordered = Concern.objects.order_by("-received_at", "-pk")
    expected = list(ordered.values_list("pk", flat=True))
    paginator = CappedPaginator(
        ordered, per_page, cap=cap, orphans=orphans, rows=Concern.objects.all() if with_rows else None
    )

    assert paginator.count == min(len(expected), cap)
    assert paginator.more == (len(expected) > cap)
    shown = [row.pk for number in paginator.page_range for row in paginator.page(number)]
    assert shown == expected[:cap]


def test_rows_are_read_by_key_from_the_given_queryset(support_org) -> None:
    _store([1, 2, 3], support_org)
    ordered = Concern.objects.order_by("received_at")
    paginator = CappedPaginator(ordered, 2, rows=Concern.objects.filter(received_at__isnull=False).defer("description"))
    [first, second] = paginator.page(1)
    assert (first.pk, second.pk) == tuple(ordered.values_list("pk", flat=True)[:2])
    assert "description" in first.get_deferred_fields()  # read through ``rows``, not the search


def test_a_cap_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="0"):
        CappedPaginator(Concern.objects.none(), 10, cap=0)
