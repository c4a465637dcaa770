"""Reads of partner lists (own organisation only) and estimate snapshots (aggregates)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from zicht.audit.constants import Purpose
from zicht.audit.selectors import audited_get
from zicht.sources.models import EstimateSnapshot, SourceList
from zicht.sources.permissions import role_runs_estimates, role_uploads_lists


def source_list_list_visible_to(*, user: Any) -> QuerySet[SourceList]:
    if not role_uploads_lists(getattr(user, "role", None)) or user.organization is None:
        return SourceList.objects.none()
    return SourceList.objects.filter(organization=user.organization).select_related("organization", "uploaded_by")


def source_list_get_for_user(*, user: Any, source_list_id: object, purpose: str = Purpose.STATISTICS) -> SourceList:
    return audited_get(queryset=source_list_list_visible_to(user=user), pk=source_list_id, user=user, purpose=purpose)


def estimate_snapshot_list_visible_to(*, user: Any) -> QuerySet[EstimateSnapshot]:
    if not role_runs_estimates(getattr(user, "role", None)):
        return EstimateSnapshot.objects.none()
    return EstimateSnapshot.objects.select_related("created_by")


def estimate_snapshot_get_for_user(
    *, user: Any, snapshot_id: object, purpose: str = Purpose.STATISTICS
) -> EstimateSnapshot:
    return audited_get(
        queryset=estimate_snapshot_list_visible_to(user=user), pk=snapshot_id, user=user, purpose=purpose
    )
