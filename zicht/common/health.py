"""Health endpoints for the process supervisor and the load balancer.

``/healthz`` says the process answers; ``/readyz`` says it can serve: the database answers and
no migration is left unapplied. Both are open (no login), carry no personal data and write no
access-log entry. The answer is a short JSON object; a failure is a 503 with a short reason.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

# The migrations on disk are fixed for the life of a process, so once they were all applied the
# (costly) graph check is not repeated; the database is still asked on every request.
_migrations_applied: set[str] = set()


def unapplied_migrations(alias: str = "default") -> list[str]:
    """Names ``app.migration`` that exist on disk but are not applied in database ``alias``."""
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, backwards in plan if not backwards]


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    alias = "default"
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("readiness: database unreachable")
        return JsonResponse({"status": "unavailable", "reason": "database unreachable"}, status=503)
    if alias not in _migrations_applied:
        try:
            pending = unapplied_migrations(alias)
        except DatabaseError:
            logger.exception("readiness: migration state unreadable")
            return JsonResponse({"status": "unavailable", "reason": "migration state unreadable"}, status=503)
        if pending:
            return JsonResponse(
                {"status": "unavailable", "reason": "unapplied migrations", "count": len(pending)}, status=503
            )
        _migrations_applied.add(alias)
    return JsonResponse({"status": "ok"})
