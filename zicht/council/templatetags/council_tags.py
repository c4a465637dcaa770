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


@register.filter
def event_field_label(name: str) -> str:
    """The Dutch label of a field named in a letter's history ("deadline" -> "termijn")."""
    from zicht.council.models import CouncilQuestion, CouncilQuestionItem

    for model in (CouncilQuestion, CouncilQuestionItem):
        fields = {field.name: field for field in model._meta.get_fields() if hasattr(field, "verbose_name")}
        if name in fields:
            return str(fields[name].verbose_name)
    return name
