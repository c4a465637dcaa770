from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zicht.common.roles import Role


class ZichtAdminSite(admin.AdminSite):
    """Functional administration: only the admin role (whose MFA the middleware enforces)."""

    site_header = _("Zicht administration")
    site_title = _("Zicht administration")
    index_title = _("Users, organisations and code lists")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_authenticated and user.role == Role.ADMIN)
