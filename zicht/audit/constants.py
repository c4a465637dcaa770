from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    READ = "read", _("read")
    LIST = "list", _("list")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")
    PURGE = "purge", _("purge")
    # Account administration and second-factor enrolment (object: the user concerned).
    INVITE = "invite", _("enrolment invitation sent")
    ENROL = "enrol", _("authenticator enrolled")
    MFA_RESET = "mfa_reset", _("authenticator reset")
    DEACTIVATE = "deactivate", _("deactivated")
    UNLOCK = "unlock", _("unlocked")
    # Denied attempts (object: the request; the path is in the entry's detail).
    DENIED = "denied", _("access denied")
    NOT_FOUND = "not_found", _("not found")
    # Password reset by e-mail (object: the user concerned, or none for an unknown address).
    RESET_REQUEST = "pw_request", _("password reset requested")
    RESET_DONE = "pw_reset", _("password reset completed")


class Purpose(models.TextChoices):
    """Why personal data is processed (doelbinding); every access names one."""

    SUPPORT = "support", _("support of the young person")
    TRIAGE = "triage", _("triage of a concern")
    COORDINATION = "coordination", _("coordination between partners")
    REFERRAL = "referral", _("handling a referral")
    OWN_REPORT = "own_report", _("follow-up of an own concern")
    STATISTICS = "statistics", _("statistics and accountability")
    ADMINISTRATION = "administration", _("functional administration")
    RETENTION = "retention", _("retention and deletion")
    AUDIT = "audit", _("audit of access")
