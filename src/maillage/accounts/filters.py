import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.core.filters import FilterSet


class UserFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = User
        fields = ["role", "is_active"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(username__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )
