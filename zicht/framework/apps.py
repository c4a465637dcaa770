from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import NavItem
from zicht.framework.permissions import READER_ROLES


class FrameworkConfig(AppConfig):
    name = "zicht.framework"
    label = "framework"
    verbose_name = _("Action framework")
    nav_items = (
        NavItem(
            "framework:index",
            _("Action framework"),
            READER_ROLES,
            _("What to do with a signal: the steps, whom to contact, and the time norms."),
        ),
    )
