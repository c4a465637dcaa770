from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    SUPPORT = "support", _("Support organisation")
    CJG = "cjg", _("Youth and family centre (CJG)")
    POLICE = "police", _("Police")
    SCHOOL = "school", _("School")
    YOUTH_WORK = "youth_work", _("Youth work")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    MUNICIPALITY = "municipality", _("Municipality")
    OTHER = "other", _("Other")
