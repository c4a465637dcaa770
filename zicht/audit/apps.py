from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.audit.permissions import ACCESS_LOG_ROLES
from zicht.common.navigation import NavItem


class AuditConfig(AppConfig):
    name = "zicht.audit"
    label = "audit"
    verbose_name = _("Access log")
    nav_items = (
        NavItem("audit:access_log", _("Access log"), ACCESS_LOG_ROLES, _("Who opened which record, when and why.")),
    )
