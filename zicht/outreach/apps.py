from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import NavItem
from zicht.outreach.permissions import OUTREACH_ROLES


class OutreachConfig(AppConfig):
    name = "zicht.outreach"
    label = "outreach"
    verbose_name = _("Outreach")
    nav_items = (
        NavItem(
            "outreach:index",
            _("Trainings and prevention"),
            OUTREACH_ROLES,
            _("Trainings for professionals, prevention lessons at schools and campaigns."),
        ),
    )
