from __future__ import annotations

from django.db.models import QuerySet

from zicht.accounts.models import Organization
from zicht.outreach.models import Campaign, PreventionLesson, Training
from zicht.outreach.permissions import role_registers_outreach


def _allowed(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and role_registers_outreach(user.role)


def training_list_visible_to(*, user) -> QuerySet[Training]:
    """Outreach is not personal data: support workers and coordinators see all of the municipality's."""
    if not _allowed(user):
        return Training.objects.none()
    return Training.objects.select_related("organiser").prefetch_related("audiences")


def prevention_lesson_list_visible_to(*, user) -> QuerySet[PreventionLesson]:
    return PreventionLesson.objects.select_related("organiser") if _allowed(user) else PreventionLesson.objects.none()


def campaign_list_visible_to(*, user) -> QuerySet[Campaign]:
    return Campaign.objects.select_related("organiser") if _allowed(user) else Campaign.objects.none()


def organiser_choices() -> QuerySet[Organization]:
    return Organization.objects.filter(is_active=True).order_by("name")
