"""What a route through the action framework contributes to the statistics tallies
(``zicht.common.tallies``), on the local day it started.

The organisation of a tally is the one a route is counted for: a triage route's support
organisation, a professional route's concern's handling organisation (0 while it has none).
Per step (``kind:code``): whether the route reached it (the first step, or the step before was
completed), completed it, and completed it within its norm; per completed step, the time from
the start of the route in bands; per professional route, each decision of its completed steps
by the professional's organisation (its kind is looked up when summing, so a changed kind never
makes the tallies drift).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.utils import timezone

from zicht.common.tallies import Tallies, TallyKey, keeps_tallies
from zicht.framework.constants import RouteKind
from zicht.framework.models import Route, RouteStep

TOPICS = ("framework.reach", "framework.time", "framework.decision")
# Days from the start of the route to a step's completion: (code, lower bound inclusive, upper bound exclusive).
STEP_TIME_BANDS = (("same_day", None, 1), ("1_3", 1, 4), ("4_7", 4, 8), ("8_14", 8, 15), ("over_14", 15, None))


def time_band(days: float) -> str:
    for code, low, high in STEP_TIME_BANDS:
        if (low is None or days >= low) and (high is None or days < high):
            return code
    raise AssertionError(days)  # the bands cover every number


def route_tallies(ids: Iterable[int]) -> Tallies:
    ids = list(ids)
    tallies: Tallies = Counter()
    if not ids:
        return tallies
    routes = {
        pk: (kind, organization, started_at, handling)
        for pk, kind, organization, started_at, handling in Route.objects.filter(pk__in=ids).values_list(
            "pk", "kind", "organization_id", "started_at", "concern__handling_organization_id"
        )
    }
    steps: dict[int, list[tuple]] = defaultdict(list)
    for row in RouteStep.objects.filter(route_id__in=ids).values_list(
        "route_id", "step__route_kind", "step__code", "step__order", "completed_at", "due_at", "decision__code"
    ):
        steps[row[0]].append(row[1:])
    for pk, (kind, organization, started_at, handling) in routes.items():
        day = timezone.localtime(started_at).date()
        org = organization if kind == RouteKind.TRIAGE else (handling or 0)
        done = {order for _k, _c, order, completed_at, _d, _dc in steps[pk] if completed_at is not None}
        decisions = set()
        for step_kind, code, order, completed_at, due_at, decision in steps[pk]:
            key = f"{step_kind}:{code}"
            if order == 1 or order - 1 in done:
                tallies[TallyKey("framework.reach", day, org, key, "reached")] += 1
            if completed_at is None:
                continue
            tallies[TallyKey("framework.reach", day, org, key, "completed")] += 1
            if due_at is not None and completed_at <= due_at:
                tallies[TallyKey("framework.reach", day, org, key, "in_norm")] += 1
            days = (completed_at - started_at).total_seconds() / 86400
            tallies[TallyKey("framework.time", day, org, key, time_band(days))] += 1
            if decision is not None and kind == RouteKind.PROFESSIONAL:
                decisions.add(decision)
        for decision in decisions:
            tallies[TallyKey("framework.decision", day, org, str(organization), decision)] += 1
    return tallies


def route_ids_all() -> Iterable[int]:
    return Route.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=10_000)


def keeps_route_tallies(*, touched=lambda kwargs: (), created=lambda result: ()):
    return keeps_tallies(route_tallies, touched=touched, created=created)


def touched_route(kwargs: dict) -> list[int]:
    route = kwargs.get("route")
    return [] if route is None else [route.pk]


def created_route(route: Route | None) -> list[int]:
    return [] if route is None else [route.pk]
