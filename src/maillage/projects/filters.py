import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Organisation
from maillage.core.reference import country_choices
from maillage.core.text import normalize
from maillage.projects.models import Programme, Project, ProjectStatus


def _programmes(request):  # type: ignore[no-untyped-def]
    """The programmes the user sees (a partner: none; they are the service's own)."""
    if request is None:
        return Programme.objects.none()
    return Programme.objects.visible_to(request.user)


class ProjectFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("All")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=_programmes, method="filter_programme"
    )
    partner = django_filters.CharFilter(label=_("Partner organisation"), method="filter_partner")
    starts_after = django_filters.DateFilter(
        label=_("Starts on or after"), field_name="start_on", lookup_expr="gte"
    )
    ends_before = django_filters.DateFilter(
        label=_("Ends on or before"), field_name="end_on", lookup_expr="lte"
    )

    class Meta:
        model = Project
        fields = ["status", "country", "programme", "partner", "starts_after", "ends_before"]

    def filter_programme(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(programme=value) if value else queryset

    def filter_partner(self, queryset, name, value):  # type: ignore[no-untyped-def]
        # A text filter, not a select: a network counts thousands of organisations.
        terms = normalize(value).split()
        if not terms:
            return queryset
        partners = Organisation.objects.all()
        for term in terms:
            partners = partners.filter(search_text__contains=term)
        return queryset.filter(partners__organisation__in=partners).distinct()
