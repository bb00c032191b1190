"""`core.filters.among_ids`: a list of ids read before (an officer's projects) filters a
query as `field IN (…)` would, through a join too, and on PostgreSQL as one array
parameter rather than one placeholder per id."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.core.filters import among_ids
from maillage.projects.models import Project, Risk
from tests.factories import ProjectFactory, RiskFactory

pytestmark = pytest.mark.django_db


def test_the_rows_are_those_of_the_ids_through_a_join_too_and_none_for_no_id():
    first, second, third = (ProjectFactory() for _i in range(3))
    risks = {p.pk: RiskFactory(project=p) for p in (first, second, third)}
    ids = [first.pk, third.pk]
    assert set(among_ids(Project.objects.all(), "pk", ids)) == {first, third}
    chosen = among_ids(Risk.objects.all(), "project__id", ids)
    assert set(chosen) == {risks[first.pk], risks[third.pk]}
    assert list(among_ids(Project.objects.all(), "pk", [])) == []
    # Chained with other filters, as the home page's sections do.
    assert list(among_ids(Project.objects.all(), "pk", ids).exclude(pk=first.pk)) == [third]


def test_postgresql_gets_the_ids_as_one_array_parameter():
    projects = [ProjectFactory() for _i in range(5)]
    ids = [p.pk for p in projects]
    with CaptureQueriesContext(connection) as queries:
        assert len(among_ids(Project.objects.all(), "pk", ids)) == 5
    sql = queries.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql
        assert " IN (" not in sql
    else:
        assert " IN (" in sql


def test_sqlite_gets_the_ids_written_as_numbers_and_refuses_anything_else():
    projects = [ProjectFactory() for _i in range(3)]
    ids = [p.pk for p in projects]
    with CaptureQueriesContext(connection) as queries:
        assert len(among_ids(Project.objects.all(), "pk", ids)) == 3
    if connection.vendor == "sqlite":
        # No placeholder per id: the numbers themselves, in the statement.
        assert f"IN ({', '.join(str(i) for i in ids)})" in queries.captured_queries[0]["sql"]
    # Only whole numbers reach the statement: a text is refused, not written.
    with pytest.raises((TypeError, ValueError)):
        list(among_ids(Project.objects.all(), "pk", ["1) OR (1=1"]))  # type: ignore[list-item]


def test_ids_in_combines_with_other_conditions():
    from django.db.models import Q

    from maillage.core.filters import ids_in

    first, _second, third = (ProjectFactory() for _i in range(3))
    either = Project.objects.filter(Q(ids_in("pk", [first.pk])) | Q(pk=third.pk))
    assert set(either) == {first, third}


def test_no_id_is_no_row_and_every_row_once_negated_on_both_databases():
    from django.db.models import Q

    from maillage.core.filters import ids_in

    first, second = ProjectFactory(), ProjectFactory()
    assert list(Project.objects.filter(ids_in("pk", []))) == []
    assert set(Project.objects.filter(~Q(ids_in("pk", [])))) == {first, second}
    assert set(Project.objects.filter(~Q(ids_in("pk", [first.pk])))) == {second}
