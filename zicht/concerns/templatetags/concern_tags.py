from __future__ import annotations

from django import template

from zicht.concerns.selectors import concern_home_counts

register = template.Library()


@register.inclusion_tag("concerns/_home_counts.html", takes_context=True)
def concern_home_panel(context: template.Context) -> dict:
    """Counts only (no content): what waits for triage, or how the reporter's own concerns stand."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"counts": concern_home_counts(user=user) if user is not None else None, "role": getattr(user, "role", None)}
