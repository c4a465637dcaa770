from __future__ import annotations

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
from zicht.matching import selectors, services
from zicht.matching.forms import ConfirmForm, InvolvementForm
from zicht.matching.models import Involvement, MatchNotice
from zicht.matching.permissions import INDEX_ROLES
from zicht.matching.queues import queue_label


@role_required(*INDEX_ROLES)
def involvement_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.involvement_list_visible_to(user=request.user), 50).get_page(request.GET.get("page"))
    access_log_record(
        user=request.user,
        action=AccessAction.LIST,
        purpose=Purpose.COORDINATION,
        object_type=Involvement._meta.label_lower,
        ids=[involvement.pk for involvement in page],
    )
    return render(request, "matching/involvement_list.html", {"page": page})


@role_required(*INDEX_ROLES)
@require_http_methods(["GET", "POST"])
def involvement_register(request: AuthenticatedRequest) -> HttpResponse:
    form = InvolvementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        identity = services.Identity(
            bsn=data["bsn"],
            given_names=data["given_names"],
            prefix=data["prefix"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
        )
        try:
            result = services.involvement_register(
                organization=request.user.organization, contact=request.user, identity=identity, actor=request.user
            )
        except services.IdentityError as exc:
            form.add_error(None, str(exc))
        else:
            if result.matches:
                messages.info(request, _("Registered. Another organisation is also involved: see your notices."))
            else:
                messages.success(
                    request,
                    _("Registered. You will get a notice if another organisation registers the same young person."),
                )
            return redirect("matching:involvement_list")
    return render(request, "matching/involvement_form.html", {"form": form})


@role_required(*INDEX_ROLES)
def involvement_detail(request: AuthenticatedRequest, involvement_id: int) -> HttpResponse:
    """One own registration: when it was made and expires, who is the contact, and its notices."""
    involvement = selectors.involvement_get_for_user(user=request.user, involvement_id=involvement_id)
    notices = selectors.notice_list_visible_to(user=request.user).filter(involvement=involvement)
    rows = [{"notice": n, "contact": services.contact_details(n.counterpart)} for n in notices]
    return render(request, "matching/involvement_detail.html", {"involvement": involvement, "rows": rows})


@role_required(*INDEX_ROLES)
@require_http_methods(["GET", "POST"])
def involvement_withdraw(request: AuthenticatedRequest, involvement_id: int) -> HttpResponse:
    involvement = selectors.involvement_get_for_user(user=request.user, involvement_id=involvement_id)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.involvement_withdraw(involvement=involvement, actor=request.user)
        messages.success(request, _("The registration was withdrawn."))
        return redirect("matching:involvement_list")
    return render(request, "matching/involvement_withdraw.html", {"form": form, "involvement": involvement})


@role_required(*INDEX_ROLES)
def notice_list(request: AuthenticatedRequest) -> HttpResponse:
    queue = request.GET.get("queue", "")
    queryset = selectors.notice_queue(queryset=selectors.notice_list_visible_to(user=request.user), name=queue)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    access_log_record(
        user=request.user,
        action=AccessAction.LIST,
        purpose=Purpose.COORDINATION,
        object_type=MatchNotice._meta.label_lower,
        ids=[notice.pk for notice in page],
    )
    rows = [
        {
            "notice": n,
            "contact": services.contact_details(n.counterpart),
            "description": services.match_description(n.match),
        }
        for n in page
    ]
    return render(request, "matching/notice_list.html", {"page": page, "rows": rows, "queue_label": queue_label(queue)})


@role_required(*INDEX_ROLES)
@require_http_methods(["GET", "POST"])
def notice_detail(request: AuthenticatedRequest, notice_id: int) -> HttpResponse:
    notice = selectors.notice_get_for_user(user=request.user, notice_id=notice_id)
    if request.method == "POST":  # marking read is an explicit action; a GET (or a link preview) changes nothing
        services.notice_mark_read(notice=notice, actor=request.user)
        messages.success(request, _("The notice is marked as read."))
        return redirect("matching:notice_detail", notice_id=notice.pk)
    context = {
        "notice": notice,
        "contact": services.contact_details(notice.counterpart),
        "description": services.match_description(notice.match),
    }
    return render(request, "matching/notice_detail.html", context)
