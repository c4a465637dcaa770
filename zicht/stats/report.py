"""The council report: the source document's questions answered with the data, in Dutch.

The report is built from tables that already went through the disclosure layer (protected) or
were opened as an audited exact view; it never counts anything itself. Texts are English msgids
rendered in Dutch (``translation.override("nl")``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Final, Literal

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from zicht.stats.builders import EstimateSummary, latest_estimate
from zicht.stats.disclosure import CellState, ProtectedCell, ProtectedTable
from zicht.stats.documents import docx_bytes, docx_document, docx_table
from zicht.stats.exports import table_grid, table_notes, tables_csv, tables_xlsx
from zicht.stats.periods import Period
from zicht.stats.prose import (
    amount,
    estimate_scope_words,
    linkage_words,
    method_words,
    methods_paragraph,
    source_label,
    word_list,
)

PUBLIC = "public"
INTERNAL = "internal"
VERSIONS = (PUBLIC, INTERNAL)
# "html": the report shown in the browser by the view (``report_file`` writes the others).
FORMATS = ("docx", "csv", "xlsx", "html")
REPORT_KEYS = (
    "known_victims_per_year",
    "hidden_number",
    "recruitment_places",
    "support_actions",
    "referrals_by_partner",
    "trainings_by_audience",
    "trainings_participants",
)

TableSource = Callable[[str], ProtectedTable]


class _Latest(Enum):
    LATEST = "latest"


LATEST: Final = _Latest.LATEST  # council_report_build: use the latest estimate


@dataclass
class Section:
    heading: str
    questions: list[str]
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ProtectedTable] = field(default_factory=list)


@dataclass
class CouncilReport:
    title: str
    period: Period
    version: str
    introduction: list[str]
    sections: list[Section]
    generated_at: datetime.datetime

    @property
    def tables(self) -> list[ProtectedTable]:
        return [table for section in self.sections for table in section.tables]


def council_report_build(
    *,
    start: datetime.date,
    end: datetime.date,
    version: str,
    tables: TableSource,
    organization_name: str = "",
    estimate: EstimateSummary | None | Literal[_Latest.LATEST] = LATEST,
) -> CouncilReport:
    """Answer questions 4-10 of the source document from ``tables(key)`` (protected or exact).

    ``estimate`` is the metadata of the estimate in the ``hidden_number`` table (method, sources);
    by default the one for all young people of the period (``latest_estimate``).
    """
    if version not in VERSIONS:
        raise ValueError(f"unknown report version: {version!r}")
    period = Period(start, end)
    summary = latest_estimate(start=start, end=end) if estimate is LATEST else estimate
    with translation.override("nl"):
        return _build(period, version, tables, organization_name, summary)


def _build(
    period: Period, version: str, tables: TableSource, organization_name: str, estimate: EstimateSummary | None
) -> CouncilReport:
    victims = tables("known_victims_per_year")
    introduction = [
        _(
            'Figures from Zicht over the period %(period)s. "Young" means under 21 at registration; (suspected) '
            "victims are cases with the victim status suspected or confirmed."
        )
        % {"period": period.describe()},
    ]
    if version == INTERNAL:
        introduction.append(
            _("Internal version with exact figures of %(organisation)s. Not for publication.")
            % {"organisation": organization_name or "-"}
        )
    else:
        introduction.append(
            _(
                "Public version: counts below %(threshold)s are not shown and other counts are rounded to multiples "
                "of %(rounding)s, so that no young person can be recognised."
            )
            % {"threshold": victims.threshold, "rounding": victims.rounding}
        )
    sections = [
        _victims_section(victims),
        _estimate_section(tables("hidden_number"), estimate),
        _recruitment_section(tables("recruitment_places")),
        _help_section(tables("support_actions"), tables("referrals_by_partner")),
        _training_section(tables("trainings_by_audience"), tables("trainings_participants")),
    ]
    return CouncilReport(
        title=_("Criminal exploitation of young people: answers from the data"),
        period=period,
        version=version,
        introduction=introduction,
        sections=sections,
        generated_at=timezone.now(),
    )


def _withheld(table: ProtectedTable) -> str:
    return _(
        "The figures of “%(title)s” are not published: there are too few to show them without revealing small counts."
    ) % {"title": table.title}


def _victims_section(table: ProtectedTable) -> Section:
    section = Section(
        heading=_("Questions 4 and 9: known young (suspected) victims"),
        questions=[
            _("4. How many young victims of criminal exploitation are officially known to the municipality?"),
            _(
                "9. Does the executive board have sight on the group of young people who are suspected of being both "
                "criminally and sexually exploited?"
            ),
        ],
        tables=[table],
    )
    if table.withheld:
        section.paragraphs.append(_withheld(table))
        return section
    lines = [(str(year), cells) for year, cells, _total in table.body_rows()]
    if table.column_totals is not None and len(lines) > 1:
        lines.append((_("The whole period"), table.column_totals))
    for label, (victims, combined) in lines:
        if victims.state == CellState.ZERO:
            text = _(
                "%(year)s: no young (suspected) victims of criminal exploitation were known to the support "
                "organisation."
            ) % {"year": label}
        else:
            text = _(
                "%(year)s: %(victims)s young (suspected) victims of criminal exploitation were known to the support "
                "organisation; for %(combined)s of them it concerned combined criminal and sexual exploitation."
            ) % {
                "year": label,
                "victims": amount(victims, table.threshold),
                "combined": amount(combined, table.threshold),
            }
        section.paragraphs.append(text)
    return section


def _estimate_section(table: ProtectedTable, estimate: EstimateSummary | None) -> Section:
    section = Section(
        heading=_("Question 5: the real number of young victims"),
        questions=[
            _("5. Does the executive board have sight on the actual number of young victims of criminal exploitation?")
        ],
    )
    if estimate is None or not table.rows:
        section.paragraphs.append(
            _(
                "Not yet. Criminal exploitation largely takes place out of sight. An estimate of the real number "
                "needs at least two linked registrations (sources) of the same period; there are too few sources in "
                "Zicht to make one."
            )
        )
        return section
    section.tables.append(table)
    if table.withheld:
        section.paragraphs.append(_withheld(table))
        return section
    cells = table.column_values(0)
    words = [amount(cell, table.threshold) for cell in cells]
    section.paragraphs.append(
        _(
            "According to the latest estimate there were about %(estimate)s young victims of criminal exploitation "
            "in %(period)s (the estimated number); %(observed)s of them were known in the registrations."
        )
        % {
            "estimate": words[1],
            "observed": words[0],
            "period": Period(estimate.period_start, estimate.period_end).name(),
        }
    )
    if len(cells) >= 4:
        section.paragraphs.append(
            _(
                "The real number lies between %(low)s and %(high)s with 95%% confidence: this interval shows how "
                "uncertain the estimate is."
            )
            % {"low": words[2], "high": words[3]}
        )
    section.paragraphs.append(
        _(
            "The estimate links the registrations of %(sources)s and counts how many young people appear in more "
            "than one of them; from that overlap it estimates how many appear in none. Method: %(method)s."
        )
        % {
            "sources": word_list([source_label(name) for name in estimate.sources]) or "-",
            "method": method_words(estimate.method),
        }
    )
    if len(cells) >= 6 and estimate.methods:
        section.paragraphs.append(
            _("Other defensible methods give estimates between %(low)s and %(high)s.")
            % {"low": words[4], "high": words[5]}
            + " "
            + methods_paragraph([m.method for m in estimate.methods])
        )
    section.paragraphs.append(
        estimate_scope_words(estimate.n_lists or len(estimate.sources), estimate.period_start, estimate.period_end)
        + " "
        + linkage_words(estimate.linkage)
    )
    return section


def _published_order(
    table: ProtectedTable, column: int | None = None, exclude: tuple[str, ...] = ()
) -> list[tuple[str, ProtectedCell]]:
    """(row label, cell) of the published non-zero counts of a column (or of the row totals), largest first."""
    pairs = []
    for label, cells, total in table.body_rows():
        cell = total if column is None else cells[column]
        if label not in exclude and cell is not None and cell.state == CellState.PUBLISHED and cell.value:
            pairs.append((str(label), cell))
    return sorted(pairs, key=lambda pair: -(pair[1].value or 0))  # value is non-zero here


def _rows_in_state(table: ProtectedTable, column: int, *states: CellState) -> list[str]:
    return [str(label).lower() for label, cells, _total in table.body_rows() if cells[column].state in states]


def _breakdown(table: ProtectedTable, column: int, most: str, unit: str) -> list[str]:
    """Sentences on one column: the published counts largest first, then the small, hidden and zero ones."""
    if table.withheld:
        return [_withheld(table)]
    sentences = []
    published = _published_order(table, column)
    if published:
        items = [f"{label.lower()} ({cell.value} {unit})" for label, cell in published]
        sentences.append(most % {"items": word_list(items)})
    small = _rows_in_state(table, column, CellState.PRIMARY)
    if small:
        sentences.append(
            _("Fewer than %(threshold)s %(unit)s each: %(items)s.")
            % {"threshold": table.threshold, "unit": unit, "items": word_list(small)}
        )
    hidden = _rows_in_state(table, column, CellState.SECONDARY)
    if hidden:
        sentences.append(
            _("Not shown, so that small counts cannot be worked out: %(items)s.") % {"items": word_list(hidden)}
        )
    return sentences


def _recruitment_section(table: ProtectedTable) -> Section:
    section = Section(
        heading=_("Question 6: where young people are recruited"),
        questions=[_("6. Does the executive board have sight on the places where these young people are recruited?")],
        tables=[table],
    )
    from zicht.concerns.constants import RecruitmentPlace

    unknown = str(RecruitmentPlace.UNKNOWN.label)
    if table.withheld:
        section.paragraphs.append(_withheld(table))
        return section
    top = _published_order(table, exclude=(unknown,))[:3]
    hidden = any(
        total.state == CellState.SECONDARY
        for label, _cells, total in table.body_rows()
        if label != unknown and total is not None
    )
    if top:
        items = word_list([f"{label.lower()} ({cell.value})" for label, cell in top])
        if hidden:
            text = _(
                "Of the places of recruitment whose counts are published, the concerns received name these most "
                "often: %(places)s."
            )
        else:
            text = _("In the concerns received, the places of recruitment named most often are: %(places)s.")
        section.paragraphs.append(text % {"places": items})
    else:
        section.paragraphs.append(_("The concerns of this period name too few places of recruitment to report on."))
    return section


def _help_section(support: ProtectedTable, referrals: ProtectedTable) -> Section:
    section = Section(
        heading=_("Questions 7 and 10: help offered"),
        questions=[
            _("7. What help is offered to young (suspected) victims of criminal exploitation?"),
            _("10. What help is there for the group that is exploited both criminally and sexually?"),
        ],
        tables=[support, referrals],
    )
    section.paragraphs.append(
        _(
            "The support organisation offers coherent, tailored help; with minors always in coordination with the "
            "youth and family centre (CJG). The tables show the support given and the referrals to partners in this "
            "period."
        )
    )
    if support.rows:
        section.paragraphs += _breakdown(support, 0, _("Support given in the most cases: %(items)s."), _("cases"))
    if referrals.withheld:
        section.paragraphs.append(_withheld(referrals))
    elif referrals.grand_total is not None:
        total = referrals.grand_total
        if total.state == CellState.ZERO:
            section.paragraphs.append(_("No referrals to partners were made in this period."))
        else:
            section.paragraphs.append(
                _("In this period %(referrals)s referrals to partners were made.")
                % {"referrals": amount(total, referrals.threshold)}
            )
    return section


def _training_section(audience: ProtectedTable, participants: ProtectedTable) -> Section:
    section = Section(
        heading=_("Question 8: trainings for professionals"),
        questions=[
            _(
                "8. How are youth, neighbourhood and welfare workers involved in preventing criminal exploitation? "
                "Are they trained to recognise and report signs?"
            )
        ],
        tables=[audience, participants],
    )
    if participants.withheld:
        section.paragraphs.append(_withheld(participants))
    elif participants.column_totals is not None and len(participants.column_totals) >= 2:
        sessions, people = participants.column_totals[0], participants.column_totals[1]
        if sessions.state == CellState.ZERO:
            section.paragraphs.append(
                _("No trainings, information sessions or presentations were registered in this period.")
            )
        else:
            kinds = [
                str(label).lower()
                for label, cells, _total in participants.body_rows()
                if cells[0].state != CellState.ZERO
            ]
            section.paragraphs.append(
                _(
                    "In this period %(meetings)s meetings for professionals were held (%(kinds)s), with "
                    "%(participants)s participants in all."
                )
                % {
                    "meetings": amount(sessions, participants.threshold),
                    "kinds": word_list(kinds),
                    "participants": amount(people, participants.threshold),
                }
            )
    if audience.rows and any(cell.state != CellState.ZERO for cell in audience.column_values(0)):
        section.paragraphs += _breakdown(
            audience, 0, _("Audiences reached by the most trainings: %(items)s."), _("trainings")
        )
    return section


# --- writers ---------------------------------------------------------------------------------------


def report_docx(report: CouncilReport) -> bytes:
    """The report as an A4 Dutch Word document by the municipality, with the date it was made."""
    with translation.override("nl"):
        document = docx_document(title=report.title, subject=report.period.describe(), created=report.generated_at)
        document.add_heading(report.title, level=0)
        made = formats.date_format(timezone.localtime(report.generated_at), "j F Y")
        document.add_paragraph(_("Date: %(date)s") % {"date": made})
        document.add_paragraph(_("Period: %(period)s") % {"period": report.period.describe()})
        for text in report.introduction:
            document.add_paragraph(text)
        for section in report.sections:
            document.add_heading(section.heading, level=1)
            for question in section.questions:
                document.add_paragraph(question).runs[0].italic = True
            for text in section.paragraphs:
                document.add_paragraph(text)
            for table in section.tables:
                notes = [_("Selection: %(query)s") % {"query": table.query}, *table_notes(table)]
                docx_table(document, title=table.title, grid=table_grid(table) if table.rows else [], notes=notes)
        return docx_bytes(document)


def report_file(report: CouncilReport, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the report in ``fmt``."""
    name = f"raadsrapportage-{report.period.start.isoformat()}-{report.period.end.isoformat()}-{report.version}"
    with translation.override("nl"):
        if fmt == "docx":
            return (
                report_docx(report),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                f"{name}.docx",
            )
        if fmt == "csv":
            return tables_csv(report.tables), "text/csv; charset=utf-8", f"{name}.csv"
        if fmt == "xlsx":
            return (
                tables_xlsx(report.tables),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                f"{name}.xlsx",
            )
    raise ValueError(f"unknown report format: {fmt!r}")
