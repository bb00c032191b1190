"""The last interaction date kept on organisations and people (`last_interaction_on`):
every write of an interaction keeps it right for the records it touches, nothing else
writes it, and the "no interaction since" filter reads it with the old filter's answers."""

import datetime as dt
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from maillage.actors.filters import OrganisationFilterSet, PersonFilterSet
from maillage.actors.models import Interaction, Organisation, OrganisationType, Person
from maillage.actors.services import (
    InteractionService,
    OrganisationService,
    anonymise_person,
    fill_last_interactions,
    merge_organisations,
    merge_people,
    person_data_export,
)
from maillage.core.trash import restore_from_trash
from maillage.demo.scale import build_scale, scale_named
from tests.actors.factories import log_interaction
from tests.actors.test_last_interaction_generated import assert_dated
from tests.factories import InteractionFactory, OrganisationFactory, PersonFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

JAN, MAR, JUN = dt.date(2025, 1, 10), dt.date(2025, 3, 1), dt.date(2025, 6, 1)


def last(record):
    return type(record).all_objects.values_list("last_interaction_on", flat=True).get(pk=record.pk)


# --- Every write path of an interaction ------------------------------------------------


def test_recording_an_interaction_dates_its_organisations_and_people(officer):
    org, person = OrganisationFactory(), PersonFactory()
    log_interaction(MAR, organisations=[org], people=[person], by=officer)
    log_interaction(JAN, organisations=[org], by=officer)  # an older one changes nothing
    assert last(org) == MAR and last(person) == MAR


def test_a_planned_interaction_is_the_latest(officer):
    org = OrganisationFactory()
    log_interaction(MAR, organisations=[org])
    log_interaction(dt.date(2099, 1, 1), organisations=[org])
    assert last(org) == dt.date(2099, 1, 1)


def test_moving_the_latest_interaction_back_gives_the_date_of_the_new_latest(officer):
    org = OrganisationFactory()
    log_interaction(MAR, organisations=[org])
    latest = log_interaction(JUN, organisations=[org])
    assert last(org) == JUN
    InteractionService.update(obj=latest, data={"occurred_on": JAN}, by=officer)
    assert last(org) == MAR


def test_a_person_taken_off_an_interaction_gets_the_date_of_their_other_ones(officer):
    stays, leaves = PersonFactory(), PersonFactory()
    log_interaction(JAN, people=[leaves])
    meeting = log_interaction(JUN, people=[stays, leaves])
    InteractionService.update(obj=meeting, data={"people": [stays]}, by=officer)
    assert last(stays) == JUN and last(leaves) == JAN
    InteractionService.update(obj=meeting, data={"organisations": [], "people": []}, by=officer)
    assert last(stays) is None


def test_the_trash_takes_the_date_away_and_a_restore_brings_it_back(officer):
    org, person = OrganisationFactory(), PersonFactory()
    log_interaction(JAN, organisations=[org], people=[person])
    latest = log_interaction(JUN, organisations=[org], people=[person])
    InteractionService.delete(obj=latest, by=officer)
    assert last(org) == JAN and last(person) == JAN
    restore_from_trash(Interaction.all_objects.get(pk=latest.pk), by=officer)
    assert last(org) == JUN and last(person) == JUN


def test_merged_organisations_keep_the_latest_interaction_of_both(officer):
    keep, remove = OrganisationFactory(), OrganisationFactory()
    log_interaction(JAN, organisations=[keep])
    log_interaction(JUN, organisations=[remove])
    keep = Organisation.objects.get(pk=keep.pk)
    merge_organisations(keep=keep, remove=remove, by=officer)
    assert last(keep) == JUN


def test_merged_people_keep_the_latest_interaction_of_both(officer):
    keep, remove = PersonFactory(), PersonFactory()
    log_interaction(JUN, people=[remove])
    merge_people(keep=keep, remove=remove, by=officer)
    assert last(keep) == JUN


def test_editing_a_record_loaded_before_an_interaction_keeps_the_new_date(officer):
    org = OrganisationFactory()
    loaded = Organisation.objects.get(pk=org.pk)  # the edit page, opened before the call
    log_interaction(JUN, organisations=[org])
    OrganisationService.update(obj=loaded, data={"name": "Nouveau nom"}, by=officer)
    assert last(org) == JUN
    assert Organisation.objects.get(pk=org.pk).name == "Nouveau nom"


