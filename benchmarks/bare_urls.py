"""The app's URLs plus ``/bench/bare/`` (only in ``benchmarks.bare_settings``): the yardstick of
``benchmarks/public_form_load.py``, a Django view behind the same middleware (session, CSRF,
authentication, security headers) that makes one database round trip and redirects, as the
public form does after a submission."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    if request.method == "POST":
        return HttpResponseRedirect("/bench/bare/")
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *app_urlpatterns]
