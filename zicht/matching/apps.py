from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import NavItem
from zicht.matching.permissions import INDEX_ROLES


class MatchingConfig(AppConfig):
    name = "zicht.matching"
    label = "matching"
    verbose_name = _("Involvement index")
    nav_items = (
        NavItem(
            "matching:involvement_list",
            _("Involvement index"),
            INDEX_ROLES,
            _("Register that your organisation is involved with a young person."),
        ),
        NavItem(
            "matching:notice_list",
            _("Match notices"),
            INDEX_ROLES,
            _("Other organisations involved with the same young person."),
        ),
    )
    home_queues = ("zicht.matching.queues.notice_home_queues",)

    def ready(self) -> None:
        from zicht.matching.services import NOTICE_EMAIL_KIND, notice_mark_emailed
        from zicht.outbox.services import on_sent

        on_sent(NOTICE_EMAIL_KIND, notice_mark_emailed)
