from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.fields import EncryptedCharField, EncryptedDateField
from zicht.common.models import TimeStampedModel
from zicht.common.validators import validate_bsn


class YoungPerson(TimeStampedModel):
    """The only place where a young person's identity lives, encrypted at rest.

    Everything else refers to this row's id (a pseudonymous id); lookups by identity go through
    the keyed pseudonyms, never through these columns.
    """

    organization = models.ForeignKey("accounts.Organization", on_delete=models.PROTECT, related_name="young_people", verbose_name=_("registered by"))
    given_names = EncryptedCharField(_("given names"), max_length=200, blank=True)
    family_name_prefix = EncryptedCharField(_("tussenvoegsel"), max_length=30, blank=True)
    family_name = EncryptedCharField(_("family name"), max_length=200, blank=True)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    bsn = EncryptedCharField(_("citizen service number (BSN)"), max_length=9, blank=True, validators=[validate_bsn])

    class Meta:
        verbose_name = _("young person")
        verbose_name_plural = _("young people")

    def __str__(self) -> str:
        return f"{_('young person')} {self.pk}"

    @property
    def display_name(self) -> str:
        parts = [self.given_names, self.family_name_prefix, self.family_name]
        return " ".join(p for p in parts if p) or str(_("unknown"))
