"""Home pages as work queues: every count is a link, and the list it opens has exactly that many rows.

The expected numbers come from the data each test builds (the oracle), and independently every
count is compared with the row count of the list behind its link, as the user sees it.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.cases import referral_services
from zicht.cases.models import Referral
from zicht.cases.tests.factories import make_case, make_referral
from zicht.common.queues import QueueItem
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernStatus, Urgency
from zicht.concerns.tests.factories import concern_make
from zicht.council.tests.factories import register_letter
from zicht.matching import services as matching_services
from zicht.matching.tests.factories import SANNE
from zicht.meetings import services as meeting_services
from zicht.meetings.tests.factories import make_action, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions on wording use the English source text, whatever catalogue is compiled."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _rows(response) -> int:
    """How many rows the list shows in total (all pages)."""
    context = response.context
    if "page" in context:
        return context["page"].paginator.count
    return len(context["rows"])


def _queues(client: Client) -> dict[str, QueueItem]:
    response = client.get("/")
    assert response.status_code == 200
    items = {item.key: item for item in response.context["queues"]}
    html = response.content.decode()
    for item in items.values():
        assert f'href="{item.url}"' in html, item.key
    return items


def _assert_counts_equal_lists(client: Client) -> dict[str, int]:
    counts = {}
    for key, item in _queues(client).items():
        response = client.get(item.url)
        assert response.status_code == 200, key
        assert item.count == _rows(response), key
        counts[key] = item.count
    return counts


@pytest.fixture
def police(db):
    org = OrganizationFactory(name="Politie", kind=OrganizationKind.POLICE)
    return UserFactory(organization=org, role=Role.PARTNER)


@pytest.fixture
def world(personas, support_org, other_support_org, cjg_org, police):
    """Work waiting at the support organisation, the CJG and the council, and some elsewhere."""
    worker, reporter = personas[Role.SUPPORT_WORKER], personas[Role.REPORTER]
    concern_make(handling_organization=support_org, reporter=reporter)  # new, normal
    concern_make(handling_organization=support_org, urgency=Urgency.ACUTE)  # new, urgent
    concern_make(
        handling_organization=support_org,
        status=ConcernStatus.IN_TRIAGE,
        urgency=Urgency.HIGH,
        first_contact_at=timezone.now(),
        reporter=reporter,
    )  # urgent, contacted, picked up
    concern_make(handling_organization=support_org, status=ConcernStatus.CLOSED, urgency=Urgency.ACUTE)  # not waiting
    concern_make(handling_organization=other_support_org, urgency=Urgency.ACUTE)  # another organisation's

    case = make_case(user=worker)
    make_referral(case=case, user=worker, to_organization=cjg_org)  # waits for the CJG
    old = make_referral(case=case, user=worker, to_organization=cjg_org)
    Referral.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=160))
    answered = make_referral(case=case, user=worker, to_organization=cjg_org)
    referral_services.referral_respond(referral=answered, user=personas[Role.PARTNER], accept=True, note="")
    long_ago = make_referral(case=case, user=worker, to_organization=cjg_org)
    referral_services.referral_respond(referral=long_ago, user=personas[Role.PARTNER], accept=False, note="")
    Referral.objects.filter(pk=long_ago.pk).update(responded_at=timezone.now() - datetime.timedelta(days=30))

    week = datetime.timedelta(days=7)
    for user in (worker, police):  # the same young person at two organisations: both are notified
        matching_services.involvement_register(organization=user.organization, contact=user, identity=SANNE, actor=user)

    coordinator = personas[Role.COORDINATOR]
    meeting = make_meeting(case=case, coordinator=coordinator, invite=[cjg_org], starts_at=timezone.now() - week)
    today = timezone.localdate()
    make_action(meeting=meeting, coordinator=coordinator, owner=cjg_org, due_on=today - datetime.timedelta(days=1))
    make_action(meeting=meeting, coordinator=coordinator, owner=cjg_org, due_on=today + datetime.timedelta(days=3))
    make_action(meeting=meeting, coordinator=coordinator, owner=cjg_org, due_on=today + datetime.timedelta(days=30))
    done = make_action(meeting=meeting, coordinator=coordinator, owner=cjg_org, due_on=today)
    meeting_services.action_status_update(action=done, user=personas[Role.PARTNER], to_status="done", outcome="Gedaan")
    make_action(meeting=meeting, coordinator=coordinator, owner=support_org, due_on=today)  # the support org's own
    register_letter(user=coordinator, received_on=datetime.date(2022, 6, 30))  # long overdue
    register_letter(user=coordinator, received_on=timezone.localdate())  # due in three weeks: not yet
    return case


def test_support_worker_queues_equal_their_lists(world, personas, client_for) -> None:
    counts = _assert_counts_equal_lists(client_for(personas[Role.SUPPORT_WORKER]))
    assert counts == {
        "concerns.new": 2,
        "concerns.urgent": 2,
        "concerns.no_first_contact": 2,
        "concerns.overdue": 0,
        "cases.answered": 1,
        "matching.new": 1,
        "meetings.due": 1,
    }


def test_coordinator_also_sees_council_deadlines(world, personas, client_for) -> None:
    counts = _assert_counts_equal_lists(client_for(personas[Role.COORDINATOR]))
    assert counts["council.deadline"] == 1
    assert counts["concerns.urgent"] == 2


def test_partner_sees_referrals_to_answer_with_the_oldest_age(world, personas, client_for) -> None:
    client = client_for(personas[Role.PARTNER])
    counts = _assert_counts_equal_lists(client)
    assert counts == {"cases.to_answer": 2, "matching.new": 0, "meetings.due": 2}
    item = _queues(client)["cases.to_answer"]
    assert "5" in item.note and "oldest" in item.note
    waiting = [r.created_at for r in client.get(item.url).context["page"]]
    assert waiting == sorted(waiting)  # what has waited longest comes first


def test_reading_a_notice_takes_it_off_the_queue(world, police, client_for) -> None:
    client = client_for(police)
    assert _assert_counts_equal_lists(client)["matching.new"] == 1
    notice = client.get(_queues(client)["matching.new"].url).context["rows"][0]["notice"]
    client.get(reverse("matching:notice_detail", args=[notice.pk]))  # opening alone marks nothing
    assert _assert_counts_equal_lists(client)["matching.new"] == 1
    client.post(reverse("matching:notice_detail", args=[notice.pk]))  # the explicit "mark as read"
    assert _assert_counts_equal_lists(client)["matching.new"] == 0


def test_reporter_sees_own_concerns_picked_up(world, personas, client_for) -> None:
    counts = _assert_counts_equal_lists(client_for(personas[Role.REPORTER]))
    assert counts == {"concerns.received": 1, "concerns.picked_up": 1}


def test_analyst_sees_council_deadlines_only(world, personas, client_for) -> None:
    assert _assert_counts_equal_lists(client_for(personas[Role.ANALYST])) == {"council.deadline": 1}


def test_other_organisations_see_none_of_it(world, other_support_org, client_for) -> None:
    school = OrganizationFactory(name="Andere school", kind=OrganizationKind.SCHOOL)
    veilig_thuis = OrganizationFactory(name="Veilig Thuis", kind=OrganizationKind.VEILIG_THUIS)
    elsewhere = OrganizationFactory(name="Andere gemeente", kind=OrganizationKind.MUNICIPALITY, municipality="Elders")
    other_worker = UserFactory(organization=other_support_org, role=Role.SUPPORT_WORKER)
    assert _assert_counts_equal_lists(client_for(other_worker)) == {
        "concerns.new": 1,
        "concerns.urgent": 1,
        "concerns.no_first_contact": 1,
        "concerns.overdue": 0,
        "cases.answered": 0,
        "matching.new": 0,
        "meetings.due": 0,
    }
    assert _assert_counts_equal_lists(client_for(UserFactory(organization=school, role=Role.REPORTER))) == {
        "concerns.received": 0,
        "concerns.picked_up": 0,
    }
    assert _assert_counts_equal_lists(client_for(UserFactory(organization=veilig_thuis, role=Role.PARTNER))) == {
        "cases.to_answer": 0,
        "matching.new": 0,
        "meetings.due": 0,
    }
    analyst_elsewhere = UserFactory(organization=elsewhere, role=Role.ANALYST)
    assert _assert_counts_equal_lists(client_for(analyst_elsewhere)) == {"council.deadline": 0}


def test_admin_has_no_queues(personas, client_for) -> None:
    assert _queues(client_for(personas[Role.ADMIN])) == {}


def test_an_unknown_queue_name_leaves_the_list_whole(world, personas, client_for) -> None:
    client = client_for(personas[Role.SUPPORT_WORKER])
    whole = _rows(client.get(reverse("concerns:list"), {"status": ""}))  # all, not the open ones it opens on
    assert _rows(client.get(reverse("concerns:list"), {"queue": "nonsense"})) == whole == 4


def test_filtering_within_a_queue_keeps_the_queue(world, personas, client_for) -> None:
    client = client_for(personas[Role.SUPPORT_WORKER])
    response = client.get(reverse("concerns:list"), {"queue": "urgent", "status": ConcernStatus.IN_TRIAGE})
    assert 'name="queue" value="urgent"' in response.content.decode()
    assert _rows(response) == 1


def test_triage_steps_past_their_norm_are_a_queue(personas, support_org, other_support_org, client_for) -> None:
    """Concerns arrive with the framework's triage route; a step past its norm puts the concern in the queue."""
    from zicht.concerns.services import concern_record_first_contact, concern_submit

    worker = personas[Role.SUPPORT_WORKER]

    def submit(days_ago: int, organization=support_org):
        return concern_submit(
            reporter=personas[Role.REPORTER],
            handling_organization=organization,
            reporter_sector="teacher",
            description="Signalen gezien",
            received_at=timezone.now() - datetime.timedelta(days=days_ago),
        )

    submit(0)  # every step still within its norm
    late = submit(4)  # first contact (3 days) is past its norm
    submit(4)
    concern_record_first_contact(concern=late, user=worker)  # now within: safety check's norm is 5 days
    submit(30, organization=other_support_org)  # another organisation's
    counts = _assert_counts_equal_lists(client_for(worker))
    assert counts["concerns.overdue"] == 1
