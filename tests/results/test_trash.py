"""A project's logframe goes to the trash with it and comes back with it. Each level and
indicator is reached by two cascades (its project, and its parent level or result): it
moves once, not twice from a stale copy."""

import pytest

from maillage.core.trash import move_to_trash, restore_from_trash
from maillage.results.models import Indicator, Result, ResultLevel
from tests.results.factories import LogframeIndicatorFactory, ResultFactory

pytestmark = pytest.mark.django_db


def test_a_trashed_project_takes_its_logframe_along_and_brings_it_back_once(officer):
    goal = ResultFactory()
    objective = ResultFactory(parent=goal, level=ResultLevel.SPECIFIC_OBJECTIVE)
    output = ResultFactory(parent=objective, level=ResultLevel.OUTPUT)
    indicator = LogframeIndicatorFactory(result=output)
    project = goal.project

    move_to_trash(project, by=officer)
    assert not Result.objects.filter(project=project).exists()
    assert not Indicator.objects.filter(project=project).exists()
    versions = {r.pk: r.version for r in Result.all_objects.filter(project=project)}
    # One move each: a second, from a stale copy, would have raised a version conflict.
    assert versions == {goal.pk: 2, objective.pk: 2, output.pk: 2}

    project.refresh_from_db()
    restore_from_trash(project, by=officer)
    assert set(Result.objects.filter(project=project)) == {goal, objective, output}
    assert list(Indicator.objects.filter(project=project)) == [indicator]
