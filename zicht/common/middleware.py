"""Language choice: Dutch unless the user chose otherwise; the browser's Accept-Language is ignored."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


def chosen_language(request: HttpRequest) -> str:
    """The language stored by Django's ``set_language`` view, or the site's default (Dutch).

    Professionals share screens and machines set to English; the interface follows an explicit
    choice only, never the browser's Accept-Language header.
    """
    choice = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if choice in dict(settings.LANGUAGES):
        return choice
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(MiddlewareMixin):
    """Replaces Django's LocaleMiddleware (no language prefixes in URLs here)."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
