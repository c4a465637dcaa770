from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def stratum_label(code: str) -> str:
    """The label of a stratum code as the estimate form offers it ("all" -> "Alle")."""
    from zicht.sources.forms import _stratum_choices

    return str(dict(_stratum_choices()).get(code, code))
