"""Response headers that hold for the whole site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


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
