"""Reads of concerns, filtered by visibility; ``concern_get_for_user`` is the audited choke point."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.db.models import Case as SqlCase  # never the domain's Case
from django.db.models import Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization
from zicht.audit.constants import Purpose
from zicht.audit.selectors import audited_get
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernStatus, IndicatorCategory, ReporterStatus, Urgency
from zicht.concerns.models import Concern, Indicator
from zicht.concerns.permissions import role_triages_concerns, user_handles_concern
from zicht.concerns.workflow import reporter_status
from zicht.framework.models import Route
from zicht.framework.selectors import StepState, overdue_condition, route_step_states, triage_route_get_for_user
from zicht.people.models import YoungPerson
from zicht.people.selectors import young_person_search_condition


def concern_list_visible_to(*, user) -> QuerySet[Concern]:
    """Reporter: own submitted concerns; support worker/coordinator: their organisation's; others: none."""
    if not getattr(user, "is_authenticated", False):
        return Concern.objects.none()
    membership = user.membership
    if membership is None:
        return Concern.objects.none()
    if membership.role == Role.REPORTER:
        return Concern.objects.filter(reporter=user)
    if role_triages_concerns(membership.role):
        return Concern.objects.filter(handling_organization_id=membership.organization_id)
    return Concern.objects.none()


def concern_purpose_for(user) -> str:
    return Purpose.OWN_REPORT if getattr(user, "role", None) == Role.REPORTER else Purpose.TRIAGE


def concern_get_for_user(*, user, concern_id: object, purpose: str | None = None) -> Concern:
    return audited_get(
        queryset=concern_list_visible_to(user=user).select_related(
            "handling_organization", "reporter_organization", "young_person"
        ),
        pk=concern_id,
        user=user,
        purpose=purpose or concern_purpose_for(user),
    )


_REFERENCE = re.compile(r"(?:M-)?(?:\d{4}-)?(\d{1,9})", re.IGNORECASE)


@dataclass(frozen=True)
class ConcernFilters:
    q: str = ""
    words: str = ""
    status: str = ""
    kind: str = ""
    year: int | None = None
    domain: str = ""
    urgency: str = ""
    form: str = ""
    reporter_organization: Organization | None = None


def concern_filter(*, queryset: QuerySet[Concern], filters: ConcernFilters) -> QuerySet[Concern]:
    """Search and filters on an already visible queryset. ``q`` finds the reference number, or the
    young person's name or date of birth through the blind index (indexed: nothing is scanned or
    decrypted); ``words`` finds words in the description (this one reads every visible row)."""
    if filters.q:
        q = filters.q.strip()
        condition = Q(pk__in=[])
        reference = _REFERENCE.fullmatch(q)  # M-2026-00302, 2026-00302 or 302 (a date is not one)
        if reference:
            condition |= Q(pk=int(reference.group(1)))
        people = young_person_search_condition(text=q)
        if people is not None:
            condition |= people
        queryset = queryset.filter(condition)
    if filters.words:
        words = filters.words.strip()
        queryset = queryset.filter(Q(description__icontains=words) | Q(recruitment_detail__icontains=words))
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.year:
        queryset = queryset.filter(received_at__year=filters.year)
    if filters.urgency:
        queryset = queryset.filter(urgency=filters.urgency)
    if filters.reporter_organization is not None:
        queryset = queryset.filter(reporter_organization=filters.reporter_organization)
    # Joins that can repeat a concern: only these need DISTINCT (which makes a search sort and
    # compare every matching row, for the page and again for the count).
    if filters.domain:
        queryset = queryset.filter(crime_domains__domain=filters.domain).distinct()
    if filters.form:
        queryset = queryset.filter(indicators__form=filters.form).distinct()
    return queryset


def support_organizations_active() -> QuerySet[Organization]:
    return Organization.objects.filter(kind=OrganizationKind.SUPPORT, is_active=True).order_by("name")


def default_handling_organization(*, user=None) -> Organization | None:
    """The user's own organisation if it is a support organisation, else the single active one (or None)."""
    organization = getattr(user, "organization", None) if getattr(user, "is_authenticated", False) else None
    if organization is not None and organization.kind == OrganizationKind.SUPPORT and organization.is_active:
        return organization
    candidates = list(support_organizations_active()[:2])
    return candidates[0] if len(candidates) == 1 else None


def indicator_list_active() -> QuerySet[Indicator]:
    return Indicator.objects.filter(is_active=True).order_by("category", "order", "code")


