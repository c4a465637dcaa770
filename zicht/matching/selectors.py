"""Reads of the involvement index, filtered to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from zicht.audit.constants import Purpose
from zicht.audit.selectors import audited_get
from zicht.matching.models import Involvement, MatchNotice
from zicht.matching.permissions import role_uses_index


def involvement_list_visible_to(*, user: Any) -> QuerySet[Involvement]:
    """The active registrations of the user's own organisation."""
    if not role_uses_index(getattr(user, "role", None)) or user.organization is None:
        return Involvement.objects.none()
    return Involvement.objects.filter(
        organization=user.organization, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("organization", "contact")


def involvement_get_for_user(*, user: Any, involvement_id: object, purpose: str = Purpose.COORDINATION) -> Involvement:
    return audited_get(queryset=involvement_list_visible_to(user=user), pk=involvement_id, user=user, purpose=purpose)


def involvement_list_for_organization(*, organization: Any) -> QuerySet[Involvement]:
    """For the partner API: the organisation's own active registrations."""
    return Involvement.objects.filter(
        organization=organization, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    )


def notice_list_visible_to(*, user: Any) -> QuerySet[MatchNotice]:
    """Notices addressed to the user, and those addressed to the user's organisation without a person."""
    if not role_uses_index(getattr(user, "role", None)) or user.organization is None:
        return MatchNotice.objects.none()
    return _notices().filter(Q(recipient=user) | Q(recipient__isnull=True, recipient_organization=user.organization))


def notice_get_for_user(*, user: Any, notice_id: object, purpose: str = Purpose.COORDINATION) -> MatchNotice:
    return audited_get(queryset=notice_list_visible_to(user=user), pk=notice_id, user=user, purpose=purpose)


def notice_list_for_organization(*, organization: Any) -> QuerySet[MatchNotice]:
    """For the partner API: every notice about the organisation's registrations."""
    return _notices().filter(recipient_organization=organization)


def _notices() -> QuerySet[MatchNotice]:
    return MatchNotice.objects.select_related(
        "match", "counterpart__organization", "counterpart__contact", "involvement"
    )


# Named filters behind the home-page counts; the notice list applies the same ones from ``?queue=<key>``.
NOTICE_QUEUES: dict[str, Q] = {"new": Q(read_at__isnull=True)}


def notice_queue(*, queryset: QuerySet[MatchNotice], name: str) -> QuerySet[MatchNotice]:
    condition = NOTICE_QUEUES.get(name)
    return queryset if condition is None else queryset.filter(condition)
