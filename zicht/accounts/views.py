from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import get_usage

from zicht.accounts.client_address import client_address_key
from zicht.accounts.forms import PreferencesForm, TokenForm
from zicht.accounts.http import AuthenticatedRequest, signed_in_user
from zicht.accounts.mfa import mfa_satisfied
from zicht.accounts.selectors import organization_get_for_user
from zicht.accounts.services import user_preferences_update
from zicht.common.navigation import home_panels_for, navigation_for
from zicht.common.queues import home_queues_for


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "public/landing.html")
    role = request.user.role
    if role is None:
        return render(request, "accounts/no_membership.html", status=403)
    context = {
        "cards": navigation_for(role),
        "role_template": f"home/{role}.html",
        "panels": home_panels_for(role),
        "queues": home_queues_for(request.user),
    }
    return render(request, "home/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mfa(request: AuthenticatedRequest) -> HttpResponse:
    """Verify the TOTP second factor. Enrolment happens only through an invitation link."""
    if mfa_satisfied(request.user) and signed_in_user(request).is_verified():
        return redirect("home")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        # A password alone never shows a secret: the administrator's invitation link is needed.
        return render(request, "accounts/mfa_not_enrolled.html", status=403)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect("home")
        form.add_error("token", _("This code is not correct or has expired. Try the current code."))
    return render(request, "accounts/mfa.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, initial={"daily_digest": user.daily_digest}
    )
    if request.method == "POST" and form.is_valid():
        user_preferences_update(user=user, daily_digest=form.cleaned_data["daily_digest"])
        messages.success(request, _("Your preferences have been saved."))
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})


def locked_out(request: HttpRequest, credentials: dict | None = None, *args: Any, **kwargs: Any) -> HttpResponse:
    messages.error(request, _("Too many failed attempts. This account is locked for a while."))
    return render(request, "accounts/locked_out.html", status=429)


@login_required
def organization_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organization = organization_get_for_user(user=request.user, organization_id=pk)
    members = organization.memberships.filter(is_active=True).select_related("user").order_by("user__last_name")
    return render(request, "accounts/organization_detail.html", {"organization": organization, "members": members})


class LoginView(auth_views.LoginView):
    """Django's login with a limit on failed logins per client address (beside axes' per-account lockout).

    Only failures count, so an office behind one address can log in as often as it needs to.
    """

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def _address_limited(self, *, count: bool) -> bool:
        usage = get_usage(
            self.request,
            group="login-address",
            key=client_address_key,
            rate=settings.ZICHT_LOGIN_ADDRESS_RATE,
            method="POST",
            increment=count,
        )
        return bool(usage and usage["count"] >= usage["limit"])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self._address_limited(count=False):
            return locked_out(request)
        response = super().post(request, *args, **kwargs)
        if not request.user.is_authenticated and response.status_code == 200:
            self._address_limited(count=True)
        return response
