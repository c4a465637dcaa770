from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import NavItem
from zicht.walk_ins.permissions import WALK_IN_ROLES


class WalkInsConfig(AppConfig):
    name = "zicht.walk_ins"
    label = "walk_ins"
    verbose_name = _("Walk-in consultations")
    nav_items = (
        NavItem(
            "walk_ins:list",
            _("Walk-in consultations"),
            WALK_IN_ROLES,
            _("Sessions of the walk-in consultation hour and anonymous visit counts."),
        ),
    )