def test_no_door_sets_the_date(client, officer):
    org = OrganisationFactory()
    OrganisationService.update(obj=org, data={"last_interaction_on": JUN}, by=officer)
    assert last(org) is None
    client.force_login(officer)
    created = client.post(
        "/api/organisations",
        {"name": "Asso", "type": "association", "last_interaction_on": "2025-06-01"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["last_interaction_on"] is None
    assert last(Organisation.objects.get(pk=created.json()["id"])) is None


def test_the_api_reads_the_date(client, officer):
    person = PersonFactory()
    log_interaction(MAR, people=[person])
    client.force_login(officer)
    assert client.get(f"/api/people/{person.pk}").json()["last_interaction_on"] == "2025-03-01"


def test_an_import_updating_an_organisation_keeps_its_date(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    town = OrganisationFactory(
        name="Ville de Lille", type=OrganisationType.MUNICIPALITY, departement="59"
    )
    log_interaction(MAR, organisations=[town])
    path = tmp_path / "orgs.csv"
    path.write_bytes(b"Nom,Type,Courriel\nMairie de Lille,Mairie,contact@lille.fr\n")
    call_command("import", "organisations", str(path), "--update-duplicates", stdout=io.StringIO())
    town.refresh_from_db()
    assert town.email == "contact@lille.fr" and town.last_interaction_on == MAR


def test_an_erased_person_keeps_the_date_and_neither_history_nor_export_hold_it(officer):
    person = PersonFactory()
    log_interaction(MAR, people=[person])
    person.refresh_from_db()
    anonymise_person(person=person, by=officer)
    assert last(person) == MAR
    assert "last_interaction_on" not in person_data_export(person=person)["person"]
    fields = {f.name for f in Person.history.model._meta.fields}
    assert "last_interaction_on" not in fields
    assert "last_interaction_on" not in {f.name for f in Organisation.history.model._meta.fields}


def test_bulk_written_interactions_are_dated_by_one_update_per_table(
    django_assert_num_queries,
):
    org, person, quiet = OrganisationFactory(), PersonFactory(), OrganisationFactory()
    meeting = InteractionFactory(occurred_on=MAR)  # as the demo writes them: no service
    meeting.organisations.add(org)
    meeting.people.add(person)
    with django_assert_num_queries(2):
        fill_last_interactions()
    assert (last(org), last(person), last(quiet)) == (MAR, MAR, None)


def test_the_bench_data_dates_its_organisations_and_people():
    build_scale(scale_named("tiny"))
    assert_dated()


# --- The filter: the old one's answers ----------------------------------------------------


def old_no_interaction_since(queryset, link, owner, day):
    """The filter as it was: no link to an interaction out of the trash on or after `day`."""
    recent = link.objects.filter(
        interaction__occurred_on__gte=day, interaction__deleted_at__isnull=True
    )
    return queryset.exclude(pk__in=recent.values(owner))


@pytest.fixture
def edge_cases(officer):
    """Organisations and people with no interaction, one exactly on the date, one before
    it, one only in the trash, one in the trash after an older one, one planned."""
    cases = {}
    for name, dates, trashed in [
        ("jamais", [], []),
        ("le jour même", [MAR], []),
        ("avant", [JAN], []),
        ("seulement à la corbeille", [], [JUN]),
        ("corbeille après", [JAN], [JUN]),
        ("prévue", [JAN, dt.date(2099, 1, 1)], []),
        ("après", [JUN], []),
    ]:
        org, person = OrganisationFactory(name=name), PersonFactory(last_name=name)
        for day in dates:
            log_interaction(day, organisations=[org], people=[person])
        for day in trashed:
            binned = log_interaction(day, organisations=[org], people=[person])
            InteractionService.delete(obj=binned, by=officer)
        cases[name] = (org, person)
    return cases


@pytest.mark.parametrize("day", [JAN, MAR, MAR + dt.timedelta(days=1), JUN, dt.date(2100, 1, 1)])
def test_the_filter_answers_what_the_old_one_did(edge_cases, day):
    for filterset, model, link, owner in (
        (OrganisationFilterSet, Organisation, Interaction.organisations.through, "organisation"),
        (PersonFilterSet, Person, Interaction.people.through, "person"),
    ):
        found = filterset({"no_interaction_since": day.isoformat()}, model.objects.all())
        assert found.is_valid(), found.errors
        expected = old_no_interaction_since(model.objects.all(), link, owner, day)
        assert set(found.qs) == set(expected)


def test_an_interaction_on_the_date_counts_as_one_since_then(edge_cases):
    found = OrganisationFilterSet({"no_interaction_since": "2025-03-01"}, Organisation.objects)
    assert found.is_valid(), found.errors
    names = {o.name for o in found.qs}
    assert names == {"jamais", "avant", "seulement à la corbeille", "corbeille après"}


@pytest.mark.parametrize("name", ["actors:organisation_list", "actors:person_list"])
@pytest.mark.parametrize("sort", ["last_interaction_on", "-last_interaction_on"])
def test_the_lists_filtered_and_sorted_by_the_date_make_constant_queries(
    client, officer, name, sort
):
    client.force_login(officer)

    def grow(n):
        for i in range(n):
            org, person = OrganisationFactory(), PersonFactory()
            if i % 3:
                log_interaction(dt.date(2024, 1 + i % 12, 1), organisations=[org], people=[person])

    query = {"no_interaction_since": "2025-01-01", "sort": sort}
    assert_constant_queries(client, reverse(name), data=query, grow=grow, rows=(3, 30))


def test_the_organisation_list_shows_and_sorts_by_the_last_interaction(client, officer):
    quiet, busy = OrganisationFactory(name="Calme"), OrganisationFactory(name="Active")
    log_interaction(JAN, organisations=[quiet])
    log_interaction(JUN, organisations=[busy])
    client.force_login(officer)
    body = client.get(
        reverse("actors:organisation_list"), {"sort": "-last_interaction_on"}
    ).content.decode()
    assert body.index("Active") < body.index("Calme")


# --- The data migration -------------------------------------------------------------------


def test_the_data_migration_fills_the_date_from_the_interactions(
    edge_cases, django_assert_num_queries
):
    kept = {name: (last(org), last(person)) for name, (org, person) in edge_cases.items()}
    Organisation.all_objects.update(last_interaction_on=None)
    Person.all_objects.update(last_interaction_on=None)
    migration = importlib.import_module("maillage.actors.migrations.0014_fill_last_interaction_on")
    with django_assert_num_queries(2):
        migration.fill(apps, SimpleNamespace(connection=connection))
    filled = {name: (last(org), last(person)) for name, (org, person) in edge_cases.items()}
    assert filled == kept
    assert filled["le jour même"] == (MAR, MAR)
    assert filled["seulement à la corbeille"] == (None, None)
    assert filled["corbeille après"] == (JAN, JAN)
