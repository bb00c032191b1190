"""A partner's records are those of its projects, whose ids are read once per request
(`member_project_ids`, `hooks.RequestScopeMiddleware`) and given to the database as a
list: from a subquery, PostgreSQL guessed how many rows each project holds and probed a
partner's 117,218 expenses one by one (docs/performance.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.models import Role
from maillage.projects.models import PlanItem
from tests.factories import MembershipFactory, ProjectFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_partners_page_reads_its_projects_once_and_shows_only_theirs(client):
    partner = UserFactory(role=Role.PARTNER)
    mine, other = ProjectFactory(), ProjectFactory()
    MembershipFactory(project=mine, user=partner)
    own = TaskFactory(parent__project=mine)
    TaskFactory(parent__project=other)
    client.force_login(partner)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("projects:task_list"))
    assert [obj.pk for obj, _cells in page.context["rows"]] == [own.pk]
    # The list, its count and the page's filters each ask; the ids are read once.
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if "projects_projectmembership" in q["sql"] and q["sql"].rstrip().endswith("ORDER BY 1 ASC")
    ]
    assert len(reads) == 1, reads


def test_outside_a_request_each_call_reads_the_memberships_again():
    partner = UserFactory(role=Role.PARTNER)
    project = ProjectFactory()
    task = TaskFactory(parent__project=project)
    assert not PlanItem.objects.visible_to(partner).filter(pk=task.pk).exists()
    MembershipFactory(project=project, user=partner)
    assert PlanItem.objects.visible_to(partner).filter(pk=task.pk).exists()
