"""Denied attempts in the access log: a 403, or a 404 on an object URL, from a signed-in user.

One entry per denial with the actor (a signed-in user or a partner system's API token), the path
(never the query string, which may hold a search term) and the outcome; no object content is at
hand here. Anonymous visitors are sent to the login page before anything is denied, and a 404 on
a path that names no object is left out, so a mistyped address costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record

OUTCOMES = {403: AccessAction.DENIED, 404: AccessAction.NOT_FOUND}
MAX_PATH = 200


def _actor(request: HttpRequest) -> Any:
    """The signed-in user, or the partner system of an API token; None for an anonymous visitor."""
    for actor in (getattr(request, "user", None), getattr(request, "auth", None)):
        if actor is not None and getattr(actor, "is_authenticated", False):
            return actor
    return None


class DeniedAccessLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        action = OUTCOMES.get(response.status_code)
        if action is None:
            return response
        user = _actor(request)
        if user is None:
            return response
        match = getattr(request, "resolver_match", None)
        if action == AccessAction.NOT_FOUND and (match is None or not match.kwargs):
            return response
        access_log_record(
            user=user,
            action=action,
            purpose=Purpose.AUDIT,
            object_type="request",
            object_id=match.view_name[:64] if match is not None else "",
            detail={"path": request.path[:MAX_PATH], "method": request.method, "status": response.status_code},
        )
        return response
