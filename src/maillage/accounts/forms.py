from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import ApiToken, User
from maillage.accounts.working_hours import WorkingHoursFormMixin

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def time_zone_choices() -> list[tuple[str, str]]:
    """Empty (the site's), then every IANA time zone by name."""
    import zoneinfo

    return [("", "—"), *((name, name) for name in sorted(zoneinfo.available_timezones()))]


class UserForm(WorkingHoursFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "language",
            "timezone",
            "working_hours_start",
            "working_hours_end",
            "working_days",
            "is_active",
        ]
        widgets = {
            "timezone": forms.Select(choices=time_zone_choices()),
            "working_hours_start": TIME,
            "working_hours_end": TIME,
        }


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app (or, where allowed, a recovery code)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, recovery: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        if recovery:
            field.help_text = _(
                "The 6-digit code shown by your authenticator app, or one of your recovery codes."
            )
        else:
            field.help_text = _("The 6-digit code shown by your authenticator app.")
            field.widget.attrs.update({"inputmode": "numeric", "pattern": "[0-9 ]*"})


class ApiTokenForm(forms.Form):
    """A named token made from the page; the current password confirms it is the owner,
    not someone at an unattended session."""

    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What the token is for, e.g. the script or tool that uses it."),
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password
