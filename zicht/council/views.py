from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zicht.accounts.http import AuthenticatedRequest
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.decorators import role_required
from zicht.council import services
from zicht.council.constants import EDITABLE_STATUSES, LetterVersion, QuestionStatus
from zicht.council.deadlines import deadline_state, local_today
from zicht.council.docx_letter import letter_docx
from zicht.council.forms import (
    ExtensionForm,
    FigureForm,
    ItemForm,
    LetterFieldsForm,
    NewItemForm,
    NoteForm,
    RegisterForm,
)
from zicht.council.letter import build_letter
from zicht.council.models import CouncilQuestion, CouncilQuestionItem
from zicht.council.permissions import (
    APPROVER_ROLES,
    COUNCIL_ROLES,
    role_approves_council_answers,
    role_uses_internal_figures,
)
from zicht.council.queues import queue_label
from zicht.council.selectors import (
    council_question_get_for_user,
    council_question_list_visible_to,
    council_question_queue,
    warning_days,
)
from zicht.council.workflow import TRANSITIONS

COUNCIL = COUNCIL_ROLES
LETTER_FIELDS = tuple(LetterFieldsForm.base_fields)


def _item(question: CouncilQuestion, number: int) -> CouncilQuestionItem:
    return get_object_or_404(CouncilQuestionItem, question=question, number=number)


def _state(question: CouncilQuestion, today: datetime.date) -> str:
    return deadline_state(deadline=question.deadline, status=question.status, today=today, warning_days=warning_days())


