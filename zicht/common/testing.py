"""Test helpers shared by the apps (imported only from tests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class UrlCase:
    """One row of the permission matrix.

    ``kwargs_factory(personas, role)`` receives the personas dict (role -> user) and the role
    under test, and returns the URL kwargs, creating objects in the personas' own organisations
    as needed (``role`` is None for the anonymous visitor).
    ``allowed`` are the roles that get 200 on GET; every other role must get 403 or 404.
    ``anonymous`` says whether an anonymous visitor is sent to the login page or served.
    ``object_scope`` says whose object the URL names: ``"organization"`` (only its own
    organisation, or one it was shared with by referral or consent, may open it),
    ``"municipality"`` (one per deployment, shared by every organisation whose role allows the
    page, such as council letters and published estimates).
    """

    name: str
    allowed: frozenset[str]
    kwargs_factory: Callable[[dict[str, Any], str | None], dict[str, Any]] | None = None
    anonymous: Literal["login", "allowed"] = "login"
    query: str = ""
    object_scope: Literal["organization", "municipality"] = "organization"
    extra: dict[str, Any] = field(default_factory=dict)
