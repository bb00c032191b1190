"""A multiple choice on a column of the row itself filters without DISTINCT (core.filters):
no row can repeat, and DISTINCT over a list's wide rows made the database sort them all.
A path through a to-many relation keeps it, or a row would show once per match."""

from __future__ import annotations

import django_filters
import pytest

from maillage.actors.models import Organisation, OrganisationType
from maillage.core.filters import FilterSet
from maillage.results.filters.values import IndicatorValueFilterSet
from maillage.results.models import IndicatorValue
from tests.factories import OrganisationFactory


class _ByTypeOrTheme(FilterSet):
    type = django_filters.MultipleChoiceFilter(choices=OrganisationType.choices)
    theme = django_filters.MultipleChoiceFilter(
        field_name="themes__code", choices=[("eau", "eau"), ("sante", "santé")]
    )

    class Meta:
        model = Organisation
        fields = ["type", "theme"]


def test_a_choice_on_the_row_s_own_column_is_not_distinct_a_to_many_path_is():
    filters = _ByTypeOrTheme.base_filters
    assert filters["type"].distinct is False
    assert filters["theme"].distinct is True
    assert IndicatorValueFilterSet.base_filters["status"].distinct is False


@pytest.mark.django_db
def test_the_values_filtered_by_status_are_read_without_distinct():
    values = IndicatorValueFilterSet(
        {"status": ["approved", "submitted"]}, queryset=IndicatorValue.objects.all()
    ).qs
    assert values.query.distinct is False
    organisations = _ByTypeOrTheme(
        {"type": [OrganisationType.values[0]]}, queryset=Organisation.objects.all()
    )
    OrganisationFactory(type=OrganisationType.values[0])
    assert organisations.qs.query.distinct is False
    assert organisations.qs.count() == 1
