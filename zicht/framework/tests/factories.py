"""Test helpers: routes through the seeded version 1 (the data migration's), walked by the services."""

from __future__ import annotations

from zicht.framework.models import Route
from zicht.framework.services import route_start, route_step_save

# Version 1's professional steps in order, and the decision that continues as a concern.
PROFESSIONAL_STEPS = ("map_signals", "consult", "conversation", "weigh", "decide")
REPORT_TO_SUPPORT = "report_support"


def route_walk(*, user, decision: str = REPORT_TO_SUPPORT, steps: int = len(PROFESSIONAL_STEPS)) -> Route:
    """A route started by ``user`` with its first ``steps`` steps completed (the last with ``decision``)."""
    route = route_start(user=user)
    for code in PROFESSIONAL_STEPS[:steps]:
        route_step_save(
            route=route,
            user=user,
            step_code=code,
            decision_code=decision if code == "decide" else "",
            complete=True,
        )
    route.refresh_from_db()
    return route
