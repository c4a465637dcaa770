from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.append_only import AppendOnlyModel
from zicht.common.models import TimeStampedModel
from zicht.council.constants import DEFAULT_DEADLINE_RULE, MAYOR_TITLE, SECRETARY_TITLE, EventKind, QuestionStatus


class MemberTitle(models.TextChoices):
    """How the letter names the council member; the value is the Dutch word used in the letter."""

    MS = "mevrouw", _("Ms (mevrouw)")
    MR = "de heer", _("Mr (de heer)")
    NONE = "", _("no title")


class CouncilQuestion(TimeStampedModel):
    """A letter of written council questions (schriftelijke raadsvragen) and its answer letter."""

    municipality = models.CharField(_("municipality"), max_length=100, db_index=True)
    reference = models.CharField(_("registration number"), max_length=50, blank=True)
    received_on = models.DateField(_("received on"))
    council_member = models.CharField(_("council member"), max_length=200)
    council_member_title = models.CharField(
        _("form of address"), max_length=10, choices=MemberTitle.choices, blank=True, default=MemberTitle.NONE
    )
    party = models.CharField(_("party"), max_length=100, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    letter_text = models.TextField(_("pasted letter"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.RECEIVED, db_index=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_questions",
        verbose_name=_("responsible official"),
    )
    deadline_rule = models.CharField(_("deadline rule"), max_length=40, default=DEFAULT_DEADLINE_RULE)
    deadline = models.DateField(_("deadline"), db_index=True)
    references = models.TextField(
        _("references"), blank=True, help_text=_("Other documents, one per line (e.g. RIS305595).")
    )
    secretary_name = models.CharField(_("name of the secretary"), max_length=200, blank=True)
    secretary_title = models.CharField(_("title of the secretary"), max_length=100, blank=True, default=SECRETARY_TITLE)
    mayor_name = models.CharField(_("name of the mayor"), max_length=200, blank=True)
    mayor_title = models.CharField(_("title of the mayor"), max_length=100, blank=True, default=MAYOR_TITLE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted for approval by"),
    )
    submitted_at = models.DateTimeField(_("submitted for approval at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("written council questions")
        verbose_name_plural = _("written council questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=QuestionStatus.values), name="council_question_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("received_on")),
                name="council_question_deadline_after_receipt",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def signatories(self) -> list[tuple[str, str]]:
        """(title, name) of who signs the answer letter: the secretary and the mayor."""
        return [(self.secretary_title, self.secretary_name), (self.mayor_title, self.mayor_name)]

    @property
    def reference_list(self) -> list[str]:
        return [line.strip() for line in self.references.splitlines() if line.strip()]


class CouncilQuestionItem(models.Model):
    """One numbered question of the letter, with its answer."""

    question = models.ForeignKey(
        CouncilQuestion, on_delete=models.PROTECT, related_name="items", verbose_name=_("letter")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="council_item_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="council_item_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class CouncilQuestionExtension(AppendOnlyModel):
    """A recorded extension of the deadline (uitstelbericht), with its reason."""

    question = models.ForeignKey(
        CouncilQuestion, on_delete=models.PROTECT, related_name="extensions", verbose_name=_("letter")
    )
    previous_deadline = models.DateField(_("previous deadline"))
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(new_deadline__gt=models.F("previous_deadline")), name="council_extension_later"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="council_extension_reason_given"),
        ]


class AnswerFigure(AppendOnlyModel):
    """A figure inserted into an answer, frozen: the table as it was when inserted.

    ``table`` holds the disclosure-protected cells (always). ``exact_table`` holds the exact
    cells of an internal figure only; an internal figure blocks sending and publishing.
    """

    item = models.ForeignKey(
        CouncilQuestionItem, on_delete=models.PROTECT, related_name="figures", verbose_name=_("question")
    )
    figure_key = models.CharField(_("figure"), max_length=60)
    label = models.CharField(_("label"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation (empty: all)"),
    )
    parameters = models.JSONField(_("parameters"), default=dict)
    table = models.JSONField(_("protected table"))
    exact_table = models.JSONField(_("exact table"), null=True, blank=True)
    query = models.TextField(_("query"), blank=True)
    internal = models.BooleanField(_("internal (not protected)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("inserted by")
    )
    created_at = models.DateTimeField(_("inserted at"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("inserted figure")
        verbose_name_plural = _("inserted figures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(internal=False, exact_table__isnull=True)
                | models.Q(internal=True, exact_table__isnull=False),
                name="council_figure_exact_only_when_internal",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="council_figure_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.period_start}–{self.period_end})"

    @property
    def protected(self) -> bool:
        return not self.internal

    @property
    def placeholder(self) -> str:
        return f"[[figure:{self.pk}]]"


class CouncilQuestionEvent(AppendOnlyModel):
    """Append-only history of a letter (the database refuses UPDATE and DELETE too)."""

    question = models.ForeignKey(
        CouncilQuestion, on_delete=models.PROTECT, related_name="events", verbose_name=_("letter")
    )
    item_number = models.PositiveSmallIntegerField(_("question number"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(_("at"), db_index=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    field = models.CharField(_("field"), max_length=60, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=EventKind.values), name="council_event_kind_known")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"
