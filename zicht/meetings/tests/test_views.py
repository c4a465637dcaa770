"""Case meeting screens through the Django test client: each partner sees the shared part and its
own actions only, every read is audited once, and the case page shows meetings and outcomes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.audit.constants import AccessAction
from zicht.audit.models import AccessLogEntry
from zicht.cases import services as case_services
from zicht.cases.constants import LegalBasis
from zicht.cases.tests.factories import make_case
from zicht.common.roles import Role
from zicht.meetings import services
from zicht.meetings.constants import ActionStatus
from zicht.meetings.models import CaseMeeting, MeetingAction
from zicht.meetings.tests.factories import make_action, make_meeting

pytestmark = pytest.mark.django_db

CASE_NOTE = "Vertrouwelijke casusnotitie over thuis"
SUMMARY = "Gedeelde samenvatting: school en wijkagent houden contact."


@pytest.fixture
def police_partner(db):
    return UserFactory(
        organization=OrganizationFactory(name="Politie", kind=OrganizationKind.POLICE), role=Role.PARTNER
    )


@pytest.fixture
def meeting_world(personas, cjg_org, police_partner):
    worker, coordinator = personas[Role.SUPPORT_WORKER], personas[Role.COORDINATOR]
    case = make_case(user=worker)
    case_services.case_add_note(case=case, user=worker, text=CASE_NOTE)
    meeting = make_meeting(case=case, coordinator=coordinator, invite=[cjg_org, police_partner.organization])
    services.meeting_summary_record(meeting=meeting, user=coordinator, summary=SUMMARY)
    cjg = make_action(meeting=meeting, coordinator=coordinator, owner=cjg_org, description="CJG plant gezinsgesprek")
    police = make_action(
        meeting=meeting, coordinator=coordinator, owner=police_partner.organization, description="Wijkagent belt school"
    )
    own = make_action(
        meeting=meeting, coordinator=coordinator, owner=coordinator.organization, description="Veiligheidsplan"
    )
    return {"case": case, "meeting": meeting, "cjg": cjg, "police": police, "own": own}


def _reads(object_type: str, pk: int) -> int:
    return AccessLogEntry.objects.filter(action=AccessAction.READ, object_type=object_type, object_id=str(pk)).count()


def test_each_partner_sees_the_summary_and_only_its_own_actions(
    meeting_world, personas, police_partner, client_for
) -> None:
    meeting = meeting_world["meeting"]
    views = {
        personas[Role.PARTNER]: ("CJG plant gezinsgesprek", "Wijkagent belt school", "police"),
        police_partner: ("Wijkagent belt school", "CJG plant gezinsgesprek", "cjg"),
    }
    for user, (own, other, other_key) in views.items():
        client = client_for(user)
        html = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
        assert SUMMARY in html and own in html
        assert other not in html and "Veiligheidsplan" not in html and CASE_NOTE not in html
        other_action = meeting_world[other_key]
        assert client.get(reverse("meetings:action_detail", args=[other_action.pk])).status_code == 404
        assert client.get(reverse("meetings:action_update", args=[other_action.pk])).status_code == 404
        listed = client.get(reverse("meetings:action_list")).context["page"].object_list
        assert [a.description for a in listed] == [own]


def test_the_case_organisation_sees_every_action(meeting_world, personas, client_for) -> None:
    html = client_for(personas[Role.SUPPORT_WORKER]).get(reverse("meetings:detail", args=[meeting_world["meeting"].pk]))
    for text in ("CJG plant gezinsgesprek", "Wijkagent belt school", "Veiligheidsplan", SUMMARY):
        assert text in html.content.decode()


def test_a_partner_not_invited_gets_404(meeting_world, client_for) -> None:
    veilig_thuis = OrganizationFactory(name="Veilig Thuis", kind=OrganizationKind.VEILIG_THUIS)
    client = client_for(UserFactory(organization=veilig_thuis, role=Role.PARTNER))
    assert client.get(reverse("meetings:detail", args=[meeting_world["meeting"].pk])).status_code == 404
    assert client.get(reverse("meetings:list")).context["page"].paginator.count == 0


def test_every_read_of_a_meeting_or_action_is_audited_once(meeting_world, personas, client_for) -> None:
    client = client_for(personas[Role.PARTNER])
    meeting, action = meeting_world["meeting"], meeting_world["cjg"]
    before_meeting, before_action = (
        _reads("meetings.casemeeting", meeting.pk),
        _reads("meetings.meetingaction", action.pk),
    )
    client.get(reverse("meetings:detail", args=[meeting.pk]))
    client.get(reverse("meetings:detail", args=[meeting.pk]))
    client.get(reverse("meetings:action_detail", args=[action.pk]))
    assert _reads("meetings.casemeeting", meeting.pk) == before_meeting + 2
    assert _reads("meetings.meetingaction", action.pk) == before_action + 1


def test_the_coordinator_plans_invites_and_agrees_through_the_forms(personas, cjg_org, client_for) -> None:
    coordinator = personas[Role.COORDINATOR]
    case = make_case(user=personas[Role.SUPPORT_WORKER])
    client = client_for(coordinator)
    starts = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        reverse("meetings:plan", args=[case.pk]),
        {"starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "form": "online", "place": "Teams", "agenda": "Plan"},
    )
    meeting = CaseMeeting.objects.get(case=case)
    assert response.status_code == 302 and response.url == reverse("meetings:detail", args=[meeting.pk])
    response = client.post(
        reverse("meetings:invite", args=[meeting.pk]), {"organization": cjg_org.pk, "legal_basis": LegalBasis.CONSENT}
    )
    assert response.status_code == 200 and "consent" in response.context["form"].errors
    client.post(
        reverse("meetings:invite", args=[meeting.pk]),
        {"organization": cjg_org.pk, "legal_basis": LegalBasis.LEGAL_OBLIGATION},
    )
    assert [i.organization for i in meeting.invitations.all()] == [cjg_org]
    due = (starts + datetime.timedelta(days=7)).date()
    response = client.post(
        reverse("meetings:action_add", args=[meeting.pk]),
        {
            "owner_organization": cjg_org.pk,
            "owner_person": "A. Jansen",
            "description": "Gezinsgesprek",
            "due_on": due.isoformat(),
            "framework_reference": "/handelingskader/politie/",
        },
    )
    assert response.status_code == 302
    action = MeetingAction.objects.get(meeting=meeting)
    assert (action.owner_organization, action.due_on, action.status) == (cjg_org, due, "open")
    html = client.get(reverse("meetings:action_detail", args=[action.pk])).content.decode()
    assert 'href="/handelingskader/politie/"' in html


def test_a_partner_reports_the_outcome_and_the_case_timeline_shows_it(meeting_world, personas, client_for) -> None:
    action = meeting_world["cjg"]
    partner = client_for(personas[Role.PARTNER])
    form = partner.get(reverse("meetings:action_update", args=[action.pk])).context["form"]
    assert [code for code, _label in form.fields["to_status"].choices] == ["done", "not_done"]
    response = partner.post(
        reverse("meetings:action_update", args=[action.pk]), {"to_status": "done", "outcome": "Gesprek gevoerd"}
    )
    assert response.status_code == 302
    worker = client_for(personas[Role.SUPPORT_WORKER])
    # A case worker reads partner actions but does not report on them.
    assert worker.get(reverse("meetings:action_update", args=[action.pk])).status_code == 403
    response = worker.get(reverse("cases:detail", args=[meeting_world["case"].pk]))
    html = response.content.decode()
    assert reverse("meetings:detail", args=[meeting_world["meeting"].pk]) in html
    descriptions = [entry.description for entry in response.context["events"]]
    with translation.override("nl"):  # pages are Dutch whatever the browser asks
        planned = gettext("Case meeting planned for %(when)s (%(form)s).").split("%")[0]
        outcome = gettext("Action of %(org)s (%(person)s): %(status)s.") % {
            "org": "CJG Den Haag",
            "person": "J. de Vries",
            "status": ActionStatus.DONE.label,
        }
    assert any(d.startswith(planned) for d in descriptions)
    assert outcome in descriptions
    assert "Gesprek gevoerd" in html
    ats = [entry.at for entry in response.context["events"]]
    assert ats == sorted(ats)


def test_the_due_queue_lists_only_the_own_organisations_open_actions(meeting_world, personas, client_for) -> None:
    today = timezone.localdate()
    MeetingAction.objects.filter(pk__in=[meeting_world["cjg"].pk, meeting_world["police"].pk]).update(due_on=today)
    client = client_for(personas[Role.PARTNER])
    listed = client.get(reverse("meetings:action_list"), {"queue": "due"}).context["page"].object_list
    assert [a.pk for a in listed] == [meeting_world["cjg"].pk]
    coordinator = client_for(personas[Role.COORDINATOR])
    assert coordinator.get(reverse("meetings:action_list"), {"queue": "due"}).context["page"].paginator.count == 0
