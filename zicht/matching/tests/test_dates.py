"""A date of birth must be a real, plausible date at every entry point of the index.

Year 9999 once gave a 500 on the screen and in the API (the expiry at the 23rd birthday fell in
year 10022); 0001, 1800 and 2999 were accepted.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone, translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from zicht.api.framework import api_token_create
from zicht.common.roles import Role
from zicht.matching import services
from zicht.matching.constants import DOB_PLAUSIBLE_MAX_AGE
from zicht.matching.models import Involvement
from zicht.people.ages import MAX_AGE

pytestmark = pytest.mark.django_db

IMPOSSIBLE = ["9999-12-31", "9977-01-01", "2999-06-15", "1800-01-01", "0001-01-01"]
NAMES = {"given_names": "Sanne", "family_name": "Berg"}


def _years_ago(years: int, today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def test_margin_lies_beyond_the_people_limit() -> None:
    assert DOB_PLAUSIBLE_MAX_AGE > MAX_AGE


@pytest.mark.parametrize("value", IMPOSSIBLE)
def test_screen_gives_a_form_error_not_a_500(value, personas, client_for) -> None:
    response = client_for(personas[Role.SUPPORT_WORKER]).post(
        "/verwijsindex/registreren/", {**NAMES, "date_of_birth": value}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_of_birth"]
    assert not Involvement.objects.exists()


def test_screen_error_is_dutch(personas, client_for) -> None:
    with translation.override("nl"):
        response = client_for(personas[Role.SUPPORT_WORKER]).post(
            "/verwijsindex/registreren/", {**NAMES, "date_of_birth": "9999-12-31"}, HTTP_ACCEPT_LANGUAGE="nl"
        )
    assert "De geboortedatum kan niet in de toekomst liggen." in response.content.decode()


@pytest.mark.parametrize("value", IMPOSSIBLE)
def test_api_gives_a_problem_not_a_500(value, personas) -> None:
    token = api_token_create(organization=personas[Role.PARTNER].organization)[1]
    response = Client().post(
        "/api/v1/involvements",
        data=json.dumps({**NAMES, "date_of_birth": value}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=f"dob-{value}",
    )
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    detail = response.json()["detail"].lower()
    assert "date of birth" in detail or "geboortedatum" in detail  # the request's language
    assert not Involvement.objects.exists()


@pytest.mark.parametrize("value", [*IMPOSSIBLE, "31-12-9999", "29-02-2023"])
def test_service_refuses_impossible_dates_also_as_text(value, personas) -> None:
    user = personas[Role.SUPPORT_WORKER]
    identity = services.Identity(date_of_birth=value, **NAMES)
    with pytest.raises(services.IdentityError):
        services.involvement_register(organization=user.organization, contact=user, identity=identity, actor=user)


def test_boundaries(personas) -> None:
    user = personas[Role.SUPPORT_WORKER]
    today = timezone.localdate()
    oldest = _years_ago(DOB_PLAUSIBLE_MAX_AGE + 1, today) + dt.timedelta(
        days=1
    )  # still DOB_PLAUSIBLE_MAX_AGE years old
    for accepted in (today, oldest):
        services.involvement_register(
            organization=user.organization,
            contact=user,
            identity=services.Identity(date_of_birth=accepted, **NAMES),
            actor=user,
        )
    for refused in (today + dt.timedelta(days=1), oldest - dt.timedelta(days=1)):
        with pytest.raises(services.IdentityError):
            services.involvement_register(
                organization=user.organization,
                contact=user,
                identity=services.Identity(date_of_birth=refused, **NAMES),
                actor=user,
            )


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_any_date_registers_or_is_refused_cleanly(day, personas) -> None:
    user = personas[Role.SUPPORT_WORKER]
    try:
        result = services.involvement_register(
            organization=user.organization,
            contact=user,
            identity=services.Identity(date_of_birth=day, **NAMES),
            actor=user,
        )
    except services.IdentityError:
        return
    assert result.involvement.expires_at > result.involvement.registered_at


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    date_of_birth=st.one_of(st.dates().map(dt.date.isoformat), st.text(max_size=12), st.none()),
    given_names=st.text(max_size=30),
    family_name=st.text(max_size=30),
    bsn=st.text(alphabet="0123456789３ ", max_size=11),
)
def test_api_answers_any_identity_without_a_5xx(personas, date_of_birth, given_names, family_name, bsn) -> None:
    token = api_token_create(organization=personas[Role.PARTNER].organization)[1]
    body = {"bsn": bsn, "given_names": given_names, "family_name": family_name, "date_of_birth": date_of_birth}
    response = Client().post(
        "/api/v1/involvements",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    assert response.status_code in (201, 422), response.content


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    date_of_birth=st.one_of(
        st.dates().map(dt.date.isoformat), st.dates().map(lambda d: d.strftime("%d-%m-%Y")), st.text(max_size=12)
    ),
    given_names=st.text(max_size=30),
    family_name=st.text(max_size=30),
)
def test_screen_answers_any_identity_without_a_5xx(
    personas, client_for, date_of_birth, given_names, family_name
) -> None:
    body = {"given_names": given_names, "family_name": family_name, "date_of_birth": date_of_birth}
    response = client_for(personas[Role.SUPPORT_WORKER]).post("/verwijsindex/registreren/", body)
    assert response.status_code in (200, 302)
