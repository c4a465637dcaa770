"""Writes of the council app; every change lands in the append-only history."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.council.constants import (
    CLOSED_STATUSES,
    DEFAULT_DEADLINE_RULE,
    EDITABLE_STATUSES,
    MAYOR_TITLE,
    SECRETARY_TITLE,
    EventKind,
    FigureScope,
    QuestionStatus,
)
from zicht.council.deadlines import compute_deadline, parse_deadline_rule
from zicht.council.figures import freeze_figure, placeholder_ids
from zicht.council.models import (
    AnswerFigure,
    CouncilQuestion,
    CouncilQuestionEvent,
    CouncilQuestionExtension,
    CouncilQuestionItem,
)
from zicht.council.parsing import ParsedQuestion
from zicht.council.permissions import role_approves_council_answers, role_uses_council, role_uses_internal_figures
from zicht.council.workflow import approval_blockers, signature_blockers, transition_blockers

# Fields of the letter whose changes are recorded one by one in the history.
TRACKED_FIELDS = (
    "reference",
    "received_on",
    "council_member",
    "council_member_title",
    "party",
    "subject",
    "introduction",
    "responsible",
    "deadline_rule",
    "references",
    "secretary_name",
    "secretary_title",
    "mayor_name",
    "mayor_title",
)


def default_deadline_rule() -> str:
    return getattr(settings, "ZICHT_COUNCIL_DEADLINE_RULE", DEFAULT_DEADLINE_RULE)


def _event(
    *,
    question: CouncilQuestion,
    by,
    kind: str,
    item_number: int | None = None,
    field: str = "",
    old: object = "",
    new: object = "",
    note: str = "",
) -> CouncilQuestionEvent:
    return CouncilQuestionEvent.objects.create(
        question=question,
        item_number=item_number,
        kind=kind,
        at=timezone.now(),
        by=by,
        field=field,
        old_value="" if old is None else str(old),
        new_value="" if new is None else str(new),
        note=note,
    )


def _require_council_user(user) -> None:
    if not role_uses_council(getattr(user, "role", None)):
        raise PermissionDenied


def _require_editable(question: CouncilQuestion) -> None:
    if question.status not in EDITABLE_STATUSES:
        raise ValidationError(_("The answers can no longer be changed in this status."))


@transaction.atomic
def council_question_register(
    *,
    user,
    received_on: datetime.date,
    council_member: str,
    subject: str,
    questions: Iterable[ParsedQuestion],
    council_member_title: str = "",
    party: str = "",
    introduction: str = "",
    letter_text: str = "",
    reference: str = "",
    references: str = "",
    responsible=None,
    deadline_rule: str | None = None,
    secretary_name: str | None = None,
    mayor_name: str | None = None,
    secretary_title: str = SECRETARY_TITLE,
    mayor_title: str = MAYOR_TITLE,
) -> CouncilQuestion:
    _require_council_user(user)
    rule = str(parse_deadline_rule(deadline_rule or default_deadline_rule()))
    question = CouncilQuestion.objects.create(
        municipality=user.organization.municipality,
        reference=reference,
        received_on=received_on,
        council_member=council_member,
        council_member_title=council_member_title,
        party=party,
        subject=subject,
        introduction=introduction,
        letter_text=letter_text,
        responsible=responsible,
        deadline_rule=rule,
        deadline=compute_deadline(received_on, rule),
        references=references,
        secretary_name=getattr(settings, "ZICHT_COUNCIL_SECRETARY", "") if secretary_name is None else secretary_name,
        mayor_name=getattr(settings, "ZICHT_COUNCIL_MAYOR", "") if mayor_name is None else mayor_name,
        secretary_title=secretary_title or SECRETARY_TITLE,
        mayor_title=mayor_title or MAYOR_TITLE,
        created_by=user,
    )
    items = [CouncilQuestionItem(question=question, number=q.number, text=q.text) for q in questions]
    CouncilQuestionItem.objects.bulk_create(items)
    _event(
        question=question,
        by=user,
        kind=EventKind.REGISTERED,
        field="deadline",
        new=question.deadline,
        note=_("%(count)s questions, deadline rule %(rule)s") % {"count": len(items), "rule": rule},
    )
    return question


@transaction.atomic
def council_question_update(*, user, question: CouncilQuestion, **changes: object) -> CouncilQuestion:
    """Change letter fields; each changed field is one history entry. The deadline follows the rule."""
    _require_council_user(user)
    question = CouncilQuestion.objects.select_for_update().get(pk=question.pk)
    unknown = set(changes) - set(TRACKED_FIELDS)
    if unknown:
        raise ValueError(f"not an editable field: {sorted(unknown)}")
    if "deadline_rule" in changes:
        changes["deadline_rule"] = str(parse_deadline_rule(str(changes["deadline_rule"])))
    changed: list[str] = []
    for name, value in changes.items():
        old = getattr(question, name)
        if old != value:
            _event(question=question, by=user, kind=EventKind.CHANGED, field=name, old=old, new=value)
            setattr(question, name, value)
            changed.append(name)
    if {"received_on", "deadline_rule"} & set(changed):
        new_deadline = compute_deadline(question.received_on, question.deadline_rule)
        latest = question.extensions.order_by("-at", "-pk").first()
        if latest is not None:
            new_deadline = max(new_deadline, latest.new_deadline)
        if new_deadline != question.deadline:
            _event(
                question=question,
                by=user,
                kind=EventKind.CHANGED,
                field="deadline",
                old=question.deadline,
                new=new_deadline,
            )
            question.deadline = new_deadline
            changed.append("deadline")
    if changed:
        question.save(update_fields=[*changed, "updated_at"])
    return question


@transaction.atomic
def council_question_extend_deadline(
    *,
    user,
    question: CouncilQuestion,
    new_deadline: datetime.date,
    reason: str,
) -> CouncilQuestionExtension:
    _require_council_user(user)
    question = CouncilQuestion.objects.select_for_update().get(pk=question.pk)
    if question.status in CLOSED_STATUSES:
        raise ValidationError(_("The answers have been sent; the deadline no longer applies."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the extension."))
    if new_deadline <= question.deadline:
        raise ValidationError(_("The new deadline must be later than the current one."))
    extension = CouncilQuestionExtension.objects.create(
        question=question,
        previous_deadline=question.deadline,
        new_deadline=new_deadline,
        reason=reason.strip(),
        by=user,
        at=timezone.now(),
    )
    _event(
        question=question,
        by=user,
        kind=EventKind.DEADLINE_EXTENDED,
        field="deadline",
        old=question.deadline,
        new=new_deadline,
        note=reason.strip(),
    )
    question.deadline = new_deadline
    question.save(update_fields=["deadline", "updated_at"])
    return extension


def _start_answering(*, user, question: CouncilQuestion) -> None:
    if question.status == QuestionStatus.RECEIVED:
        _event(
            question=question,
            by=user,
            kind=EventKind.STATUS_CHANGED,
            field="status",
            old=QuestionStatus.RECEIVED,
            new=QuestionStatus.BEING_ANSWERED,
        )
        question.status = QuestionStatus.BEING_ANSWERED
        question.save(update_fields=["status", "updated_at"])


@transaction.atomic
def council_item_save(
    *,
    user,
    question: CouncilQuestion,
    item: CouncilQuestionItem | None = None,
    text: str,
    answer: str | None = None,
) -> CouncilQuestionItem:
    """Add a question (``item`` None) or change a question's text and/or its answer."""
    _require_council_user(user)
    question = CouncilQuestion.objects.select_for_update().get(pk=question.pk)
    _require_editable(question)
    if item is None:
        number = (question.items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        item = CouncilQuestionItem.objects.create(question=question, number=number, text=text, answer=answer or "")
        _event(question=question, by=user, kind=EventKind.QUESTION_ADDED, item_number=number, field="text", new=text)
        return item
    if item.question_id != question.pk:
        raise ValidationError("question of another letter")
    if text != item.text:
        _event(
            question=question,
            by=user,
            kind=EventKind.QUESTION_CHANGED,
            item_number=item.number,
            field="text",
            old=item.text,
            new=text,
        )
        item.text = text
    if answer is not None and answer != item.answer:
        _check_placeholders(item=item, answer=answer)
        _event(
            question=question,
            by=user,
            kind=EventKind.ANSWER_CHANGED,
            item_number=item.number,
            field="answer",
            old=item.answer,
            new=answer,
        )
        item.answer = answer
        _start_answering(user=user, question=question)
    item.save(update_fields=["text", "answer"])
    return item


def _check_placeholders(*, item: CouncilQuestionItem, answer: str) -> None:
    ids = set(placeholder_ids(answer))
    known = set(item.figures.filter(pk__in=ids).values_list("pk", flat=True))
    if ids - known:
        raise ValidationError(
            _("The answer refers to a figure that was not inserted into this question: %(ids)s")
            % {"ids": ", ".join(str(i) for i in sorted(ids - known))}
        )


@transaction.atomic
def council_item_remove(*, user, question: CouncilQuestion, item: CouncilQuestionItem) -> None:
    """Remove a wrongly split question; the numbers after it move up by one."""
    _require_council_user(user)
    question = CouncilQuestion.objects.select_for_update().get(pk=question.pk)
    _require_editable(question)
    if item.question_id != question.pk:
        raise ValidationError("question of another letter")
    if item.figures.exists():
        raise ValidationError(_("A question with inserted figures cannot be removed."))
    _event(
        question=question,
        by=user,
        kind=EventKind.QUESTION_REMOVED,
        item_number=item.number,
        field="text",
        old=item.text,
    )
    number = item.number
    CouncilQuestionItem.objects.filter(pk=item.pk).delete()
    for later in question.items.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])


