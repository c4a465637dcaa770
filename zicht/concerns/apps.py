from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.roles import Role
from zicht.common.navigation import NavItem


class ConcernsConfig(AppConfig):
    name = "zicht.concerns"
    label = "concerns"
    verbose_name = _("Concerns")
    nav_items = (
        NavItem("concerns:list", _("Concerns"), frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR}),
                _("Triage of incoming concerns and advice requests.")),
        NavItem("concerns:create", _("Report a concern"), frozenset({Role.REPORTER}),
                _("Report signals of possible exploitation, or ask for advice.")),
        NavItem("concerns:mine", _("My concerns"), frozenset({Role.REPORTER}),
                _("Whether the concerns you submitted were picked up.")),
    )
    home_queues = ("zicht.concerns.queues.concern_home_queues",)
