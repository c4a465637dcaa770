from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.fields import EncryptedCharField, EncryptedDateField
from zicht.common.models import TimeStampedModel
from zicht.common.validators import validate_bsn
from zicht.people.constants import NAME_MAX_LENGTH, PREFIX_MAX_LENGTH, District, Gender


def _search_token_field() -> models.CharField:
    # NULL, not "", for an unknown part: anonymised rows then share no token and stay out of matches.
    return models.CharField(max_length=64, null=True, blank=True, editable=False, db_index=True)


class YoungPerson(TimeStampedModel):
    """The only place where a young person's identity lives, encrypted at rest.

    Everything else refers to this row's id (a pseudonymous id); lookups by identity go through
    the keyed pseudonyms, never through these columns. Gender and district are plain,
    non-identifying fields for statistics. The table keeps its first name (it began in ``cases``).
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="young_people", verbose_name=_("registered by")
    )
    given_names = EncryptedCharField(_("given names"), max_length=NAME_MAX_LENGTH, blank=True)
    family_name_prefix = EncryptedCharField(_("tussenvoegsel"), max_length=PREFIX_MAX_LENGTH, blank=True)
    family_name = EncryptedCharField(_("family name"), max_length=NAME_MAX_LENGTH, blank=True)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    bsn = EncryptedCharField(_("citizen service number (BSN)"), max_length=9, blank=True, validators=[validate_bsn])
    # Blind index for search (keyed HMAC tokens, see zicht.people.search); set by the people services.
    search_given_name = _search_token_field()
    search_family_name = _search_token_field()
    search_family_sound = _search_token_field()
    search_date_of_birth = _search_token_field()
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    district = models.CharField(_("district"), max_length=30, choices=District.choices, default=District.UNKNOWN)

    class Meta:
        db_table = "cases_youngperson"
        verbose_name = _("young person")
        verbose_name_plural = _("young people")
        constraints = [
            models.CheckConstraint(condition=models.Q(gender__in=Gender.values), name="young_person_gender_known"),
            models.CheckConstraint(
                condition=models.Q(district__in=District.values), name="young_person_district_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('young person')} {self.pk}"

    @property
    def display_name(self) -> str:
        parts = [self.given_names, self.family_name_prefix, self.family_name]
        return " ".join(p for p in parts if p) or str(_("unknown"))