@transaction.atomic
def answer_figure_insert(
    *,
    user,
    item: CouncilQuestionItem,
    figure_key: str,
    period_start: datetime.date,
    period_end: datetime.date,
    internal: bool = False,
    scope: str = FigureScope.ALL,
) -> AnswerFigure:
    """Build a figure now, freeze it on the answer and append its placeholder to the answer text.

    A public figure is disclosure-protected. An internal figure (coordinators, own organisation
    only) also keeps the exact cells, is written to the access log and blocks sending.
    """
    _require_council_user(user)
    question = CouncilQuestion.objects.select_for_update().get(pk=item.question_id)
    _require_editable(question)
    if period_end < period_start:
        raise ValidationError(_("The period ends before it starts."))
    if internal and not role_uses_internal_figures(user.role):
        raise PermissionDenied
    if internal:
        scope = FigureScope.OWN
    organization = user.organization if scope == FigureScope.OWN else None
    if scope == FigureScope.OWN and not role_uses_internal_figures(user.role):
        raise PermissionDenied
    frozen = freeze_figure(
        key=figure_key, start=period_start, end=period_end, organization=organization, internal=internal, user=user
    )
    figure = AnswerFigure.objects.create(
        item=item,
        figure_key=frozen.key,
        label=frozen.label,
        period_start=period_start,
        period_end=period_end,
        organization=organization,
        parameters={
            "start": period_start.isoformat(),
            "end": period_end.isoformat(),
            "scope": scope,
            "organization_id": organization.pk if organization else None,
        },
        table=frozen.table,
        exact_table=frozen.exact_table,
        query=frozen.query,
        internal=internal,
        created_by=user,
        created_at=timezone.now(),
    )
    if internal:
        access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.STATISTICS, obj=figure)
    old_answer = item.answer
    item.answer = (
        f"{old_answer.rstrip()}\n\n{figure.placeholder}\n" if old_answer.strip() else f"{figure.placeholder}\n"
    )
    item.save(update_fields=["answer"])
    _event(
        question=question,
        by=user,
        kind=EventKind.FIGURE_INSERTED,
        item_number=item.number,
        field="answer",
        old=old_answer,
        new=item.answer,
        note=f"{frozen.key} {period_start.isoformat()}–{period_end.isoformat()} "
        f"({'internal' if internal else 'protected'}, figure {figure.pk})",
    )
    _start_answering(user=user, question=question)
    return figure


