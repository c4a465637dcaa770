"""The enrolment link from an administrator's invitation: password, then authenticator.

Step 1 proves the password: a new account sets its first one, an account after an authenticator
reset enters its current one (so the e-mailed link alone is not enough). Step 2 shows the secret
of a fresh authenticator and confirms it with a code. Then the user is logged in and verified.
"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib.auth import authenticate, login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.forms import CurrentPasswordForm, TokenForm
from zicht.accounts.services import (
    enrolment_complete,
    enrolment_device_start,
    enrolment_invitation_usable,
    enrolment_password_set,
)

SESSION_KEY = "zicht_enrolment"


def qr_data_uri(config_url: str) -> str:
    image = qrcode.make(config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@require_http_methods(["GET", "POST"])
def enrolment(request: HttpRequest, token: str) -> HttpResponse:
    if request.user.is_authenticated:
        return render(request, "accounts/enrolment_invalid.html", {"logged_in": True}, status=403)
    invitation = enrolment_invitation_usable(token=token)
    if invitation is None:
        request.session.pop(SESSION_KEY, None)
        return render(request, "accounts/enrolment_invalid.html", status=404)
    user = invitation.user
    state = request.session.get(SESSION_KEY) or {}
    if state.get("invitation") != invitation.pk:
        state = {"invitation": invitation.pk}

    if "device" not in state:
        new_password = not user.has_usable_password()
        form = (
            SetPasswordForm(user, request.POST or None) if new_password else CurrentPasswordForm(request.POST or None)
        )
        if request.method == "POST" and form.is_valid():
            if new_password:
                try:
                    enrolment_password_set(invitation=invitation, password=form.cleaned_data["new_password1"])
                except ValidationError as error:
                    form.add_error("new_password2", error)
            elif authenticate(request, username=user.get_username(), password=form.cleaned_data["password"]) is None:
                form.add_error("password", _("This password is not correct."))
            if form.is_valid():
                state["device"] = enrolment_device_start(invitation=invitation).pk
                request.session[SESSION_KEY] = state
                return redirect(request.path)
        return render(
            request,
            "accounts/enrolment.html",
            {"form": form, "step": "password", "new_password": new_password, "invited": user},
        )

    device = TOTPDevice.objects.filter(pk=state["device"], user=user, confirmed=False).first()
    if device is None:
        request.session.pop(SESSION_KEY, None)
        return redirect(request.path)
    token_form = TokenForm(request.POST or None)
    if request.method == "POST" and token_form.is_valid():
        if device.verify_token(token_form.cleaned_data["token"]):
            enrolment_complete(invitation=invitation, device=device)
            request.session.pop(SESSION_KEY, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            return redirect("home")
        token_form.add_error("token", _("This code is not correct or has expired. Try the current code."))
    context = {
        "form": token_form,
        "step": "device",
        "invited": user,
        "qr_data_uri": qr_data_uri(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode("ascii"),
    }
    return render(request, "accounts/enrolment.html", context)
