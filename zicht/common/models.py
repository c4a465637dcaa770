from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Tally(models.Model):
    """A running count kept with the writes: ``n`` of ``topic`` on ``day`` at an organisation,
    by up to two codes ``a`` and ``b``.

    The apps that own the counted rows keep these up to date in the same transaction as their
    writes (``zicht.common.tallies``), so statistics over any period are sums over days instead
    of scans of the counted tables. ``organization_id`` is 0 for "no organisation" (a unique key
    must not hold NULL). No foreign key: a tally is a number, not a reference.
    """

    topic = models.CharField(max_length=40)
    day = models.DateField()
    organization_id = models.BigIntegerField(default=0)
    a = models.CharField(max_length=40, default="", blank=True)
    b = models.CharField(max_length=40, default="", blank=True)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "day", "organization_id", "a", "b"], name="tally_key"),
        ]
        indexes = [models.Index(fields=["topic", "day", "organization_id", "a", "b", "n"], name="tally_sum_idx")]

    def __str__(self) -> str:
        return f"{self.topic} {self.day} {self.organization_id} {self.a}/{self.b}: {self.n}"
