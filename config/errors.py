"""The CSRF failure and server error pages in the site's layout (Django's own are English and unstyled)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from zicht.common.request_log import request_id_of


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The reason is for the log (Django's CSRF middleware writes it there), not for the user.
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Like Django's: rendered without a request context (no database, no session), plus the request
    id for the user to quote; the traceback is in the log under the same id."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": request_id_of(request)}))
