from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zicht.accounts.http import AuthenticatedRequest
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.decorators import role_required
from zicht.common.uploads import uploads_too_large
from zicht.sources import selectors, services
from zicht.sources.constants import LEARNT_RULE, UploadChannel
from zicht.sources.estimation import EstimationError
from zicht.sources.forms import EstimateForm, SourceListUploadForm
from zicht.sources.models import SourceList
from zicht.sources.permissions import ESTIMATE_ROLES, UPLOAD_ROLES
from zicht.sources.pseudonymise import FileRejected
from zicht.sources.upload import csv_rows, open_text


@role_required(*UPLOAD_ROLES)
def list_index(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.source_list_list_visible_to(user=request.user), 50).get_page(request.GET.get("page"))
    access_log_record(
        user=request.user,
        action=AccessAction.LIST,
        purpose=Purpose.STATISTICS,
        object_type=SourceList._meta.label_lower,
        ids=[source_list.pk for source_list in page],
    )
    return render(request, "sources/list_index.html", {"page": page})


@role_required(*UPLOAD_ROLES)
@require_http_methods(["GET", "POST"])
def list_upload(request: AuthenticatedRequest) -> HttpResponse:
    form = SourceListUploadForm(
        request.POST or None, request.FILES or None, too_large="file" in uploads_too_large(request)
    )
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            source_list = services.source_list_upload(
                organization=request.user.organization,
                name=data["name"],
                year=data["year"],
                rows=csv_rows(open_text(data["file"].open("rb"))),
                rows_are_numbered=True,
                actor=request.user,
                uploaded_by=request.user,
                channel=UploadChannel.SCREEN,
            )
        except FileRejected as exc:
            report = exc.errors
        else:
            counts = services.source_list_linkable_counts(source_list)
            messages.success(
                request,
                _(
                    "The list was uploaded: %(rows)s rows, linkable by BSN and name keys: %(both)s, by BSN key only: "
                    "%(bsn)s, by name keys only: %(names)s."
                )
                % {
                    "rows": source_list.row_count,
                    "both": counts["bsn_and_names"],
                    "bsn": counts["bsn"],
                    "names": counts["names"],
                },
            )
            return redirect("sources:list_detail", source_list_id=source_list.pk)
    return render(request, "sources/list_upload.html", {"form": form, "report": report})


@role_required(*UPLOAD_ROLES)
def list_detail(request: AuthenticatedRequest, source_list_id: int) -> HttpResponse:
    source_list = selectors.source_list_get_for_user(user=request.user, source_list_id=source_list_id)
    return render(request, "sources/list_detail.html", {"source_list": source_list})


@role_required(*ESTIMATE_ROLES)
def estimate_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.estimate_snapshot_list_visible_to(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    rows = services.snapshot_list_figures(page.object_list)
    return render(request, "sources/estimate_list.html", {"page": page, "rows": rows})


@role_required(*ESTIMATE_ROLES)
@require_http_methods(["GET", "POST"])
def estimate_create(request: AuthenticatedRequest) -> HttpResponse:
    year = dt.date.today().year - 1
    form = EstimateForm(request.POST or None, initial={"year_from": year, "year_to": year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            snapshot = services.estimate_snapshot_create(
                period_start=dt.date(data["year_from"], 1, 1),
                period_end=dt.date(data["year_to"], 12, 31),
                stratum=data["stratum"],
                link_rule=data["link_rule"],
                threshold=data["threshold"],
                user=request.user,
            )
        except EstimationError as exc:
            form.add_error(None, _("No estimate could be made: %(reason)s") % {"reason": exc})
        else:
            return redirect("sources:estimate_detail", snapshot_id=snapshot.pk)
    return render(request, "sources/estimate_form.html", {"form": form})


@role_required(*ESTIMATE_ROLES)
def estimate_detail(request: AuthenticatedRequest, snapshot_id: int) -> HttpResponse:
    snapshot = selectors.estimate_snapshot_get_for_user(user=request.user, snapshot_id=snapshot_id)
    overlap, _patterns = services.snapshot_overlap(snapshot)
    sensitivity = services.snapshot_sensitivity(snapshot)
    context = {
        "snapshot": snapshot,
        "alt": services.snapshot_upset_alt(snapshot),
        "overlap": overlap,
        "observed": overlap.column_totals[0].label if overlap.column_totals else "–",
        "sensitivity": sensitivity,
        "learnt_rule": any(row.get("threshold") == LEARNT_RULE for row in sensitivity),
        "link_rule": services.snapshot_link_rule_label(snapshot),
        "methods": services.snapshot_methods(snapshot),
    }
    return render(request, "sources/estimate_detail.html", context)


@role_required(*ESTIMATE_ROLES)
def estimate_upset(request: AuthenticatedRequest, snapshot_id: int) -> HttpResponse:
    snapshot = selectors.estimate_snapshot_get_for_user(user=request.user, snapshot_id=snapshot_id)
    svg, _alt = services.snapshot_upset(snapshot)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
