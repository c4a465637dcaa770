"""Denied attempts in the access log: a 403, or a 404 on an object URL, from a signed-in user.

One entry per denial with the actor, the path (never the query string, which may hold a search
term) and the outcome; no object content is ever at hand here. Anonymous visitors are sent to the
login page before anything is denied, and a 404 on a path that names no object is left out, so a
mistyped address costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record

OUTCOMES = {403: AccessAction.DENIED, 404: AccessAction.NOT_FOUND}
MAX_PATH = 200


class DeniedAccessLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        action = OUTCOMES.get(response.status_code)
        if action is None:
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
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
