"""Periods of statistics: inclusive date ranges turned into timezone-aware bounds."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def since(self) -> datetime.datetime:
        """Local midnight at the start (inclusive)."""
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def until(self) -> datetime.datetime:
        """Local midnight after the end (exclusive)."""
        return timezone.make_aware(datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min))

    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def describe(self) -> str:
        return _("%(start)s to %(end)s") % {
            "start": formats.date_format(self.start, "j F Y"),
            "end": formats.date_format(self.end, "j F Y"),
        }


def default_period(today: datetime.date | None = None) -> Period:
    """The last two full calendar years and the current year up to today (as the council asks)."""
    today = today or timezone.localdate()
    return Period(datetime.date(today.year - 2, 1, 1), today)
