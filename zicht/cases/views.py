"""Thin views of the case registry: parse, call a selector or service, render."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.accounts.http import AuthenticatedRequest
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.cases import referral_services, services
from zicht.cases.constants import CaseStatus
from zicht.cases.extensions import case_panels, case_timeline
from zicht.cases.forms import (
    AssignLeadForm,
    CaseFilterForm,
    CaseOpenForm,
    CloseForm,
    ConsentForm,
    ExploitationTypesForm,
    NoteForm,
    ReferralForm,
    SupportActionForm,
    TransitionForm,
    TransitionStepForm,
    VictimStatusForm,
    service_errors_to_form,
)
from zicht.cases.models import Case
from zicht.cases.permissions import CASE_WORKER_ROLES, COORDINATOR_ROLES, role_coordinates_cases
from zicht.cases.selectors import (
    case_filter,
    case_get_for_user,
    case_list_for_export,
    case_list_visible_to,
    case_open_person_for_concern,
    lead_worker_choices,
    record_list_view,
)
from zicht.cases.workflow import CASE_TRANSITIONS, transition_step_due, turned_18_during_case
from zicht.common.decorators import role_required
from zicht.common.exploitation import ExploitationType
from zicht.common.pagination import CappedPaginator
from zicht.concerns.selectors import concern_get_for_user
from zicht.people.constants import Gender

CASE_ROLES = CASE_WORKER_ROLES
PAGE_SIZE = 25


def _local_day(moment):
    return None if moment is None else timezone.localtime(moment).date()


def _case_list_rows(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """What each row of the case list shows (its young person, lead worker and forms)."""
    return queryset.select_related("lead_worker", "young_person").prefetch_related("exploitations")


@role_required(*CASE_ROLES)
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    workers = lead_worker_choices(user=request.user)
    form = CaseFilterForm(request.GET or None, workers=workers)
    queryset = case_list_visible_to(user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        queryset = case_filter(
            queryset,
            status=data["status"],
            exploitation_type=data["exploitation_type"],
            year=data["year"],
            victim_status=data["victim_status"],
            lead_worker_id=data["lead_worker"].pk if data["lead_worker"] else None,
            search=data["q"],
        )
    queryset = queryset.order_by("-opened_at", "-pk")
    search = form.cleaned_data["q"] if form.is_valid() else ""
    # A search counts only up to a cap ("more than 500 found"): a common name finds thousands. Its
    # page's rows are read by key, without the search, once the keys are known.
    if search:
        rows = _case_list_rows(case_list_visible_to(user=request.user))
        paginator: Paginator = CappedPaginator(queryset, PAGE_SIZE, rows=rows)
    else:
        paginator = Paginator(_case_list_rows(queryset), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    record_list_view(
        user=request.user,
        model=Case,
        shown=page,
        person_of=lambda case: case.young_person_id,
        search=search,
    )
    return render(
        request,
        "cases/case_list.html",
        {"form": form, "page": page, "is_coordinator": role_coordinates_cases(request.user.role)},
    )


@role_required(*COORDINATOR_ROLES)
def case_export(request: AuthenticatedRequest) -> HttpResponse:
    """The own organisation's case list as CSV, without identity columns."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="casussen-{timezone.localdate():%Y%m%d}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Case number"),
            _("Registration year"),
            _("Opened on"),
            _("Status"),
            _("Victim status"),
            _("Forms of exploitation"),
            _("Combined"),
            _("Age at registration"),
            _("Age at start of exploitation"),
            _("Also a suspect"),
            _("Lead support worker"),
            _("Closed on"),
            _("Reason for closing"),
        ]
    )
    exported = list(case_list_for_export(user=request.user).order_by("opened_at", "pk"))
    for case in exported:
        kinds = sorted({e.type for e in case.exploitations.all()})
        writer.writerow(
            [
                case.reference,
                case.registration_year,
                _local_day(case.opened_at).isoformat(),
                case.get_status_display(),
                case.get_victim_status_display(),
                ", ".join(str(ExploitationType(k).label) for k in kinds),
                _("yes") if len(kinds) > 1 else _("no"),
                "" if case.age_at_registration is None else case.age_at_registration,
                "" if case.age_at_exploitation_start is None else case.age_at_exploitation_start,
                _("yes") if case.victim_also_suspect else _("no"),
                case.lead_worker.get_full_name() if case.lead_worker else "",
                case.closed_at and _local_day(case.closed_at).isoformat() or "",
                case.get_close_reason_display(),
            ]
        )
    access_log_record(
        user=request.user,
        action=AccessAction.EXPORT,
        purpose=Purpose.SUPPORT,
        object_type=Case._meta.label_lower,
        ids=[case.pk for case in exported],
        persons=[case.young_person_id for case in exported],
    )
    return response


