from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def stratum_label(code: str) -> str:
    """The label of a stratum code as the estimate form offers it ("all" -> "Alle")."""
    from zicht.sources.forms import _stratum_choices

    return str(dict(_stratum_choices()).get(code, code))


INTERVAL_METHODS = {
    "bootstrap-bca": _("bootstrap (BCa), the model chosen again in every sample"),
    "bootstrap-percentile": _("bootstrap (percentiles), the model chosen again in every sample"),
    "bootstrap-bc-linkage": _(
        "bootstrap (bias-corrected) over young people and their links, the model chosen again in every sample"
    ),
    "profile": _("profile likelihood"),
    "model": _("from the chosen model only"),
    "chapman": _("Chapman"),
}


@register.filter
def interval_method_label(code: str) -> str:
    """How an interval was computed, in words ("bootstrap-bca" is not for readers)."""
    return str(INTERVAL_METHODS.get(code, code))


@register.filter
def method_label(code: str) -> str:
    """The estimation method in plain words, as the council report says it."""
    from zicht.stats.prose import method_words

    words = str(method_words(code))
    return words[:1].upper() + words[1:]


@register.filter
def source_names(names: list[str]) -> list[str]:
    """Registration names without the organisation and year repeated (older snapshots stored them so)."""
    from zicht.stats.prose import source_label

    return [source_label(str(name)) for name in names or []]
