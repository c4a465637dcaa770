from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import NavItem
from zicht.concerns.permissions import REPORTER_ROLES, TRIAGE_ROLES


class ConcernsConfig(AppConfig):
    name = "zicht.concerns"
    label = "concerns"
    verbose_name = _("Concerns")
    nav_items = (
        NavItem("concerns:list", _("Concerns"), TRIAGE_ROLES, _("Triage of incoming concerns and advice requests.")),
        NavItem(
            "concerns:create",
            _("Report a concern"),
            REPORTER_ROLES,
            _("Report signals of possible exploitation, or ask for advice."),
        ),
        NavItem(
            "concerns:mine", _("My concerns"), REPORTER_ROLES, _("Whether the concerns you submitted were picked up.")
        ),
    )
    home_queues = ("zicht.concerns.queues.concern_home_queues",)
