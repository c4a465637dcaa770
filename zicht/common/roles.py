"""The roles a member of an organisation can have (one code list, used by every app)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    SUPPORT_WORKER = "support_worker", _("Support worker")
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    ANALYST = "analyst", _("Analyst")
    ADMIN = "admin", _("Administrator")
