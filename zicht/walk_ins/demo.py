"""Synthetic walk-in sessions (twice a week) with anonymous visit counts, 2020 to the end of this year."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zicht.common.actors import SYSTEM_ACTOR
from zicht.common.demo_context import DemoContext
from zicht.walk_ins.models import WalkInVisitCount
from zicht.walk_ins.services import walk_in_schedule_generate

# Expected visitors per session by (visitor type, topic).
MEANS = {
    ("young_person", "criminal"): 0.5,
    ("young_person", "sexual"): 0.4,
    ("young_person", "general"): 0.3,
    ("parent", "criminal"): 0.4,
    ("parent", "sexual"): 0.3,
    ("parent", "general"): 0.2,
    ("professional", "criminal"): 0.8,
    ("professional", "sexual"): 0.5,
    ("professional", "labour"): 0.1,
    ("professional", "general"): 0.4,
    ("young_person", "other"): 0.05,
}


def populate(context: DemoContext) -> None:
    rng = context.rng
    today = timezone.localdate()
    sessions = [
        session
        for year in range(2020, today.year + 1)
        for session in walk_in_schedule_generate(
            organization=context.organizations["shop"],
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
            user=SYSTEM_ACTOR,
        )
    ]
    counts: list[WalkInVisitCount] = []
    for session in sessions:
        if session.date >= today:
            continue
        growth = 1 + (session.date.year - 2020) * 0.12
        for (visitor_type, topic), mean in MEANS.items():
            # A Poisson draw by counting exponential arrivals within one session.
            n, t = 0, rng.expovariate(mean * growth)
            while t < 1:
                n, t = n + 1, t + rng.expovariate(mean * growth)
            if n:
                counts.append(WalkInVisitCount(session=session, visitor_type=visitor_type, topic=topic, count=n))
    # Bulk insert for speed; the values obey the same rules walk_in_counts_record enforces.
    WalkInVisitCount.objects.bulk_create(counts, batch_size=500)
    context.log(f"  {len(sessions)} walk-in sessions, {sum(c.count for c in counts)} visits")
