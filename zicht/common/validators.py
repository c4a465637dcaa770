from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zicht.common.pseudonyms import bsn_is_valid


def validate_bsn(value: str) -> None:
    if value and not bsn_is_valid(value):
        raise ValidationError(
            _("This is not a valid citizen service number (BSN): it fails the eleven test."), code="invalid_bsn"
        )
