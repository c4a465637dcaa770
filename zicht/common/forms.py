"""Form helpers shared by every app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError

_FieldT = TypeVar("_FieldT", bound=forms.Field)


def form_add_service_errors(
    form: forms.Form, error: ValidationError, *, aliases: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the field it names (``aliases`` maps service names to
    form fields), else at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = (aliases or {}).get(field, field)
        form.add_error(name if name in form.fields else None, errors)


def form_field(form: forms.BaseForm, name: str, kind: type[_FieldT]) -> _FieldT:
    """``form.fields[name]`` as the ``kind`` of field it is, to set its choices or queryset with types."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"field {name!r} is a {type(field).__name__}, not a {kind.__name__}")
    return field
