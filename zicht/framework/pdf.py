"""The current action framework as an A4 PDF for trainings (the same text as the print page).

Drawn with ReportLab's page layout engine; the text face is the DejaVu Sans that matplotlib ships,
embedded so every name and diacritic prints as typed.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import Flowable

from zicht.framework.constants import NormUnit, RouteKind
from zicht.framework.models import FrameworkStep, FrameworkVersion
from zicht.framework.selectors import framework_steps, step_contacts

FONT, FONT_BOLD = "ZichtSans", "ZichtSans-Bold"


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=10, leading=14)
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=FONT_BOLD, fontSize=18, leading=22),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=FONT_BOLD, fontSize=13, leading=17),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName=FONT_BOLD, fontSize=11, leading=15),
        "body": body,
    }


def _text(value: str) -> str:
    """Escaped for ReportLab's paragraph markup, line breaks kept."""
    return escape(value or "").replace("\n", "<br/>")


def _norm(step: FrameworkStep) -> str:
    n = step.norm_amount or 0
    if step.norm_unit == NormUnit.HOURS:
        words = ngettext("within %(n)s hour of the start", "within %(n)s hours of the start", n)
    else:
        words = ngettext("within %(n)s day of the start", "within %(n)s days of the start", n)
    return words % {"n": n}


def _bullets(items: list[str], style: ParagraphStyle) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(_text(item), style), leftIndent=12) for item in items],
        bulletType="bullet",
        start="•",
        leftIndent=12,
        bulletFontName=FONT,
    )


def _step(number: int, step: FrameworkStep, *, with_contacts: bool, styles: dict) -> list[Flowable]:
    body = styles["body"]
    parts: list[Flowable] = [Paragraph(f"{number}. {_text(step.title)}", styles["h3"])]
    if step.guidance:
        parts.append(Paragraph(_text(step.guidance), body))
    if step.norm_amount:
        parts.append(Paragraph(f"<b>{_text(_('Time norm'))}:</b> {_text(_norm(step))}", body))
    questions = [q.text for q in step.questions.all()]
    if questions:
        parts += [Paragraph(f"<b>{_text(_('Questions to weigh'))}:</b>", body), _bullets(questions, body)]
    decisions = [d.label for d in step.decisions.all()]
    if decisions:
        parts += [Paragraph(f"<b>{_text(_('Decisions'))}:</b>", body), _bullets(decisions, body)]
    if with_contacts:
        contacts = [", ".join(v for v in (org.name, org.phone, org.email) if v) for org in step_contacts(step=step)]
        if contacts:
            parts += [Paragraph(f"<b>{_text(_('Whom to contact'))}:</b>", body), _bullets(contacts, body)]
    return parts


def framework_pdf(version: FrameworkVersion) -> bytes:
    """The framework version as an A4 PDF in the active language (Dutch by default)."""
    _register_fonts()
    styles = _styles()
    published = formats.date_format(version.published_at, "DATE_FORMAT") if version.published_at else "–"
    story: list[Flowable] = [
        Paragraph(_text(version.title), styles["title"]),
        Paragraph(
            _text(_("Version %(n)s, published %(date)s.") % {"n": version.number, "date": published}), styles["body"]
        ),
        Spacer(1, 4 * mm),
    ]
    if version.introduction:
        story.append(Paragraph(_text(version.introduction), styles["body"]))
    sections = (
        (_("Steps for the professional with a signal"), RouteKind.PROFESSIONAL, True),
        (_("Triage by the support organisation"), RouteKind.TRIAGE, False),
    )
    for heading, kind, with_contacts in sections:
        story.append(Paragraph(_text(heading), styles["h2"]))
        for number, step in enumerate(framework_steps(version=version, kind=kind), start=1):
            story += _step(number, step, with_contacts=with_contacts, styles=styles)
    if version.police_agreements:
        story += [
            Paragraph(_text(_("Standing agreements with the police")), styles["h2"]),
            Paragraph(_text(version.police_agreements), styles["body"]),
        ]
    buffer = io.BytesIO()
    language = "nl-NL" if (get_language() or "nl").startswith("nl") else "en-GB"
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=version.title,
        subject=_("Action framework"),
        creator="Zicht",
        author="Zicht",
        lang=language,
    )
    footer = f"{version.title}, " + _("version %(n)s") % {"n": version.number}

    def draw_footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(20 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, _("page %(n)s") % {"n": doc.page})
        canvas.restoreState()

    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()
