"""The values grid: a whole period entered at once, each indicator's rows saved through
the service on their own, refusals on the cells they name (plain form and JSON), and a
row someone else saved meanwhile refused, not overwritten."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.results.models import IndicatorValue, ValueStatus
from tests.results.factories import indicator_with_periods, sex_dimension

pytestmark = pytest.mark.django_db

SPAN = "2026-01-01_2026-12-31"


@pytest.fixture
def grid(partner_project):
    dimension, women, men = sex_dimension()
    trained, _p = indicator_with_periods(partner_project, years=(2026,), parts_sum_to_total=True)
    trained.dimensions.add(dimension)
    share, _q = indicator_with_periods(
        partner_project, years=(2026,), measure="percentage", target=Decimal(50)
    )
    return trained, share, women, men


def test_the_plain_form_saves_the_good_rows_and_marks_the_refused_cells(client, partner, grid):
    trained, share, women, men = grid
    client.force_login(partner)
    url = reverse("results:project_grid", args=[trained.project_id])
    page = client.get(url, {"span": SPAN})
    assert page.status_code == 200 and f"v-{trained.pk}-part-{women.pk}" in page.content.decode()
    answer = client.post(
        url,
        {
            "span": SPAN,
            "action": "submit",
            f"v-{trained.pk}-value": "30",
            f"v-{trained.pk}-part-{women.pk}": "14",
            f"v-{trained.pk}-part-{men.pk}": "16",
            f"v-{trained.pk}-narrative": "Promotion de printemps",
            f"v-{share.pk}-value": "120",
        },
    )
    assert answer.status_code == 422
    saved = IndicatorValue.objects.get(period__indicator=trained)
    assert saved.value == Decimal(30) and saved.status == ValueStatus.SUBMITTED
    assert saved.entered_by == partner and saved.parts.count() == 2
    assert not IndicatorValue.objects.filter(period__indicator=share).exists()
    html = answer.content.decode()
    assert f'id="v-{share.pk}-value-error"' in html and 'value="120"' in html


def test_one_row_saves_as_json_and_parts_that_do_not_add_up_are_refused(client, partner, grid):
    trained, _share, women, men = grid
    client.force_login(partner)
    url = reverse("results:project_grid", args=[trained.project_id])
    answer = client.post(
        url,
        {
            "span": SPAN,
            "row": trained.pk,
            f"v-{trained.pk}-value": "30",
            f"v-{trained.pk}-part-{women.pk}": "10",
            f"v-{trained.pk}-part-{men.pk}": "10",
        },
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == [f"v-{trained.pk}-part-{women.pk}"]
    answer = client.post(
        url,
        {"span": SPAN, "row": trained.pk, f"v-{trained.pk}-value": "20,5"},
        headers={"Accept": "application/json"},
    )
    # A decimal comma, and no parts given: the total alone is saved.
    assert answer.status_code == 200, answer.json()
    assert IndicatorValue.objects.get().value == Decimal("20.5")


def test_a_row_saved_by_someone_else_meanwhile_is_refused(client, partner, grid):
    trained, _share, women, men = grid
    client.force_login(partner)
    url = reverse("results:project_grid", args=[trained.project_id])
    fields = {
        "span": SPAN,
        "row": trained.pk,
        f"v-{trained.pk}-value": "20",
        f"v-{trained.pk}-part-{women.pk}": "10",
        f"v-{trained.pk}-part-{men.pk}": "10",
    }
    first = client.post(url, fields, headers={"Accept": "application/json"})
    assert first.status_code == 200, first.json()
    version = first.json()["version"]
    value = IndicatorValue.objects.get()
    value.narrative = "Changé ailleurs"
    value.save()  # someone saved meanwhile: the version moved on
    stale = client.post(
        url,
        {**fields, f"v-{trained.pk}-version": version, f"v-{trained.pk}-value": "20"},
        headers={"Accept": "application/json"},
    )
    assert stale.status_code == 400
    assert "rechargez" in " ".join(stale.json()["errors"][f"v-{trained.pk}-row"]).lower()
