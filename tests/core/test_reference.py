"""Reference data agrees with the official French territory list (INSEE) and speaks French."""

import csv
from pathlib import Path

import pytest
from django.utils import translation

from maillage.core import reference
from maillage.core.text import normalize

REPO_ROOT = Path(__file__).resolve().parents[2]
FRANCE_GEO = REPO_ROOT.parent / "shared" / "data" / "france-geo"

needs_insee = pytest.mark.skipif(
    not FRANCE_GEO.is_dir(),
    reason=f"the INSEE territory files are expected in {FRANCE_GEO} (shared test data)",
)


def insee(file_name):
    with (FRANCE_GEO / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@needs_insee
def test_departements_are_the_101_insee_departements_with_their_names():
    official = {row["DEP"]: row["LIBELLE"] for row in insee("departements.csv")}
    ours = {d.code: d.name for d in reference.departements()}
    assert len(official) == 101
    assert ours == official


@needs_insee
def test_regions_are_the_18_insee_regions_with_their_names():
    official = {row["LIBELLE"] for row in insee("regions.csv")}
    ours = [r.name for r in reference.regions()]
    assert len(ours) == 18
    assert set(ours) == official


@needs_insee
def test_each_departement_belongs_to_its_insee_region():
    # Our région codes are ISO 3166-2 (ARA), INSEE's are numbers (84): match them by name.
    insee_code_by_name = {row["LIBELLE"]: row["REG"] for row in insee("regions.csv")}
    insee_code = {r.code: insee_code_by_name[r.name] for r in reference.regions()}
    official = {row["DEP"]: row["REG"] for row in insee("departements.csv")}
    ours = {d.code: insee_code[d.region] for d in reference.departements()}
    assert ours == official


def test_country_names_follow_the_active_language():
    with translation.override("fr"):
        assert reference.country_name("MA") == "Maroc"
    with translation.override("en"):
        assert reference.country_name("MA") == "Morocco"


def test_currency_names_follow_the_active_language():
    with translation.override("fr"):
        assert reference.currency_name("XOF") == "franc CFA (BCEAO)"
    with translation.override("en"):
        assert reference.currency_name("XOF") == "West African CFA Franc"


def test_country_choices_are_sorted_in_french_ignoring_accents():
    with translation.override("fr"):
        choices = reference.country_choices()
    labels = [label for _code, label in choices]
    assert labels == sorted(labels, key=normalize)
    # A plain sort would put "Égypte" after "Zimbabwe".
    assert labels.index("Danemark") < labels.index("Égypte") < labels.index("Espagne")
    assert ("MA", "Maroc") in choices
