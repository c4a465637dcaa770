"""The concern forms as a reader meets them: description first, true required/optional labels,
and a public confirmation with the reference, what happens next and whom to call."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from zicht.common.roles import Role
from zicht.concerns.constants import RecruitmentPlace
from zicht.concerns.models import Concern
from zicht.people.constants import Gender

pytestmark = pytest.mark.django_db


def _sections(body: str) -> dict[str, str]:
    """The form's sections by their heading (the text between one <h2> and the next)."""
    start = body.index("<main")
    form = body[body.index("<form", start) : body.index("</form>", start)]
    parts = re.split(r"<h2>(.*?)</h2>", form)
    return dict(zip(parts[1::2], parts[2::2], strict=False))


def test_professional_form_opens_with_the_description_and_ends_with_the_checklist(personas, support_org, client_for):
    body = client_for(personas[Role.REPORTER]).get(reverse("concerns:create")).content.decode()
    description = body.index('name="description"')
    assert description < body.index('name="kind"') < body.index('name="indicators"')
    assert description < body.index('name="given_names"') < body.index('name="indicators"')


@pytest.mark.parametrize("role", [Role.REPORTER, Role.SUPPORT_WORKER])
def test_no_required_field_sits_in_an_optional_section(role, personas, support_org, client_for):
    sections = _sections(client_for(personas[role]).get(reverse("concerns:create")).content.decode())
    optional = [heading for heading in sections if "(niet verplicht)" in heading]
    assert len(optional) == 2  # the young person, the signals
    for heading in optional:
        assert "(verplicht)" not in sections[heading], heading
    assert 'name="gender"' in sections["De jongere (niet verplicht)"]


def test_recruitment_may_be_unknown_or_not_applicable(personas, support_org, client_for):
    body = client_for(personas[Role.REPORTER]).get(reverse("concerns:create")).content.decode()
    label = re.search(r'<label for="id_recruitment_place">(.*?)</label>', body, re.DOTALL).group(1)
    assert "(verplicht)" not in label and "als dat is gebeurd" in label
    first_option = re.search(r'<select name="recruitment_place"[^>]*>\s*<option value="([^"]*)"[^>]*>([^<]*)<', body)
    assert first_option.groups() == (RecruitmentPlace.UNKNOWN, "Onbekend of niet van toepassing")


def test_a_concern_without_gender_or_recruitment_place_is_accepted_as_unknown(personas, support_org, client_for):
    client = client_for(personas[Role.REPORTER])
    response = client.post(
        reverse("concerns:create"),
        {
            "kind": "concern",
            "handling_organization": support_org.pk,
            "reporter_sector": "teacher",
            "urgency": "normal",
            "description": "Heeft ineens veel geld en nieuwe kleding",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    concern = Concern.objects.get()
    assert (concern.gender, concern.recruitment_place) == (Gender.UNKNOWN, RecruitmentPlace.UNKNOWN)


def test_public_form_asks_what_is_going_on_first(support_org):
    body = Client().get(reverse("concerns:public_create")).content.decode()
    fields = re.findall(r'<(?:textarea|select|input)[^>]*name="([a-z_]+)"', body)
    visible = [name for name in fields if name not in {"csrfmiddlewaretoken", "language", "next"}]
    assert visible[0] == "description"
    assert "(verplicht)" not in re.search(r'<label for="id_recruitment_place">(.*?)</label>', body, re.DOTALL).group(1)


def _submit_public(client: Client, **extra: str):
    data = {"kind": "concern", "reporter_sector": "parent", "description": "Mijn zoon wordt steeds opgehaald", **extra}
    return client.post(reverse("concerns:public_create"), data, follow=True)


def test_public_confirmation_gives_reference_next_steps_and_whom_to_call(support_org, settings):
    settings.ZICHT_SUPPORT_HOURS = "ma-vr 8.30-16.30 uur"
    settings.ZICHT_SUPPORT_RESPONSE_DAYS = 3
    support_org.phone = "070 111 2222"
    support_org.save(update_fields=["phone"])
    body = _submit_public(Client(), contact_phone="06 1234 5678").content.decode()
    concern = Concern.objects.get()
    assert f'<strong class="reference">{concern.reference}</strong>' in body
    assert re.fullmatch(r"M-\d{4}-\d{5}", concern.reference)
    assert "Wat gebeurt er nu?" in body
    assert "binnen 3 werkdagen contact" in body
    assert support_org.name in body
    assert 'href="tel:0701112222"' in body and "070 111 2222" in body
    assert "ma-vr 8.30-16.30 uur" in body
    assert "06 1234 5678" not in body and "Mijn zoon" not in body  # nothing of the message is echoed


def test_public_confirmation_without_contact_details_says_to_call(support_org, settings):
    settings.ZICHT_SUPPORT_PHONE = "0800 123 4567"
    support_org.phone = ""
    support_org.save(update_fields=["phone"])
    body = _submit_public(Client()).content.decode()
    assert "kunnen u niet antwoorden" in body and "werkdagen contact" not in body
    assert "0800 123 4567" in body  # the configured line when the organisation has no number


def test_public_confirmation_visited_directly_still_shows_whom_to_call(settings):
    settings.ZICHT_SUPPORT_PHONE = "0800 765 4321"
    response = Client().get(reverse("concerns:public_thanks"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "0800 765 4321" in body and "Uw kenmerk" not in body
