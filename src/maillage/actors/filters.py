import django_filters
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Organisation, OrganisationType
from maillage.core.reference import country_choices, departement_choices


class OrganisationFilterSet(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        label=_("Type"), choices=OrganisationType.choices, empty_label=_("All")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("All")
    )
    departement = django_filters.ChoiceFilter(
        label=_("Département"), choices=departement_choices, empty_label=_("All")
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organisation
        fields = ["type", "country", "departement", "is_active"]
