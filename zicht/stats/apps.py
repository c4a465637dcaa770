from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import NavItem
from zicht.stats.permissions import STATS_ROLES


class StatsConfig(AppConfig):
    name = "zicht.stats"
    label = "stats"
    verbose_name = _("Statistics")
    nav_items = (
        NavItem(
            "stats:dashboard",
            _("Statistics"),
            STATS_ROLES,
            _("Protected figures, charts and the council report."),
        ),
    )
