"""Reads of the council app, visibility-filtered: council roles of the same municipality."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from zicht.audit.constants import Purpose
from zicht.audit.selectors import audited_get
from zicht.council.constants import CLOSED_STATUSES, DEFAULT_WARNING_DAYS, DeadlineState
from zicht.council.deadlines import deadline_state, local_today
from zicht.council.models import AnswerFigure, CouncilQuestion
from zicht.council.permissions import role_uses_council


def warning_days() -> int:
    return int(getattr(settings, "ZICHT_COUNCIL_WARNING_DAYS", DEFAULT_WARNING_DAYS))


def council_question_list_visible_to(*, user) -> models.QuerySet[CouncilQuestion]:
    """Deny by default; coordinators and analysts see the letters of their own municipality."""
    if not getattr(user, "is_authenticated", False) or not role_uses_council(user.role) or user.organization is None:
        return CouncilQuestion.objects.none()
    return CouncilQuestion.objects.filter(municipality=user.organization.municipality).select_related("responsible")


def council_question_get_for_user(
    *, user, question_id: object, purpose: Purpose | str = Purpose.STATISTICS
) -> CouncilQuestion:
    """The one choke point to open a letter (404 outside the user's visibility, audited)."""
    return audited_get(queryset=council_question_list_visible_to(user=user), pk=question_id, user=user, purpose=purpose)


def council_questions_needing_attention(
    *,
    user,
    today: datetime.date | None = None,
    days: int | None = None,
) -> list[tuple[CouncilQuestion, DeadlineState]]:
    """Open letters that are overdue or due within ``days`` (local date), most urgent first."""
    today = today or local_today()
    days = warning_days() if days is None else days
    open_questions = council_question_queue(
        queryset=council_question_list_visible_to(user=user), name="deadline", today=today, days=days
    ).order_by("deadline", "pk")
    return [
        (q, deadline_state(deadline=q.deadline, status=q.status, today=today, warning_days=days))
        for q in open_questions
    ]


def figures_by_id(question: CouncilQuestion) -> dict[int, AnswerFigure]:
    return {figure.pk: figure for figure in AnswerFigure.objects.filter(item__question=question)}


def council_question_queue(
    *,
    queryset: models.QuerySet[CouncilQuestion],
    name: str,
    today: datetime.date | None = None,
    days: int | None = None,
) -> models.QuerySet[CouncilQuestion]:
    """The named home-page queue (``deadline``: open, overdue or due within ``days``); other names: unchanged."""
    if name != "deadline":
        return queryset
    today = today or local_today()
    days = warning_days() if days is None else days
    return queryset.exclude(status__in=CLOSED_STATUSES).filter(deadline__lte=today + datetime.timedelta(days=days))
