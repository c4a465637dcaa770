"""The council report: the source document's questions answered with the data, in Dutch.

The report is built from tables that already went through the disclosure layer (protected) or
were opened as an audited exact view; it never counts anything itself. Texts are English msgids
rendered in Dutch (``translation.override("nl")``).
"""
from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from zicht.stats.disclosure import ProtectedTable
from zicht.stats.exports import table_grid, table_notes, tables_csv, tables_xlsx
from zicht.stats.periods import Period
from zicht.stats.selectors import EstimateSummary, latest_estimate

PUBLIC = "public"
INTERNAL = "internal"
VERSIONS = (PUBLIC, INTERNAL)
FORMATS = ("docx", "csv", "xlsx")
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


def council_report_build(*, start: datetime.date, end: datetime.date, version: str, tables: TableSource, organization_name: str = "") -> CouncilReport:
    """Answer questions 4-10 of the source document from ``tables(key)`` (protected or exact)."""
    if version not in VERSIONS:
        raise ValueError(f"unknown report version: {version!r}")
    period = Period(start, end)
    with translation.override("nl"):
        return _build(period, version, tables, organization_name)


def _build(period: Period, version: str, tables: TableSource, organization_name: str) -> CouncilReport:
    victims = tables("known_victims_per_year")
    introduction = [
        _("Figures from Zicht over the period %(period)s. \"Young\" means under 21 at registration; (suspected) victims are cases with the victim status suspected or confirmed.")
        % {"period": period.describe()},
    ]
    if version == INTERNAL:
        introduction.append(
            _("Internal version with exact figures of %(organisation)s. Not for publication.") % {"organisation": organization_name or "-"}
        )
    else:
        introduction.append(
            _("Public version: counts below %(threshold)s are not shown and other counts are rounded to multiples of %(rounding)s, so that no young person can be recognised.")
            % {"threshold": victims.threshold, "rounding": victims.rounding}
        )
    sections = [
        _victims_section(victims),
        _estimate_section(tables("hidden_number"), latest_estimate()),
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


def _victims_section(table: ProtectedTable) -> Section:
    section = Section(
        heading=_("Questions 4 and 9: known young (suspected) victims"),
        questions=[
            _("4. How many young victims of criminal exploitation are officially known to the municipality?"),
            _("9. Does the executive board have sight on the group of young people who are suspected of being both criminally and sexually exploited?"),
        ],
        tables=[table],
    )
    for year, cells, _total in table.body_rows():
        section.paragraphs.append(
            _("%(year)s: %(victims)s young (suspected) victims of criminal exploitation were known to the support organisation; for %(combined)s of them it concerned combined criminal and sexual exploitation.")
            % {"year": year, "victims": cells[0].label, "combined": cells[1].label}
        )
    return section


def _estimate_section(table: ProtectedTable, estimate: EstimateSummary | None) -> Section:
    section = Section(
        heading=_("Question 5: the real number of young victims"),
        questions=[_("5. Does the executive board have sight on the actual number of young victims of criminal exploitation?")],
    )
    if estimate is None or not table.rows:
        section.paragraphs.append(
            _("Not yet. Criminal exploitation largely takes place out of sight. An estimate of the real number needs at least two linked registrations (sources) of the same period; there are too few sources in Zicht to make one.")
        )
        return section
    labels = [cell.label for cell in table.column_values(0)]
    text = _("The latest estimate puts the real number of young victims at about %(estimate)s, against %(observed)s known in the sources.") % {
        "estimate": labels[1], "observed": labels[0],
    }
    if len(labels) >= 4:
        text += " " + _("The interval runs from %(low)s to %(high)s.") % {"low": labels[2], "high": labels[3]}
    section.paragraphs.append(text)
    section.paragraphs.append(
        _("Method: %(method)s; sources used: %(sources)s.") % {"method": estimate.method, "sources": ", ".join(estimate.sources) or "-"}
    )
    section.tables.append(table)
    return section


def _ranked(table: ProtectedTable, exclude: tuple[str, ...] = ()) -> list[str]:
    """Row labels with the largest published row totals first (suppressed and zero rows left out)."""
    scored = []
    for label, cells, total in table.body_rows():
        if label in exclude:
            continue
        value = total.value if total is not None else cells[0].value
        if value:
            scored.append((value, label))
    return [label for _value, label in sorted(scored, key=lambda item: -item[0])]


def _recruitment_section(table: ProtectedTable) -> Section:
    section = Section(
        heading=_("Question 6: where young people are recruited"),
        questions=[_("6. Does the executive board have sight on the places where these young people are recruited?")],
        tables=[table],
    )
    from zicht.concerns.constants import RecruitmentPlace

    top = _ranked(table, exclude=(str(RecruitmentPlace.UNKNOWN.label),))[:3]
    if top:
        section.paragraphs.append(_("In the concerns received, the places of recruitment named most often are: %(places)s.") % {"places": ", ".join(top).lower()})
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
        _("The support organisation offers coherent, tailored help; with minors always in coordination with the youth and family centre (CJG). The tables show the support given and the referrals to partners in this period.")
    )
    top = _ranked(support)[:3]
    if top:
        section.paragraphs.append(_("The kinds of support given most often: %(kinds)s.") % {"kinds": ", ".join(top).lower()})
    return section


