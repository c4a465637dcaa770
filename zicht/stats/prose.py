"""Published figures in words: counts as prose, lists, estimation methods and source names.

Every function takes what is published (a ``ProtectedCell`` and its table's threshold, or the
metadata of an estimate) and never a true count. Texts are English msgids; the council report
renders them in Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.translation import gettext as _

from zicht.stats.disclosure import CellState, ProtectedCell

YEAR = re.compile(r"^(19|20)\d\d$")


def amount(cell: ProtectedCell, threshold: int) -> str:
    """A count as it may be said: "15", "minder dan 10", "geen", or that it is not shown."""
    if cell.state == CellState.ZERO:
        return _("no (count)")
    if cell.state == CellState.PRIMARY:
        return _("fewer than %(threshold)s") % {"threshold": threshold}
    if cell.state in (CellState.SECONDARY, CellState.WITHHELD):
        return _("an unpublished number of")
    return str(cell.value)


def word_list(items: Sequence[str]) -> str:
    """ "a", "a en b", "a, b en c"."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def method_words(method: str) -> str:
    """The estimation method in plain words (the library's method names are not for readers)."""
    words = {
        "stepwise": _("a log-linear model in which the links between the registrations were chosen step by step"),
        "bhs": _("a log-linear model in which the links between the registrations were chosen step by step"),
        "aic": _(
            "a log-linear model in which the links between the registrations were chosen by a statistical criterion"
        ),
        "bic": _(
            "a log-linear model in which the links between the registrations were chosen by a statistical criterion"
        ),
        "fixed": _("a log-linear model with links between the registrations chosen beforehand"),
        "main": _("a log-linear model that assumes the registrations are independent of one another"),
        "chapman": _("the Chapman estimator for two registrations"),
        "lincoln-petersen": _("the Lincoln-Petersen estimator for two registrations"),
    }
    return words.get(method.strip().lower(), _("a statistical model"))


def source_label(name: str) -> str:
    """A registration's name without repeats: "Politie X: Politie X 2025 2025" becomes "Politie X".

    Source names are stored as "<organisation>: <list name> <year>", and list names often repeat
    the organisation and the year already.
    """
    organisation, separator, rest = name.partition(": ")
    if not separator:
        return " ".join(_dedupe(name.split()))
    rest = rest.strip()
    if rest.lower().startswith(organisation.lower()):
        rest = rest[len(organisation) :].strip()
    words = _dedupe(rest.split())
    if not words or all(YEAR.match(word) for word in words):
        return organisation
    return f"{organisation}: {' '.join(words)}"


def _dedupe(words: list[str]) -> list[str]:
    kept: list[str] = []
    for word in words:
        if not kept or kept[-1].lower() != word.lower():
            kept.append(word)
    return kept
