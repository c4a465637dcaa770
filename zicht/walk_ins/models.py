from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from zicht.walk_ins.constants import VisitorType, VisitTopic


class WalkInSession(models.Model):
    """One walk-in consultation hour (inloopspreekuur) of a support organisation."""

    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="walk_in_sessions",
        verbose_name=_("organisation"),
    )
    date = models.DateField(_("date"), db_index=True)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = _("walk-in session")
        verbose_name_plural = _("walk-in sessions")
        constraints = [
            models.UniqueConstraint(fields=["organization", "date", "starts_at"], name="walk_in_session_unique"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="walk_in_session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.starts_at:%H:%M}"

    @property
    def total_visits(self) -> int:
        return sum(c.count for c in self.visit_counts.all())


class WalkInVisitCount(models.Model):
    """An anonymous count of visitors of one type about one topic in a session."""

    session = models.ForeignKey(
        WalkInSession, on_delete=models.CASCADE, related_name="visit_counts", verbose_name=_("session")
    )
    visitor_type = models.CharField(_("visitor type"), max_length=20, choices=VisitorType.choices)
    topic = models.CharField(_("topic"), max_length=20, choices=VisitTopic.choices)
    count = models.PositiveIntegerField(_("number of visitors"), default=0)

    class Meta:
        verbose_name = _("visit count")
        verbose_name_plural = _("visit counts")
        constraints = [
            models.UniqueConstraint(fields=["session", "visitor_type", "topic"], name="walk_in_count_unique"),
            models.CheckConstraint(condition=Q(count__gte=0), name="walk_in_count_not_negative"),
            models.CheckConstraint(condition=Q(visitor_type__in=VisitorType.values), name="walk_in_visitor_type_known"),
            models.CheckConstraint(condition=Q(topic__in=VisitTopic.values), name="walk_in_topic_known"),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.visitor_type}/{self.topic} = {self.count}"
