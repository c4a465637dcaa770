from __future__ import annotations

from django.http import HttpRequest

from zicht.accounts.mfa import mfa_waived
from zicht.common.navigation import navigation_for


def membership(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_role": None, "navigation": []}
    return {
        "current_membership": user.membership,
        "current_role": user.role,
        "navigation": navigation_for(user.role),
        "mfa_waived_for_demo": mfa_waived(user),
    }
