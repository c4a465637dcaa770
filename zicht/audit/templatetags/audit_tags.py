from __future__ import annotations

from django import template
from django.apps import apps
from django.utils.translation import gettext as _

from zicht.common.roles import Role

register = template.Library()


@register.filter
def object_type_label(label: str) -> str:
    """A model label as readers know it ("cases.case" -> "casus"); unknown labels stay as they are."""
    if label == "request":  # a denied attempt: the path is in the detail
        return _("page request")
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


@register.filter
def role_label(code: str) -> str:
    """A role code as the interface names it ("support_worker" -> "Hulpverlener")."""
    return str(Role(code).label) if code in Role.values else code


@register.filter
def detail_summary(detail: dict | None) -> str:
    """An entry's detail in a few words: counts and ids shown, a search (as a hash), a denied path."""
    if not detail:
        return ""
    parts = []
    if "ids" in detail:
        parts.append(_("%(n)s shown") % {"n": len(detail["ids"])})
    if detail.get("persons"):
        ids = ", ".join(str(pk) for pk in detail["persons"])
        parts.append(_("young persons %(ids)s") % {"ids": ids})
    if detail.get("search"):
        parts.append(_("search term (hash %(hash)s…)") % {"hash": detail["search"][:12]})
    if detail.get("path"):
        parts.append(f"{detail.get('method', '')} {detail['path']} ({detail.get('status', '')})".strip())
    return " · ".join(parts)
