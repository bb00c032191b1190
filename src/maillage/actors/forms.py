from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Organisation


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", label=_("website"))

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "type",
            "country",
            "departement",
            "city",
            "website",
            "is_active",
        ]
