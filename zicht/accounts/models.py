from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from zicht.accounts.constants import OrganizationKind
from zicht.common.roles import Role


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    municipality = models.CharField(_("municipality"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A professional with an account. Anonymous reporters never get one."""

    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Only honoured when settings.ZICHT_DEMO_MFA_WAIVER is on (development demo).
    is_demo = models.BooleanField(_("demo account"), default=False)
    # A daily e-mail with only the counts of the home page's work queues (no content).
    daily_digest = models.BooleanField(_("daily e-mail about waiting work"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    if TYPE_CHECKING:
        # django_otp's OTPMiddleware sets this on the request's user.
        def is_verified(self) -> bool: ...

    @cached_property
    def membership(self) -> Membership | None:
        return self.memberships.filter(is_active=True).select_related("organization").first()

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def organization(self) -> Organization | None:
        return self.membership.organization if self.membership else None


class Membership(models.Model):
    """A user's role in an organisation; a user has at most one active membership."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_active=True), name="one_active_membership_per_user"
            ),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_known"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"


class EnrolmentInvitation(models.Model):
    """A one-time link, issued by an administrator and e-mailed, to set up the second factor.

    Only the SHA-256 of the token is stored. The link is the only way to enrol an authenticator:
    a password alone never shows a secret. It expires quickly and works once.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="enrolment_invitations", verbose_name=_("user")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("issued by")
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enrolment invitation")
        verbose_name_plural = _("enrolment invitations")

    def __str__(self) -> str:
        return f"{self.user} – {self.created_at:%Y-%m-%d %H:%M}"


class RateCounter(models.Model):
    """A rate-limit counter (``zicht.accounts.counter_cache``): how many requests a key made in a window."""

    key = models.CharField(max_length=250, primary_key=True)
    value = models.BigIntegerField()
    expires = models.FloatField(db_index=True)  # seconds since the epoch

    class Meta:
        db_table = "accounts_ratecounter"
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self) -> str:
        return self.key
