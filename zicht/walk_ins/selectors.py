from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zicht.walk_ins.models import WalkInSession
from zicht.walk_ins.permissions import WALK_IN_ROLES


def walk_in_session_list_visible_to(*, user) -> QuerySet[WalkInSession]:
    """Support workers and coordinators see their own organisation's sessions (anonymous counts only)."""
    if not getattr(user, "is_authenticated", False) or user.role not in WALK_IN_ROLES:
        return WalkInSession.objects.none()
    return WalkInSession.objects.filter(organization_id=user.membership.organization_id)


def walk_in_session_get_for_user(*, user, session_id: object) -> WalkInSession:
    # Sessions hold no personal data (counts only), so this read is not audited; outside visibility is a 404.
    return get_object_or_404(walk_in_session_list_visible_to(user=user).prefetch_related("visit_counts"), pk=session_id)
