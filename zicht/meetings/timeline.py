"""What case meetings add to a case's page: timeline entries and the meetings section.

Registered through ``MeetingsConfig`` (the cases app only knows the hooks, never this app).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from zicht.cases.extensions import TimelineEntry
from zicht.cases.models import Case
from zicht.meetings.constants import ActionStatus
from zicht.meetings.models import CaseMeeting, MeetingActionStatusChange
from zicht.meetings.permissions import role_plans_meetings


def _label(code: str) -> str:
    try:
        return str(ActionStatus(code).label)
    except ValueError:
        return code


def meeting_timeline_entries(*, case: Case) -> list[TimelineEntry]:
    """A line per meeting planned, summary recorded, action agreed and action outcome."""
    entries: list[TimelineEntry] = []
    meetings = CaseMeeting.objects.filter(case=case).select_related("planned_by", "summary_recorded_by")
    for meeting in meetings:
        when = formats.date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")
        entries.append(
            TimelineEntry(
                at=meeting.created_at,
                kind_label=_("Case meeting"),
                description=_("Case meeting planned for %(when)s (%(form)s).")
                % {"when": when, "form": meeting.get_form_display()},
                by=meeting.planned_by,
            )
        )
        if meeting.summary_recorded_at:
            entries.append(
                TimelineEntry(
                    at=meeting.summary_recorded_at,
                    kind_label=_("Case meeting"),
                    description=_("Shared summary of the case meeting of %(when)s recorded.") % {"when": when},
                    by=meeting.summary_recorded_by,
                )
            )
    changes = MeetingActionStatusChange.objects.filter(action__meeting__case=case).select_related(
        "by", "action__owner_organization"
    )
    for change in changes:
        action = change.action
        values = {"org": action.owner_organization.name, "person": action.owner_person}
        if not change.from_status:
            description = _("Action agreed for %(org)s (%(person)s), due %(due)s.") % {
                **values,
                "due": formats.date_format(action.due_on, "SHORT_DATE_FORMAT"),
            }
        else:
            description = _("Action of %(org)s (%(person)s): %(status)s.") % {
                **values,
                "status": _label(change.to_status),
            }
        entries.append(
            TimelineEntry(
                at=change.at,
                kind_label=_("Agreed action"),
                description=description,
                by=change.by,
                text=change.outcome if change.from_status else action.description,
            )
        )
    return entries


def case_meetings_panel(*, request: HttpRequest, case: Case) -> str:
    meetings = CaseMeeting.objects.filter(case=case).prefetch_related("invitations__organization").order_by("starts_at")
    return render_to_string(
        "meetings/_case_panel.html",
        {"case": case, "meetings": meetings, "can_plan": role_plans_meetings(getattr(request.user, "role", None))},
        request=request,
    )
