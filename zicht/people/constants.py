"""Code lists about a young person (codes are English/ASCII; labels are translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "female", _("Girl or woman")
    MALE = "male", _("Boy or man")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class District(models.TextChoices):
    """The eight districts (stadsdelen) of The Hague."""

    CENTRUM = "centrum", _("Centrum")
    ESCAMP = "escamp", _("Escamp")
    HAAGSE_HOUT = "haagse_hout", _("Haagse Hout")
    LAAK = "laak", _("Laak")
    LEIDSCHENVEEN_YPENBURG = "leidschenveen_ypenburg", _("Leidschenveen-Ypenburg")
    LOOSDUINEN = "loosduinen", _("Loosduinen")
    SCHEVENINGEN = "scheveningen", _("Scheveningen")
    SEGBROEK = "segbroek", _("Segbroek")
    UNKNOWN = "unknown", _("Unknown")


NAME_MAX_LENGTH = 200
PREFIX_MAX_LENGTH = 30
