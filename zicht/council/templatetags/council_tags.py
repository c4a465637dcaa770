from __future__ import annotations

from django import template

from zicht.council.selectors import council_questions_needing_attention, warning_days

register = template.Library()


@register.inclusion_tag("council/_deadline_panel.html", takes_context=True)
def council_deadline_panel(context: template.Context) -> dict:
    """Overdue and near-deadline letters for the home page of coordinators and analysts."""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = council_questions_needing_attention(user=user) if user is not None else []
    return {"rows": rows, "days": warning_days()}
