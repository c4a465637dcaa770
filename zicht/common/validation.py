"""One way to collect validation errors by field and raise them together (services use it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

from zicht.common.types import StrOrPromise


class ErrorCollector:
    """Collects ``ValidationError``s per field; ``raise_if_any()`` raises one error naming them all.

    >>> errors = ErrorCollector()
    >>> errors.check("age", int, "x")  # doctest: +SKIP
    """

    def __init__(self) -> None:
        self.errors: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: StrOrPromise, *, code: str, params: dict[str, Any] | None = None) -> None:
        self.errors.setdefault(field, []).append(ValidationError(message, code=code, params=params))

    def extend(self, field: str, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.errors.setdefault(name, []).extend(errors)
        else:
            self.errors.setdefault(field, []).extend(error.error_list)

    def check(self, field: str, check: Callable[..., object], *args: Any, **kwargs: Any) -> bool:
        """Run ``check``; a ValidationError it raises is kept under ``field``. True when it passed."""
        try:
            check(*args, **kwargs)
        except ValidationError as error:
            self.extend(field, error)
            return False
        return True

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def field_error(field: str, message: StrOrPromise, code: str, params: dict[str, Any] | None = None) -> ValidationError:
    """A ValidationError naming one field, with its code kept for tests and callers."""
    return ValidationError({field: ValidationError(message, code=code, params=params)})
