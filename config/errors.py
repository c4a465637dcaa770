"""The CSRF failure page in the site's layout (Django's own is English and unstyled)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The reason is for the log (Django's CSRF middleware writes it there), not for the user.
    return render(request, "403_csrf.html", status=403)
