"""A case meeting with two partners: the coordinator plans it, invites the CJG (with consent for
"case meeting") and the police (public task) and records an action for each; each partner sees
the shared summary and only its own action, gets 404 on the other's, and reports its outcome,
which the case's timeline then shows. Pages are checked at 390 px and with axe."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import axe_check, login
from zicht.accounts.constants import OrganizationKind
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.cases import referral_services
from zicht.cases.constants import ReferralPurpose
from zicht.cases.tests.factories import make_case
from zicht.common.roles import Role
from zicht.meetings.models import CaseMeeting, MeetingAction

pytestmark = pytest.mark.browser

CJG_ACTION = "Gezinsgesprek plannen met moeder"
POLICE_ACTION = "Wijkagent belt de school over de hangplek"
SUMMARY = "Het gezin krijgt steun; CJG en wijkagent houden contact."


def _switch_user(page, live_server, user) -> None:
    page.context.clear_cookies()
    login(page, live_server, user)


def _submit(page) -> None:
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def _fits_the_phone(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url
    assert axe_check(page) == []


def _agree(page, meeting: CaseMeeting, *, owner: str, person: str, text: str, due: datetime.date) -> None:
    page.click(f"a[href='{reverse('meetings:action_add', args=[meeting.pk])}']")
    page.select_option("#id_owner_organization", label=owner)
    page.fill("#id_owner_person", person)
    page.fill("#id_description", text)
    page.fill("#id_due_on", due.isoformat())
    _submit(page)


def test_two_partners_each_see_only_their_own_actions(browser_page, live_server, mfa_free, personas) -> None:
    page, url = browser_page, live_server.url
    coordinator, cjg_partner = personas[Role.COORDINATOR], personas[Role.PARTNER]
    police = OrganizationFactory(name="Politie Den Haag", kind=OrganizationKind.POLICE)
    police_partner = UserFactory(organization=police, role=Role.PARTNER)
    case = make_case(user=personas[Role.SUPPORT_WORKER], given_names="Jayden", family_name="Pinas")
    referral_services.consent_record(
        case=case,
        user=personas[Role.SUPPORT_WORKER],
        recipient=cjg_partner.organization,
        purpose=ReferralPurpose.CASE_MEETING,
        given_by_text="jongere",
    )
    today = timezone.localdate()

    # 1. The coordinator plans the meeting from the case page.
    login(page, live_server, coordinator)
    page.goto(url + reverse("cases:detail", args=[case.pk]))
    page.click(f"a[href='{reverse('meetings:plan', args=[case.pk])}']")
    page.fill("#id_starts_at", f"{today.isoformat()}T09:30")
    page.check("input[name=form][value=in_person]")
    page.fill("#id_place", "Stadhuis, zaal 3.12")
    page.fill("#id_agenda", "Veiligheid, school, werkafspraken")
    _submit(page)
    meeting = CaseMeeting.objects.get(case=case)
    assert page.url.endswith(reverse("meetings:detail", args=[meeting.pk]))

    # 2. Invites the CJG with its consent, and the police on the basis of its public task.
    page.click(f"a[href='{reverse('meetings:invite', args=[meeting.pk])}']")
    page.select_option("#id_organization", label="CJG Den Haag")
    page.select_option("#id_legal_basis", "consent")
    page.select_option("#id_consent", index=1)
    _submit(page)
    page.click(f"a[href='{reverse('meetings:invite', args=[meeting.pk])}']")
    page.select_option("#id_organization", label="Politie Den Haag")
    page.select_option("#id_legal_basis", "public_task")
    _submit(page)
    assert {i.organization.name for i in meeting.invitations.all()} == {"CJG Den Haag", "Politie Den Haag"}

    # 3. Records the shared summary and one action for each partner.
    page.click(f"a[href='{reverse('meetings:summary', args=[meeting.pk])}']")
    page.fill("#id_summary", SUMMARY)
    _submit(page)
    _agree(page, meeting, owner="CJG Den Haag", person="F. El Amrani", text=CJG_ACTION, due=today)
    _agree(page, meeting, owner="Politie Den Haag", person="R. Visser", text=POLICE_ACTION, due=today)
    cjg_action = MeetingAction.objects.get(meeting=meeting, owner_organization=cjg_partner.organization)
    police_action = MeetingAction.objects.get(meeting=meeting, owner_organization=police)
    _fits_the_phone(page)

    # 4. Each partner: the summary and its own action, a 404 on the other's; the home count leads there.
    for partner, own, other, other_action in (
        (cjg_partner, CJG_ACTION, POLICE_ACTION, police_action),
        (police_partner, POLICE_ACTION, CJG_ACTION, cjg_action),
    ):
        _switch_user(page, live_server, partner)
        page.click(f"a[href='{reverse('meetings:action_list')}?queue=due']")
        assert own in page.inner_text("main") and other not in page.inner_text("main")
        page.goto(url + reverse("meetings:detail", args=[meeting.pk]))
        main = page.inner_text("main")
        assert SUMMARY in main and own in main and other not in main
        _fits_the_phone(page)
        response = page.goto(url + reverse("meetings:action_detail", args=[other_action.pk]))
        assert response is not None and response.status == 404

    # 5. The police partner reports its action done, with a short outcome.
    page.goto(url + reverse("meetings:action_detail", args=[police_action.pk]))
    page.click(f"a[href='{reverse('meetings:action_update', args=[police_action.pk])}']")
    page.check("input[name=to_status][value=done]")
    page.fill("#id_outcome", "School gebeld, afspraak gemaakt")
    _submit(page)
    police_action.refresh_from_db()
    assert police_action.status == "done"
    _fits_the_phone(page)

    # 6. The case's timeline shows the meeting and the outcome.
    _switch_user(page, live_server, coordinator)
    page.goto(url + reverse("cases:detail", args=[case.pk]))
    timeline = page.inner_text("ol.timeline")
    assert "Casusoverleg gepland op" in timeline
    assert "School gebeld, afspraak gemaakt" in timeline
