from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.accounts.constants import Role
from zicht.common.navigation import NavItem


class AuditConfig(AppConfig):
    name = "zicht.audit"
    label = "audit"
    verbose_name = _("Access log")
    nav_items = (NavItem("audit:access_log", _("Access log"), frozenset({Role.ADMIN}), _("Who opened which record, when and why.")),)
