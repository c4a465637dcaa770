from __future__ import annotations

from django import template
from django.apps import apps

from zicht.common.roles import Role

register = template.Library()


@register.filter
def object_type_label(label: str) -> str:
    """A model label as readers know it ("cases.case" -> "casus"); unknown labels stay as they are."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


@register.filter
def role_label(code: str) -> str:
    """A role code as the interface names it ("support_worker" -> "Hulpverlener")."""
    return str(Role(code).label) if code in Role.values else code
