from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from zicht.accounts.tests.factories import UserFactory
from zicht.common.roles import Role
from zicht.walk_ins.models import WalkInSession, WalkInVisitCount
from zicht.walk_ins.services import schedule_dates, walk_in_counts_record, walk_in_schedule_generate
from zicht.walk_ins.tests.factories import session_make

pytestmark = pytest.mark.django_db


@given(
    st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 1, 1)),
    st.integers(0, 400),
    st.sets(st.integers(0, 6), min_size=1),
)
def test_schedule_dates_are_exactly_the_chosen_weekdays(start: datetime.date, days: int, weekdays: set[int]) -> None:
    end = start + datetime.timedelta(days=days)
    dates = schedule_dates(start=start, end=end, weekdays=tuple(weekdays))
    brute = [
        start + datetime.timedelta(n) for n in range(days + 1) if (start + datetime.timedelta(n)).weekday() in weekdays
    ]
    assert dates == brute
    # In every full week each chosen weekday occurs once.
    assert len(dates) >= (days + 1) // 7 * len(weekdays)


def test_default_schedule_is_twice_a_week_and_idempotent(personas, support_org) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 1, 28)  # four full weeks, Monday to Sunday
    created = walk_in_schedule_generate(organization=support_org, start=start, end=end, user=worker)
    assert len(created) == 8
    assert {s.date.weekday() for s in created} == {1, 3}
    assert walk_in_schedule_generate(organization=support_org, start=start, end=end, user=worker) == []
    assert WalkInSession.objects.count() == 8


def test_schedule_is_configurable(personas, support_org, settings) -> None:
    settings.ZICHT_WALK_IN_WEEKDAYS = (0, 2, 4)
    settings.ZICHT_WALK_IN_STARTS_AT = "10:00"
    settings.ZICHT_WALK_IN_ENDS_AT = "12:30"
    created = walk_in_schedule_generate(
        organization=support_org,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 1, 7),
        user=personas[Role.COORDINATOR],
    )
    assert [s.date.weekday() for s in created] == [0, 2, 4]
    assert created[0].starts_at == datetime.time(10) and created[0].ends_at == datetime.time(12, 30)


def test_bad_period_saves_nothing(personas, support_org) -> None:
    with pytest.raises(ValidationError) as info:
        walk_in_schedule_generate(
            organization=support_org,
            start=datetime.date(2024, 2, 1),
            end=datetime.date(2024, 1, 1),
            user=personas[Role.SUPPORT_WORKER],
        )
    assert info.value.error_dict["end"][0].code == "end_before_start"
    assert not WalkInSession.objects.exists()


def test_counts_replace_and_refuse_bad_values(personas, support_org) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    session = session_make(organization=support_org)
    walk_in_counts_record(
        session=session, user=worker, counts={("young_person", "criminal"): 3, ("parent", "sexual"): 0}
    )
    assert list(WalkInVisitCount.objects.values_list("visitor_type", "topic", "count")) == [
        ("young_person", "criminal", 3)
    ]
    for bad in ({("young_person", "criminal"): -1}, {("alien", "criminal"): 1}, {("parent", "gossip"): 2}):
        with pytest.raises(ValidationError):
            walk_in_counts_record(session=session, user=worker, counts=bad)
    assert list(WalkInVisitCount.objects.values_list("count", flat=True)) == [3]


def test_screens_record_counts_and_hide_other_organisations(
    personas, support_org, other_support_org, client_for
) -> None:
    own = session_make(organization=support_org)
    theirs = session_make(organization=other_support_org)
    client = client_for(personas[Role.COORDINATOR])
    assert client.get(reverse("walk_ins:session", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("walk_ins:session", args=[own.pk]), {"count_parent_general": "2", "count_professional_criminal": "-4"}
    )
    assert response.status_code == 200 and "count_professional_criminal" in response.context["form"].errors
    assert not WalkInVisitCount.objects.exists()
    response = client.post(
        reverse("walk_ins:session", args=[own.pk]), {"count_parent_general": "2", "count_professional_criminal": "1"}
    )
    assert response.status_code == 302
    assert WalkInVisitCount.objects.filter(session=own).count() == 2
    upcoming = session_make(organization=support_org, date=datetime.date.today() + datetime.timedelta(days=2))
    context = client.get(reverse("walk_ins:list")).context
    assert [s.pk for s in context["page"]] == [own.pk] and context["page"][0].visits == 3
    assert [s.pk for s in context["upcoming"]] == [upcoming.pk]
    outsider = UserFactory(organization=other_support_org, role=Role.SUPPORT_WORKER)
    assert client_for(outsider).get(reverse("walk_ins:session", args=[own.pk])).status_code == 404


def test_generate_screen(personas, support_org, client_for) -> None:
    client = client_for(personas[Role.SUPPORT_WORKER])
    response = client.post(reverse("walk_ins:generate"), {"start": "2024-01-01", "end": "2024-01-14"})
    assert response.status_code == 302
    assert WalkInSession.objects.filter(organization=support_org).count() == 4
