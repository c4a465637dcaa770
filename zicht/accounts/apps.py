from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _

from zicht.accounts.permissions import ADMINISTRATION_ROLES
from zicht.common.navigation import NavItem


class AccountsConfig(AppConfig):
    default = True
    name = "zicht.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")
    nav_items = (
        NavItem("admin:index", _("Administration"), ADMINISTRATION_ROLES, _("Users, organisations and code lists.")),
        NavItem(
            "accounts:access_review",
            _("Access review"),
            ADMINISTRATION_ROLES,
            _("Who has which role where, last login and status."),
        ),
    )


class ZichtAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "zicht.accounts.admin_site.ZichtAdminSite"
