"""Reads of young people, filtered by visibility, and the audited choke point."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from zicht.audit.constants import Purpose
from zicht.audit.selectors import audited_get
from zicht.people.models import YoungPerson
from zicht.people.permissions import role_keeps_identities
from zicht.people.search import group_condition, parse_search, search_alternatives


def young_person_list_visible_to(*, user: Any) -> QuerySet[YoungPerson]:
    """Support workers and coordinators: young people registered by their organisation."""
    membership = getattr(user, "membership", None) if getattr(user, "is_authenticated", False) else None
    if membership is None or not role_keeps_identities(membership.role):
        return YoungPerson.objects.none()
    return YoungPerson.objects.filter(organization_id=membership.organization_id)


def young_person_get_for_user(*, user: Any, young_person_id: int, purpose: str = Purpose.SUPPORT) -> YoungPerson:
    return audited_get(queryset=young_person_list_visible_to(user=user), pk=young_person_id, user=user, purpose=purpose)


def young_people_matching(*, text: str) -> QuerySet[YoungPerson, Any] | None:
    """The ids (``{"pk": ...}`` rows, for a subquery) of the young people a typed name or date of
    birth finds, by the blind index only (nothing is decrypted). None when the text holds nothing
    to search for. No visibility filter: narrow an already visible queryset with it
    (``young_person__in=...``).

    Each group of the search is one indexed lookup; groups are combined with INTERSECT and the
    alternatives with UNION, so that neither database scans the table (an OR of subqueries made
    PostgreSQL, and a nested AND/OR of columns made SQLite, read every row).
    """
    alternatives = search_alternatives(parse_search(text))
    if not alternatives:
        return None
    combined = []
    for groups in alternatives:
        lookups = [YoungPerson.objects.filter(group_condition(group)).values("pk") for group in groups]
        combined.append(lookups[0].intersection(*lookups[1:]) if len(lookups) > 1 else lookups[0])
    return combined[0].union(*combined[1:]) if len(combined) > 1 else combined[0]
