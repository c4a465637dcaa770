"""Shared type aliases."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    # What gettext_lazy returns, as the Django stubs spell it; a plain str is accepted too.
    StrOrPromise: TypeAlias = str | _StrPromise
else:
    StrOrPromise = str | Promise
