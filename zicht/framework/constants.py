"""Code lists of the handelingskader (action framework)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RouteKind(models.TextChoices):
    """Whose route a step belongs to: the professional with a signal, or the support organisation's triage."""

    PROFESSIONAL = "professional", _("Professional with a signal")
    TRIAGE = "triage", _("Triage by the support organisation")


class TriageStepCode(models.TextChoices):
    """The triage steps the concern pages record; every published version has each of them."""

    FIRST_CONTACT = "first_contact", _("First contact")
    SAFETY_CHECK = "safety_check", _("Safety check")
    DECISION = "decision", _("Decision")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know yet")


class NormUnit(models.TextChoices):
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
