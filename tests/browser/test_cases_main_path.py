"""Main path: a teacher reports a concern, a support worker triages it and opens a case for a
minor, is stopped from active support without a CJG referral, refers to the CJG, and the CJG
partner accepts the referral (after which active support can start)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.browser.conftest import axe_check, login
from zicht.cases.constants import CaseStatus, ReferralStatus
from zicht.cases.models import Case, Referral
from zicht.cases.services import MSG_MINOR_NEEDS_CJG
from zicht.common.roles import Role

pytestmark = pytest.mark.browser


def _switch_user(page, live_server, user) -> None:
    page.context.clear_cookies()
    login(page, live_server, user)


def _submit(page) -> None:
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_main_path(browser_page, live_server, mfa_free, personas) -> None:
    page, url = browser_page, live_server.url
    from zicht.concerns.models import Concern

    # 1. A teacher reports a concern with indicators through the professional form.
    login(page, live_server, personas[Role.REPORTER])
    page.goto(url + reverse("concerns:create"))
    page.select_option("#id_handling_organization", label="SHOP Jeugd")
    page.fill("#id_given_names", "Jayden")
    page.fill("#id_family_name", "Pinas")
    born = timezone.localdate().replace(year=timezone.localdate().year - 16) - datetime.timedelta(days=40)
    page.fill("#id_date_of_birth", born.isoformat())
    indicators = page.locator("input[name=indicators]")
    assert indicators.count() >= 2
    indicators.nth(0).check()
    indicators.nth(1).check()
    _submit(page)
    concern = Concern.objects.order_by("-pk").first()
    assert concern is not None and concern.indicators.count() == 2

    # 2. The support worker triages the concern and opens a case from it.
    _switch_user(page, live_server, personas[Role.SUPPORT_WORKER])
    page.goto(url + reverse("concerns:detail", kwargs={"pk": concern.pk}))
    page.click(f"a[href='{reverse('concerns:transition', kwargs={'pk': concern.pk, 'to_status': 'in_triage'})}']")
    _submit(page)
    page.click(f"a[href='{reverse('cases:create_from_concern', kwargs={'concern_id': concern.pk})}']")
    assert axe_check(page) == []
    page.check("input[name=exploitation_types][value=criminal]")
    page.check("input[name=criminal_subtypes][value=drugs]")
    page.select_option("#id_victim_status", "suspected")
    _submit(page)
    case = Case.objects.get(concerns=concern)
    assert page.url.endswith(reverse("cases:detail", args=[case.pk]))
    assert case.age_at_registration == 16
    assert axe_check(page) == []

    # 3. Active support is refused for a minor without a CJG referral, with the message in Dutch.
    page.click(f"a[href='{reverse('cases:transition', args=[case.pk])}']")
    _submit(page)
    with translation.override("nl"):
        expected = str(MSG_MINOR_NEEDS_CJG)
    assert expected in page.inner_text("main")
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE

    # 4. The support worker refers the young person to the CJG.
    page.goto(url + reverse("cases:detail", args=[case.pk]))
    page.click(f"a[href='{reverse('cases:create_referral', args=[case.pk])}']")
    page.select_option("#id_to_organization", label="CJG Den Haag")
    page.select_option("#id_purpose", "youth_care_coordination")
    page.fill("#id_question", "Kunt u de jeugdhulp rond dit gezin afstemmen?")
    page.select_option("#id_legal_basis", "legal_obligation")
    _submit(page)
    referral = Referral.objects.get(case=case)
    assert referral.status == ReferralStatus.PROPOSED

    # 5. The CJG partner sees the referral (name, no case notes) and accepts it.
    _switch_user(page, live_server, personas[Role.PARTNER])
    page.goto(url + reverse("cases:referral_list"))
    page.click(f"a[href='{reverse('cases:referral_detail', args=[referral.pk])}']")
    assert "Jayden" in page.inner_text("main")
    assert axe_check(page) == []
    page.check("input[name=decision][value=accept]")
    _submit(page)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED

    # 6. Now active support can start; the case list shows it.
    _switch_user(page, live_server, personas[Role.SUPPORT_WORKER])
    page.goto(url + reverse("cases:transition", args=[case.pk]))
    _submit(page)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE_SUPPORT
    page.goto(url + reverse("cases:list"))
    assert "Jayden Pinas" in page.inner_text("main")
    assert axe_check(page) == []
