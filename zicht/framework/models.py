"""The handelingskader as data (versions, steps, questions, decisions) and the routes taken through it.

A route is the record of one walk through one version: its steps are created when it starts, each
with its due time (the route's start plus the step's norm), so a later version never changes a
route already under way. Routes hold codes and answers only, never free text about a young person.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zicht.framework.constants import Answer, NormUnit, RouteKind


class FrameworkVersion(models.Model):
    number = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    police_agreements = models.TextField(
        _("standing agreements with the police"),
        blank=True,
        help_text=_("Who does what on which signal (werkafspraken); shown and printed with the framework."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")

    def __str__(self) -> str:
        return f"{self.title} ({_('version')} {self.number})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class FrameworkStep(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="steps", verbose_name=_("version")
    )
    route_kind = models.CharField(_("route"), max_length=20, choices=RouteKind.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    contact_kinds = models.JSONField(
        _("whom to contact"),
        default=list,
        blank=True,
        help_text=_("Kinds of organisation; their names and numbers come from the organisations' data."),
    )
    norm_amount = models.PositiveIntegerField(
        _("time norm"), null=True, blank=True, help_text=_("Counted from the start of the route; empty: no norm.")
    )
    norm_unit = models.CharField(_("unit"), max_length=10, choices=NormUnit.choices, default=NormUnit.DAYS)

    class Meta:
        ordering = ["version", "route_kind", "order"]
        verbose_name = _("framework step")
        verbose_name_plural = _("framework steps")
        constraints = [
            models.UniqueConstraint(fields=["version", "route_kind", "code"], name="framework_step_code_unique"),
            models.UniqueConstraint(fields=["version", "route_kind", "order"], name="framework_step_order_unique"),
            models.CheckConstraint(condition=Q(route_kind__in=RouteKind.values), name="framework_step_kind_known"),
            models.CheckConstraint(condition=Q(norm_unit__in=NormUnit.values), name="framework_step_unit_known"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def norm(self) -> datetime.timedelta | None:
        if self.norm_amount is None:
            return None
        hours = self.norm_amount * (24 if self.norm_unit == NormUnit.DAYS else 1)
        return datetime.timedelta(hours=hours)


class FrameworkQuestion(models.Model):
    """A question to weigh at a step (answered yes / no / don't know yet)."""

    step = models.ForeignKey(FrameworkStep, on_delete=models.CASCADE, related_name="questions", verbose_name=_("step"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("code"), max_length=60)
    text = models.CharField(_("question"), max_length=300)

    class Meta:
        ordering = ["step", "order", "pk"]
        verbose_name = _("question to weigh")
        verbose_name_plural = _("questions to weigh")
        constraints = [models.UniqueConstraint(fields=["step", "code"], name="framework_question_code_unique")]

    def __str__(self) -> str:
        return self.text


class FrameworkDecision(models.Model):
    """A decision that ends a step; ``files_concern``: the route continues as a concern to the support organisation."""

    step = models.ForeignKey(FrameworkStep, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("step"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("decision"), max_length=200)
    files_concern = models.BooleanField(_("continues as a concern to the support organisation"), default=False)

    class Meta:
        ordering = ["step", "order", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [models.UniqueConstraint(fields=["step", "code"], name="framework_decision_code_unique")]

    def __str__(self) -> str:
        return self.label


class Route(models.Model):
    """One walk through one version: a professional's route, or the triage of one concern."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="routes", verbose_name=_("version")
    )
    kind = models.CharField(_("route"), max_length=20, choices=RouteKind.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="framework_routes",
        verbose_name=_("started by"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="framework_routes",
        verbose_name=_("organisation"),
    )
    started_at = models.DateTimeField(_("started at"), db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The earliest due time of the steps not yet done (kept by the services): "a step is past its
    # norm" is one indexed comparison, also for a home-page count over a whole organisation.
    next_due_at = models.DateTimeField(_("next step due at"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RouteKind.values), name="framework_route_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{_('route')} {self.pk}"


class RouteStep(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="steps", verbose_name=_("route"))
    step = models.ForeignKey(FrameworkStep, on_delete=models.PROTECT, related_name="+", verbose_name=_("step"))
    due_at = models.DateTimeField(_("due at"), null=True, blank=True, db_index=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    decision = models.ForeignKey(
        FrameworkDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decision")
    )

    class Meta:
        ordering = ["route", "step__order"]
        verbose_name = _("step taken")
        verbose_name_plural = _("steps taken")
        constraints = [models.UniqueConstraint(fields=["route", "step"], name="framework_route_step_unique")]

    def __str__(self) -> str:
        return str(self.step)


class RouteAnswer(models.Model):
    route_step = models.ForeignKey(RouteStep, on_delete=models.CASCADE, related_name="answers", verbose_name=_("step"))
    question = models.ForeignKey(
        FrameworkQuestion, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["route_step", "question"], name="framework_answer_unique"),
            models.CheckConstraint(condition=Q(answer__in=Answer.values), name="framework_answer_known"),
        ]

    def __str__(self) -> str:
        return self.get_answer_display()
