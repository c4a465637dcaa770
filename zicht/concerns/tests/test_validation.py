"""Identity checks (hypothesis) and the admin-maintained indicator catalogue."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from zicht.common.roles import Role
from zicht.concerns.constants import MAX_AGE
from zicht.concerns.models import Indicator
from zicht.concerns.validation import age_on, validate_date_of_birth

TODAY = datetime.date(2026, 6, 15)


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2030, 12, 31)))
def test_date_of_birth_rule(dob: datetime.date) -> None:
    # Independent reference: the last birthday that has passed, counted by replacing the year.
    try:
        birthday_this_year = dob.replace(year=TODAY.year)
    except ValueError:  # 29 February in a non-leap year counts from 1 March
        birthday_this_year = datetime.date(TODAY.year, 3, 1)
    expected_age = TODAY.year - dob.year - (birthday_this_year > TODAY)
    if dob > TODAY:
        with pytest.raises(ValidationError) as info:
            validate_date_of_birth(dob, today=TODAY)
        assert info.value.code == "dob_in_future"
    elif expected_age > MAX_AGE:
        with pytest.raises(ValidationError) as info:
            validate_date_of_birth(dob, today=TODAY)
        assert info.value.code == "dob_too_old"
    else:
        validate_date_of_birth(dob, today=TODAY)
        assert age_on(dob, TODAY) == expected_age


def test_age_boundaries() -> None:
    validate_date_of_birth(datetime.date(1996, 6, 15), today=TODAY)  # 30 today
    with pytest.raises(ValidationError):
        validate_date_of_birth(datetime.date(1995, 6, 15), today=TODAY)  # 31 today
    validate_date_of_birth(TODAY, today=TODAY)


@pytest.mark.django_db
def test_catalogue_is_seeded_and_maintained_by_the_admin_only(personas, client_for) -> None:  # noqa: ANN001
    assert 30 <= Indicator.objects.filter(is_active=True).count() <= 45
    assert {"criminal", "sexual"} <= set(Indicator.objects.values_list("form", flat=True))
    admin = client_for(personas[Role.ADMIN])
    assert admin.get("/beheer/concerns/indicator/").status_code == 200
    response = admin.post("/beheer/concerns/indicator/add/", {
        "code": "sleeps_elsewhere", "label": "Slaapt vaak elders", "category": "behaviour", "form": "criminal",
        "is_active": "on", "order": "5",
    })
    assert response.status_code == 302
    assert Indicator.objects.filter(code="sleeps_elsewhere").exists()
    for role in (Role.SUPPORT_WORKER, Role.ANALYST):
        assert client_for(personas[role]).get("/beheer/concerns/indicator/").status_code in {302, 403}
