from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "language", "is_active"]


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
