"""The access review for the admin role: who has which role where, last login and status (page and CSV)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.accounts.http import AuthenticatedRequest
from zicht.accounts.models import User
from zicht.accounts.permissions import ADMINISTRATION_ROLES
from zicht.accounts.selectors import ACCESS_REVIEW_SORTS, AccessReviewRow, access_review_rows
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.decorators import role_required


def _sort(request: AuthenticatedRequest) -> str:
    sort = request.GET.get("sort", "username")
    return sort if sort.lstrip("-") in ACCESS_REVIEW_SORTS else "username"


def _record(request: AuthenticatedRequest, action: str, rows: list[AccessReviewRow]) -> None:
    access_log_record(
        user=request.user,
        action=action,
        purpose=Purpose.ADMINISTRATION,
        object_type=User._meta.label_lower,
        ids=[row.user_id for row in rows],
    )


def _columns() -> list[tuple[str, str]]:
    return [
        ("username", _("Username")),
        ("name", _("Name")),
        ("role", _("Role")),
        ("organization", _("Organisation")),
        ("last_login", _("Last login")),
        ("status", _("Status")),
    ]


@role_required(*ADMINISTRATION_ROLES)
def access_review(request: AuthenticatedRequest) -> HttpResponse:
    sort = _sort(request)
    rows = access_review_rows(user=request.user, sort=sort)
    _record(request, AccessAction.LIST, rows)
    current, descending = sort.lstrip("-"), sort.startswith("-")
    columns = [
        {
            "key": key,
            "label": label,
            "sort": f"-{key}" if key == current and not descending else key,
            "current": key == current,
            "descending": descending,
        }
        for key, label in _columns()
    ]
    return render(request, "accounts/access_review.html", {"rows": rows, "columns": columns, "sort": sort})


@role_required(*ADMINISTRATION_ROLES)
def access_review_csv(request: AuthenticatedRequest) -> HttpResponse:
    rows = access_review_rows(user=request.user, sort=_sort(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="toegangsoverzicht-{timezone.localdate():%Y%m%d}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([label for _key, label in _columns()] + [_("Authenticator")])
    for row in rows:
        last_login = timezone.localtime(row.last_login).strftime("%Y-%m-%d %H:%M") if row.last_login else ""
        writer.writerow(
            [
                row.username,
                row.name,
                row.role_label,
                row.organization,
                last_login,
                row.status,
                _("set up") if row.has_authenticator else _("not set up"),
            ]
        )
    _record(request, AccessAction.EXPORT, rows)
    return response
