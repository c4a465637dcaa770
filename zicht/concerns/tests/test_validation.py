"""The admin-maintained indicator catalogue (identity checks are tested in zicht/people)."""

from __future__ import annotations

import pytest

from zicht.common.roles import Role
from zicht.concerns.models import Indicator


@pytest.mark.django_db
def test_catalogue_is_seeded_and_maintained_by_the_admin_only(personas, client_for) -> None:
    assert 30 <= Indicator.objects.filter(is_active=True).count() <= 45
    assert {"criminal", "sexual"} <= set(Indicator.objects.values_list("form", flat=True))
    admin = client_for(personas[Role.ADMIN])
    assert admin.get("/beheer/concerns/indicator/").status_code == 200
    response = admin.post(
        "/beheer/concerns/indicator/add/",
        {
            "code": "sleeps_elsewhere",
            "label": "Slaapt vaak elders",
            "category": "behaviour",
            "form": "criminal",
            "is_active": "on",
            "order": "5",
        },
    )
    assert response.status_code == 302
    assert Indicator.objects.filter(code="sleeps_elsewhere").exists()
    for role in (Role.SUPPORT_WORKER, Role.ANALYST):
        assert client_for(personas[role]).get("/beheer/concerns/indicator/").status_code in {302, 403}
