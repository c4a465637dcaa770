"""The minor/CJG rule, the 18th-birthday transition step and the append-only timeline."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from zicht.cases import referral_services, services
from zicht.cases.constants import CaseEventKind, CaseStatus, CloseReason
from zicht.cases.models import AppendOnlyError, CaseEvent
from zicht.cases.tests.factories import make_case, make_person, make_referral, years_ago
from zicht.common.exploitation import ExploitationType
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


def _worker(personas):
    return personas[Role.SUPPORT_WORKER]


class TestMinorNeedsCjg:
    def test_minor_is_blocked_without_cjg_referral(self, personas) -> None:
        case = make_case(user=_worker(personas), age=16)
        with pytest.raises(ValidationError) as info:
            services.case_transition(case=case, user=_worker(personas), to_status=CaseStatus.ACTIVE_SUPPORT)
        assert info.value.error_dict["to_status"][0].code == "minor_needs_cjg"
        case.refresh_from_db()
        assert case.status == CaseStatus.INTAKE
        assert not case.events.filter(kind=CaseEventKind.STATUS_CHANGE, data__to=CaseStatus.ACTIVE_SUPPORT).exists()

    def test_minor_is_allowed_with_cjg_referral(self, personas, cjg_org) -> None:
        case = make_case(user=_worker(personas), age=15)
        make_referral(case=case, user=_worker(personas), to_organization=cjg_org)
        services.case_transition(case=case, user=_worker(personas), to_status=CaseStatus.ACTIVE_SUPPORT)
        case.refresh_from_db()
        assert case.status == CaseStatus.ACTIVE_SUPPORT

    def test_rejected_cjg_referral_does_not_count(self, personas, cjg_org) -> None:
        case = make_case(user=_worker(personas), age=15)
        referral = make_referral(case=case, user=_worker(personas), to_organization=cjg_org)
        referral_services.referral_respond(
            referral=referral, user=personas[Role.PARTNER], accept=False, note="Geen capaciteit"
        )
        with pytest.raises(ValidationError):
            services.case_transition(case=case, user=_worker(personas), to_status=CaseStatus.ACTIVE_SUPPORT)

    def test_referral_to_a_non_cjg_organisation_does_not_count(self, personas, school_org) -> None:
        case = make_case(user=_worker(personas), age=17)
        make_referral(case=case, user=_worker(personas), to_organization=school_org)
        with pytest.raises(ValidationError):
            services.case_transition(case=case, user=_worker(personas), to_status=CaseStatus.ACTIVE_SUPPORT)

    def test_minor_is_allowed_with_recorded_reason(self, personas) -> None:
        case = make_case(user=_worker(personas), age=17)
        services.case_transition(
            case=case,
            user=_worker(personas),
            to_status=CaseStatus.ACTIVE_SUPPORT,
            cjg_exemption_reason="Jeugdbescherming is al betrokken",
        )
        case.refresh_from_db()
        assert case.status == CaseStatus.ACTIVE_SUPPORT
        assert case.cjg_exemption_reason == "Jeugdbescherming is al betrokken"

    def test_adult_is_not_blocked(self, personas) -> None:
        case = make_case(user=_worker(personas), age=19)
        services.case_transition(case=case, user=_worker(personas), to_status=CaseStatus.ACTIVE_SUPPORT)
        case.refresh_from_db()
        assert case.status == CaseStatus.ACTIVE_SUPPORT

    def test_unknown_date_of_birth_uses_age_at_registration(self, personas) -> None:
        case = make_case(user=_worker(personas), age=None)
        assert case.age_at_registration is None
        services.case_transition(
            case=case, user=_worker(personas), to_status=CaseStatus.ACTIVE_SUPPORT
        )  # age unknown: not a known minor

    def test_age_on_the_day_of_the_transition_counts(self, personas) -> None:
        # 17 when registered a year ago, 18 today: no longer a minor.
        born = years_ago(18, days=10)
        person = make_person(user=_worker(personas), date_of_birth=born)
        case = services.case_open(
            user=_worker(personas),
            young_person=person,
            exploitation=[(ExploitationType.CRIMINAL, "")],
            opened_at=timezone.now() - datetime.timedelta(days=300),
        )
        assert case.age_at_registration == 17
        services.case_transition(case=case, user=_worker(personas), to_status=CaseStatus.ACTIVE_SUPPORT)

    def test_the_case_screen_shows_the_rule_and_the_form_error_in_dutch(self, personas, client_for) -> None:
        case = make_case(user=_worker(personas), age=16)
        client = client_for(_worker(personas))
        with translation.override("nl"):
            expected = str(services.MSG_MINOR_NEEDS_CJG)
        detail = client.get(reverse("cases:detail", args=[case.pk]))
        assert detail.context["cjg_blocked"] is True
        assert expected in detail.content.decode()
        response = client.post(reverse("cases:transition", args=[case.pk]), {"to_status": CaseStatus.ACTIVE_SUPPORT})
        assert response.status_code == 200
        assert response.context["form"].errors["to_status"] == [expected]
        case.refresh_from_db()
        assert case.status == CaseStatus.INTAKE


class TestEighteenthBirthday:
    def _case_turning_18(self, personas):
        person = make_person(user=_worker(personas), date_of_birth=years_ago(18, days=20))
        return services.case_open(
            user=_worker(personas),
            young_person=person,
            exploitation=[(ExploitationType.SEXUAL, "")],
            opened_at=timezone.now() - datetime.timedelta(days=100),
        )

    def test_case_shows_the_birthday_and_records_the_step(self, personas, client_for) -> None:
        case = self._case_turning_18(personas)
        client = client_for(_worker(personas))
        page = client.get(reverse("cases:detail", args=[case.pk]))
        assert page.context["transition_step_due"] is True
        assert reverse("cases:transition_step", args=[case.pk]) in page.content.decode()
        response = client.post(
            reverse("cases:transition_step", args=[case.pk]), {"note": "Overdracht aan Wmo-consulent"}
        )
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.transition_step_recorded_at is not None
        assert case.events.filter(kind=CaseEventKind.TRANSITION_STEP, text="Overdracht aan Wmo-consulent").count() == 1
        page = client.get(reverse("cases:detail", args=[case.pk]))
        assert page.context["transition_step_due"] is False and page.context["turned_18"] is True

    def test_step_cannot_be_recorded_twice_or_when_not_due(self, personas) -> None:
        case = self._case_turning_18(personas)
        services.case_record_transition_step(case=case, user=_worker(personas), note="Geregeld")
        with pytest.raises(ValidationError):
            services.case_record_transition_step(case=case, user=_worker(personas), note="Nogmaals")
        minor = make_case(user=_worker(personas), age=16)
        with pytest.raises(ValidationError):
            services.case_record_transition_step(case=minor, user=_worker(personas))
        assert not minor.events.filter(kind=CaseEventKind.TRANSITION_STEP).exists()

    def test_no_banner_for_someone_already_adult_at_opening(self, personas, client_for) -> None:
        case = make_case(user=_worker(personas), age=19)
        page = client_for(_worker(personas)).get(reverse("cases:detail", args=[case.pk]))
        assert page.context["turned_18"] is False and page.context["transition_step_due"] is False


class TestAppendOnlyTimeline:
    def test_model_refuses_change_and_delete(self, personas) -> None:
        case = make_case(user=_worker(personas))
        event = services.case_add_note(case=case, user=_worker(personas), text="Eerste gesprek")
        event.text = "Aangepast"
        with pytest.raises(AppendOnlyError):
            event.save()
        with pytest.raises(AppendOnlyError):
            event.delete()
        assert CaseEvent.objects.get(pk=event.pk).text == "Eerste gesprek"

    def test_database_refuses_update_and_delete(self, personas) -> None:
        case = make_case(user=_worker(personas))
        event = services.case_add_note(case=case, user=_worker(personas), text="Eerste gesprek")
        with pytest.raises(DatabaseError), transaction.atomic():
            CaseEvent.objects.filter(pk=event.pk).update(text="Aangepast")
        with pytest.raises(DatabaseError), transaction.atomic():
            CaseEvent.objects.filter(pk=event.pk).delete()
        assert CaseEvent.objects.get(pk=event.pk).text == "Eerste gesprek"

    def test_every_service_appends_an_entry(self, personas, cjg_org) -> None:
        worker, coordinator = _worker(personas), personas[Role.COORDINATOR]
        case = make_case(user=worker, age=16)
        kinds = lambda: list(case.events.values_list("kind", flat=True))  # noqa: E731 (a one-line accessor reads best here)
        before = len(kinds())
        referral = make_referral(case=case, user=worker, to_organization=cjg_org)
        referral_services.referral_respond(referral=referral, user=personas[Role.PARTNER], accept=True)
        services.case_transition(case=case, user=worker, to_status=CaseStatus.ACTIVE_SUPPORT)
        services.case_assign_lead(case=case, user=coordinator, lead_worker=worker)
        referral_services.support_action_add(
            case=case, user=worker, kind="psychosocial", started_on=timezone.localdate()
        )
        services.case_close(case=case, user=coordinator, reason=CloseReason.GOALS_REACHED)
        assert kinds()[before:] == [
            CaseEventKind.REFERRAL,
            CaseEventKind.REFERRAL,
            CaseEventKind.STATUS_CHANGE,
            CaseEventKind.ASSIGNMENT,
            CaseEventKind.SUPPORT_ACTION,
            CaseEventKind.CLOSED,
        ]
