from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import HomePanel, NavItem
from zicht.framework.permissions import READER_ROLES, ROUTE_ROLES


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
    home_panels = (HomePanel("framework/_home_panel.html", ROUTE_ROLES, order=20),)
