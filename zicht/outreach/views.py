from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zicht.accounts.http import AuthenticatedRequest
from zicht.common.decorators import role_required
from zicht.common.forms import form_add_service_errors
from zicht.outreach.forms import CampaignForm, PreventionLessonForm, TrainingForm, YearFilterForm
from zicht.outreach.permissions import OUTREACH_ROLES
from zicht.outreach.selectors import (
    campaign_list_visible_to,
    prevention_lesson_list_visible_to,
    training_list_visible_to,
)
from zicht.outreach.services import campaign_create, prevention_lesson_create, training_create


@role_required(*OUTREACH_ROLES)
def index(request: AuthenticatedRequest) -> HttpResponse:
    form = YearFilterForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else None
    trainings = training_list_visible_to(user=request.user)
    lessons = prevention_lesson_list_visible_to(user=request.user)
    campaigns = campaign_list_visible_to(user=request.user)
    if year:
        trainings, lessons = trainings.filter(date__year=year), lessons.filter(date__year=year)
        campaigns = campaigns.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    context = {
        "filter_form": form,
        "trainings": trainings,
        "lessons": lessons,
        "campaigns": campaigns,
        "participants": trainings.aggregate(n=Sum("participants"))["n"] or 0,
        "pupils": lessons.aggregate(n=Sum("pupils"))["n"] or 0,
    }
    return render(request, "outreach/index.html", context)


def _create_view(request: HttpRequest, form_class, service, title: str) -> HttpResponse:
    form = form_class(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            service(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("outreach:index")
    return render(request, "outreach/form.html", {"form": form, "title": title})


@role_required(*OUTREACH_ROLES)
@require_http_methods(["GET", "POST"])
def training_new(request: AuthenticatedRequest) -> HttpResponse:
    return _create_view(request, TrainingForm, training_create, _("New training or information session"))


@role_required(*OUTREACH_ROLES)
@require_http_methods(["GET", "POST"])
def lesson_new(request: AuthenticatedRequest) -> HttpResponse:
    return _create_view(request, PreventionLessonForm, prevention_lesson_create, _("New prevention lesson"))


@role_required(*OUTREACH_ROLES)
@require_http_methods(["GET", "POST"])
def campaign_new(request: AuthenticatedRequest) -> HttpResponse:
    return _create_view(request, CampaignForm, campaign_create, _("New campaign"))
