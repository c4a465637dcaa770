from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from zicht.accounts.http import AuthenticatedRequest
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.decorators import role_required
from zicht.common.forms import form_add_service_errors
from zicht.common.pagination import CappedPaginator
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernKind, ConcernStatus
from zicht.concerns.forms import (
    ConcernFilterForm,
    FirstContactForm,
    ProfessionalConcernForm,
    PublicConcernForm,
    TransitionForm,
)
from zicht.concerns.models import Concern
from zicht.concerns.permissions import (
    REPORTER_ROLES,
    SUBMIT_ROLES,
    TRIAGE_ROLES,
    concern_can_open_case,
    user_handles_concern,
)
from zicht.concerns.queues import queue_label
from zicht.concerns.selectors import (
    REPORTER_QUEUES,
    ConcernFilters,
    concern_case_ids,
    concern_filter,
    concern_framework_route_get,
    concern_get_for_user,
    concern_list_visible_to,
    concern_open_by_urgency,
    concern_queue,
    concern_triage_states,
    concern_young_person_get,
    reporting_organizations,
    support_organizations_active,
)
from zicht.concerns.services import (
    concern_record_first_contact,
    concern_record_safety_check,
    concern_submit,
    concern_submit_anonymous,
    concern_transition,
)
from zicht.concerns.workflow import allowed_targets
from zicht.framework.constants import TriageStepCode
from zicht.framework.forms import StepForm
from zicht.framework.models import Route
from zicht.framework.selectors import route_files_concern, route_get_for_user, route_step_states

PAGE_SIZE = 25
OBJECT_TYPE = "concerns.concern"
PUBLIC_RECEIPT = "public_concern_receipt"


def public_form_rate(group: str, request: HttpRequest) -> str:
    return settings.ZICHT_PUBLIC_FORM_RATE


@ratelimit(key="ip", rate=public_form_rate, method="POST", block=False)
@require_http_methods(["GET", "POST"])
def public_create(request: HttpRequest) -> HttpResponse:
    """The anonymous form: a young person, parent or anyone reports a concern or asks for advice."""
    form = PublicConcernForm(request.POST or None)
    limited = request.method == "POST" and getattr(request, "limited", False)
    if limited:
        # Nothing is lost: the form is shown again with what was typed.
        form.is_valid()
        return render(request, "concerns/public_form.html", {"form": form, "limited": True}, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            concern = concern_submit_anonymous(**form.service_kwargs())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            # The confirmation page shows the reference and whom to call; nothing about the content.
            request.session[PUBLIC_RECEIPT] = {
                "reference": concern.reference,
                "organization_id": concern.handling_organization_id,
                "contact_left": bool(concern.contact_phone or concern.contact_email),
            }
            return redirect("concerns:public_thanks")
    return render(request, "concerns/public_form.html", {"form": form})


def public_thanks(request: HttpRequest) -> HttpResponse:
    receipt = request.session.get(PUBLIC_RECEIPT) or {}
    organization_id = receipt.get("organization_id")
    organization = support_organizations_active().filter(pk=organization_id).first() if organization_id else None
    return render(
        request,
        "concerns/public_thanks.html",
        {
            "receipt": receipt,
            "organization": organization,
            "support_phone": (
                organization.phone if organization and organization.phone else settings.ZICHT_SUPPORT_PHONE
            ),
            "support_hours": settings.ZICHT_SUPPORT_HOURS,
            "response_days": settings.ZICHT_SUPPORT_RESPONSE_DAYS,
        },
    )


def _framework_route(request: AuthenticatedRequest) -> Route | None:
    """The reporter's finished route through the action framework this concern continues (``?route=``)."""
    route_id = request.POST.get("route") or request.GET.get("route")
    if not route_id:
        return None
    route = route_get_for_user(user=request.user, route_id=route_id)
    return route if route_files_concern(route=route, user=request.user) else None


@role_required(*SUBMIT_ROLES)
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedRequest) -> HttpResponse:
    support_roles = request.user.role in TRIAGE_ROLES
    route = _framework_route(request)
    form = ProfessionalConcernForm(request.POST or None, user=request.user, support_roles=support_roles)
    if request.method == "POST" and form.is_valid():
        try:
            concern = concern_submit(reporter=request.user, framework_route=route, **form.service_kwargs())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if concern.kind == ConcernKind.ADVICE_REQUEST:
                messages.success(request, _("Your advice request was sent. The support organisation will contact you."))
            else:
                messages.success(request, _("Your concern was sent. Thank you for reporting it."))
            if user_handles_concern(request.user, concern):
                return redirect("concerns:detail", pk=concern.pk)
            return redirect("concerns:mine")
    return render(request, "concerns/concern_form.html", {"form": form, "framework_route": route})


