"""Labels of reference codes (countries, currencies, départements) on records: the mapping
is built once per language, not on every display (85 % of a national-size export)."""

from functools import partialmethod

import pytest
from django.utils import translation

from maillage.actors.models import Organisation
from maillage.core import reference
from maillage.core.formatting import export_value
from maillage.projects.models import Project
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_country_and_a_departement_read_in_the_active_language():
    organisation = OrganisationFactory(country="FR", departement="33")
    with translation.override("en"):
        assert organisation.get_country_display() == "France"
        assert organisation.get_departement_display() == "33 — Gironde"
    abroad = OrganisationFactory(country="DE", departement="")
    with translation.override("fr"):
        assert abroad.get_country_display() == "Allemagne"
        assert abroad.get_departement_display() == ""
    with translation.override("en"):
        assert abroad.get_country_display() == "Germany"
        assert export_value(abroad, "country") == "Germany"


def test_a_code_without_a_label_reads_as_itself():
    organisation = Organisation(country="ZZ", departement="999")
    assert organisation.get_country_display() == "ZZ"
    assert organisation.get_departement_display() == "999"


def test_a_currency_reads_with_its_name_and_history_rows_read_alike():
    project = ProjectFactory(currency="EUR", country="SN")
    with translation.override("en"):
        assert project.get_currency_display() == "EUR — Euro"
        past = project.history.first()
        assert past.get_country_display() == "Senegal"


def test_displaying_a_thousand_records_builds_each_mapping_once_per_language(monkeypatch):
    built = []
    real = reference._labels.__wrapped__

    def spy(choices, language):
        built.append((choices.__name__, language))
        return real(choices, language)

    monkeypatch.setattr(reference, "_labels", reference.cache(spy))
    organisations = [Organisation(country="FR", departement="33") for _ in range(1000)]
    for language in ("fr", "en"):
        with translation.override(language):
            for organisation in organisations:
                organisation.get_country_display()
                organisation.get_departement_display()
    assert sorted(built) == [
        ("country_choices", "en"),
        ("country_choices", "fr"),
        ("departement_choices", "en"),
        ("departement_choices", "fr"),
    ]


def test_only_reference_fields_get_the_fast_display():
    assert isinstance(Project.__dict__["get_status_display"], partialmethod)
    assert not isinstance(Project.__dict__["get_country_display"], partialmethod)
    with translation.override("en"):
        assert Project(status="idea").get_status_display() == "Idea"
