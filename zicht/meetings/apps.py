from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import NavItem
from zicht.meetings.permissions import MEETING_VIEW_ROLES


class MeetingsConfig(AppConfig):
    name = "zicht.meetings"
    label = "meetings"
    verbose_name = _("Case meetings")
    nav_items = (
        NavItem(
            "meetings:list",
            _("Case meetings"),
            MEETING_VIEW_ROLES,
            _("Case meetings with partners and the actions agreed there."),
        ),
    )
    home_queues = ("zicht.meetings.queues.action_home_queues",)
    case_timeline_entries = ("zicht.meetings.timeline.meeting_timeline_entries",)
    case_panels = ("zicht.meetings.timeline.case_meetings_panel",)
