from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.cases.permissions import CASE_WORKER_ROLES, REFERRAL_ANSWER_ROLES
from zicht.common.navigation import NavItem


class CasesConfig(AppConfig):
    name = "zicht.cases"
    label = "cases"
    verbose_name = _("Cases")
    nav_items = (
        NavItem(
            "cases:list",
            _("Cases"),
            CASE_WORKER_ROLES,
            _("Cases of your organisation: support, referrals and timeline."),
        ),
        NavItem(
            "cases:referral_list", _("Referrals"), REFERRAL_ANSWER_ROLES, _("Referrals addressed to your organisation.")
        ),
    )
    home_queues = ("zicht.cases.queues.referral_home_queues",)
