"""Published figures in words: counts as prose, lists, estimation methods and source names.

Every function takes what is published (a ``ProtectedCell`` and its table's threshold, or the
metadata of an estimate) and never a true count. Texts are English msgids; the council report
renders them in Dutch.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from zicht.stats.disclosure import CellState, ProtectedCell
from zicht.stats.periods import Period

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
        "lcmcr": _("a latent-class model (young people in groups with their own chances of being registered)"),
        "dga": _("model averaging over simple graphical models of the registrations"),
        "stepwise_linkage": _(
            "a log-linear model in which the links between the registrations were chosen step by step, on "
            "registrations corrected for the measured linkage errors"
        ),
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


def number_word(n: int) -> str:
    """A small number that is not a count of people in words ("three registrations"), else digits."""
    words = {
        1: _("one"),
        2: _("two"),
        3: _("three"),
        4: _("four"),
        5: _("five"),
        6: _("six"),
        7: _("seven"),
        8: _("eight"),
        9: _("nine"),
    }
    return words.get(n, str(n))


def estimate_scope_words(n_lists: int, start: datetime.date, end: datetime.date) -> str:
    """How many lists and which period an estimate rests on."""
    return _("The estimate rests on %(lists)s registrations over %(period)s.") % {
        "lists": number_word(n_lists),
        "period": Period(start, end).name(),
    }


def linkage_words(linkage: Mapping[str, Any]) -> str:
    """How the registrations were linked and how sure that linkage is: measured, or said not to be."""
    threshold = linkage.get("threshold")
    learnt = linkage.get("rule") == "learnt"
    if threshold and learnt:
        text = _(
            "Records were linked when their BSN keys agree or, where at most one of them has a BSN, by a rule learnt "
            "from the pairs of records that both carry a BSN: a pair is linked when most of those pairs whose keys "
            "of name and date of birth agree in the same way were one person, and, where there were too few of "
            "them, when at least %(keys)s keys agree."
        ) % {"keys": number_word(int(threshold))}
    elif threshold:
        text = _(
            "Records were linked when their BSN keys agree or, where at most one of them has a BSN, when at least "
            "%(keys)s keys of name and date of birth agree."
        ) % {"keys": number_word(int(threshold))}
    else:
        text = _("How the records were linked was not recorded for this estimate.")
    if linkage.get("measured"):
        figures = {
            "pairs": linkage.get("pairs"),
            "recall": percent(linkage.get("recall")),
            "precision": percent(linkage.get("precision")),
        }
        if learnt:
            text += (
                " "
                + _(
                    "Measured on %(pairs)s pairs of records that both carry a BSN, each judged by the rule learnt "
                    "without its own persons, linkage on name and date of birth found %(recall)s of the true links, "
                    "and %(precision)s of the links it made were right."
                )
                % figures
            )
        else:
            text += (
                " "
                + _(
                    "Measured on %(pairs)s pairs of records that both carry a BSN, linkage on name and date of birth "
                    "found %(recall)s of the true links, and %(precision)s of the links it made were right."
                )
                % figures
            )
        if linkage.get("corrected") and linkage.get("false_merges_corrected"):
            text += " " + _(
                "The main figure is corrected for the links that were missed (young people counted twice are "
                "counted once again) and for the wrong links (two young people counted as one are counted as two "
                "again), and the uncertainty of these measurements is part of its interval."
            )
        elif linkage.get("corrected"):
            text += " " + _(
                "The main figure is corrected for the links that were missed (young people counted twice are "
                "counted once again), and the uncertainty of this measurement is part of its interval."
            )
        elif "corrected" in linkage:
            text += " " + _(
                "The main figure is not corrected for missed links (too few pairs for each registration, or only two "
                "registrations): it may be too high."
            )
    else:
        text += " " + _(
            "How well this linkage works was not measured: a missed link makes one young person count as two and "
            "pushes the estimate up, so the real uncertainty is larger than the interval shows."
        )
    return text


def percent(value: object) -> str:
    return f"{round(100 * float(value))}%" if isinstance(value, int | float) else "-"


def methods_paragraph(methods: Sequence[str]) -> str:
    """Why the defensible methods give different numbers, in plain words, for the methods used."""
    sentences = [
        _(
            "The estimated number depends on the model. The main figure comes from a log-linear model whose links "
            "between the registrations are chosen again in every bootstrap sample, so its interval includes that "
            "choice."
        )
    ]
    if "lcmcr" in methods:
        sentences.append(
            _(
                "A latent-class model instead assumes that young people fall into groups that each have their own "
                "chance of being registered; it usually gives a higher number when some young people are hardly "
                "ever registered anywhere."
            )
        )
    if "stepwise_linkage" in methods:
        sentences.append(
            _(
                "The main figure first corrects for the linkage errors measured on the pairs of records with a BSN: "
                "young people counted twice because a link between their records was missed and, where measured, "
                "two young people counted as one because their records were linked wrongly. The same model without "
                "that correction usually gives a higher number."
            )
        )
    if "dga" in methods:
        sentences.append(
            _("Model averaging weighs many simple models by how well each fits the overlap of the registrations.")
        )
    sentences.append(
        _(
            "All methods count the same young people on the registrations; they differ in how they reason about "
            "the young people who are on none of them, which the data cannot show directly."
        )
    )
    return " ".join(str(s) for s in sentences)


def method_name(method: str) -> str:
    """A short name of a method for a table row."""
    names = {
        "stepwise": _("Log-linear model, stepwise (main figure)"),
        "stepwise_linkage": _("Log-linear model, stepwise, corrected for linkage errors (main figure)"),
        "stepwise_uncorrected": _("Log-linear model, stepwise, without linkage correction"),
        "chapman": _("Chapman, two registrations (main figure)"),
        "lcmcr": _("Latent classes (LCMCR)"),
        "dga": _("Model averaging (dga)"),
    }
    return names.get(method, method)
