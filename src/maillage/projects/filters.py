import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Organisation
from maillage.core.reference import country_choices
from maillage.projects.models import Project, ProjectStatus


class ProjectFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("All")
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner organisation"),
        field_name="partners__organisation",
        queryset=Organisation.objects.filter(project_roles__isnull=False).distinct(),
        distinct=True,
        empty_label=_("All"),
    )
    starts_after = django_filters.DateFilter(
        label=_("Starts on or after"), field_name="start_on", lookup_expr="gte"
    )
    ends_before = django_filters.DateFilter(
        label=_("Ends on or before"), field_name="end_on", lookup_expr="lte"
    )

    class Meta:
        model = Project
        fields = ["status", "country", "partner", "starts_after", "ends_before"]

    def __init__(self, *args, request=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, request=request, **kwargs)
        # The partner choices obey the same access rule as every list.
        user = getattr(request, "user", None)
        if user is not None:
            self.filters["partner"].queryset = (
                Organisation.objects.visible_to(user).filter(project_roles__isnull=False).distinct()
            )
