from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.roles import Role
from zicht.common.navigation import NavItem


class CasesConfig(AppConfig):
    name = "zicht.cases"
    label = "cases"
    verbose_name = _("Cases")
    nav_items = (
        NavItem("cases:list", _("Cases"), frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR}), _("Cases of your organisation: support, referrals and timeline.")),
        NavItem("cases:referral_list", _("Referrals"), frozenset({Role.PARTNER}), _("Referrals addressed to your organisation.")),
    )
    home_queues = ("zicht.cases.queues.referral_home_queues",)
