from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.accounts.models import Membership, Organization, User
from zicht.accounts.permissions import role_administers
from zicht.audit.constants import Purpose
from zicht.audit.selectors import audited_get
from zicht.common.roles import Role


def organization_list_visible_to(*, user) -> QuerySet[Organization]:
    """Members see their own organisation (its contact list); nobody sees another's."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None:
        return Organization.objects.none()
    return Organization.objects.filter(pk=membership.organization_id)


def organization_get_for_user(*, user, organization_id: int, purpose: str = Purpose.COORDINATION) -> Organization:
    return audited_get(queryset=organization_list_visible_to(user=user), pk=organization_id, user=user, purpose=purpose)


def user_list_unused(*, days: int, now: datetime | None = None) -> QuerySet[User]:
    """Active accounts without a login in ``days`` days; never logged in counts from when it was made."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return (
        User.objects.filter(is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .order_by("username")
    )


# --- access review (admin role) ------------------------------------------------------------------


@dataclass(frozen=True)
class AccessReviewRow:
    """One user × role × organisation, with the last login and the status of account and role."""

    user_id: int
    username: str
    name: str
    role: str
    organization: str
    last_login: datetime | None
    has_authenticator: bool
    account_active: bool
    membership_active: bool

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else ""

    @property
    def status(self) -> str:
        if not self.account_active:
            return _("Deactivated")
        if not self.membership_active:
            return _("Role ended")
        return _("Active")


# Sort keys of the review: the request's value -> a key on a row (unknown values sort by user).
ACCESS_REVIEW_SORTS: dict[str, Callable[[AccessReviewRow], Any]] = {
    "username": lambda r: r.username.casefold(),
    "name": lambda r: r.name.casefold(),
    "role": lambda r: r.role_label.casefold(),
    "organization": lambda r: r.organization.casefold(),
    # Never logged in sorts as the oldest login.
    "last_login": lambda r: r.last_login or datetime.min.replace(tzinfo=UTC),
    "status": lambda r: r.status,
}


def access_review_rows(*, user, sort: str = "username") -> list[AccessReviewRow]:
    """Every account with each of its memberships (also ended ones): the admin role only."""
    if not (getattr(user, "is_authenticated", False) and role_administers(user.role)):
        return []
    users = User.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organization").order_by("-is_active", "pk"))
    ).annotate(authenticators=Count("totpdevice", filter=Q(totpdevice__confirmed=True), distinct=True))
    rows = []
    for account in users:
        memberships: list[Membership | None] = list(account.memberships.all()) or [None]
        for membership in memberships:
            rows.append(
                AccessReviewRow(
                    user_id=account.pk,
                    username=account.get_username(),
                    name=account.get_full_name(),
                    role=membership.role if membership else "",
                    organization=membership.organization.name if membership else "",
                    last_login=account.last_login,
                    has_authenticator=account.authenticators > 0,
                    account_active=account.is_active,
                    membership_active=bool(membership and membership.is_active),
                )
            )
    descending = sort.startswith("-")
    key = ACCESS_REVIEW_SORTS.get(sort.lstrip("-"), ACCESS_REVIEW_SORTS["username"])
    rows.sort(key=lambda r: r.username.casefold())  # a stable tie-break
    rows.sort(key=key, reverse=descending)
    return rows
