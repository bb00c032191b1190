from django import forms

from maillage.accounts.models import User


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "language", "is_active"]
