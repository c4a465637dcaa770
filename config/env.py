"""Typed readers for environment variables that fail loudly on bad values."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import overload

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@overload
def env_str(name: str, default: str) -> str: ...
@overload
def env_str(name: str, default: None = None) -> str | None: ...
def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(choices)}")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum {minimum}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def dev_secrets(path: Path) -> dict[str, str]:
    """Secrets for the local demo only, generated once and kept outside version control."""
    from cryptography.fernet import Fernet

    stored = json.loads(path.read_text()) if path.exists() else {}
    fresh = {
        "DJANGO_SECRET_KEY": lambda: secrets.token_urlsafe(50),
        "ZICHT_FIELD_KEYS": lambda: Fernet.generate_key().decode(),
        "ZICHT_PSEUDONYM_KEY": lambda: secrets.token_urlsafe(32),
        "ZICHT_AUDIT_KEY": lambda: secrets.token_urlsafe(32),
        "ZICHT_SEARCH_KEY": lambda: secrets.token_urlsafe(32),
    }
    if set(fresh) <= set(stored):
        return stored
    # A secret added in a later version is generated once and kept beside the existing ones.
    values = {**{name: make() for name, make in fresh.items() if name not in stored}, **stored}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values, indent=2))
    path.chmod(0o600)
    return values
