"""Hooks through which higher apps add to a case's page, without the cases app importing them.

An ``AppConfig`` may declare
- ``case_timeline_entries``: dotted paths of ``f(*, case) -> list[TimelineEntry]``, merged into
  the case's timeline by time (the entries come from that app's own append-only records);
- ``case_panels``: dotted paths of ``f(*, request, case) -> str``, HTML sections shown on the
  case page below the referrals.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from zicht.cases.models import Case, CaseEvent


@dataclass(frozen=True)
class TimelineEntry:
    """A timeline line contributed by another app; reads like a ``CaseEvent`` in the template."""

    at: datetime.datetime
    kind_label: str
    description: str
    by: Any = None
    text: str = ""

    def get_kind_display(self) -> str:
        return self.kind_label


def _hooks(attribute: str) -> Iterator[Any]:
    for config in apps.get_app_configs():
        for path in getattr(config, attribute, ()):
            yield import_string(path)


def case_timeline(case: Case) -> list[CaseEvent | TimelineEntry]:
    """The case's own events and the entries other apps contribute, oldest first."""
    entries: list[CaseEvent | TimelineEntry] = list(case.events.select_related("by").order_by("at", "pk"))
    for contribute in _hooks("case_timeline_entries"):
        entries.extend(contribute(case=case))
    return sorted(entries, key=lambda entry: entry.at)


def case_panels(*, request: HttpRequest, case: Case) -> list[SafeString]:
    return [SafeString(panel(request=request, case=case)) for panel in _hooks("case_panels")]
