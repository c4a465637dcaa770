from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from zicht.audit.chain import entry_digest, search_term_digest
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry, AuditChainHead


def _object_type(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


def _ids(values: Iterable[object]) -> list[int | str]:
    """Distinct ids in the order shown; ``None`` (no person linked) left out."""
    seen: dict[int | str, None] = {}
    for value in values:
        if value is not None:
            seen.setdefault(value if isinstance(value, int) else str(value), None)
    return list(seen)


def audit_detail(
    *,
    ids: Iterable[object] | None = None,
    persons: Iterable[object] | None = None,
    search: str = "",
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``detail`` of an entry: ids of what was shown and a search term's keyed hash, never content."""
    detail: dict[str, Any] = dict(extra or {})
    if ids is not None:
        detail["ids"] = _ids(ids)
    if persons is not None:
        detail["persons"] = _ids(persons)
    if search and search.strip():
        detail["search"] = search_term_digest(search)
    return detail


# No savepoint when called inside a caller's transaction: a failed entry fails the caller's whole
# write (never the write without its entry), and two statements per entry are saved.
@transaction.atomic(savepoint=False)
def access_log_record(
    *,
    user,
    action: AccessAction | str,
    purpose: Purpose | str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    ids: Iterable[object] | None = None,
    persons: Iterable[object] | None = None,
    search: str = "",
    detail: Mapping[str, Any] | None = None,
) -> AccessLogEntry:
    """Append one entry to the access log, chained to the previous one.

    Name the object with ``obj`` or with ``object_type``/``object_id``. The content of the
    object is never recorded. A list names the objects it showed (``ids``) and the young persons
    among them (``persons``); a search term is kept only as its keyed hash.
    """
    if action not in AccessAction.values:
        raise ValueError(f"unknown audit action: {action!r}")
    if purpose not in Purpose.values:
        raise ValueError(f"unknown audit purpose: {purpose!r}")
    if obj is not None:
        object_type, object_id = _object_type(obj), obj.pk
    if not object_type:
        raise ValueError("an audit entry needs the object it concerns")

    # The UPDATE takes the write lock first (row lock on PostgreSQL, database lock on SQLite),
    # so concurrent writers queue here and the chain never forks.
    if not AuditChainHead.objects.filter(pk=1).update(last_sequence=F("last_sequence") + 1):
        AuditChainHead.objects.get_or_create(pk=1)
        AuditChainHead.objects.filter(pk=1).update(last_sequence=F("last_sequence") + 1)
    head = AuditChainHead.objects.select_for_update().get(pk=1)

    authenticated = bool(getattr(user, "is_authenticated", False))
    membership = user.membership if authenticated else None
    values = {
        "sequence": head.last_sequence,
        "created_at": timezone.now(),
        "actor_id": user.pk if authenticated else None,
        "actor_username": user.get_username() if user is not None and hasattr(user, "get_username") else "",
        "organization_id_snapshot": membership.organization_id if membership else None,
        "role": membership.role if membership else "",
        "action": str(action),
        "object_type": object_type,
        "object_id": "" if object_id is None else str(object_id),
        "purpose": str(purpose),
        "detail": audit_detail(ids=ids, persons=persons, search=search, extra=detail) or None,
        "prev_hash": head.last_hash,
    }
    entry_hash = entry_digest(values)
    entry = AccessLogEntry.objects.create(entry_hash=entry_hash, **values)
    AuditChainHead.objects.filter(pk=1).update(last_hash=entry_hash)
    return entry
