"""Match notices in plain Dutch: how sure the match is, a link to one's own case or registration,
and column headings that say what the column holds."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from zicht.cases.tests.factories import VALID_BSN, make_case
from zicht.common.roles import Role
from zicht.matching import services
from zicht.matching.constants import MatchBasis
from zicht.matching.models import Match, MatchNotice
from zicht.matching.tests.factories import SANNE, SANNE_SWAPPED, SANNE_VARIANT

pytestmark = pytest.mark.django_db

SAME_BSN = "Zelfde BSN"
PROBABLE = "Waarschijnlijk dezelfde jongere: naam en geboortedatum komen overeen; controleer dit."


@pytest.fixture
def dutch(settings):
    settings.LANGUAGE_CODE = "nl"
    with translation.override("nl"):
        yield


def _register(user, identity):
    return services.involvement_register(organization=user.organization, contact=user, identity=identity, actor=user)


@pytest.mark.parametrize(
    ("identity", "expected"),
    [
        (SANNE, SAME_BSN),
        (SANNE_VARIANT, PROBABLE),
        (SANNE_SWAPPED, "Waarschijnlijk dezelfde jongere: de naam komt overeen en de geboortedatum heeft dag en maand"),
    ],
    ids=["bsn", "name-and-date", "day-month-swapped"],
)
def test_the_notice_says_how_sure_in_plain_dutch(personas, police_partner, dutch, identity, expected) -> None:
    _register(personas[Role.SUPPORT_WORKER], SANNE)
    match = _register(police_partner, identity).matches[0]
    text = services.match_description(match)
    assert text.startswith(expected)
    # No names of match keys: no "+", no "fonetisch", no "voorletter".
    assert "+" not in text and "fonetisch" not in text.lower() and "voorletter" not in text.lower()


def test_a_match_on_the_sound_of_the_name_only_asks_for_a_careful_check(dutch) -> None:
    match = Match(basis=MatchBasis.PROBABLE, agreed=["phonetic_dob", "phonetic_dob_swapped"])
    assert services.match_description(match).startswith("Mogelijk dezelfde jongere")


def test_notices_link_to_the_own_case_and_registration(personas, police_partner, client_for, dutch) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    case = make_case(user=worker, bsn=VALID_BSN)  # the case feeds the index with its source case
    _register(police_partner, SANNE)  # same BSN
    notice = MatchNotice.objects.get(recipient_organization=worker.organization)
    assert notice.involvement.source_case_id == case.pk

    client = client_for(worker)
    for page in (reverse("matching:notice_list"), reverse("matching:notice_detail", args=[notice.pk])):
        html = client.get(page).content.decode()
        assert f'href="{reverse("cases:detail", args=[case.pk])}"' in html
        assert f'href="{reverse("matching:involvement_detail", args=[notice.involvement_id])}"' in html
        assert SAME_BSN in html

    police_html = client_for(police_partner).get(reverse("matching:notice_list")).content.decode()
    police_notice = MatchNotice.objects.get(recipient_organization=police_partner.organization)
    assert f'href="{reverse("matching:involvement_detail", args=[police_notice.involvement_id])}"' in police_html
    assert reverse("cases:detail", args=[case.pk]) not in police_html  # the police registration has no case

    detail = client.get(reverse("matching:involvement_detail", args=[notice.involvement_id]))
    assert detail.status_code == 200 and reverse("matching:notice_detail", args=[notice.pk]) in detail.content.decode()
    # Another organisation's registration stays out of sight.
    assert client.get(reverse("matching:involvement_detail", args=[police_notice.involvement_id])).status_code == 404


def test_the_registration_number_column_is_headed_as_such(personas, client_for, dutch) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    _register(worker, SANNE)
    html = client_for(worker).get(reverse("matching:involvement_list")).content.decode()
    assert '<th scope="col">Registratienummer</th>' in html and ">Aantal<" not in html
    notices = client_for(worker).get(reverse("matching:notice_list")).content.decode()
    assert '<th scope="col">Hoe zeker</th>' in notices
