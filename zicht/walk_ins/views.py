from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from zicht.accounts.http import AuthenticatedRequest, member_organization
from zicht.common.decorators import role_required
from zicht.common.forms import form_add_service_errors
from zicht.walk_ins.constants import VisitTopic
from zicht.walk_ins.forms import GenerateForm, SessionFilterForm, VisitCountsForm
from zicht.walk_ins.permissions import WALK_IN_ROLES
from zicht.walk_ins.selectors import walk_in_session_get_for_user, walk_in_session_list_visible_to
from zicht.walk_ins.services import walk_in_counts_record, walk_in_schedule_defaults, walk_in_schedule_generate

UPCOMING = 6


@role_required(*WALK_IN_ROLES)
def session_list(request: AuthenticatedRequest) -> HttpResponse:
    form = SessionFilterForm(request.GET or None)
    visible = walk_in_session_list_visible_to(user=request.user).annotate(visits=Sum("visit_counts__count"))
    today = timezone.localdate()
    upcoming = visible.filter(date__gte=today).order_by("date", "starts_at")[:UPCOMING]
    past = visible.filter(date__lt=today)
    if form.is_valid() and form.cleaned_data["year"]:
        past = past.filter(date__year=form.cleaned_data["year"])
    page = Paginator(past.order_by("-date", "-starts_at"), 30).get_page(request.GET.get("page"))
    return render(request, "walk_ins/session_list.html", {"page": page, "upcoming": upcoming, "filter_form": form})


@role_required(*WALK_IN_ROLES)
@require_http_methods(["GET", "POST"])
def session_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = walk_in_session_get_for_user(user=request.user, session_id=pk)
    form = VisitCountsForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            walk_in_counts_record(session=session, user=request.user, counts=form.counts())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The visit counts were saved."))
            return redirect("walk_ins:session", pk=session.pk)
    return render(
        request, "walk_ins/session_detail.html", {"session": session, "form": form, "topics": VisitTopic.choices}
    )


@role_required(*WALK_IN_ROLES)
@require_http_methods(["GET", "POST"])
def generate(request: AuthenticatedRequest) -> HttpResponse:
    form = GenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = walk_in_schedule_generate(
                organization=member_organization(request.user), user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(n)s session was added.", "%(n)s sessions were added.", len(created)) % {"n": len(created)},
            )
            return redirect("walk_ins:list")
    return render(request, "walk_ins/generate_form.html", {"form": form, "schedule": walk_in_schedule_defaults()})
