"""Password reset: rate-limited per client address and per account, the link through the outbox,
the same work and answer whether or not the address is known, request and completion audited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django_ratelimit.core import is_ratelimited

from zicht.accounts.client_address import client_address_key
from zicht.accounts.services import password_reset_completed, password_reset_request


def _account_key(group: str, request: HttpRequest) -> str:
    """The address typed in the form, as one account: case and surrounding spaces do not matter."""
    return request.POST.get("email", "").strip().casefold()


def password_reset_limited(request: HttpRequest) -> bool:
    """Count this request against both limits; True when either is exceeded."""
    by_address = is_ratelimited(
        request,
        group="password-reset-address",
        key=client_address_key,
        rate=settings.ZICHT_PASSWORD_RESET_ADDRESS_RATE,
        method="POST",
        increment=True,
    )
    by_account = is_ratelimited(
        request,
        group="password-reset-account",
        key=_account_key,
        rate=settings.ZICHT_PASSWORD_RESET_ACCOUNT_RATE,
        method="POST",
        increment=True,
    )
    return by_address or by_account


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if password_reset_limited(request):
            form = self.get_form()
            form.is_valid()  # what was typed stays in the form
            return render(request, self.template_name, {"form": form, "limited": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        password_reset_request(
            email=form.cleaned_data["email"], domain=self.request.get_host(), use_https=self.request.is_secure()
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        password_reset_completed(user=form.user)
        return response
