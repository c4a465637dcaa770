from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import HomePanel, NavItem
from zicht.council.permissions import COUNCIL_ROLES


class CouncilConfig(AppConfig):
    name = "zicht.council"
    label = "council"
    verbose_name = _("Written council questions")
    nav_items = (
        NavItem(
            "council:question_list",
            _("Council questions"),
            COUNCIL_ROLES,
            _("Register written council questions, answer them with protected figures and track their deadlines."),
        ),
    )
    home_panels = (HomePanel("council/_home_panel.html", COUNCIL_ROLES, order=40),)
    home_queues = ("zicht.council.queues.council_home_queues",)
