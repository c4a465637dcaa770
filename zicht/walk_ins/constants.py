from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitorType(models.TextChoices):
    YOUNG_PERSON = "young_person", _("Young person")
    PARENT = "parent", _("Parent or carer")
    PROFESSIONAL = "professional", _("Professional")


class VisitTopic(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal exploitation")
    SEXUAL = "sexual", _("Sexual exploitation")
    LABOUR = "labour", _("Labour exploitation")
    OTHER = "other", _("Other exploitation")
    GENERAL = "general", _("General question")


# Defaults of the walk-in schedule (override in settings): Python weekdays, Monday = 0.
DEFAULT_WEEKDAYS = (1, 3)  # Tuesday and Thursday: "at least twice a week"
DEFAULT_STARTS_AT = "15:00"
DEFAULT_ENDS_AT = "17:00"
DEFAULT_LOCATION = ""
MAX_GENERATE_DAYS = 2 * 366
MAX_COUNT = 1000
