"""Constraints checked in Python give the database's verdict, without its queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from maillage.actors.models import GroupMember, Organisation, OrganisationLink, Person, Position
from maillage.core.model_checks import _PythonCheck

pytestmark = pytest.mark.django_db


def _verdicts(instance):
    """(Python's verdict, the database's) for each check constraint of the instance."""
    model = type(instance)
    verdicts = []
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        outcome = []
        for check in (_PythonCheck(constraint), constraint):
            try:
                check.validate(model, instance)
            except ValidationError:
                outcome.append(False)
            else:
                outcome.append(True)
        verdicts.append((constraint.name, *outcome))
    return verdicts


@pytest.mark.parametrize(
    "instance",
    [
        Organisation(name="A", type="association", country="MA", departement="33"),
        Organisation(name="A", type="association", country="FR", departement="33"),
        Organisation(name="A", type="association", latitude=Decimal("91"), longitude=None),
        Organisation(name="A", type="association", latitude=None, longitude=Decimal("-181")),
        Organisation(name="A", type="association", latitude=Decimal("45"), longitude=Decimal(2)),
        GroupMember(group_id=1, person_id=1, organisation_id=1),
        GroupMember(group_id=1, person_id=None, organisation_id=None),
        GroupMember(group_id=1, person_id=2, organisation_id=None),
        OrganisationLink(source_id=3, target_id=3, kind="funds"),
        OrganisationLink(source_id=3, target_id=4, kind="funds"),
        Position(person_id=1, organisation_id=1, role="x", start_on=dt.date(2026, 2, 1)),
        Position(
            person_id=1,
            organisation_id=1,
            role="x",
            start_on=dt.date(2026, 2, 1),
            end_on=dt.date(2026, 1, 1),
        ),
    ],
    ids=lambda instance: type(instance).__name__,
)
def test_a_constraint_checked_in_python_gives_the_database_s_verdict(instance):
    for name, in_python, in_database in _verdicts(instance):
        assert in_python == in_database, name


def test_a_full_clean_asks_the_database_nothing_for_check_constraints_and_countries():
    organisation = Organisation(name="Commune d'Oujda", type="foreign_authority", country="MA")
    person = Person(last_name="Benali", timezone="Africa/Casablanca")
    with CaptureQueriesContext(connection) as queries:
        organisation.full_clean()
        person.full_clean()
    assert not queries.captured_queries


def test_an_unknown_code_is_still_refused_with_django_s_message():
    with pytest.raises(ValidationError) as refused:
        Organisation(name="A", type="association", country="ZZ").full_clean()
    assert "country" in refused.value.message_dict


def test_a_condition_python_does_not_read_asks_the_database():
    constraint = models.CheckConstraint(
        condition=Q(name__startswith="A") | Q(acronym=F("name")), name="test_unsupported"
    )
    check = _PythonCheck(constraint)
    check.validate(Organisation, Organisation(name="Asso", acronym="X"))
    with pytest.raises(ValidationError):
        check.validate(Organisation, Organisation(name="Bsso", acronym="X"))