def internal_figures_in_use(question: CouncilQuestion) -> list[AnswerFigure]:
    """Internal figures whose placeholder is still in an answer (these block sending)."""
    used: set[int] = set()
    for answer in question.items.values_list("answer", flat=True):
        used.update(placeholder_ids(answer))
    return list(AnswerFigure.objects.filter(item__question=question, internal=True, pk__in=used))


def council_question_blockers(*, question: CouncilQuestion, target: str) -> list[str]:
    items = list(question.items.all())
    return transition_blockers(
        current=question.status,
        target=target,
        approved=question.approved_at is not None,
        unanswered=sum(1 for i in items if not i.answer.strip()),
        internal_figures=len(internal_figures_in_use(question)),
        question_count=len(items),
    )


@transaction.atomic
def council_question_transition(*, user, question: CouncilQuestion, target: str, note: str = "") -> CouncilQuestion:
    _require_council_user(user)
    question = CouncilQuestion.objects.select_for_update().get(pk=question.pk)
    reasons = council_question_blockers(question=question, target=target)
    if target == QuestionStatus.SENT:
        reasons += signature_blockers(question.signatories)
    if reasons:
        raise ValidationError(reasons)
    now = timezone.now()
    fields = ["status", "updated_at"]
    if target == QuestionStatus.AWAITING_APPROVAL:
        question.submitted_by, question.submitted_at = user, now
        fields += ["submitted_by", "submitted_at"]
    elif target == QuestionStatus.BEING_ANSWERED and question.status == QuestionStatus.AWAITING_APPROVAL:
        # Changes requested: a new approval is needed after the next submission.
        question.approved_by, question.approved_at = None, None
        fields += ["approved_by", "approved_at"]
    elif target == QuestionStatus.SENT:
        question.sent_at = now
        fields.append("sent_at")
    elif target == QuestionStatus.PUBLISHED:
        question.published_at = now
        fields.append("published_at")
    _event(
        question=question,
        by=user,
        kind=EventKind.STATUS_CHANGED,
        field="status",
        old=question.status,
        new=target,
        note=note,
    )
    question.status = target
    question.save(update_fields=fields)
    return question


@transaction.atomic
def council_question_approve(*, user, question: CouncilQuestion, note: str = "") -> CouncilQuestion:
    """Approval by a coordinator who did not submit the answers (four eyes)."""
    if not role_approves_council_answers(getattr(user, "role", None)):
        raise PermissionDenied
    question = CouncilQuestion.objects.select_for_update().get(pk=question.pk)
    reasons = approval_blockers(
        status=question.status,
        approver_id=user.pk,
        submitted_by_id=question.submitted_by_id,
        already_approved=question.approved_at is not None,
        signatories=question.signatories,
    )
    if reasons:
        raise ValidationError(reasons)
    question.approved_by, question.approved_at = user, timezone.now()
    question.save(update_fields=["approved_by", "approved_at", "updated_at"])
    _event(question=question, by=user, kind=EventKind.APPROVED, note=note)
    return question


def council_letter_export_record(*, user, question: CouncilQuestion, internal: bool) -> None:
    """Downloading the internal letter (exact figures) is written to the access log."""
    if internal:
        access_log_record(user=user, action=AccessAction.EXPORT, purpose=Purpose.STATISTICS, obj=question)