def _training_section(audience: ProtectedTable, participants: ProtectedTable) -> Section:
    section = Section(
        heading=_("Question 8: trainings for professionals"),
        questions=[_("8. How are youth, neighbourhood and welfare workers involved in preventing criminal exploitation? Are they trained to recognise and report signs?")],
        tables=[audience, participants],
    )
    reached = _ranked(audience)
    if reached:
        section.paragraphs.append(_("In this period professionals were trained to recognise and report criminal exploitation, among them: %(sectors)s.") % {"sectors": ", ".join(reached).lower()})
    else:
        section.paragraphs.append(_("No trainings were registered in this period."))
    return section


# --- writers ---------------------------------------------------------------------------------------


def report_docx(report: CouncilReport) -> bytes:
    from docx import Document
    from docx.shared import Pt

    with translation.override("nl"):
        document = Document()
        document.core_properties.title = report.title
        document.add_heading(report.title, level=0)
        document.add_paragraph(
            _("Generated on %(date)s.") % {"date": formats.date_format(timezone.localtime(report.generated_at), "j F Y H:i")}
        )
        for text in report.introduction:
            document.add_paragraph(text)
        for section in report.sections:
            document.add_heading(section.heading, level=1)
            for question in section.questions:
                document.add_paragraph(question).runs[0].italic = True
            for text in section.paragraphs:
                document.add_paragraph(text)
            for table in section.tables:
                _docx_table(document, table, Pt)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def _docx_table(document, table: ProtectedTable, pt) -> None:  # noqa: ANN001
    document.add_paragraph(table.title).runs[0].bold = True
    if not table.rows:
        for note in table_notes(table):
            document.add_paragraph(note)
        return
    grid = table_grid(table)
    docx_table = document.add_table(rows=len(grid), cols=len(grid[0]))
    docx_table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            cell = docx_table.cell(r, c)
            cell.text = str(value)
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    caption = document.add_paragraph(_("Selection: %(query)s") % {"query": table.query})
    caption.runs[0].font.size = pt(8)
    for note in table_notes(table):
        document.add_paragraph(note).runs[0].font.size = pt(8)


def report_file(report: CouncilReport, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the report in ``fmt``."""
    name = f"raadsrapportage-{report.period.start.isoformat()}-{report.period.end.isoformat()}-{report.version}"
    with translation.override("nl"):
        if fmt == "docx":
            return report_docx(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", f"{name}.docx"
        if fmt == "csv":
            return tables_csv(report.tables), "text/csv; charset=utf-8", f"{name}.csv"
        if fmt == "xlsx":
            return tables_xlsx(report.tables), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"{name}.xlsx"
    raise ValueError(f"unknown report format: {fmt!r}")
