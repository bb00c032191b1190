"""The logframe's rules, each refused naming its field with nothing saved, the same
through the services (which the pages, the API and the demo call)."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from maillage.core.codelists import parse_codelist
from maillage.results.models import (
    IATI_MEASURE,
    Assumption,
    IndicatorMeasure,
    IndicatorPeriod,
    Result,
    ResultLevel,
    TargetPart,
)
from maillage.results.periods import period_label
from maillage.results.services.indicators import IndicatorService
from maillage.results.services.logframe import AssumptionService, ResultService
from maillage.results.services.periods import IndicatorPeriodService, generate_periods
from tests.factories import ProjectFactory, RiskFactory
from tests.results.factories import (
    CommonIndicatorFactory,
    DimensionValueFactory,
    LogframeIndicatorFactory,
    LogframePeriodFactory,
    ResultFactory,
    SexDimensionFactory,
)

pytestmark = pytest.mark.django_db


def refused(call, field):
    with pytest.raises(ValidationError) as error:
        call()
    assert field in error.value.message_dict, error.value.message_dict
    return error.value.message_dict[field][0]


def test_a_level_hangs_under_a_higher_level_of_the_same_project(officer):
    goal = ResultFactory()
    outcome = ResultFactory(parent=goal, level=ResultLevel.OUTCOME)
    data = {"parent": outcome, "level": ResultLevel.SPECIFIC_OBJECTIVE, "title": "OS"}
    refused(
        lambda: ResultService.create(data={**data, "project": goal.project}, by=officer), "parent"
    )
    other = ResultFactory()
    data = {"project": goal.project, "parent": other, "level": "output", "title": "R"}
    refused(lambda: ResultService.create(data=data, by=officer), "parent")
    assert Result.objects.count() == 3


def test_a_level_below_the_goal_takes_its_parents_project(officer):
    goal = ResultFactory()
    output = ResultService.create(
        data={"parent": goal, "level": ResultLevel.OUTPUT, "title": "Cuisiniers formés"},
        by=officer,
    )
    assert output.project == goal.project


def test_a_project_has_one_overall_objective(officer):
    goal = ResultFactory()
    data = {"project": goal.project, "level": ResultLevel.GOAL, "title": "Second"}
    refused(lambda: ResultService.create(data=data, by=officer), "level")


def test_an_output_serves_activities_of_its_own_project_only(officer):
    from tests.factories import ActivityFactory

    goal = ResultFactory()
    output = ResultFactory(parent=goal, level=ResultLevel.OUTPUT)
    mine = ActivityFactory(project=goal.project)
    elsewhere = ActivityFactory(project=ProjectFactory())
    refused(
        lambda: ResultService.update(obj=output, data={"activities": [elsewhere]}, by=officer),
        "activities",
    )
    ResultService.update(obj=output, data={"activities": [mine]}, by=officer)
    assert list(output.activities.all()) == [mine]
    outcome = ResultFactory(parent=goal, level=ResultLevel.OUTCOME)
    refused(
        lambda: ResultService.update(obj=outcome, data={"activities": [mine]}, by=officer),
        "activities",
    )


def test_an_assumption_follows_a_risk_of_its_own_project_only(officer):
    result = ResultFactory()
    data = {"result": result, "text": "Les autorités restent engagées"}
    other_risk = RiskFactory(project=ProjectFactory())
    refused(lambda: AssumptionService.create(data={**data, "risk": other_risk}, by=officer), "risk")
    assert not Assumption.objects.exists()
    risk = RiskFactory(project=result.project)
    assert AssumptionService.create(data={**data, "risk": risk}, by=officer).risk == risk


def test_an_indicator_belongs_to_the_project_of_its_level(officer):
    result = ResultFactory()
    data = {"project": ProjectFactory(), "result": result, "title": "Jeunes formés"}
    refused(lambda: IndicatorService.create(data=data, by=officer), "result")
    indicator = IndicatorService.create(
        data={"result": result, "title": "Jeunes formés", "unit": "personnes"}, by=officer
    )
    assert indicator.project == result.project


def test_a_percentage_baseline_over_100_is_refused_on_the_baseline(officer):
    result = ResultFactory()
    data = {
        "result": result,
        "title": "Part des stagiaires en emploi",
        "unit": "%",
        "measure": IndicatorMeasure.PERCENTAGE,
        "baseline_value": Decimal(120),
    }
    refused(lambda: IndicatorService.create(data=data, by=officer), "baseline_value")


def test_a_common_indicator_gathers_only_indicators_of_its_unit_and_measure(officer):
    common = CommonIndicatorFactory(unit="tonnes de CO₂")
    indicator = LogframeIndicatorFactory(unit="personnes")
    message = refused(
        lambda: IndicatorService.update(obj=indicator, data={"common": common}, by=officer),
        "common",
    )
    assert "tonnes de CO₂" in message
    IndicatorService.update(
        obj=indicator, data={"common": common, "unit": "Tonnes de CO₂"}, by=officer
    )


def test_an_indicator_reports_by_shared_disaggregations_or_its_projects_own(officer):
    indicator = LogframeIndicatorFactory()
    foreign = SexDimensionFactory(project=ProjectFactory())
    refused(
        lambda: IndicatorService.update(obj=indicator, data={"dimensions": [foreign]}, by=officer),
        "dimensions",
    )
    shared = SexDimensionFactory()
    IndicatorService.update(obj=indicator, data={"dimensions": [shared]}, by=officer)


def test_an_sdg_code_has_the_official_format_and_is_checked_against_the_loaded_list(
    officer, tmp_path
):
    from django.core.management import call_command

    indicator = LogframeIndicatorFactory()
    refused(
        lambda: IndicatorService.update(obj=indicator, data={"sdg_indicator": "4.4"}, by=officer),
        "sdg_indicator",
    )
    # Without the list loaded, a well-formed code is taken.
    IndicatorService.update(obj=indicator, data={"sdg_indicator": "4.4.9"}, by=officer)
    (tmp_path / "global_indicators.en.yml").write_text(
        "4-4-1-title: Proportion of youth with ICT skills\n1-a-1-title: Resources\n"
    )
    (tmp_path / "global_indicators.fr.yml").write_text(
        "4-4-1-title: Proportion de jeunes ayant des compétences en TIC\n"
    )
    call_command("sdg_indicators", "--from", str(tmp_path))
    message = refused(
        lambda: IndicatorService.update(obj=indicator, data={"sdg_indicator": "4.4.9"}, by=officer),
        "sdg_indicator",
    )
    assert "4.4.9" in message
    IndicatorService.update(obj=indicator, data={"sdg_indicator": "1.a.1"}, by=officer)
    from maillage.results.sdg import sdg_indicator_choices

    assert [code for code, _label in sdg_indicator_choices()] == ["1.a.1", "4.4.1"]


def test_our_measures_map_onto_the_iati_indicator_measure_codelist():
    path = (
        Path(__file__).parents[3] / "shared/data/iati-codelists/non-embedded/IndicatorMeasure.xml"
    )
    if not path.is_file():
        pytest.skip("the IATI codelists are not on this machine")
    codelist = parse_codelist(path.read_bytes())
    names = {item.code: item.name_en.casefold() for item in codelist.items}
    for measure, code in IATI_MEASURE.items():
        assert names[code] == IndicatorMeasure(measure).value, (measure, code)
    assert set(IATI_MEASURE) == set(IndicatorMeasure.values)


# -- periods and targets --------------------------------------------------------------


@pytest.fixture
def indicator(db):
    project = ProjectFactory(start_on=dt.date(2025, 1, 1), end_on=dt.date(2027, 12, 31))
    return LogframeIndicatorFactory(result=ResultFactory(project=project), unit="personnes")


def _period(indicator, **extra):
    return {
        "indicator": indicator,
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2025, 12, 31),
        "target_value": Decimal(120),
        **extra,
    }


def test_a_target_in_another_unit_than_the_indicators_is_refused_on_target_unit(officer, indicator):
    message = refused(
        lambda: IndicatorPeriodService.create(
            data=_period(indicator, target_unit="kg"), by=officer
        ),
        "target_unit",
    )
    assert "personnes" in message
    assert not IndicatorPeriod.objects.exists()
    # Its own unit, however written, is fine.
    IndicatorPeriodService.create(data=_period(indicator, target_unit=" Personnes"), by=officer)


def test_a_percentage_target_over_100_is_refused_when_the_measure_is_a_percentage(officer):
    indicator = LogframeIndicatorFactory(unit="%", measure=IndicatorMeasure.PERCENTAGE)
    data = _period(indicator, target_value=Decimal("100.5"))
    refused(lambda: IndicatorPeriodService.create(data=data, by=officer), "target_value")
    assert not IndicatorPeriod.objects.exists()
    # Counted in units, 120 is a fine target.
    unit = LogframeIndicatorFactory(unit="personnes")
    IndicatorPeriodService.create(data=_period(unit), by=officer)


def test_a_period_outside_the_projects_dates_is_refused_on_the_dates(officer, indicator):
    early = _period(indicator, starts_on=dt.date(2024, 10, 1))
    message = refused(lambda: IndicatorPeriodService.create(data=early, by=officer), "starts_on")
    assert "2025" in message
    late = _period(indicator, ends_on=dt.date(2028, 3, 31))
    refused(lambda: IndicatorPeriodService.create(data=late, by=officer), "ends_on")
    assert not IndicatorPeriod.objects.exists()


def test_a_period_ends_after_it_starts(officer, indicator):
    data = _period(indicator, ends_on=dt.date(2024, 12, 31), starts_on=dt.date(2025, 6, 1))
    with pytest.raises(ValidationError):
        IndicatorPeriodService.create(data=data, by=officer)
    assert not IndicatorPeriod.objects.exists()


def test_periods_may_be_of_any_length(officer, indicator):
    for start, end in (
        (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
        (dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        (dt.date(2025, 2, 17), dt.date(2025, 11, 8)),
    ):
        IndicatorPeriodService.create(
            data=_period(indicator, starts_on=start, ends_on=end), by=officer
        )
    assert indicator.periods.count() == 4


def _sexes(indicator):
    sex = SexDimensionFactory()
    women = DimensionValueFactory(dimension=sex, label="Femmes")
    men = DimensionValueFactory(dimension=sex, label="Hommes")
    indicator.dimensions.add(sex)
    return women, men


def test_target_parts_that_do_not_sum_to_the_total_are_refused_when_they_must(officer, indicator):
    indicator.parts_sum_to_total = True
    indicator.save()
    women, men = _sexes(indicator)
    data = _period(indicator, parts={women.pk: Decimal(60), men.pk: Decimal(50)})
    message = refused(lambda: IndicatorPeriodService.create(data=data, by=officer), "parts")
    assert "110" in message and "120" in message
    assert not IndicatorPeriod.objects.exists() and not TargetPart.objects.exists()
    period = IndicatorPeriodService.create(
        data=_period(indicator, parts={women.pk: Decimal(70), men.pk: Decimal(50)}), by=officer
    )
    assert {p.dimension_value: p.value for p in period.parts.all()} == {women: 70, men: 50}
    # Changing the total alone re-checks the stored parts.
    refused(
        lambda: IndicatorPeriodService.update(
            obj=period, data={"target_value": Decimal(130)}, by=officer
        ),
        "parts",
    )


def test_target_parts_may_differ_from_the_total_when_the_indicator_allows_it(officer, indicator):
    women, _men = _sexes(indicator)
    period = IndicatorPeriodService.create(
        data=_period(indicator, parts=[{"dimension_value": women, "value": Decimal(40)}]),
        by=officer,
    )
    assert period.parts.get().value == 40


def test_target_parts_are_values_of_the_indicators_own_disaggregations(officer, indicator):
    stranger = DimensionValueFactory()
    data = _period(indicator, parts={stranger.pk: Decimal(10)})
    refused(lambda: IndicatorPeriodService.create(data=data, by=officer), "parts")


def test_generate_periods_cuts_a_span_into_quarters_and_keeps_those_already_there(
    officer, indicator
):
    LogframePeriodFactory(
        indicator=indicator, starts_on=dt.date(2025, 4, 1), ends_on=dt.date(2025, 6, 30)
    )
    created = generate_periods(
        indicator=indicator,
        cadence="quarter",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 11, 15),
        by=officer,
    )
    assert [(p.starts_on, p.ends_on) for p in created] == [
        (dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
        (dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        (dt.date(2025, 10, 1), dt.date(2025, 11, 15)),
    ]
    assert indicator.periods.count() == 4


def test_generate_periods_outside_the_project_saves_nothing(officer, indicator):
    refused(
        lambda: generate_periods(
            indicator=indicator,
            cadence="year",
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2028, 12, 31),
            by=officer,
        ),
        "ends_on",
    )
    assert not indicator.periods.exists()


def test_a_period_is_named_by_its_calendar_span():
    assert period_label(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == "2025"
    assert period_label(dt.date(2025, 7, 1), dt.date(2025, 12, 31)) == "S2 2025"
    assert period_label(dt.date(2025, 4, 1), dt.date(2025, 6, 30)) in ("Q2 2025", "T2 2025")
    assert period_label(dt.date(2025, 2, 17), dt.date(2025, 3, 8)) == "17/02/2025 – 08/03/2025"