def _case_open_kwargs(form: CaseOpenForm) -> dict:
    data = form.cleaned_data
    return {
        "exploitation": form.exploitation_pairs(),
        "victim_status": data["victim_status"],
        "age_at_exploitation_start": data.get("age_at_exploitation_start"),
        "victim_also_suspect": data.get("victim_also_suspect", False),
        "note": data.get("note", ""),
    }


@role_required(*CASE_ROLES)
def case_create(request: AuthenticatedRequest) -> HttpResponse:
    form = CaseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open_with_new_person(
                user=request.user,
                organization=request.user.organization,
                identity=form.identity(),
                **_case_open_kwargs(form),
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("The case has been opened."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "concern": None})


@role_required(*CASE_ROLES)
def case_create_from_concern(request: AuthenticatedRequest, concern_id: int) -> HttpResponse:
    concern = concern_get_for_user(user=request.user, concern_id=concern_id, purpose=Purpose.TRIAGE)
    person = case_open_person_for_concern(user=request.user, concern=concern)
    indicated = {i.form for i in concern.indicators.all()} & set(ExploitationType.values)
    initial: dict[str, Any] = {"exploitation_types": sorted(indicated)}
    if concern.gender in Gender.values:
        initial["gender"] = concern.gender
    form = CaseOpenForm(request.POST or None, with_identity=person is None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            kwargs = _case_open_kwargs(form) | {"concerns": [concern]}
            if person is None:
                case = services.case_open_with_new_person(
                    user=request.user, organization=request.user.organization, identity=form.identity(), **kwargs
                )
            else:
                case = services.case_open(user=request.user, young_person=person, **kwargs)
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("The case has been opened from the concern."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "concern": concern, "person": person})


