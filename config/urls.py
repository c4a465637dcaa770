from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.api import api
from zicht.accounts import views as account_views
from zicht.common import health

handler500 = "config.errors.server_error"

# Each domain app owns its URLs under its own prefix; an app without pages yet has an empty list.
urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("account/", include("zicht.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("audit/", include("zicht.audit.urls")),
    path("handelingskader/", include("zicht.framework.urls")),
    path("meldingen/", include("zicht.concerns.urls")),
    path("casussen/", include("zicht.cases.urls")),
    path("inloopspreekuur/", include("zicht.walk_ins.urls")),
    path("voorlichting/", include("zicht.outreach.urls")),
    path("verwijsindex/", include("zicht.matching.urls")),
    path("bronnen/", include("zicht.sources.urls")),
    path("cijfers/", include("zicht.stats.urls")),
    path("raadsvragen/", include("zicht.council.urls")),
    path("casusoverleg/", include("zicht.meetings.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", api.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
