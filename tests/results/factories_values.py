"""Factories of the values workflow's tests: an indicator on a project (with its result
level), its yearly periods with targets, disaggregations and values."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from maillage.results.models import (
    Dimension,
    DimensionKind,
    DimensionValue,
    Indicator,
    IndicatorPeriod,
    IndicatorValue,
    Result,
    ResultLevel,
    ValueStatus,
)
from tests.factories import ProjectFactory


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Result

    project = factory.SubFactory(ProjectFactory)
    level = ResultLevel.GOAL
    code = factory.Sequence(lambda n: f"OG{n}")
    title = factory.Sequence(lambda n: f"Objectif global {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    result = factory.LazyAttribute(lambda o: GoalFactory(project=o.project))
    code = factory.Sequence(lambda n: f"I{n}")
    title = factory.Sequence(lambda n: f"Jeunes formés {n}")
    unit = "personnes"


class PeriodFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorPeriod

    indicator = factory.SubFactory(IndicatorFactory)
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2026, 12, 31)
    target_value = Decimal(60)


class DimensionFactory(DjangoModelFactory):
    class Meta:
        model = Dimension

    name = factory.Sequence(lambda n: f"Sexe {n}")
    kind = DimensionKind.SEX


class DimensionValueFactory(DjangoModelFactory):
    class Meta:
        model = DimensionValue

    dimension = factory.SubFactory(DimensionFactory)
    label = factory.Sequence(lambda n: f"Valeur {n}")


class ValueFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    period = factory.SubFactory(PeriodFactory)
    value = Decimal(10)
    narrative = "Première promotion."
    status = ValueStatus.DRAFT


def sex_dimension():
    """A "Sexe" disaggregation with its two values (women, men)."""
    dimension = DimensionFactory()
    women = DimensionValueFactory(dimension=dimension, label="Femmes", order=1)
    men = DimensionValueFactory(dimension=dimension, label="Hommes", order=2)
    return dimension, women, men


def indicator_with_periods(project, *, years=(2025, 2026), target=Decimal(60), **kwargs):
    """An indicator of `project` with one period per year, each with `target`."""
    indicator = IndicatorFactory(project=project, **kwargs)
    periods = [
        PeriodFactory(
            indicator=indicator,
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            target_value=target,
        )
        for year in years
    ]
    return indicator, periods
