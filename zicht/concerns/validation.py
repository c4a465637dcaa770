"""Checks of concern input shared by services and forms; each raises ValidationError with a code."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zicht.concerns.constants import DESCRIPTION_MAX_LENGTH
from zicht.people.ages import MAX_AGE


def validate_age_estimate(value: int | None) -> None:
    if value is not None and not 0 <= value <= MAX_AGE:
        raise ValidationError(
            _("The estimated age must be between 0 and %(max)s."), code="age_out_of_range", params={"max": MAX_AGE}
        )


def validate_free_text(value: str, *, max_length: int = DESCRIPTION_MAX_LENGTH) -> None:
    if len(value) > max_length:
        raise ValidationError(
            _("This text is too long: at most %(max)s characters (it has %(length)s)."),
            code="too_long",
            params={"max": max_length, "length": len(value)},
        )


def validate_codes(values: Iterable[str], allowed: Iterable[str]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError(
            _("Unknown code: %(codes)s. Choose from the list."),
            code="unknown_code",
            params={"codes": ", ".join(unknown)},
        )


def validate_code(value: str, allowed: Iterable[str]) -> None:
    validate_codes([value], allowed)
