"""The logframe tab, the indicator page and the API: what they show, what they refuse
(naming the field, nothing saved), their query counts as indicators and periods grow,
and the donor matrix export (must-show 3)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from odf.opendocument import load as load_ods
from odf.table import TableCell, TableRow
from odf.text import P
from openpyxl import load_workbook

from maillage.results.models import IndicatorPeriod, ResultLevel, TargetPart
from tests.factories import ActivityFactory, MembershipFactory, ProjectFactory, RiskFactory
from tests.office import libreoffice, libreoffice_csv
from tests.querycount import assert_constant_queries
from tests.results.factories import (
    AssumptionFactory,
    DimensionValueFactory,
    LogframeIndicatorFactory,
    LogframePeriodFactory,
    ResultFactory,
    SexDimensionFactory,
    TargetPartFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(db):
    return ProjectFactory(
        code="LILLE-OUJDA-1",
        title="Gastronomie marocaine",
        start_on=dt.date(2025, 1, 1),
        end_on=dt.date(2027, 12, 31),
    )


@pytest.fixture
def frame(project):
    """Goal → specific objective → output, two indicators with baselines and targets."""
    goal = ResultFactory(project=project, code="OG", title="Insertion des jeunes d'Oujda")
    objective = ResultFactory(parent=goal, level=ResultLevel.SPECIFIC_OBJECTIVE, code="OS1")
    output = ResultFactory(
        parent=objective, level=ResultLevel.OUTPUT, code="R1", title="Jeunes formés"
    )
    AssumptionFactory(result=objective, text="Les restaurants partenaires recrutent")
    trained = LogframeIndicatorFactory(
        result=output,
        code="I1",
        title="Jeunes formés en gastronomie marocaine",
        baseline_value=Decimal(0),
    )
    employed = LogframeIndicatorFactory(
        result=objective,
        code="I2",
        title="Part des stagiaires en emploi 6 mois après",
        unit="%",
        measure="percentage",
        baseline_value=Decimal("12.5"),
    )
    for year, (a, b) in zip((2025, 2026), ((40, 30), (80, 55)), strict=True):
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        LogframePeriodFactory(indicator=trained, starts_on=start, ends_on=end, target_value=a)
        LogframePeriodFactory(indicator=employed, starts_on=start, ends_on=end, target_value=b)
    return {"goal": goal, "output": output, "trained": trained, "employed": employed}


def test_the_logframe_tab_shows_every_level_indicator_baseline_target_and_assumption(
    client, officer, project, frame
):
    client.force_login(officer)
    response = client.get(reverse("results:project_logframe", args=[project.pk]))
    body = response.content.decode()
    for text in (
        "Insertion des jeunes d",
        "Jeunes formés en gastronomie marocaine",
        "Part des stagiaires en emploi 6 mois après",
        "12,5",
        "Les restaurants partenaires recrutent",
        "Feuilles de présence",
        "Cadre logique",
        "Ajouter un indicateur",
    ):
        assert text in body, text
    assert body.index("OG Insertion") < body.index("OS1") < body.index("R1 Jeunes")


def test_a_partner_reads_its_projects_logframe_without_the_ways_to_change_it(
    client, partner, project, frame
):
    MembershipFactory(project=project, user=partner)
    client.force_login(partner)
    response = client.get(reverse("results:project_logframe", args=[project.pk]))
    assert response.status_code == 200
    assert "Jeunes formés en gastronomie" in response.content.decode()
    assert reverse("results:indicator_create") not in response.content.decode()
    other = ResultFactory()
    assert (
        client.get(reverse("results:project_logframe", args=[other.project_id])).status_code == 404
    )


def _grow(project):
    sex = SexDimensionFactory()
    values = [DimensionValueFactory(dimension=sex) for _i in range(2)]
    goal = ResultFactory(project=project)

    def grow(n):
        objective = ResultFactory(parent=goal, level=ResultLevel.SPECIFIC_OBJECTIVE)
        output = ResultFactory(parent=objective, level=ResultLevel.OUTPUT)
        # Each level's assumptions (one followed as a risk) and the output's activities
        # grow too: the matrix reads them as lists, a deferred column read per row would
        # be a query per row.
        AssumptionFactory(result=output, risk=RiskFactory(project=project))
        for _i in range(n):
            output.activities.add(ActivityFactory(project=project))
            indicator = LogframeIndicatorFactory(result=output)
            indicator.dimensions.add(sex)
            for year in (2025, 2026):
                period = LogframePeriodFactory(
                    indicator=indicator,
                    starts_on=dt.date(year, 1, 1),
                    ends_on=dt.date(year, 12, 31),
                )
                for value in values:
                    TargetPartFactory(period=period, dimension_value=value)

    return grow


@pytest.mark.parametrize(
    "route",
    ["logframe", "export-xlsx", "export-ods", "api-indicators", "api-periods", "api-results"],
)
def test_the_logframe_pages_and_api_do_not_grow_with_indicators_and_periods(
    client, officer, project, route
):
    client.force_login(officer)
    url = {
        "logframe": reverse("results:project_logframe", args=[project.pk]),
        "export-xlsx": reverse("results:project_logframe_export", args=[project.pk, "xlsx"]),
        "export-ods": reverse("results:project_logframe_export", args=[project.pk, "ods"]),
        "api-indicators": f"/api/indicators?project={project.pk}",
        "api-periods": "/api/indicator-periods",
        "api-results": f"/api/results?project={project.pk}",
    }[route]
    assert_constant_queries(client, url, grow=_grow(project), rows=(2, 8))


def test_the_indicator_page_does_not_grow_with_periods_and_parts(client, officer, project):
    indicator = LogframeIndicatorFactory(result=ResultFactory(project=project))
    sex = SexDimensionFactory()
    indicator.dimensions.add(sex)
    values = [DimensionValueFactory(dimension=sex) for _i in range(2)]
    months = iter(range(1, 37))

    def grow(n):
        for _i in range(n):
            month = next(months)
            start = dt.date(2025 + (month - 1) // 12, (month - 1) % 12 + 1, 1)
            period = LogframePeriodFactory(indicator=indicator, starts_on=start, ends_on=start)
            for value in values:
                TargetPartFactory(period=period, dimension_value=value)

    client.force_login(officer)
    url = reverse("results:indicator_detail", args=[indicator.pk])
    assert_constant_queries(client, url, grow=grow, rows=(2, 10))


def test_the_indicator_page_lists_periods_with_targets_and_parts(client, officer, frame):
    trained = frame["trained"]
    sex = SexDimensionFactory(name="Sexe")
    trained.dimensions.add(sex)
    women = DimensionValueFactory(dimension=sex, label="Femmes")
    TargetPartFactory(period=trained.periods.first(), dimension_value=women, value=25)
    client.force_login(officer)
    body = client.get(reverse("results:indicator_detail", args=[trained.pk])).content.decode()
    assert "Sexe: Femmes" in body and "25" in body and "2026" in body and "80" in body


def test_a_target_in_another_unit_through_the_page_is_refused_beside_the_field(
    client, officer, frame
):
    trained = frame["trained"]
    client.force_login(officer)
    response = client.post(
        reverse("results:period_add", args=[trained.pk]),
        {
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
            "target_value": "90",
            "target_unit": "kg",
        },
    )
    assert response.status_code == 422
    assert "personnes" in response.context["form"].errors["target_unit"][0]
    assert trained.periods.count() == 2


def test_the_period_page_saves_the_targets_parts_and_checks_their_sum(client, officer, frame):
    trained = frame["trained"]
    trained.parts_sum_to_total = True
    trained.save()
    sex = SexDimensionFactory()
    trained.dimensions.add(sex)
    women = DimensionValueFactory(dimension=sex, label="Femmes")
    men = DimensionValueFactory(dimension=sex, label="Hommes")
    client.force_login(officer)
    url = reverse("results:period_add", args=[trained.pk])
    data = {"starts_on": "2027-01-01", "ends_on": "2027-12-31", "target_value": "90"}
    bad = {**data, f"part_{women.pk}": "50", f"part_{men.pk}": "30"}
    response = client.post(url, bad)
    assert response.status_code == 422
    assert "80" in response.context["form"].non_field_errors()[0]
    assert not TargetPart.objects.exists()
    response = client.post(url, {**data, f"part_{women.pk}": "50", f"part_{men.pk}": "40"})
    assert response.status_code == 302
    period = trained.periods.get(starts_on=dt.date(2027, 1, 1))
    assert sorted(p.value for p in period.parts.all()) == [40, 50]


def test_generate_periods_from_the_indicator_page(client, officer, frame):
    trained = frame["trained"]
    client.force_login(officer)
    response = client.post(
        reverse("results:period_generate", args=[trained.pk]),
        {"cadence": "semester", "starts_on": "2027-01-01", "ends_on": "2027-12-31"},
    )
    assert response.status_code == 302
    assert trained.periods.count() == 4
    response = client.post(
        reverse("results:period_generate", args=[trained.pk]),
        {"cadence": "year", "starts_on": "2027-01-01", "ends_on": "2029-12-31"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["ends_on"]
    assert trained.periods.count() == 4


# -- the API ---------------------------------------------------------------------------


def test_the_api_nests_periods_with_targets_and_parts_in_indicators(client, officer, frame):
    client.force_login(officer)
    trained = frame["trained"]
    data = client.get(f"/api/indicators/{trained.pk}").json()
    assert data["iati_measure"] == "1"
    assert [p["target_value"] for p in data["periods"]] == ["40.0000", "80.0000"]
    assert data["baseline_value"] == "0.0000"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"target_unit": "kg"}, "target_unit"),
        ({"starts_on": "2024-06-01"}, "starts_on"),
        ({"ends_on": "2031-01-01"}, "ends_on"),
    ],
)
def test_the_api_refuses_a_bad_period_naming_the_field_and_saves_nothing(
    client, officer, frame, change, field
):
    client.force_login(officer)
    body = {
        "indicator": frame["trained"].pk,
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "target_value": "90",
        **change,
    }
    response = client.post("/api/indicator-periods", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert IndicatorPeriod.objects.count() == 4


def test_the_api_refuses_a_percentage_target_over_100(client, officer, frame):
    client.force_login(officer)
    body = {
        "indicator": frame["employed"].pk,
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "target_value": "140",
    }
    response = client.post("/api/indicator-periods", body, content_type="application/json")
    assert response.status_code == 400 and "target_value" in response.json()


def test_the_api_writes_parts_and_refuses_those_that_do_not_sum(client, officer, frame):
    trained = frame["trained"]
    trained.parts_sum_to_total = True
    trained.save()
    sex = SexDimensionFactory()
    trained.dimensions.add(sex)
    women = DimensionValueFactory(dimension=sex, label="Femmes")
    men = DimensionValueFactory(dimension=sex, label="Hommes")
    client.force_login(officer)
    body = {
        "indicator": trained.pk,
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "target_value": "90",
        "parts": [
            {"dimension_value": women.pk, "value": "50"},
            {"dimension_value": men.pk, "value": "30"},
        ],
    }
    response = client.post("/api/indicator-periods", body, content_type="application/json")
    assert response.status_code == 400 and "parts" in response.json()
    assert not TargetPart.objects.exists()
    body["parts"][1]["value"] = "40"
    response = client.post("/api/indicator-periods", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert sorted(p["value"] for p in response.json()["parts"]) == ["40.0000", "50.0000"]


def test_a_partner_reads_its_projects_indicators_on_the_api_and_writes_none(
    client, partner, project, frame
):
    MembershipFactory(project=project, user=partner)
    LogframeIndicatorFactory()  # another project's
    client.force_login(partner)
    ids = [row["id"] for row in client.get("/api/indicators").json()["results"]]
    assert sorted(ids) == sorted([frame["trained"].pk, frame["employed"].pk])
    body = {"indicator": frame["trained"].pk, "starts_on": "2027-01-01", "ends_on": "2027-12-31"}
    response = client.post("/api/indicator-periods", body, content_type="application/json")
    assert response.status_code == 403


# -- the donor matrix (must-show 3) ---------------------------------------------------


def _xlsx_rows(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_logframe_xlsx_lists_every_indicator_with_its_baseline_and_targets(
    client, officer, project, frame
):
    client.force_login(officer)
    response = client.get(reverse("results:project_logframe_export", args=[project.pk, "xlsx"]))
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet, rows = _xlsx_rows(response.content)
    header = rows[1]
    assert header[:6] == [
        "Niveau",
        "Logique d'intervention",
        "Indicateurs",
        "Unité",
        "Valeur de référence",
        "Date et commentaire de la valeur de référence",
    ]
    assert rows[2][6:8] == ["2025", "2026"]
    by_indicator = {row[2]: row for row in rows[3:] if row[2]}
    assert set(by_indicator) == {str(frame["trained"]), str(frame["employed"])}
    trained = by_indicator[str(frame["trained"])]
    assert trained[3:5] == ["personnes", 0] and trained[6:8] == [40, 80]
    employed = by_indicator[str(frame["employed"])]
    assert employed[4] == 12.5 and employed[6:8] == [30, 55]
    assert sheet.merged_cells.ranges  # the title, the "Targets" header, the levels
    assert sheet["A1"].font.bold


def test_the_logframe_ods_lists_every_indicator_with_its_baseline_and_targets(
    client, officer, project, frame
):
    client.force_login(officer)
    response = client.get(reverse("results:project_logframe_export", args=[project.pk, "ods"]))
    doc = load_ods(io.BytesIO(response.content))
    texts = []
    for row in doc.spreadsheet.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            cells.append(" ".join(str(p) for p in cell.getElementsByType(P)))
        texts.append(cells)
    flat = [cell for row in texts for cell in row]
    assert str(frame["trained"]) in flat and str(frame["employed"]) in flat
    assert "12.5" in flat and "80" in flat and "55" in flat


def test_libreoffice_opens_the_logframe_xlsx_and_reads_every_indicator(
    client, officer, project, frame, tmp_path
):
    libreoffice()
    client.force_login(officer)
    response = client.get(reverse("results:project_logframe_export", args=[project.pk, "xlsx"]))
    rows = libreoffice_csv(response.content, "xlsx", tmp_path)
    names = {str(frame["trained"]), str(frame["employed"])}
    by_indicator = {row[2]: row for row in rows if len(row) > 7 and row[2] in names}
    assert set(by_indicator) == names
    assert by_indicator[str(frame["trained"])][6:8] == ["40", "80"]
    assert by_indicator[str(frame["employed"])][4] == "12.5"
