"""Writes of the framework: publishing and copying versions, starting routes and recording steps.

All atomic; each authorises its actor. Routes record codes and answers only, never free text.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Organization
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.validation import ErrorCollector
from zicht.framework.constants import Answer, RouteKind, TriageStepCode
from zicht.framework.models import (
    FrameworkDecision,
    FrameworkQuestion,
    FrameworkStep,
    FrameworkVersion,
    Route,
    RouteAnswer,
    RouteStep,
)
from zicht.framework.permissions import role_edits_framework, role_walks_routes, user_triages_for, user_walks_route
from zicht.framework.selectors import framework_version_current
from zicht.framework.tallies import created_route, keeps_route_tallies, touched_route


def _authorise_editor(user) -> None:
    if not role_edits_framework(getattr(user, "role", None)):
        raise PermissionDenied


def framework_version_problems(version: FrameworkVersion) -> list[str]:
    """Why a version cannot be published yet (empty: it can)."""
    problems: list[str] = []
    steps = list(version.steps.prefetch_related("decisions"))
    professional = [s for s in steps if s.route_kind == RouteKind.PROFESSIONAL]
    if not professional:
        problems.append(str(_("The version has no steps for the professional.")))
    elif not max(professional, key=lambda s: s.order).decisions.exists():
        problems.append(str(_("The professional's last step needs decisions.")))
    triage_codes = {s.code for s in steps if s.route_kind == RouteKind.TRIAGE}
    for code in TriageStepCode:
        if code.value not in triage_codes:
            problems.append(str(_("The triage route lacks the step “%(code)s”.") % {"code": code.value}))
    return problems


@transaction.atomic
def framework_version_publish(*, version: FrameworkVersion, user, at: datetime.datetime | None = None) -> None:
    """Publish a draft: new routes follow it from now on; routes under way keep theirs."""
    _authorise_editor(user)
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise ValidationError(_("This version is already published."), code="already_published")
    problems = framework_version_problems(version)
    if problems:
        raise ValidationError(problems, code="incomplete_version")
    version.published_at = at or timezone.now()
    version.save(update_fields=["published_at"])
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.ADMINISTRATION, obj=version)


@transaction.atomic
def framework_version_copy(*, version: FrameworkVersion, user) -> FrameworkVersion:
    """A new draft with the next number and a copy of every step, question and decision of ``version``."""
    _authorise_editor(user)
    number = (FrameworkVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = FrameworkVersion.objects.create(
        number=number,
        title=version.title,
        introduction=version.introduction,
        police_agreements=version.police_agreements,
    )
    for step in version.steps.prefetch_related("questions", "decisions"):
        questions, decisions = list(step.questions.all()), list(step.decisions.all())
        step.pk, step.version = None, draft
        step.save()
        FrameworkQuestion.objects.bulk_create(
            [FrameworkQuestion(step=step, order=q.order, code=q.code, text=q.text) for q in questions]
        )
        FrameworkDecision.objects.bulk_create(
            [
                FrameworkDecision(step=step, order=d.order, code=d.code, label=d.label, files_concern=d.files_concern)
                for d in decisions
            ]
        )
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.ADMINISTRATION, obj=draft)
    return draft


def _route_create(
    *,
    version: FrameworkVersion,
    kind: str,
    organization: Organization,
    started_by,
    at: datetime.datetime,
    steps: list[FrameworkStep] | None = None,
) -> Route:
    steps = list(version.steps.filter(route_kind=kind).order_by("order")) if steps is None else steps
    due = [at + step.norm if step.norm else None for step in steps]
    route = Route.objects.create(
        version=version,
        kind=kind,
        organization=organization,
        started_by=started_by,
        started_at=at,
        next_due_at=min((d for d in due if d is not None), default=None),
    )
    RouteStep.objects.bulk_create(
        [RouteStep(route=route, step=step, due_at=due_at) for step, due_at in zip(steps, due, strict=True)]
    )
    return route


@transaction.atomic
@keeps_route_tallies(created=created_route)
def route_start(*, user, at: datetime.datetime | None = None) -> Route:
    """A professional starts a route through the current version."""
    if not role_walks_routes(getattr(user, "role", None)) or user.organization is None:
        raise PermissionDenied
    version = framework_version_current()
    if version is None:
        raise ValidationError(_("No framework has been published yet."), code="no_framework")
    route = _route_create(
        version=version,
        kind=RouteKind.PROFESSIONAL,
        organization=user.organization,
        started_by=user,
        at=at or timezone.now(),
    )
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.OWN_REPORT, obj=route)
    return route


def _record(
    *,
    route_step: RouteStep,
    answers: Mapping[str, str],
    decision_code: str,
    errors: ErrorCollector,
) -> FrameworkDecision | None:
    """Check answers and decision against the step's own questions and decisions; store the answers."""
    questions = {q.code: q for q in route_step.step.questions.all()}
    decisions = {d.code: d for d in route_step.step.decisions.all()}
    for code, answer in answers.items():
        if code not in questions or (answer and answer not in Answer.values):
            errors.add(
                "answers", _("Unknown question or answer: %(code)s."), code="unknown_answer", params={"code": code}
            )
    if decision_code and decision_code not in decisions:
        errors.add("decision", _("Choose one of the decisions of this step."), code="unknown_decision")
    errors.raise_if_any()
    for code, answer in answers.items():
        if answer:
            RouteAnswer.objects.update_or_create(
                route_step=route_step, question=questions[code], defaults={"answer": answer}
            )
        else:
            RouteAnswer.objects.filter(route_step=route_step, question=questions[code]).delete()
    return decisions.get(decision_code)


