from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zicht.common.roles import Role
from zicht.outreach.models import Campaign, PreventionLesson, Training, TrainingAudience
from zicht.outreach.selectors import training_list_visible_to
from zicht.outreach.services import campaign_create, prevention_lesson_create, training_create

pytestmark = pytest.mark.django_db


def _training(user, **overrides):
    data = {
        "date": datetime.date(2022, 3, 1),
        "organiser": user.organization,
        "title": "Signalen criminele uitbuiting",
        "kind": "training",
        "participants": 18,
        "audiences": ["teacher", "attendance_officer"],
        "topic_criminal": True,
        "topic_sexual": True,
    }
    data.update(overrides)
    return training_create(user=user, **data)


def test_training_with_audiences(personas) -> None:
    training = _training(personas[Role.SUPPORT_WORKER])
    assert sorted(training.audiences.values_list("sector", flat=True)) == ["attendance_officer", "teacher"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"audiences": ["teacher", "astronaut"]}, "audiences", "unknown_code"),
        ({"audiences": []}, "audiences", "required"),
        ({"participants": 0}, "participants", "count_out_of_range"),
        ({"topic_criminal": False, "topic_sexual": False}, "topic_criminal", "no_topic"),
        ({"kind": "party"}, "kind", "unknown_code"),
        ({"date": datetime.date(1990, 1, 1)}, "date", "implausible_date"),
    ],
)
def test_bad_training_saves_nothing(personas, overrides, field, code) -> None:
    with pytest.raises(ValidationError) as info:
        _training(personas[Role.COORDINATOR], **overrides)
    assert code in [e.code for e in info.value.error_dict[field]]
    assert not Training.objects.exists() and not TrainingAudience.objects.exists()


def test_lesson_and_campaign_validation(personas) -> None:
    user = personas[Role.SUPPORT_WORKER]
    with pytest.raises(ValidationError) as info:
        campaign_create(
            user=user,
            name="Online met FIER",
            organiser=user.organization,
            starts_on=datetime.date(2023, 5, 1),
            ends_on=datetime.date(2023, 4, 1),
            channel="social",
            partner="FIER",
        )
    assert info.value.error_dict["ends_on"][0].code == "end_before_start"
    with pytest.raises(ValidationError):
        prevention_lesson_create(
            user=user, date=datetime.date(2023, 5, 1), organiser=user.organization, school_name=" ", pupils=-2
        )
    assert not Campaign.objects.exists() and not PreventionLesson.objects.exists()
    prevention_lesson_create(
        user=user, date=datetime.date(2023, 5, 1), organiser=user.organization, school_name="Mavo West", pupils=27
    )
    assert PreventionLesson.objects.get().pupils == 27


def test_only_support_roles_register_or_read(personas) -> None:
    _training(personas[Role.SUPPORT_WORKER])
    for role in (Role.ANALYST, Role.REPORTER, Role.PARTNER):
        with pytest.raises(PermissionDenied):
            _training(personas[role])
        assert not training_list_visible_to(user=personas[role]).exists()


def test_screens_create_and_list(personas, client_for) -> None:
    user = personas[Role.COORDINATOR]
    client = client_for(user)
    response = client.post(
        reverse("outreach:training_create"),
        {
            "date": "2022-06-01",
            "title": "Voorlichting jongerenwerk",
            "kind": "information_session",
            "organiser": user.organization.pk,
            "audiences": ["youth_worker"],
            "participants": "12",
            "topic_criminal": "on",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("outreach:campaign_create"),
        {
            "name": "Online campagne",
            "organiser": user.organization.pk,
            "partner": "FIER",
            "starts_on": "2023-01-01",
            "ends_on": "2022-01-01",
            "channel": "social",
        },
    )
    assert response.status_code == 200 and "ends_on" in response.context["form"].errors
    page = client.get(reverse("outreach:index"), {"year": "2022"})
    assert [t.title for t in page.context["trainings"]] == ["Voorlichting jongerenwerk"]
    assert page.context["participants"] == 12
    assert list(client.get(reverse("outreach:index"), {"year": "2021"}).context["trainings"]) == []
