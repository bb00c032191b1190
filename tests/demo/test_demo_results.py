"""The demo's results: full logframes for the five projects, two years of values through
the workflow, the story told as of the reference date — one indicator off track, one
missing its last value (listed on the partner's home page), one value returned to the
partner, one waiting for approval — and the dashboards counting approved values only."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.accounts.models import User
from maillage.demo.dataset import load_dataset
from maillage.projects.models import Project
from maillage.results.models import Indicator, IndicatorPeriod, IndicatorValue, Result, ValueStatus
from maillage.results.selectors.values import indicator_progress, missing_values, with_actuals

pytestmark = pytest.mark.django_db

REFERENCE_DATE = load_dataset().reference_date
PROJECTS = {"LIL-OUJ-GASTRO", "LIL-OUJ-REGIE", "LIL-OUJ-PAEDC", "RNAC-EAU-SN", "RNAC-JEUNES-MG"}


@pytest.fixture
def demo(built_demo, db):
    return built_demo.summary


def _progress(day):
    indicators = list(Indicator.objects.select_related("project"))
    periods = list(with_actuals(IndicatorPeriod.objects.all()))
    return indicator_progress(indicators, periods, day)


def test_every_project_has_a_full_logframe_with_indicators_and_targets(demo):
    assert demo.results["indicators"] == Indicator.objects.count() > 10
    for code in PROJECTS:
        levels = set(Result.objects.filter(project__code=code).values_list("level", flat=True))
        assert {"goal", "specific_objective", "output"} <= levels, code
        assert Indicator.objects.filter(project__code=code).exists(), code
    titles = set(Indicator.objects.values_list("title", flat=True))
    assert "Jeunes formés à la gastronomie marocaine, par sexe" in titles
    assert "Part des stagiaires en emploi 6 mois après la formation" in titles
    assert "Tonnes de CO₂ évitées par le plan énergie" in titles


def test_values_cover_two_years_and_every_status_of_the_workflow(demo):
    years = {v.period.ends_on.year for v in IndicatorValue.objects.select_related("period")}
    assert {2025, 2026} <= years
    returned = IndicatorValue.objects.get(status=ValueStatus.RETURNED)
    assert returned.entered_by.username == "oujda" and "émargement" in returned.return_comment
    assert IndicatorValue.objects.filter(status=ValueStatus.SUBMITTED).count() == 1
    trained = Indicator.objects.get(project__code="LIL-OUJ-GASTRO", code="I1")
    periods = {p.starts_on.year: p for p in with_actuals(trained.periods.all())}
    # Only approved updates count: 29 + 22 trained in 2026, not the returned 12 nor the 4
    # waiting for approval; the parts by sex add up.
    assert periods[2026].actual == Decimal(51)


@pytest.mark.parametrize("day", [REFERENCE_DATE, dt.date(2026, 12, 6)])
def test_one_indicator_is_off_track(demo, day):
    off = [p for p in _progress(day).values() if p.status == "off_track"]
    assert [(p.indicator.project.code, p.indicator.code) for p in off] == [("LIL-OUJ-GASTRO", "I2")]


def test_one_indicator_misses_its_last_value_on_the_partners_home_page(demo, client):
    oujda = User.objects.get(username="oujda")
    missing = missing_values(oujda, REFERENCE_DATE)
    assert [(m.indicator.project.code, m.indicator.code) for m in missing] == [
        ("LIL-OUJ-REGIE", "I1")
    ]
    assert missing[0].period.ends_on == dt.date(2026, 6, 30)
    client.force_login(oujda)
    home = client.get("/").content.decode()
    assert "Habitants employés par la régie de quartier" in home


def test_the_partner_reads_its_projects_results_and_not_the_networks(demo, client):
    client.force_login(User.objects.get(username="oujda"))
    gastro = Project.objects.get(code="LIL-OUJ-GASTRO")
    network = Project.objects.get(code="RNAC-EAU-SN")
    page = client.get(reverse("results:project_results", args=[gastro.pk]))
    assert page.status_code == 200
    assert "Part des stagiaires en emploi" in page.content.decode()
    assert client.get(reverse("results:project_results", args=[network.pk])).status_code == 404
    listing = client.get("/api/indicator-values?page_size=500").json()
    projects = {row["project"] for row in listing["results"]}
    assert projects <= set(
        Project.objects.filter(code__startswith="LIL-OUJ").values_list("pk", flat=True)
    )


def test_the_programme_adds_up_only_indicators_of_a_common_definition(demo, client):
    from maillage.projects.models import Programme

    client.force_login(User.objects.get(username="camille"))
    dashboards = client.get(reverse("results:dashboards"))
    assert dashboards.status_code == 200
    programme = Programme.objects.get(code="RNAC-EAU-JEUNESSE")
    page = client.get(reverse("results:programme_results", args=[programme.pk]))
    aggregate = page.context["aggregate"]
    assert [f.common.code for f in aggregate.commons] == ["EAU-POTABLE", "JEUNES-FORMES"]
    water = aggregate.commons[0]
    assert (2026, Decimal(7000), Decimal(5200)) in water.years
    assert {p.indicator.code for p in aggregate.others} == {"I2"}
