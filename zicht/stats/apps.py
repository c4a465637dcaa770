from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.roles import Role
from zicht.common.navigation import NavItem


class StatsConfig(AppConfig):
    name = "zicht.stats"
    label = "stats"
    verbose_name = _("Statistics")
    nav_items = (
        NavItem(
            "stats:dashboard",
            _("Statistics"),
            frozenset({Role.ANALYST, Role.COORDINATOR}),
            _("Protected figures, charts and the council report."),
        ),
    )
