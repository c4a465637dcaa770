"""Reads of the framework and of routes; ``route_get_for_user`` is the audited choke point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Now
from django.utils import timezone

from zicht.accounts.models import Organization
from zicht.audit.constants import Purpose
from zicht.audit.selectors import audited_get
from zicht.framework.constants import RouteKind
from zicht.framework.models import FrameworkStep, FrameworkVersion, Route, RouteStep
from zicht.framework.permissions import TRIAGE_ROLES, role_walks_routes


def framework_version_current() -> FrameworkVersion | None:
    """The newest published version (the one new routes follow)."""
    return FrameworkVersion.objects.filter(published_at__isnull=False).order_by("-number").first()


def framework_steps(*, version: FrameworkVersion, kind: str) -> QuerySet[FrameworkStep]:
    return version.steps.filter(route_kind=kind).order_by("order").prefetch_related("questions", "decisions")


def step_contacts(*, step: FrameworkStep) -> list[Organization]:
    """The active organisations of the kinds the step names (from the organisations' data)."""
    if not step.contact_kinds:
        return []
    return list(Organization.objects.filter(kind__in=step.contact_kinds, is_active=True).order_by("kind", "name"))


def route_list_for(*, user) -> QuerySet[Route]:
    """A professional's own routes; nobody else's."""
    if not getattr(user, "is_authenticated", False) or not role_walks_routes(user.role):
        return Route.objects.none()
    return Route.objects.filter(kind=RouteKind.PROFESSIONAL, started_by=user)


def route_get_for_user(*, user, route_id: object) -> Route:
    """One's own route (one access-log entry per read); anything else is a 404."""
    return audited_get(
        queryset=route_list_for(user=user).select_related("version"), pk=route_id, user=user, purpose=Purpose.OWN_REPORT
    )


def triage_route_get_for_user(*, user, route_id: object) -> Route:
    """A triage route of the user's own support organisation (one access-log entry per read)."""
    membership = getattr(user, "membership", None) if getattr(user, "is_authenticated", False) else None
    queryset = Route.objects.none()
    if membership is not None and membership.role in TRIAGE_ROLES:
        queryset = Route.objects.filter(kind=RouteKind.TRIAGE, organization_id=membership.organization_id)
    return audited_get(queryset=queryset.select_related("version"), pk=route_id, user=user, purpose=Purpose.TRIAGE)


@dataclass(frozen=True)
class StepState:
    """A step of a route as shown: its framework text, when it is due, and what was recorded."""

    route_step: RouteStep
    step: FrameworkStep
    answers: dict[str, str]
    answered: list[tuple[str, str]]  # (question, answer as shown), in the step's order
    is_done: bool
    is_overdue: bool
    completed_in_norm: bool | None


def route_step_states(*, route: Route, now: datetime | None = None) -> list[StepState]:
    now = now or timezone.now()
    route_steps = route.steps.select_related("step", "decision").prefetch_related(
        "answers__question", Prefetch("step__questions"), Prefetch("step__decisions")
    )
    states = []
    for route_step in route_steps.order_by("step__order"):
        completed = route_step.completed_at
        done = completed is not None
        recorded = sorted(route_step.answers.all(), key=lambda a: (a.question.order, a.question.pk))
        due = route_step.due_at
        states.append(
            StepState(
                route_step=route_step,
                step=route_step.step,
                answers={a.question.code: a.answer for a in recorded},
                answered=[(a.question.text, a.get_answer_display()) for a in recorded],
                is_done=done,
                is_overdue=not done and due is not None and due < now,
                completed_in_norm=(completed <= due) if completed is not None and due is not None else None,
            )
        )
    return states


def route_current_step(states: list[StepState]) -> StepState | None:
    """The first step not yet done (the one the form is about)."""
    return next((state for state in states if not state.is_done), None)


def route_final_decision(*, route: Route):
    """The decision of the last step taken, if the route is finished."""
    last = route.steps.filter(decision__isnull=False).select_related("decision").order_by("-step__order").first()
    return last.decision if last is not None else None


def route_files_concern(*, route: Route, user) -> bool:
    """The route ended in "report to the support organisation" and has no concern yet (for the concern form)."""
    if route.kind != RouteKind.PROFESSIONAL or route.started_by_id != getattr(user, "pk", None):
        return False
    if route.finished_at is None or hasattr(route, "concern"):
        return False
    decision = route_final_decision(route=route)
    return decision is not None and decision.files_concern


def overdue_condition(route_field: str) -> Q:
    """A condition for a queryset that refers to a route by ``route_field``: a step of it is past its norm.

    The database's clock decides (``Now()``), so a count and its list agree whenever they are read."""
    return Q(**{f"{route_field}__next_due_at__lt": Now()})