@role_required(*REPORTER_ROLES)
def mine(request: AuthenticatedRequest) -> HttpResponse:
    """A reporter's own concerns, with nothing but a content-free status."""
    queue = request.GET.get("queue", "")
    queryset = concern_queue(queryset=concern_list_visible_to(user=request.user), name=queue, queues=REPORTER_QUEUES)
    page = Paginator(queryset.order_by("-received_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    access_log_record(
        user=request.user,
        action=AccessAction.LIST,
        purpose=Purpose.OWN_REPORT,
        object_type=OBJECT_TYPE,
        ids=[concern.pk for concern in page],
    )
    return render(
        request, "concerns/mine.html", {"page": page, "queue_label": queue_label(role=Role.REPORTER, name=queue)}
    )


@role_required(*TRIAGE_ROLES)
def concern_list(request: AuthenticatedRequest) -> HttpResponse:
    visible = concern_list_visible_to(user=request.user)
    form = ConcernFilterForm(request.GET or None, reporter_organizations=reporting_organizations(queryset=visible))
    filters = ConcernFilters(**form.cleaned_data) if form.is_valid() else ConcernFilters()
    queue = request.GET.get("queue", "")
    queryset = concern_filter(queryset=concern_queue(queryset=visible, name=queue), filters=filters)
    # Opened without a search, filter or queue: the open concerns, most urgent first.
    open_by_urgency = not request.GET or set(request.GET) == {"page"}
    if open_by_urgency:
        queryset = concern_open_by_urgency(queryset=queryset)
    else:
        queryset = queryset.order_by("-received_at", "-pk")
    # A search counts only up to a cap ("more than 500 found"): a common name finds thousands. Its
    # page's rows are read by key, without the search, once the keys are known.
    if filters.q:
        rows = visible.prefetch_related("crime_domains")
        paginator: Paginator = CappedPaginator(queryset, PAGE_SIZE, rows=rows)
    else:
        paginator = Paginator(queryset.prefetch_related("crime_domains"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    access_log_record(
        user=request.user,
        action=AccessAction.LIST,
        purpose=Purpose.TRIAGE,
        object_type=OBJECT_TYPE,
        ids=[concern.pk for concern in page],
        persons=[concern.young_person_id for concern in page],
        search=" ".join(term for term in (filters.q, filters.words) if term),
    )
    context = {
        "page": page,
        "filter_form": form,
        "queue_label": queue_label(role=request.user.role, name=queue),
        "open_by_urgency": open_by_urgency,
    }
    return render(request, "concerns/concern_list.html", context)


@role_required(*SUBMIT_ROLES)
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    concern = concern_get_for_user(user=request.user, concern_id=pk)
    if not user_handles_concern(request.user, concern):
        return render(request, "concerns/reporter_detail.html", {"concern": concern})
    context = {
        "concern": concern,
        "young_person": concern_young_person_get(user=request.user, concern=concern),
        "indicators": concern.indicators.all(),
        "crime_domains": concern.crime_domains.all(),
        "history": concern.status_changes.select_related("by"),
        "case_ids": concern_case_ids(concern=concern),
        "targets": [
            ConcernStatus(s)
            for s in ConcernStatus.values
            if s in allowed_targets(concern.status) and s != ConcernStatus.CASE_OPENED
        ],
        "can_open_case": concern_can_open_case(concern),
        "triage_states": concern_triage_states(user=request.user, concern=concern),
    }
    if concern.status in (ConcernStatus.NEW, ConcernStatus.IN_TRIAGE):
        codes = {state.step.code: state for state in context["triage_states"]}
        context["safety_check"] = codes.get(TriageStepCode.SAFETY_CHECK)
    framework_route = concern_framework_route_get(user=request.user, concern=concern)
    if framework_route is not None:
        context["framework_route"] = framework_route
        context["framework_states"] = route_step_states(route=framework_route)
    return render(request, "concerns/concern_detail.html", context)


def _handled_concern(request: HttpRequest, pk: int) -> Concern:
    concern = concern_get_for_user(user=request.user, concern_id=pk)
    if not user_handles_concern(request.user, concern):
        raise Http404
    return concern


@role_required(*TRIAGE_ROLES)
@require_http_methods(["GET", "POST"])
def transition(request: AuthenticatedRequest, pk: int, to_status: str) -> HttpResponse:
    if to_status not in ConcernStatus.values or to_status == ConcernStatus.CASE_OPENED:
        raise Http404
    concern = _handled_concern(request, pk)
    form = TransitionForm(request.POST or None, to_status=to_status)
    allowed = to_status in allowed_targets(concern.status)
    if request.method == "POST" and form.is_valid():
        try:
            concern_transition(concern=concern, user=request.user, to_status=to_status, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The status was changed."))
            return redirect("concerns:detail", pk=concern.pk)
    context = {"concern": concern, "form": form, "target": ConcernStatus(to_status), "allowed": allowed}
    return render(request, "concerns/transition_form.html", context)


@role_required(*TRIAGE_ROLES)
@require_http_methods(["GET", "POST"])
def first_contact(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    concern = _handled_concern(request, pk)
    form = FirstContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern_record_first_contact(concern=concern, user=request.user, at=form.cleaned_data["at"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The first contact was recorded."))
            return redirect("concerns:detail", pk=concern.pk)
    return render(request, "concerns/first_contact_form.html", {"concern": concern, "form": form})


@role_required(*TRIAGE_ROLES)
@require_http_methods(["GET", "POST"])
def safety_check(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The triage route's safety check: the framework's questions, answered yes / no / don't know yet."""
    concern = _handled_concern(request, pk)
    states = concern_triage_states(user=request.user, concern=concern)
    state = next((s for s in states if s.step.code == TriageStepCode.SAFETY_CHECK), None)
    if state is None:
        raise Http404
    form = StepForm(request.POST or None, step=state.step, answers=state.answers, decision_code="")
    if request.method == "POST" and form.is_valid():
        try:
            concern_record_safety_check(concern=concern, user=request.user, answers=form.answers())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The safety check was recorded."))
            return redirect("concerns:detail", pk=concern.pk)
    return render(request, "concerns/safety_check_form.html", {"concern": concern, "form": form, "state": state})