def indicator_groups() -> list[tuple[str, list[Indicator]]]:
    """Active indicators grouped by category label, in catalogue order."""
    groups: dict[str, list[Indicator]] = {}
    for indicator in indicator_list_active():
        groups.setdefault(indicator.category, []).append(indicator)
    order = list(IndicatorCategory.values)
    return [(str(IndicatorCategory(c).label), groups[c]) for c in sorted(groups, key=order.index)]


def concern_young_person_get(*, user, concern: Concern):
    """The identity attached to a concern, for its handling organisation only; the read is audited."""
    if concern.young_person_id is None or not user_handles_concern(user, concern):
        return None
    queryset = YoungPerson.objects.filter(organization_id=concern.handling_organization_id)
    try:
        return audited_get(queryset=queryset, pk=concern.young_person_id, user=user, purpose=Purpose.TRIAGE)
    except Http404:
        return None


def reporting_organizations(*, queryset: QuerySet[Concern]) -> QuerySet[Organization]:
    """The organisations that reported the concerns in ``queryset`` (for a filter)."""
    return Organization.objects.filter(pk__in=queryset.values("reporter_organization")).order_by("name")


def concern_case_ids(*, concern: Concern) -> list[tuple[int, str]]:
    """Ids and references of the cases opened from this concern (for links; the cases app decides who may open them)."""
    related = getattr(concern, "cases", None)
    return list(related.order_by("pk").values_list("pk", "reference")) if related is not None else []


# Named filters behind the home-page counts; the lists apply the same ones from ``?queue=<key>``.
_OPEN = [ConcernStatus.NEW, ConcernStatus.IN_TRIAGE]
CONCERN_QUEUES: dict[str, Q] = {
    "new": Q(status=ConcernStatus.NEW),
    "urgent": Q(status__in=_OPEN, urgency__in=[Urgency.HIGH, Urgency.ACUTE]),
    "no_first_contact": Q(status__in=_OPEN, first_contact_at__isnull=True),
    "overdue": Q(status__in=_OPEN) & overdue_condition("triage_route"),
}
REPORTER_QUEUES: dict[str, Q] = {
    status: Q(status__in=[s for s in ConcernStatus.values if reporter_status(s) == status])
    for status in (ReporterStatus.RECEIVED, ReporterStatus.PICKED_UP)
}


def concern_queue(
    *, queryset: QuerySet[Concern], name: str, queues: dict[str, Q] = CONCERN_QUEUES
) -> QuerySet[Concern]:
    """``queryset`` narrowed to the named queue; an unknown name leaves it as it is."""
    condition = queues.get(name)
    return queryset if condition is None else queryset.filter(condition)


def concern_queue_counts(*, queryset: QuerySet[Concern], queues: dict[str, Q] = CONCERN_QUEUES) -> dict[str, int]:
    """The size of every named queue in one pass (the same conditions as ``concern_queue``).

    Only rows in some queue are read (open concerns, on the status index), not the organisation's history."""
    any_queue = reduce(operator.or_, queues.values())
    counts = {name: Count("pk", filter=condition) for name, condition in queues.items()}
    return queryset.filter(any_queue).aggregate(**counts)


# Most urgent first (a plain sort of the codes would put "low" before "normal").
_URGENCY_RANK = [Urgency.ACUTE, Urgency.HIGH, Urgency.NORMAL, Urgency.LOW]


def concern_open_by_urgency(*, queryset: QuerySet[Concern]) -> QuerySet[Concern]:
    """The open concerns (new or in triage), most urgent first and, within an urgency, the one
    that has waited longest first: what the concern list opens on."""
    rank = SqlCase(
        *(When(urgency=u, then=Value(i)) for i, u in enumerate(_URGENCY_RANK)),
        default=Value(len(_URGENCY_RANK)),
        output_field=IntegerField(),
    )
    return queryset.filter(status__in=_OPEN).annotate(urgency_rank=rank).order_by("urgency_rank", "received_at", "pk")


def concern_triage_states(*, user, concern: Concern) -> list[StepState]:
    """The triage route's steps with their norms, for the handling organisation (the read is audited)."""
    if concern.triage_route_id is None or not user_handles_concern(user, concern):
        return []
    return route_step_states(route=triage_route_get_for_user(user=user, route_id=concern.triage_route_id))


def concern_framework_route_get(*, user, concern: Concern) -> Route | None:
    """The reporter's route that led to the concern, for its handling organisation (the read is audited)."""
    if concern.framework_route_id is None or not user_handles_concern(user, concern):
        return None
    return audited_get(
        queryset=Route.objects.select_related("version"),
        pk=concern.framework_route_id,
        user=user,
        purpose=Purpose.TRIAGE,
    )
