"""Routes through the framework: half-way saves, order, decisions, versions that never move under a route."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.common.roles import Role
from zicht.framework.constants import Answer, RouteKind, TriageStepCode
from zicht.framework.models import FrameworkStep, FrameworkVersion, RouteAnswer
from zicht.framework.selectors import framework_version_current, route_files_concern, route_step_states
from zicht.framework.services import (
    framework_version_copy,
    framework_version_problems,
    framework_version_publish,
    route_start,
    route_step_save,
    triage_route_start,
    triage_step_record,
)
from zicht.framework.tests.factories import PROFESSIONAL_STEPS, route_walk

pytestmark = pytest.mark.django_db


def test_version_1_is_published_with_both_routes_and_the_police_agreements() -> None:
    version = framework_version_current()
    assert version is not None and version.number == 1
    assert framework_version_problems(version) == []
    codes = list(version.steps.filter(route_kind=RouteKind.PROFESSIONAL).values_list("code", flat=True))
    assert codes == list(PROFESSIONAL_STEPS)
    weigh = version.steps.get(code="weigh")
    assert {"acute_unsafety", "structural_unsafety", "adequate_help"} <= set(
        weigh.questions.values_list("code", flat=True)
    )
    decide = version.steps.get(code="decide")
    assert list(decide.decisions.filter(files_concern=True).values_list("code", flat=True)) == ["report_support"]
    assert set(decide.contact_kinds) == {"support", "veilig_thuis", "police"}
    assert "112" in version.police_agreements


def test_a_route_saved_half_way_keeps_its_answers_and_resumes_at_the_open_step(personas) -> None:
    teacher = personas[Role.REPORTER]
    route = route_start(user=teacher)
    route_step_save(route=route, user=teacher, step_code="map_signals", answers={"signals_seen": "yes"}, complete=True)
    route_step_save(route=route, user=teacher, step_code="consult", answers={"colleague_consulted": Answer.YES})
    states = route_step_states(route=route)
    assert [s.is_done for s in states] == [True, False, False, False, False]
    assert states[1].answers == {"colleague_consulted": "yes"}
    route.refresh_from_db()
    assert route.finished_at is None


def test_steps_are_completed_in_order_and_the_last_needs_a_decision(personas) -> None:
    teacher = personas[Role.REPORTER]
    route = route_start(user=teacher)
    with pytest.raises(ValidationError) as error:
        route_step_save(route=route, user=teacher, step_code="consult", complete=True)
    assert error.value.error_dict["__all__"][0].code == "earlier_steps_open"
    route = route_walk(user=teacher, steps=4)
    with pytest.raises(ValidationError) as error:
        route_step_save(route=route, user=teacher, step_code="decide", complete=True)
    assert error.value.error_dict["decision"][0].code == "decision_required"
    route_step_save(route=route, user=teacher, step_code="decide", decision_code="report_support", complete=True)
    route.refresh_from_db()
    assert route.finished_at is not None
    assert route_files_concern(route=route, user=teacher)
    with pytest.raises(ValidationError):  # a finished route is not changed any more
        route_step_save(route=route, user=teacher, step_code="decide", decision_code="organise_help")


def test_only_the_decision_to_report_to_the_support_organisation_continues_as_a_concern(personas) -> None:
    teacher = personas[Role.REPORTER]
    assert not route_files_concern(route=route_walk(user=teacher, decision="report_police"), user=teacher)
    route = route_walk(user=teacher)
    assert not route_files_concern(route=route, user=personas[Role.SUPPORT_WORKER])  # not theirs


def test_unknown_answers_and_decisions_are_refused_and_nothing_is_stored(personas) -> None:
    teacher = personas[Role.REPORTER]
    route = route_start(user=teacher)
    with pytest.raises(ValidationError):
        route_step_save(route=route, user=teacher, step_code="map_signals", answers={"signals_seen": "maybe"})
    with pytest.raises(ValidationError):
        route_step_save(route=route, user=teacher, step_code="map_signals", answers={"free_text": "yes"})
    with pytest.raises(ValidationError):
        route_step_save(route=route, user=teacher, step_code="map_signals", decision_code="report_police")
    assert not RouteAnswer.objects.exists()


@pytest.mark.parametrize("role", [Role.PARTNER, Role.ANALYST, Role.ADMIN])
def test_roles_without_concerns_to_report_start_no_route(personas, role) -> None:
    with pytest.raises(PermissionDenied):
        route_start(user=personas[role])


def test_nobody_else_writes_in_a_route(personas) -> None:
    route = route_start(user=personas[Role.REPORTER])
    with pytest.raises(PermissionDenied):
        route_step_save(route=route, user=personas[Role.SUPPORT_WORKER], step_code="map_signals", complete=True)


def test_norms_count_from_the_start_and_are_kept_with_the_route(personas) -> None:
    start = timezone.now() - datetime.timedelta(days=2)
    route = route_start(user=personas[Role.REPORTER], at=start)
    due = {s.step.code: s.route_step.due_at for s in route_step_states(route=route)}
    assert due["map_signals"] == start + datetime.timedelta(days=1)
    assert due["decide"] == start + datetime.timedelta(days=10)
    assert [s.is_overdue for s in route_step_states(route=route)] == [True, False, False, False, False]


def test_publishing_a_new_version_leaves_routes_under_way_on_theirs(personas) -> None:
    admin, teacher = personas[Role.ADMIN], personas[Role.REPORTER]
    old_route = route_walk(user=teacher, steps=2)
    version_1 = old_route.version
    draft = framework_version_copy(version=version_1, user=admin)
    assert draft.number == 2 and draft.published_at is None
    step = draft.steps.get(code="map_signals")
    step.title, step.norm_amount, step.norm_unit = "Signalen verzamelen", 4, "hours"
    step.save()
    framework_version_publish(version=draft, user=admin)
    assert framework_version_current() == draft
    new_route = route_start(user=teacher)
    assert new_route.version == draft
    assert new_route.steps.get(step__code="map_signals").due_at == new_route.started_at + datetime.timedelta(hours=4)
    old_route.refresh_from_db()
    assert old_route.version == version_1
    assert version_1.steps.get(code="map_signals").title == "Breng de signalen in kaart"
    states = route_step_states(route=old_route)
    assert states[0].step.version == version_1 and states[0].is_done
    route_step_save(route=old_route, user=teacher, step_code="conversation", complete=True)  # continues on version 1


def test_only_the_administrator_edits_and_an_incomplete_version_is_not_published(personas) -> None:
    version_1 = framework_version_current()
    with pytest.raises(PermissionDenied):
        framework_version_copy(version=version_1, user=personas[Role.COORDINATOR])
    draft = framework_version_copy(version=version_1, user=personas[Role.ADMIN])
    draft.steps.filter(route_kind=RouteKind.TRIAGE, code=TriageStepCode.SAFETY_CHECK).delete()
    with pytest.raises(ValidationError) as error:
        framework_version_publish(version=draft, user=personas[Role.ADMIN])
    assert "safety_check" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        framework_version_publish(version=version_1, user=personas[Role.ADMIN])  # already published


def test_triage_steps_are_recorded_once_by_the_handling_organisation(personas, support_org) -> None:
    received = timezone.now() - datetime.timedelta(days=1)
    route = triage_route_start(organization=support_org, at=received)
    worker = personas[Role.SUPPORT_WORKER]
    with pytest.raises(PermissionDenied):
        triage_step_record(route=route, user=personas[Role.REPORTER], code=TriageStepCode.FIRST_CONTACT)
    outsider = UserFactory(organization=OrganizationFactory(kind="support"), role=Role.SUPPORT_WORKER)
    with pytest.raises(PermissionDenied):
        triage_step_record(route=route, user=outsider, code=TriageStepCode.FIRST_CONTACT)
    assert route.next_due_at == received + datetime.timedelta(days=3)  # the first contact's norm
    first = triage_step_record(route=route, user=worker, code=TriageStepCode.FIRST_CONTACT)
    route.refresh_from_db()
    assert route.next_due_at == received + datetime.timedelta(days=5)  # now the safety check's
    again = triage_step_record(route=route, user=worker, code=TriageStepCode.FIRST_CONTACT)
    assert again.completed_at == first.completed_at
    triage_step_record(route=route, user=worker, code=TriageStepCode.SAFETY_CHECK, answers={"acute_unsafety": "no"})
    decision = triage_step_record(route=route, user=worker, code=TriageStepCode.DECISION, decision_code="case_opened")
    assert decision.decision.code == "case_opened"
    route.refresh_from_db()
    assert route.finished_at is not None and route.next_due_at is None
    assert all(s.completed_in_norm for s in route_step_states(route=route))


def test_no_triage_route_without_a_published_version(support_org) -> None:
    FrameworkVersion.objects.update(published_at=None)
    assert triage_route_start(organization=support_org, at=timezone.now()) is None


class TestNormArithmetic(HypothesisTestCase):
    @settings(max_examples=30, deadline=None)
    @given(amount=st.integers(min_value=0, max_value=400), unit=st.sampled_from(["hours", "days"]))
    def test_a_norm_in_days_is_24_times_the_same_norm_in_hours(self, amount: int, unit: str) -> None:
        step = FrameworkStep(norm_amount=amount, norm_unit=unit)
        hours = amount * 24 if unit == "days" else amount
        assert step.norm == datetime.timedelta(hours=hours)
        assert FrameworkStep(norm_amount=None).norm is None
