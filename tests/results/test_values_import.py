"""Importing values from a file through the import engine: tidy rows (a total, then its
parts by disaggregation), periods by dates or label, all or nothing with a message per
row: an unknown indicator, a period the indicator does not have, a percentage over 100,
parts that do not add up."""

import io
from decimal import Decimal

import pytest
from django.utils import translation

from maillage.core.imports import build_preview, commit, read_table
from maillage.core.imports.mapping import auto_mapping
from maillage.core.imports.preview import sheet_headers
from maillage.results.imports_values import IndicatorValueImporter, label_dates
from maillage.results.models import IndicatorValue, ValueStatus
from tests.results.factories import indicator_with_periods, sex_dimension

pytestmark = pytest.mark.django_db

HEADER = "Projet,Indicateur,Période,Début,Fin,Désagrégation,Valeur,Commentaire\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def preview(text, user):
    sheet = read_table(io.BytesIO(text.encode()))
    mapping = auto_mapping(sheet_headers(sheet, 0), IndicatorValueImporter)
    importer = IndicatorValueImporter(user=user)
    return importer, build_preview(importer, sheet, mapping)


def errors(result):
    return [str(i) for i in result.issues() if i.level == "error"]


@pytest.fixture
def trained(partner_project):
    dimension, _women, _men = sex_dimension()
    indicator, _periods = indicator_with_periods(
        partner_project, years=(2025, 2026), parts_sum_to_total=True, code="I1"
    )
    indicator.dimensions.add(dimension)
    return indicator


def test_period_labels_name_years_semesters_quarters_and_months():
    assert label_dates("2025") == (label_dates("2025-S1")[0], label_dates("2025-T4")[1])
    assert label_dates("2025-Q2")[0].month == 4 and label_dates("2025-03")[1].day == 31
    assert label_dates("2025-S3") is None


def test_a_total_and_its_parts_make_one_draft_value(partner, trained):
    code = trained.project.code
    importer, result = preview(
        HEADER
        + f"{code},I1,2025,,,,30,Promotion de printemps\n"
        + f"{code},I1,2025,,,{trained.dimensions.get().values.first().label},14,\n"
        + f"{code},I1,,2025-01-01,2025-12-31,Valeur inconnue,16,\n",
        partner,
    )
    assert (
        "Row 4, column F “Désagrégation”: “Valeur inconnue” is not a value of this "
        "indicator's disaggregations."
    ) in errors(result)
    women, men = trained.dimensions.get().values.order_by("order")
    importer, result = preview(
        HEADER
        + f"{code},I1,2025,,,,30,Promotion de printemps\n"
        + f"{code},I1,2025,,,{women.label},14,\n"
        + f"{code},I1,,2025-01-01,2025-12-31,{men.label},16,\n",
        partner,
    )
    assert errors(result) == []
    commit(importer, result)
    value = IndicatorValue.objects.get()
    assert value.value == Decimal(30) and value.status == ValueStatus.DRAFT
    assert value.entered_by == partner and value.narrative == "Promotion de printemps"
    assert dict(value.parts.values_list("dimension_value__label", "amount")) == {
        women.label: Decimal(14),
        men.label: Decimal(16),
    }


def test_bad_rows_are_named_and_nothing_is_written(partner, trained, other_project):
    indicator_with_periods(other_project, years=(2025,), code="X1")
    code = trained.project.code
    women, men = trained.dimensions.get().values.order_by("order")
    _importer, result = preview(
        HEADER
        + f"{code},I9,2025,,,,3,\n"
        + f"{other_project.code},X1,2025,,,,3,\n"
        + f"{code},I1,2031,,,,3,\n"
        + f"{code},I1,2026,,,,30,\n"
        + f"{code},I1,2026,,,{women.label},10,\n"
        + f"{code},I1,2026,,,{men.label},10,\n",
        partner,
    )
    messages = errors(result)
    assert "Row 2, column B “Indicateur”: Project" in messages[0]
    assert "No project of yours" in messages[1]  # the partner does not see that project
    assert "has no period from 2031-01-01 to 2031-12-31" in messages[2]
    assert "add up to 20, not to the total 30" in messages[3]
    assert not result.is_clean and IndicatorValue.objects.count() == 0
