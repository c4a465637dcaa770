"""Reads of young people, filtered by visibility, and the audited choke point."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import reduce
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Expression, F, Q, QuerySet, Subquery

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
    to search for. No visibility filter: narrow an already visible queryset with
    ``young_person_search_condition`` (or ``young_person__in=...``).

    Each group of the search is one indexed lookup (an OR of token columns). PostgreSQL gets one
    WHERE of the alternatives (OR) of groups (AND), which it combines on the indexes
    (BitmapAnd/BitmapOr) before reading any row: "Sanne Jansen" reads the few Sannes named
    Jansen, not every Jansen. SQLite, which scans the table for such a nested AND/OR, gets the
    groups combined with INTERSECT and the alternatives with UNION, each an indexed lookup.
    """
    alternatives = search_alternatives(parse_search(text))
    if not alternatives:
        return None
    if connection.vendor == "postgresql":
        condition = reduce(
            operator.or_,
            (reduce(operator.and_, (group_condition(group) for group in groups)) for groups in alternatives),
        )
        return YoungPerson.objects.filter(condition).values("pk")
    combined = []
    for groups in alternatives:
        lookups = [YoungPerson.objects.filter(group_condition(group)).values("pk") for group in groups]
        combined.append(lookups[0].intersection(*lookups[1:]) if len(lookups) > 1 else lookups[0])
    return combined[0].union(*combined[1:]) if len(combined) > 1 else combined[0]


class _OneOfSubquery(Expression):
    """``<column> = ANY(ARRAY(<subquery>))`` (PostgreSQL). The subquery runs once, before the
    outer query (an InitPlan), and the planner, not knowing the array's length, plans for a
    handful of ids: it starts from the people found and looks their rows up by index. With
    ``IN (<subquery>)`` the join order follows the planner's estimate of how many people a hashed
    name finds, and that estimate (INTERSECT and UNION of OR-ed tokens) is off by a factor of
    hundreds either way: for a rare name it read the organisation's whole list in date order."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column: str, queryset: QuerySet[Any, Any]) -> None:
        super().__init__()
        self.column: Any = F(column)
        self.subquery: Any = Subquery(queryset)

    def get_source_expressions(self) -> list[Any]:
        return [self.column, self.subquery]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.column, self.subquery = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        column_sql, column_params = compiler.compile(self.column)
        subquery_sql, subquery_params = compiler.compile(self.subquery)  # "(SELECT ...)"
        return f"{column_sql} = ANY(ARRAY{subquery_sql})", (*column_params, *subquery_params)


def young_person_search_condition(*, text: str, field: str = "young_person") -> Q | None:
    """The condition that narrows a queryset to the rows whose ``field`` (a foreign key to
    ``YoungPerson``) is one of the people ``text`` finds (see ``young_people_matching``); None
    when the text holds nothing to search for. Only blind-index tokens are compared."""
    people = young_people_matching(text=text)
    if people is None:
        return None
    if connection.vendor == "postgresql":
        return Q(_OneOfSubquery(f"{field}_id", people))
    return Q(**{f"{field}__in": people})