def _errors(request: AuthenticatedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@role_required(*COUNCIL)
def question_list(request: AuthenticatedRequest) -> HttpResponse:
    today = local_today()
    queue = request.GET.get("queue", "")
    visible = council_question_queue(
        queryset=council_question_list_visible_to(user=request.user), name=queue, today=today
    )
    questions = list(visible.order_by("-received_on", "-pk"))
    access_log_record(
        user=request.user, action=AccessAction.LIST, purpose=Purpose.STATISTICS, object_type="council.councilquestion"
    )
    rows = [(q, _state(q, today)) for q in questions]
    return render(
        request, "council/question_list.html", {"rows": rows, "today": today, "queue_label": queue_label(queue)}
    )


@role_required(*COUNCIL)
@require_http_methods(["GET", "POST"])
def question_register(request: AuthenticatedRequest) -> HttpResponse:
    form = RegisterForm(
        request.POST or None,
        user=request.user,
        initial={
            "deadline_rule": services.default_deadline_rule(),
            "received_on": local_today(),
            "responsible": request.user.pk,
            "secretary_name": getattr(settings, "ZICHT_COUNCIL_SECRETARY", ""),
            "mayor_name": getattr(settings, "ZICHT_COUNCIL_MAYOR", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        questions = data.pop("questions")
        question = services.council_question_register(user=request.user, questions=questions, **data)
        messages.success(
            request, _("The letter has been registered with %(count)s questions.") % {"count": len(questions)}
        )
        return redirect("council:question_detail", pk=question.pk)
    return render(request, "council/question_register.html", {"form": form})


@role_required(*COUNCIL)
def question_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    today = local_today()
    letter = build_letter(question, internal=role_uses_internal_figures(request.user.role))
    targets = [
        (target, QuestionStatus(target).label, services.council_question_blockers(question=question, target=target))
        for target in TRANSITIONS.get(question.status, ())
    ]
    context = {
        "question": question,
        "letter": letter,
        "state": _state(question, today),
        "days_left": (question.deadline - today).days,
        "editable": question.status in EDITABLE_STATUSES,
        "targets": targets,
        "may_approve": role_approves_council_answers(request.user.role)
        and question.status == QuestionStatus.AWAITING_APPROVAL
        and question.approved_at is None,
        "may_use_internal": role_uses_internal_figures(request.user.role),
        "events": question.events.select_related("by").order_by("-at", "-pk"),
        "extensions": question.extensions.select_related("by"),
        "internal_in_use": services.internal_figures_in_use(question),
    }
    return render(request, "council/question_detail.html", context)


@role_required(*COUNCIL)
@require_http_methods(["GET", "POST"])
def question_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    initial = {name: getattr(question, name) for name in LETTER_FIELDS}
    form = LetterFieldsForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.council_question_update(user=request.user, question=question, **form.cleaned_data)
        messages.success(request, _("The letter has been saved."))
        return redirect("council:question_detail", pk=question.pk)
    return render(request, "council/question_edit.html", {"form": form, "question": question})


@role_required(*COUNCIL)
@require_http_methods(["GET", "POST"])
def item_edit(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    item = _item(question, number)
    form = ItemForm(request.POST or None, initial={"text": item.text, "answer": item.answer})
    if request.method == "POST" and form.is_valid():
        try:
            services.council_item_save(user=request.user, question=question, item=item, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Question %(number)s has been saved.") % {"number": item.number})
            return redirect("council:question_detail", pk=question.pk)
    figure_form = FigureForm(
        may_use_internal=role_uses_internal_figures(request.user.role), initial=_period_initial(question)
    )
    context = {
        "form": form,
        "figure_form": figure_form,
        "question": question,
        "item": item,
        "editable": question.status in EDITABLE_STATUSES,
        "figures": item.figures.all(),
    }
    return render(request, "council/item_edit.html", context)


def _period_initial(question: CouncilQuestion) -> dict[str, datetime.date]:
    # The source letters ask about "the past two years": from 1 January two years back.
    return {"period_start": datetime.date(question.received_on.year - 2, 1, 1), "period_end": question.received_on}


@role_required(*COUNCIL)
@require_http_methods(["GET", "POST"])
def item_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    form = NewItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.council_item_save(user=request.user, question=question, text=form.cleaned_data["text"])
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Question %(number)s has been added.") % {"number": item.number})
            return redirect("council:question_detail", pk=question.pk)
    return render(request, "council/item_add.html", {"form": form, "question": question})


@role_required(*COUNCIL)
@require_http_methods(["GET", "POST"])
def item_remove(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    item = _item(question, number)
    if request.method == "POST":
        try:
            services.council_item_remove(user=request.user, question=question, item=item)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The question has been removed."))
        return redirect("council:question_detail", pk=question.pk)
    return render(request, "council/item_remove.html", {"question": question, "item": item})


@role_required(*COUNCIL)
@require_http_methods(["GET", "POST"])
def figure_insert(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    item = _item(question, number)
    may_use_internal = role_uses_internal_figures(request.user.role)
    form = FigureForm(request.POST or None, may_use_internal=may_use_internal, initial=_period_initial(question))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            figure = services.answer_figure_insert(
                user=request.user,
                item=item,
                figure_key=data["figure_key"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                internal=bool(data.get("internal")),
                scope=data.get("scope") or "all",
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request, _("The figure has been inserted as %(placeholder)s.") % {"placeholder": figure.placeholder}
            )
            return redirect("council:item_edit", pk=question.pk, number=item.number)
    return render(request, "council/figure_insert.html", {"form": form, "question": question, "item": item})


@role_required(*COUNCIL)
@require_http_methods(["GET", "POST"])
def question_extend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    form = ExtensionForm(request.POST or None, current=question.deadline)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_question_extend_deadline(user=request.user, question=question, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The deadline has been extended."))
            return redirect("council:question_detail", pk=question.pk)
    return render(request, "council/question_extend.html", {"form": form, "question": question})


@role_required(*COUNCIL)
@require_http_methods(["GET", "POST"])
def question_transition(request: AuthenticatedRequest, pk: int, target: str) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    if target not in QuestionStatus.values:
        raise Http404
    form = NoteForm(request.POST or None)
    blockers = services.council_question_blockers(question=question, target=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_question_transition(
                user=request.user, question=question, target=target, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The status is now: %(status)s.") % {"status": QuestionStatus(target).label})
        return redirect("council:question_detail", pk=question.pk)
    context = {"form": form, "question": question, "target_label": QuestionStatus(target).label, "blockers": blockers}
    return render(request, "council/question_transition.html", context)


@role_required(*APPROVER_ROLES)
@require_http_methods(["GET", "POST"])
def question_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_question_approve(user=request.user, question=question, note=form.cleaned_data["note"])
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The answers have been approved."))
        return redirect("council:question_detail", pk=question.pk)
    letter = build_letter(question, internal=True)
    return render(request, "council/question_approve.html", {"form": form, "question": question, "letter": letter})


def _version(request: AuthenticatedRequest) -> bool:
    """True for the internal version (exact figures); coordinators only."""
    internal = request.GET.get("version") == LetterVersion.INTERNAL
    if internal and not role_uses_internal_figures(request.user.role):
        raise PermissionDenied
    return internal


@role_required(*COUNCIL)
def letter_html(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    internal = _version(request)
    services.council_letter_export_record(user=request.user, question=question, internal=internal)
    return render(
        request, "council/letter.html", {"question": question, "letter": build_letter(question, internal=internal)}
    )


@role_required(*COUNCIL)
def letter_docx_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = council_question_get_for_user(user=request.user, question_id=pk)
    internal = _version(request)
    services.council_letter_export_record(user=request.user, question=question, internal=internal)
    content = letter_docx(build_letter(question, internal=internal))
    suffix = "-intern" if internal else ""
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="raadsvragen-{question.pk}{suffix}.docx"'
    return response
