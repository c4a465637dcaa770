"""Django admin texts that Django's own Dutch catalogue lacks; marked here so ours carries them."""

from __future__ import annotations

from django.utils.translation import gettext_noop

MISSING_FROM_DJANGO_DUTCH = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
)
