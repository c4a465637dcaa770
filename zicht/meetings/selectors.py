"""Reads of case meetings, filtered by visibility (deny by default), and the audited choke points.

Case workers of the case's organisation see whole meetings and every action; a partner sees the
meetings its organisation was invited to and only the actions its organisation owns.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.utils import timezone

from zicht.audit.constants import Purpose
from zicht.audit.selectors import audited_get
from zicht.common.roles import Role
from zicht.meetings.constants import ActionStatus
from zicht.meetings.models import CaseMeeting, MeetingAction
from zicht.meetings.permissions import MEETING_CASE_ROLES, MEETING_VIEW_ROLES
from zicht.meetings.workflow import due_limit


def _membership(user):
    return getattr(user, "membership", None) if getattr(user, "is_authenticated", False) else None


def meeting_list_visible_to(*, user) -> QuerySet[CaseMeeting]:
    membership = _membership(user)
    if membership is None:
        return CaseMeeting.objects.none()
    if membership.role in MEETING_CASE_ROLES:
        return CaseMeeting.objects.filter(case__organization_id=membership.organization_id)
    if membership.role == Role.PARTNER:
        return CaseMeeting.objects.filter(invitations__organization_id=membership.organization_id).distinct()
    return CaseMeeting.objects.none()


def meeting_get_for_user(*, user, meeting_id: int, purpose: str = Purpose.COORDINATION) -> CaseMeeting:
    queryset = meeting_list_visible_to(user=user).select_related("case__young_person", "case__organization")
    return audited_get(queryset=queryset, pk=meeting_id, user=user, purpose=purpose)


def action_list_visible_to(*, user) -> QuerySet[MeetingAction]:
    membership = _membership(user)
    if membership is None or membership.role not in MEETING_VIEW_ROLES:
        return MeetingAction.objects.none()
    if membership.role in MEETING_CASE_ROLES:
        return MeetingAction.objects.filter(meeting__case__organization_id=membership.organization_id)
    # A partner: its own organisation's actions of meetings it was invited to.
    return MeetingAction.objects.filter(
        owner_organization_id=membership.organization_id,
        meeting__invitations__organization_id=membership.organization_id,
    ).distinct()


def action_get_for_user(*, user, action_id: int, purpose: str = Purpose.COORDINATION) -> MeetingAction:
    queryset = action_list_visible_to(user=user).select_related(
        "meeting__case__young_person", "meeting__case__organization", "owner_organization"
    )
    return audited_get(queryset=queryset, pk=action_id, user=user, purpose=purpose)


def meeting_actions_for_user(*, user, meeting: CaseMeeting) -> QuerySet[MeetingAction]:
    """The actions of one meeting that the user may see (a partner: its own organisation's)."""
    return action_list_visible_to(user=user).filter(meeting=meeting).select_related("owner_organization")


# Named filters behind the home-page count; the action list applies the same one from ``?queue=<key>``.
ACTION_QUEUES: dict[str, Callable[[int | None], Q]] = {
    # Open actions of the user's own organisation, overdue or due within DUE_SOON_DAYS.
    "due": lambda org_id: Q(
        owner_organization_id=org_id, status=ActionStatus.OPEN, due_on__lte=due_limit(timezone.localdate())
    ),
}


def action_queue(*, queryset: QuerySet[MeetingAction], user, name: str) -> QuerySet[MeetingAction]:
    condition = ACTION_QUEUES.get(name)
    if condition is None:
        return queryset
    membership = _membership(user)
    return queryset.filter(condition(membership.organization_id if membership else None))
