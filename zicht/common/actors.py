"""The one actor for work that no person does (scheduled jobs, retention, re-keying).

The access log records it with the username ``system`` (shown as "systeem" in Dutch).
"""

from __future__ import annotations

from typing import Final

SYSTEM_USERNAME: Final = "system"


class SystemActor:
    """Not a user: never authenticated, no membership, no organisation."""

    is_authenticated = False
    is_anonymous = False
    pk = None
    membership = None
    role = None

    def get_username(self) -> str:
        return SYSTEM_USERNAME

    def __repr__(self) -> str:
        return "SystemActor()"


SYSTEM_ACTOR: Final = SystemActor()


def actor_is_system(actor: object) -> bool:
    return isinstance(actor, SystemActor)


def actor_organization_id(actor: object) -> int | None:
    """The organisation an actor acts for (a user's membership or an API principal's), else None."""
    membership = getattr(actor, "membership", None)
    return getattr(membership, "organization_id", None) if getattr(actor, "is_authenticated", False) else None


def actor_role(actor: object) -> str | None:
    membership = getattr(actor, "membership", None)
    return getattr(membership, "role", None) if getattr(actor, "is_authenticated", False) else None
