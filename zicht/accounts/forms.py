from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code consists of six digits."))
        return token


class CurrentPasswordForm(forms.Form):
    """Re-enrolment after a lost device: the link alone is not enough, the password is asked too."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class PreferencesForm(forms.Form):
    daily_digest = forms.BooleanField(
        label=_("Send me a daily e-mail when work is waiting"),
        help_text=_("Only the counts of your home page's work lists, never anything about a young person."),
        required=False,
    )
