from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from zicht.accounts.mfa import mfa_satisfied

SESSION_STARTED_KEY = "zicht_session_started_at"


class SessionLifetimeMiddleware:
    """Ends a session 12 hours (configurable) after login, however active it was.

    The 15-minute idle limit is Django's own: SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class RequireMFAMiddleware:
    """Sends users of personal-data roles to two-factor verification before anything else."""

    EXEMPT_PREFIXES = ("/static/", "/i18n/", "/account/activeren/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not mfa_satisfied(user):
            exempt = {reverse("accounts:mfa"), reverse("accounts:logout")}
            if request.path not in exempt and not request.path.startswith(self.EXEMPT_PREFIXES):
                if request.path.startswith("/api/"):
                    return HttpResponse(status=401)
                return redirect("accounts:mfa")
        return self.get_response(request)
