"""Statistics pages: thin views over selectors (who sees what), charts and writers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zicht.accounts.http import AuthenticatedRequest
from zicht.audit.constants import AccessAction
from zicht.common.decorators import role_required
from zicht.stats.charts import chart_outline, chart_svg
from zicht.stats.exports import table_notes, tables_csv, tables_xlsx
from zicht.stats.figures import FIGURES, figures_for
from zicht.stats.forms import ReportForm, period_form
from zicht.stats.permissions import EXACT, STATS_ROLES
from zicht.stats.report import report_file
from zicht.stats.selectors import council_report_for_user, stats_audience, stats_table_for_user

STATS_VIEW_ROLES = STATS_ROLES
DASHBOARD_KEYS = (
    "known_victims_per_year",
    "cases_by_form",
    "cases_by_age_band",
    "recruitment_places",
    "trainings_by_audience",
    "hidden_number",
)
PAGES = {
    "dashboard": (_("Overview"), DASHBOARD_KEYS),
    "concerns": (_("Concerns"), tuple(spec.key for spec in figures_for("concerns"))),
    "cases": (_("Cases and support"), tuple(spec.key for spec in figures_for("cases"))),
    "outreach": (_("Trainings and walk-in consultations"), tuple(spec.key for spec in figures_for("outreach"))),
}


def _blocks(request: HttpRequest, keys: tuple[str, ...], period, query: str) -> list[dict]:
    """The page's figures with their charts' outlines: the pictures are drawn when the browser
    fetches them (``chart``), so the first view of a period waits for no drawing."""
    blocks = []
    for key in keys:
        spec = FIGURES[key]
        table = stats_table_for_user(user=request.user, key=key, start=period.start, end=period.end)
        chart = chart_outline(table, spec.chart)
        src = f"{reverse('stats:chart', args=[key])}?{query}" if chart is not None and chart.image else ""
        blocks.append({"key": key, "table": table, "chart": chart, "chart_src": src, "notes": table_notes(table)})
    return blocks


def _page(request: HttpRequest, page: str) -> HttpResponse:
    audience = stats_audience(user=request.user)
    form = period_form(request.GET)
    period = form.period()
    title, keys = PAGES[page]
    query = f"start={period.start.isoformat()}&end={period.end.isoformat()}"
    return render(
        request,
        "stats/page.html",
        {
            "page": page,
            "page_title": title,
            "pages": [(name, label) for name, (label, _keys) in PAGES.items()],
            "form": form,
            "period": period,
            "query": query,
            "blocks": _blocks(request, keys, period, query),
            "exact": audience.mode == EXACT,
            "organization": audience.organization,
        },
    )


@role_required(*STATS_VIEW_ROLES)
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request, "dashboard")


@role_required(*STATS_VIEW_ROLES)
def concerns(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request, "concerns")


@role_required(*STATS_VIEW_ROLES)
def cases(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request, "cases")


@role_required(*STATS_VIEW_ROLES)
def outreach(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request, "outreach")


@role_required(*STATS_VIEW_ROLES)
def chart(request: AuthenticatedRequest, key: str) -> HttpResponse:
    """The picture of a figure's chart, as the page's outline promised: the same roles, period
    and publication path (protection, or the audited exact view) as the page."""
    spec = FIGURES.get(key)
    if spec is None:
        raise Http404
    period = period_form(request.GET).period()
    table = stats_table_for_user(user=request.user, key=key, start=period.start, end=period.end)
    svg = chart_svg(table, spec.chart)
    if svg is None:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml")
    # A picture only: nothing in it may run or load anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(*STATS_VIEW_ROLES)
def table_download(request: AuthenticatedRequest, key: str, fmt: str) -> HttpResponse:
    if key not in FIGURES or fmt not in ("csv", "xlsx"):
        raise Http404
    period = period_form(request.GET).period()
    table = stats_table_for_user(
        user=request.user, key=key, start=period.start, end=period.end, action=AccessAction.EXPORT
    )
    name = f"{key}-{period.start.isoformat()}-{period.end.isoformat()}"
    if fmt == "csv":
        response = HttpResponse(tables_csv([table]), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            tables_xlsx([table]), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@role_required(*STATS_VIEW_ROLES)
def report(request: AuthenticatedRequest) -> HttpResponse:
    """Choose a period, version and format; the form submits (GET) to the download."""
    audience = stats_audience(user=request.user)
    allow_internal = audience.mode == EXACT
    form = (
        ReportForm(request.GET, allow_internal=allow_internal)
        if "start" in request.GET
        else ReportForm(
            allow_internal=allow_internal,
            initial={
                "start": period_form({}).period().start,
                "end": period_form({}).period().end,
                "version": "public",
                "format": "docx",
            },
        )
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        council = council_report_for_user(
            user=request.user, start=data["start"], end=data["end"], version=data["version"]
        )
        if data["format"] == "html":
            sections = [(section, [(t, table_notes(t)) for t in section.tables]) for section in council.sections]
            return render(request, "stats/report_view.html", {"report": council, "sections": sections})
        content, content_type, filename = report_file(council, data["format"])
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(
        request, "stats/report.html", {"form": form, "exact": allow_internal, "organization": audience.organization}
    )
