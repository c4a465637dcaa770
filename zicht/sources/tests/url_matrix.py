"""Permission-matrix rows for partner lists and estimates."""

from __future__ import annotations

import datetime as dt

from zicht.common.roles import Role
from zicht.common.testing import UrlCase

UPLOAD_ROLES = frozenset({Role.PARTNER, Role.COORDINATOR})
ESTIMATE_ROLES = frozenset({Role.COORDINATOR, Role.ANALYST})


def _own_list(personas, role):
    from zicht.sources.models import SourceList

    user = personas.get(role) if role in UPLOAD_ROLES else personas[Role.PARTNER]
    source_list = SourceList.objects.create(
        organization=user.organization, name="Matrix", year=2025, row_count=0, key_id="0" * 16
    )
    return {"source_list_id": source_list.pk}


def _snapshot(personas, role):
    from zicht.sources.models import EstimateSnapshot

    snapshot = EstimateSnapshot.objects.create(
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        method="stepwise",
        library_version="0",
        inputs={"lists": ["A", "B"], "patterns": [[1, 0], [0, 1], [1, 1]], "counts": [30, 20, 10]},
        sources=["A", "B"],
        estimate=90.0,
        observed=60,
    )
    return {"snapshot_id": snapshot.pk}


URLS = [
    UrlCase("sources:list_index", UPLOAD_ROLES),
    UrlCase("sources:list_upload", UPLOAD_ROLES),
    UrlCase("sources:list_detail", UPLOAD_ROLES, kwargs_factory=_own_list),
    UrlCase("sources:estimate_list", ESTIMATE_ROLES),
    UrlCase("sources:estimate_create", ESTIMATE_ROLES),
    UrlCase("sources:estimate_detail", ESTIMATE_ROLES, kwargs_factory=_snapshot, object_scope="municipality"),
    UrlCase("sources:estimate_upset", ESTIMATE_ROLES, kwargs_factory=_snapshot, object_scope="municipality"),
]
