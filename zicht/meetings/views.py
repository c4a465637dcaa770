"""Thin views of case meetings: parse, call a selector or service, render.

Partners see a meeting's shared part (date, place, agenda, summary) and their own organisation's
actions only; another organisation's action is a 404, as is a meeting they were not invited to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.accounts.http import AuthenticatedRequest, member_organization
from zicht.accounts.models import User
from zicht.audit.constants import Purpose
from zicht.cases.constants import CaseStatus
from zicht.cases.selectors import case_get_for_user, record_list_view
from zicht.common.decorators import role_required
from zicht.meetings import services
from zicht.meetings.constants import ActionStatus
from zicht.meetings.forms import (
    ActionForm,
    ActionStatusForm,
    InvitationForm,
    MeetingPlanForm,
    SummaryForm,
    service_errors_to_form,
)
from zicht.meetings.models import CaseMeeting, MeetingAction
from zicht.meetings.permissions import (
    MEETING_CASE_ROLES,
    MEETING_PLAN_ROLES,
    MEETING_VIEW_ROLES,
    role_plans_meetings,
    user_updates_action,
)
from zicht.meetings.queues import queue_label
from zicht.meetings.selectors import (
    action_get_for_user,
    action_list_visible_to,
    action_queue,
    meeting_actions_for_user,
    meeting_get_for_user,
    meeting_list_visible_to,
)
from zicht.meetings.workflow import action_is_due, action_targets

PAGE_SIZE = 25


def _owns(user: User, action: MeetingAction) -> bool:
    """The user is a member of the organisation that owns the action (and may report on it)."""
    return user_updates_action(
        role=user.role, user_org_id=member_organization(user).pk, owner_org_id=action.owner_organization_id
    )


@role_required(*MEETING_VIEW_ROLES)
def meeting_list(request: AuthenticatedRequest) -> HttpResponse:
    queryset = meeting_list_visible_to(user=request.user).select_related("case").order_by("-starts_at", "-pk")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    record_list_view(user=request.user, model=CaseMeeting, purpose=Purpose.COORDINATION)
    return render(request, "meetings/meeting_list.html", {"page": page})


@role_required(*MEETING_VIEW_ROLES)
def meeting_detail(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    is_planner = role_plans_meetings(request.user.role)
    actions = meeting_actions_for_user(user=request.user, meeting=meeting).order_by("due_on", "pk")
    today = timezone.localdate()
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "case": meeting.case,
            "person": meeting.case.young_person,
            "invitations": meeting.invitations.select_related("organization", "consent"),
            "actions": [
                (action, action_is_due(status=action.status, due_on=action.due_on, today=today)) for action in actions
            ],
            "is_partner": request.user.role not in MEETING_CASE_ROLES,
            "is_planner": is_planner,
            "can_change": is_planner and meeting.case.status != CaseStatus.CLOSED,
        },
    )


def _meeting_step(
    request: AuthenticatedRequest,
    meeting_id: int,
    *,
    form_factory: Callable[[CaseMeeting, Any], Any],
    perform: Callable[[CaseMeeting, dict], object],
    title: str,
    success: str,
) -> HttpResponse:
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    form = form_factory(meeting, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            perform(meeting, form.cleaned_data)
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, success)
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(request, "meetings/meeting_step.html", {"meeting": meeting, "form": form, "title": title})


@role_required(*MEETING_PLAN_ROLES)
def meeting_plan(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id, purpose=Purpose.COORDINATION)
    form = MeetingPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_plan(case=case, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("The case meeting has been planned. Invite the partners next."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(request, "meetings/meeting_plan.html", {"case": case, "form": form})


@role_required(*MEETING_PLAN_ROLES)
def meeting_invite(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    return _meeting_step(
        request,
        meeting_id,
        form_factory=lambda meeting, data: InvitationForm(data, case=meeting.case),
        perform=lambda meeting, data: services.meeting_invite(meeting=meeting, user=request.user, **data),
        title=_("Invite a partner organisation"),
        success=_("The organisation has been invited."),
    )


@role_required(*MEETING_PLAN_ROLES)
def meeting_summary(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    return _meeting_step(
        request,
        meeting_id,
        form_factory=lambda meeting, data: SummaryForm(data, initial={"summary": meeting.summary}),
        perform=lambda meeting, data: services.meeting_summary_record(
            meeting=meeting, user=request.user, summary=data["summary"]
        ),
        title=_("Record the shared summary"),
        success=_("The shared summary has been recorded."),
    )


@role_required(*MEETING_PLAN_ROLES)
def action_add(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    return _meeting_step(
        request,
        meeting_id,
        form_factory=lambda meeting, data: ActionForm(data, meeting=meeting),
        perform=lambda meeting, data: services.action_agree(meeting=meeting, user=request.user, **data),
        title=_("Record an agreed action"),
        success=_("The agreed action has been recorded."),
    )


@role_required(*MEETING_VIEW_ROLES)
def action_list(request: AuthenticatedRequest) -> HttpResponse:
    queue = request.GET.get("queue", "")
    queryset = action_queue(queryset=action_list_visible_to(user=request.user), user=request.user, name=queue)
    status = request.GET.get("status", "")
    if status in ActionStatus.values:
        queryset = queryset.filter(status=status)
    queryset = queryset.select_related("owner_organization", "meeting__case").order_by("due_on", "pk")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    record_list_view(user=request.user, model=MeetingAction, purpose=Purpose.COORDINATION)
    today = timezone.localdate()
    return render(
        request,
        "meetings/action_list.html",
        {
            "page": page,
            "rows": [(a, action_is_due(status=a.status, due_on=a.due_on, today=today)) for a in page.object_list],
            "queue_label": queue_label(queue),
            "status": status,
            "statuses": ActionStatus.choices,
            "today": today,
        },
    )


@role_required(*MEETING_VIEW_ROLES)
def action_detail(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    action = action_get_for_user(user=request.user, action_id=action_id)
    return render(
        request,
        "meetings/action_detail.html",
        {
            "action": action,
            "meeting": action.meeting,
            "history": action.history.select_related("by"),
            "can_update": _owns(request.user, action) and bool(action_targets(action.status)),
        },
    )


@role_required(*MEETING_VIEW_ROLES)
def action_update(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    action = action_get_for_user(user=request.user, action_id=action_id)
    if not _owns(request.user, action):
        raise PermissionDenied
    form = ActionStatusForm(request.POST or None, targets=action_targets(action.status))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_status_update(action=action, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("The status of the action has been recorded."))
            return redirect("meetings:action_detail", action_id=action.pk)
    return render(request, "meetings/action_update.html", {"action": action, "meeting": action.meeting, "form": form})
