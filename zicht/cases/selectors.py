"""Reads of the cases app, filtered by visibility (deny by default), and the audited choke points."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zicht.accounts.models import User
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.selectors import audited_get
from zicht.audit.services import access_log_record
from zicht.cases.constants import ReferralStatus, young_victim_q
from zicht.cases.models import Case, Referral
from zicht.cases.permissions import role_works_on_cases
from zicht.common.exploitation import ExploitationType
from zicht.common.roles import Role
from zicht.people.models import YoungPerson
from zicht.people.selectors import young_person_get_for_user, young_person_search_condition


def _membership(user):
    return getattr(user, "membership", None) if getattr(user, "is_authenticated", False) else None


def case_list_visible_to(*, user) -> QuerySet[Case]:
    """Support workers and coordinators: the cases of their organisation. Everyone else: none."""
    membership = _membership(user)
    if membership is None or not role_works_on_cases(membership.role):
        return Case.objects.none()
    return Case.objects.filter(organization_id=membership.organization_id)


def case_get_for_user(*, user, case_id: int, purpose: str = Purpose.SUPPORT) -> Case:
    queryset = case_list_visible_to(user=user).select_related(
        "young_person", "lead_worker", "victim_status_decided_by", "organization"
    )
    return audited_get(queryset=queryset, pk=case_id, user=user, purpose=purpose)


def referral_list_visible_to(*, user) -> QuerySet[Referral]:
    """Partners: referrals addressed to their organisation. Support organisation: referrals of its cases."""
    membership = _membership(user)
    if membership is None:
        return Referral.objects.none()
    if membership.role == Role.PARTNER:
        return Referral.objects.filter(to_organization_id=membership.organization_id)
    if role_works_on_cases(membership.role):
        return Referral.objects.filter(case__organization_id=membership.organization_id)
    return Referral.objects.none()


def referral_get_for_user(*, user, referral_id: int, purpose: str = Purpose.REFERRAL) -> Referral:
    queryset = referral_list_visible_to(user=user).select_related(
        "case__young_person", "to_organization", "case__organization", "consent"
    )
    return audited_get(queryset=queryset, pk=referral_id, user=user, purpose=purpose)


def record_list_view(
    *,
    user,
    model: type[models.Model],
    purpose: str = Purpose.SUPPORT,
    shown: Iterable[models.Model] = (),
    person_of: Callable[[Any], int | None] | None = None,
    search: str = "",
) -> None:
    """One LIST entry per list page view: the objects ``shown``, their young persons, the search's hash."""
    rows = list(shown)
    access_log_record(
        user=user,
        action=AccessAction.LIST,
        purpose=purpose,
        object_type=model._meta.label_lower,
        ids=[row.pk for row in rows],
        persons=None if person_of is None else [person_of(row) for row in rows],
        search=search,
    )


def case_open_person_for_concern(*, user, concern) -> YoungPerson | None:
    """The young person of a concern shown on the open-case form: own organisation only, read audited."""
    if concern.young_person_id is None:
        return None
    try:
        return young_person_get_for_user(user=user, young_person_id=concern.young_person_id, purpose=Purpose.TRIAGE)
    except Http404:
        return None


def case_filter(
    queryset: QuerySet[Case],
    *,
    status: str = "",
    exploitation_type: str = "",
    year: int | None = None,
    victim_status: str = "",
    lead_worker_id: int | None = None,
    search: str = "",
) -> QuerySet[Case]:
    """Filters of the case list. ``search`` matches the case number, or the young person's name or
    date of birth through the blind index (no record is decrypted to search)."""
    if status:
        queryset = queryset.filter(status=status)
    if exploitation_type:  # a join that can repeat a case: made distinct below
        queryset = queryset.filter(exploitations__type=exploitation_type).distinct()
    if year:
        queryset = queryset.filter(registration_year=year)
    if victim_status:
        queryset = queryset.filter(victim_status=victim_status)
    if lead_worker_id:
        queryset = queryset.filter(lead_worker_id=lead_worker_id)
    search = search.strip()
    if search:
        if search.isdigit():
            queryset = queryset.filter(pk=int(search))
        elif search.upper().startswith("C-"):
            queryset = queryset.filter(reference__iexact=search)
        else:
            condition = young_person_search_condition(text=search)
            queryset = queryset.none() if condition is None else queryset.filter(condition)
    return queryset


def cases_young_victims(
    queryset: QuerySet[Case],
    *,
    year: int,
    exploitation_type: str = ExploitationType.CRIMINAL,
    opened_until: datetime.datetime | None = None,
) -> QuerySet[Case]:
    """Cases as the source document counts them: registered in ``year``, young (under 21 at
    registration), (suspected) victim, with the given form of exploitation."""
    queryset = queryset.filter(
        young_victim_q(),
        registration_year=year,
        exploitations__type=exploitation_type,
    )
    if opened_until is not None:
        queryset = queryset.filter(opened_at__lte=opened_until)
    return queryset.distinct()


def cases_combined_with(queryset: QuerySet[Case], other_type: str) -> QuerySet[Case]:
    """The cases of ``queryset`` that also have ``other_type`` (e.g. criminal AND sexual)."""
    return queryset.filter(pk__in=Case.objects.filter(exploitations__type=other_type).values("pk"))


def case_list_for_export(*, user) -> QuerySet[Case]:
    """The coordinator's export of the own organisation's case list (no identity columns)."""
    membership = _membership(user)
    if membership is None or membership.role != Role.COORDINATOR:
        return Case.objects.none()
    return case_list_visible_to(user=user).prefetch_related("exploitations").select_related("lead_worker")


def lead_worker_choices(*, user):
    """Support workers and coordinators of the user's organisation (for filters and assignment)."""
    membership = _membership(user)
    if membership is None or not role_works_on_cases(membership.role):
        return User.objects.none()
    return (
        User.objects.filter(
            memberships__organization_id=membership.organization_id,
            memberships__is_active=True,
            memberships__role__in=[Role.SUPPORT_WORKER, Role.COORDINATOR],
        )
        .order_by("first_name", "last_name")
        .distinct()
    )


# Answers count as "received" for this many days after they were given (no per-user read state).
REFERRAL_ANSWER_DAYS = 14

# Named filters behind the home-page counts; the referral list applies the same ones from ``?queue=<key>``.
REFERRAL_QUEUES: dict[str, Callable[[], Q]] = {
    "to_answer": lambda: Q(status=ReferralStatus.PROPOSED),
    "answered": lambda: Q(
        status__in=[ReferralStatus.ACCEPTED, ReferralStatus.REJECTED],
        responded_at__gte=timezone.now() - datetime.timedelta(days=REFERRAL_ANSWER_DAYS),
    ),
}


def referral_queue(*, queryset: QuerySet[Referral], name: str) -> QuerySet[Referral]:
    condition = REFERRAL_QUEUES.get(name)
    return queryset if condition is None else queryset.filter(condition())
