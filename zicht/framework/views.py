from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zicht.accounts.http import AuthenticatedRequest
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.decorators import role_required
from zicht.common.forms import form_add_service_errors
from zicht.framework.constants import RouteKind
from zicht.framework.forms import StepForm
from zicht.framework.models import FrameworkVersion
from zicht.framework.pdf import framework_pdf
from zicht.framework.permissions import READER_ROLES, ROUTE_ROLES, role_walks_routes
from zicht.framework.selectors import (
    framework_steps,
    framework_version_current,
    route_current_step,
    route_files_concern,
    route_final_decision,
    route_get_for_user,
    route_list_for,
    route_step_states,
    step_contacts,
)
from zicht.framework.services import route_start, route_step_save

ROUTE_TYPE = "framework.route"


def _framework_context(version: FrameworkVersion | None) -> dict:
    if version is None:
        return {"version": None}
    return {
        "version": version,
        "professional_steps": [
            (step, step_contacts(step=step)) for step in framework_steps(version=version, kind=RouteKind.PROFESSIONAL)
        ],
        "triage_steps": list(framework_steps(version=version, kind=RouteKind.TRIAGE)),
    }


@role_required(*READER_ROLES)
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The current framework, and one's own routes to resume."""
    context = _framework_context(framework_version_current())
    if role_walks_routes(request.user.role):
        routes = route_list_for(user=request.user).select_related("version")
        context["routes"] = routes
        context["can_start"] = context["version"] is not None
        access_log_record(
            user=request.user, action=AccessAction.LIST, purpose=Purpose.OWN_REPORT, object_type=ROUTE_TYPE
        )
    return render(request, "framework/index.html", context)


@role_required(*READER_ROLES)
def printable(request: AuthenticatedRequest) -> HttpResponse:
    """The current framework on paper, for trainings (the browser prints it, or saves it as PDF)."""
    return render(request, "framework/print.html", _framework_context(framework_version_current()))


@role_required(*READER_ROLES)
def printable_pdf(request: AuthenticatedRequest) -> HttpResponse:
    """The current framework as an A4 PDF for trainings (no personal data: no access-log entry)."""
    version = framework_version_current()
    if version is None:
        raise Http404
    response = HttpResponse(framework_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="handelingskader-versie-{version.number}.pdf"'
    return response


@role_required(*ROUTE_ROLES)
@require_http_methods(["GET", "POST"])
def route_start_view(request: AuthenticatedRequest) -> HttpResponse:
    version = framework_version_current()
    if request.method == "POST":
        try:
            route = route_start(user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("framework:route_detail", pk=route.pk)
    return render(request, "framework/route_start.html", {"version": version})


@role_required(*ROUTE_ROLES)
@require_http_methods(["GET", "POST"])
def route_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    route = route_get_for_user(user=request.user, route_id=pk)
    states = route_step_states(route=route)
    current = route_current_step(states)
    form = None
    if current is not None:
        decision = current.route_step.decision
        form = StepForm(
            request.POST or None,
            step=current.step,
            answers=current.answers,
            decision_code=decision.code if decision else "",
        )
        if request.method == "POST" and form.is_valid():
            complete = request.POST.get("action") == "complete"
            try:
                route_step_save(
                    route=route,
                    user=request.user,
                    step_code=current.step.code,
                    answers=form.answers(),
                    decision_code=form.decision_code(),
                    complete=complete,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                if complete:
                    messages.success(request, _("The step is completed."))
                else:
                    messages.success(request, _("Saved. You can continue later from the action framework page."))
                return redirect("framework:route_detail", pk=route.pk)
    context = {
        "route": route,
        "states": states,
        "current": current,
        "contacts": step_contacts(step=current.step) if current else [],
        "form": form,
        "decision": route_final_decision(route=route) if route.finished_at else None,
        "files_concern": route_files_concern(route=route, user=request.user),
        "concern_id": getattr(getattr(route, "concern", None), "pk", None),
    }
    return render(request, "framework/route_detail.html", context)
