"""Who reaches which statistics: analysts everything (protected) and no person; coordinators exact own figures,
audited."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from zicht.accounts.tests.factories import UserFactory
from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role
from zicht.people.models import YoungPerson
from zicht.stats.figures import FIGURES
from zicht.stats.tests.factories import case_make
from zicht.stats.tests.url_matrix import URLS

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2020-01-01", "end": "2022-07-15"}
PERSON_LINK = re.compile(r"""href=["'][^"']*/(casussen|meldingen|verwijsindex)/""")


@pytest.fixture
def cases(support_org, other_support_org):
    made = [case_make(organization=support_org, opened_on=datetime.date(2021, 3, d + 1)) for d in range(12)]
    made += [
        case_make(
            organization=other_support_org,
            opened_on=datetime.date(2021, 4, 1),
            forms=(("criminal", "drugs"), ("sexual", "")),
        )
    ]
    YoungPerson.objects.filter(pk=made[0].young_person_id).update(given_names="Zwaantje", family_name="Opmerkelijk")
    return made


def _all_stats_urls() -> list[str]:
    urls = [reverse(f"stats:{name}") for name in ("dashboard", "concerns", "cases", "outreach", "report")]
    urls += [
        reverse("stats:table_download", kwargs={"key": key, "fmt": fmt}) for key in FIGURES for fmt in ("csv", "xlsx")
    ]
    return urls


def test_analyst_reaches_every_statistic_and_no_person(personas, client_for, cases) -> None:
    client = client_for(personas[Role.ANALYST])
    named = {row.name for row in URLS}
    assert {f"stats:{n}" for n in ("dashboard", "concerns", "cases", "outreach", "report", "table_download")} <= named
    for url in _all_stats_urls():
        response = client.get(url, PERIOD)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8", errors="replace") if "xlsx" not in url else ""
        assert not PERSON_LINK.search(body), url
        assert "Zwaantje" not in body and "Opmerkelijk" not in body
    page = client.get(reverse("stats:cases"), PERIOD).content.decode()
    # 13 cases in 2021: shown rounded (15) or suppressed, never as 13 or 12
    assert ">13<" not in page and ">12<" not in page
    assert "&lt; 10" in page
    # analysts' protected views are not personal data: no audit entry per table
    assert not AccessLogEntry.objects.filter(object_type__startswith="stats.").exists()


def test_coordinator_sees_exact_own_figures_and_each_view_is_audited(personas, client_for, cases, support_org) -> None:
    client = client_for(personas[Role.COORDINATOR])
    page = client.get(reverse("stats:cases"), PERIOD).content.decode()
    assert ">12<" in page  # own organisation only: 12, not 13
    entries = AccessLogEntry.objects.filter(object_type__startswith="stats.", purpose="statistics", action="read")
    assert entries.filter(object_type="stats.cases_by_form", object_id=str(support_org.pk)).count() == 1
    client.get(reverse("stats:table_download", kwargs={"key": "cases_by_form", "fmt": "csv"}), PERIOD)
    assert AccessLogEntry.objects.filter(object_type="stats.cases_by_form", action="export").count() == 1


@pytest.mark.parametrize("role", [Role.REPORTER, Role.SUPPORT_WORKER, Role.PARTNER, Role.ADMIN])
def test_other_roles_are_refused(personas, client_for, role) -> None:
    client = client_for(personas[role])
    for url in _all_stats_urls()[:6]:
        assert client.get(url, PERIOD).status_code in (403, 404)


def test_coordinator_outside_a_support_organisation_is_refused(cjg_org, client_for) -> None:
    user = UserFactory(organization=cjg_org, role=Role.COORDINATOR)
    assert client_for(user).get(reverse("stats:dashboard")).status_code == 403


def test_anonymous_goes_to_login(client) -> None:
    response = client.get(reverse("stats:dashboard"))
    assert response.status_code == 302 and "/account/" in response["Location"]


def test_period_picker_validates(personas, client_for) -> None:
    client = client_for(personas[Role.ANALYST])
    response = client.get(reverse("stats:dashboard"), {"start": "2022-05-01", "end": "2021-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["period"].end >= response.context["period"].start