def _finish_if_done(route: Route, at: datetime.datetime) -> None:
    """After a step is done: the next due time, and the end of the route when every step is done."""
    open_steps = route.steps.filter(completed_at__isnull=True)
    route.next_due_at = open_steps.aggregate(due=Min("due_at"))["due"]
    if route.finished_at is None and not open_steps.exists():
        route.finished_at = at
    route.save(update_fields=["next_due_at", "finished_at"])


@transaction.atomic
@keeps_route_tallies(touched=touched_route)
def route_step_save(
    *,
    route: Route,
    user,
    step_code: str,
    answers: Mapping[str, str] | None = None,
    decision_code: str = "",
    complete: bool = False,
    at: datetime.datetime | None = None,
) -> RouteStep:
    """Save a step of one's own route: half-way (answers only) or completed (in order, with a decision
    where the step has decisions). A finished route is not changed any more."""
    if route.kind != RouteKind.PROFESSIONAL or not user_walks_route(user, route):
        raise PermissionDenied
    route = Route.objects.select_for_update().get(pk=route.pk)
    if route.finished_at is not None:
        raise ValidationError(_("This route is finished and can no longer be changed."), code="route_finished")
    at = at or timezone.now()
    route_step = route.steps.select_related("step").filter(step__code=step_code).first()
    if route_step is None:
        raise ValidationError(_("This step is not part of the route."), code="unknown_step")
    errors = ErrorCollector()
    if complete:
        if route.steps.filter(step__order__lt=route_step.step.order, completed_at__isnull=True).exists():
            errors.add("__all__", _("Complete the earlier steps first."), code="earlier_steps_open")
        if route_step.step.decisions.exists() and not decision_code:
            errors.add("decision", _("Choose a decision to complete this step."), code="decision_required")
    decision = _record(route_step=route_step, answers=answers or {}, decision_code=decision_code, errors=errors)
    route_step.decision = decision
    if complete and route_step.completed_at is None:
        route_step.completed_at, route_step.completed_by = at, user
    route_step.save()
    _finish_if_done(route, at)
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.OWN_REPORT, obj=route)
    return route_step


@transaction.atomic(savepoint=False)  # part of the concern's submission: no savepoint of its own
@keeps_route_tallies(created=created_route)
def triage_route_start(*, organization: Organization, at: datetime.datetime) -> Route | None:
    """The support organisation's triage route of a new concern (None while no version is published).

    Called by the concerns app when a concern arrives; its norms count from ``at`` (the receipt)."""
    version = framework_version_current()
    if version is None:
        return None
    steps = list(version.steps.filter(route_kind=RouteKind.TRIAGE).order_by("order"))
    if not steps:
        return None
    # No access-log entry: the route holds no personal data, and the concern's creation is logged.
    return _route_create(
        version=version, kind=RouteKind.TRIAGE, organization=organization, started_by=None, at=at, steps=steps
    )


@transaction.atomic
@keeps_route_tallies(touched=touched_route)
def triage_step_record(
    *,
    route: Route | None,
    user,
    code: str,
    at: datetime.datetime | None = None,
    answers: Mapping[str, str] | None = None,
    decision_code: str = "",
) -> RouteStep | None:
    """Record a triage step as done (the first time only; answers may be corrected later).

    An unknown decision code is no error here: a concern may be closed without one of the framework's
    decisions. Returns None when the concern has no triage route or its version lacks the step."""
    if route is None:
        return None
    if route.kind != RouteKind.TRIAGE or not user_triages_for(user, route.organization_id):
        raise PermissionDenied
    at = at or timezone.now()
    route_step = route.steps.select_related("step").filter(step__code=code).first()
    if route_step is None:
        return None
    known = set(route_step.step.decisions.values_list("code", flat=True))
    decision = _record(
        route_step=route_step,
        answers=answers or {},
        decision_code=decision_code if decision_code in known else "",
        errors=ErrorCollector(),
    )
    if decision is not None:
        route_step.decision = decision
    if route_step.completed_at is None:
        route_step.completed_at, route_step.completed_by = at, user
    route_step.save()
    _finish_if_done(route, at)  # the caller logs the update of its concern
    return route_step
