"""Code lists of case meetings (codes are English/ASCII; labels are translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingForm(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")


# An open action counts as "due soon" this many days before its due date (and as overdue after it).
DUE_SOON_DAYS = 7
