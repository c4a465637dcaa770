from __future__ import annotations

from django.conf import settings

from zicht.accounts.permissions import role_requires_mfa


def mfa_waived(user) -> bool:
    """Demo accounts skip MFA only when the development demo waiver is on."""
    return bool(settings.ZICHT_DEMO_MFA_WAIVER and getattr(user, "is_demo", False))


def mfa_satisfied(user) -> bool:
    if not user.is_authenticated:
        return False
    if not role_requires_mfa(user.role) or mfa_waived(user):
        return True
    return bool(getattr(user, "is_verified", lambda: False)())
