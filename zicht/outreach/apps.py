from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.roles import Role
from zicht.common.navigation import NavItem


class OutreachConfig(AppConfig):
    name = "zicht.outreach"
    label = "outreach"
    verbose_name = _("Outreach")
    nav_items = (
        NavItem("outreach:index", _("Trainings and prevention"), frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR}),
                _("Trainings for professionals, prevention lessons at schools and campaigns.")),
    )
