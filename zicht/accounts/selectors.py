from __future__ import annotations

from django.db.models import QuerySet

from zicht.accounts.models import Organization
from zicht.audit.constants import Purpose
from zicht.audit.selectors import audited_get


def organization_list_visible_to(*, user) -> QuerySet[Organization]:
    """Members see their own organisation (its contact list); nobody sees another's."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None:
        return Organization.objects.none()
    return Organization.objects.filter(pk=membership.organization_id)


def organization_get_for_user(*, user, organization_id: int, purpose: str = Purpose.COORDINATION) -> Organization:
    return audited_get(queryset=organization_list_visible_to(user=user), pk=organization_id, user=user, purpose=purpose)
