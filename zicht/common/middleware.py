"""Site-wide middleware: the language choice (Dutch unless the user chose otherwise; the browser's
Accept-Language is ignored) and no caching of anything a signed-in user sees."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
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


class NoStoreForAuthenticatedMiddleware:
    """``Cache-Control: no-store`` (and private, no-cache) on every response to a signed-in user
    or to a request that carries credentials (a partner's API token), so no browser, proxy or
    shared cache keeps a page that may show a person. Anonymous pages keep their own headers.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        return response