@role_required(*CASE_ROLES)
def case_detail(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    person = case.young_person
    today = timezone.localdate()
    opened_on, closed_on = _local_day(case.opened_at), _local_day(case.closed_at)
    context = {
        "case": case,
        "person": person,
        "today": today,
        "exploitations": case.exploitations.all(),
        "concerns": case.concerns.order_by("received_at", "pk"),
        "events": case_timeline(case),
        "panels": case_panels(request=request, case=case),
        "support_actions": case.support_actions.all(),
        "referrals": case.referrals.select_related("to_organization", "consent", "responded_by").order_by(
            "created_at", "pk"
        ),
        "consents": person.consents.select_related("recipient").order_by("given_at", "pk"),
        "current_age": services.case_age_on(case, today),
        "turned_18": turned_18_during_case(
            date_of_birth=person.date_of_birth, opened_on=opened_on, today=today, closed_on=closed_on
        ),
        "transition_step_due": transition_step_due(
            date_of_birth=person.date_of_birth,
            opened_on=opened_on,
            today=today,
            closed_on=closed_on,
            recorded=case.transition_step_recorded_at is not None,
        ),
        "cjg_blocked": case.status == CaseStatus.INTAKE and services.case_active_support_blocked(case, day=today),
        "is_coordinator": role_coordinates_cases(request.user.role),
        "is_open": case.status != CaseStatus.CLOSED,
        "can_start_support": CaseStatus.ACTIVE_SUPPORT in CASE_TRANSITIONS[case.status],
    }
    return render(request, "cases/case_detail.html", context)


def _case_action(
    request: HttpRequest,
    case_id: int,
    *,
    form_class,
    build_form_kwargs=None,
    perform,
    title: str,
    success: str,
    template: str = "cases/case_action.html",
    extra: dict | None = None,
) -> HttpResponse:
    """Shared shape of the small forms on a case: read (audited), validate, call the service, redirect."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    form_kwargs = build_form_kwargs(case) if build_form_kwargs else {}
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            perform(case, form.cleaned_data, form)
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, success)
            return redirect("cases:detail", case_id=case.pk)
    return render(request, template, {"case": case, "form": form, "title": title, **(extra or {})})


@role_required(*CASE_ROLES)
def case_add_note(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=NoteForm,
        title=_("Add a note"),
        success=_("The note has been added."),
        perform=lambda case, data, form: services.case_add_note(case=case, user=request.user, text=data["text"]),
    )


@role_required(*CASE_ROLES)
def case_add_support_action(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=SupportActionForm,
        title=_("Add a support action"),
        success=_("The support action has been added."),
        perform=lambda case, data, form: referral_services.support_action_add(
            case=case,
            user=request.user,
            kind=data["kind"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            note=data["note"],
        ),
    )


@role_required(*CASE_ROLES)
def case_record_consent(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=ConsentForm,
        title=_("Record consent"),
        success=_("The consent has been recorded."),
        build_form_kwargs=lambda case: {"organization_id": case.organization_id},
        perform=lambda case, data, form: referral_services.consent_record(
            case=case,
            user=request.user,
            recipient=data["recipient"],
            purpose=data["purpose"],
            given_by_text=data["given_by_text"],
        ),
    )


@role_required(*CASE_ROLES)
def case_withdraw_consent(request: AuthenticatedRequest, case_id: int, consent_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    consent = case.young_person.consents.filter(pk=consent_id).select_related("recipient").first()
    if consent is None:
        raise Http404
    if request.method == "POST":
        try:
            referral_services.consent_withdraw(consent=consent, case=case, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The consent has been withdrawn."))
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/consent_withdraw.html", {"case": case, "consent": consent})


@role_required(*CASE_ROLES)
def case_create_referral(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=ReferralForm,
        title=_("Refer to another organisation"),
        success=_("The referral has been sent."),
        build_form_kwargs=lambda case: {
            "organization_id": case.organization_id,
            "young_person_id": case.young_person_id,
        },
        perform=lambda case, data, form: referral_services.referral_create(
            case=case,
            user=request.user,
            to_organization=data["to_organization"],
            purpose=data["purpose"],
            legal_basis=data["legal_basis"],
            question=data["question"],
            consent=data["consent"],
            consent_given_by=data["consent_given_by"],
        ),
    )


def _transition_targets(case: Case) -> list[tuple[str, str]]:
    return [
        (s, str(CaseStatus(s).label))
        for s in CaseStatus.values
        if s in CASE_TRANSITIONS[case.status] and s != CaseStatus.CLOSED
    ]


@role_required(*CASE_ROLES)
def case_transition(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=TransitionForm,
        title=_("Change the status"),
        success=_("The status has been changed."),
        build_form_kwargs=lambda case: {"targets": _transition_targets(case)},
        template="cases/case_transition.html",
        perform=lambda case, data, form: services.case_transition(
            case=case, user=request.user, to_status=data["to_status"], cjg_exemption_reason=data["cjg_exemption_reason"]
        ),
    )


@role_required(*CASE_ROLES)
def case_set_victim_status(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=VictimStatusForm,
        title=_("Decide on the victim status"),
        success=_("The victim status has been recorded."),
        perform=lambda case, data, form: services.case_set_victim_status(
            case=case, user=request.user, victim_status=data["victim_status"], note=data["note"]
        ),
    )


@role_required(*CASE_ROLES)
def case_set_exploitation(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=ExploitationTypesForm,
        title=_("Forms of exploitation"),
        success=_("The forms of exploitation have been recorded."),
        perform=lambda case, data, form: services.case_set_exploitation(
            case=case, user=request.user, exploitation=form.exploitation_pairs()
        ),
    )


@role_required(*CASE_ROLES)
def case_transition_step(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=TransitionStepForm,
        title=_("Record the transition step at 18"),
        success=_("The transition step has been recorded."),
        perform=lambda case, data, form: services.case_record_transition_step(
            case=case, user=request.user, note=data["note"]
        ),
    )


@role_required(*COORDINATOR_ROLES)
def case_assign_lead(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=AssignLeadForm,
        title=_("Assign the lead support worker"),
        success=_("The lead support worker has been assigned."),
        build_form_kwargs=lambda case: {"workers": lead_worker_choices(user=request.user)},
        perform=lambda case, data, form: services.case_assign_lead(
            case=case, user=request.user, lead_worker=data["lead_worker"]
        ),
    )


@role_required(*COORDINATOR_ROLES)
def case_close(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_action(
        request,
        case_id,
        form_class=CloseForm,
        title=_("Close the case"),
        success=_("The case has been closed."),
        perform=lambda case, data, form: services.case_close(
            case=case, user=request.user, reason=data["reason"], note=data["note"]
        ),
    )
