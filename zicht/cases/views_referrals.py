"""Referral screens: partners see referrals addressed to their organisation (never the case notes)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zicht.accounts.http import AuthenticatedRequest
from zicht.audit.constants import Purpose
from zicht.cases import referral_services
from zicht.cases.constants import ReferralStatus
from zicht.cases.forms import ReferralDoneForm, ReferralResponseForm, service_errors_to_form
from zicht.cases.models import Referral
from zicht.cases.permissions import REFERRAL_ANSWER_ROLES, REFERRAL_VIEW_ROLES
from zicht.cases.queues import queue_label
from zicht.cases.selectors import record_list_view, referral_get_for_user, referral_list_visible_to, referral_queue
from zicht.cases.workflow import referral_transition_allowed
from zicht.common.decorators import role_required

REFERRAL_ROLES = REFERRAL_VIEW_ROLES


# A partner's list opens on this queue: what waits for an answer, the longest waiting first.
PARTNER_DEFAULT_QUEUE = "to_answer"
ALL = "all"


@role_required(*REFERRAL_ROLES)
def referral_list(request: AuthenticatedRequest) -> HttpResponse:
    queryset = (
        referral_list_visible_to(user=request.user)
        .select_related("to_organization", "case__organization")
        .order_by("-created_at", "-pk")
    )
    is_partner = request.user.role in REFERRAL_ANSWER_ROLES
    status = request.GET.get("status", "")
    if status in ReferralStatus.values:
        queryset = queryset.filter(status=status)
    else:
        status = ""
    default_queue = PARTNER_DEFAULT_QUEUE if is_partner and not status else ""
    queue = request.GET.get("queue", default_queue)
    queryset = referral_queue(queryset=queryset, name=queue)
    if queue == "to_answer":  # a work queue: what has waited longest comes first
        queryset = queryset.order_by("created_at", "pk")
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    record_list_view(
        user=request.user,
        model=Referral,
        purpose=Purpose.REFERRAL,
        shown=page,
        person_of=lambda referral: referral.case.young_person_id,
    )
    return render(
        request,
        "cases/referral_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ReferralStatus.choices,
            "is_partner": is_partner,
            "queue": queue if queue != ALL else "",
            "queue_label": queue_label(queue),
            "show_all_query": ALL if default_queue else "",
        },
    )


@role_required(*REFERRAL_ROLES)
def referral_detail(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    referral = referral_get_for_user(user=request.user, referral_id=referral_id)
    is_receiver = request.user.role in REFERRAL_ANSWER_ROLES
    return render(
        request,
        "cases/referral_detail.html",
        {
            "referral": referral,
            "person": referral.case.young_person,
            "is_receiver": is_receiver,
            "can_respond": is_receiver and referral_transition_allowed(referral.status, ReferralStatus.ACCEPTED),
            "can_mark_done": is_receiver and referral_transition_allowed(referral.status, ReferralStatus.DONE),
            "respond_form": ReferralResponseForm(),
            "done_form": ReferralDoneForm(),
        },
    )


def _referral_step(
    request: AuthenticatedRequest, referral_id: int, *, form_class, perform, title: str, success: str
) -> HttpResponse:
    referral = referral_get_for_user(user=request.user, referral_id=referral_id)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            perform(referral, form.cleaned_data)
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, success)
            return redirect("cases:referral_detail", referral_id=referral.pk)
    return render(
        request,
        "cases/referral_step.html",
        {"referral": referral, "person": referral.case.young_person, "form": form, "title": title, "is_receiver": True},
    )


@role_required(*REFERRAL_ANSWER_ROLES)
def referral_respond(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    return _referral_step(
        request,
        referral_id,
        form_class=ReferralResponseForm,
        title=_("Answer the referral"),
        success=_("Your answer has been recorded."),
        perform=lambda referral, data: referral_services.referral_respond(
            referral=referral, user=request.user, accept=data["decision"] == "accept", note=data["note"]
        ),
    )


@role_required(*REFERRAL_ANSWER_ROLES)
def referral_done(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    return _referral_step(
        request,
        referral_id,
        form_class=ReferralDoneForm,
        title=_("Mark the referral as done"),
        success=_("The referral has been marked as done."),
        perform=lambda referral, data: referral_services.referral_mark_done(
            referral=referral, user=request.user, note=data["note"]
        ),
    )
