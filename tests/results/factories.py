"""Factories of the logframe: a project's levels, assumptions, indicators, periods with
targets, disaggregations and common definitions."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from maillage.results.models import (
    Assumption,
    CommonIndicator,
    Dimension,
    DimensionKind,
    DimensionValue,
    Indicator,
    IndicatorPeriod,
    Result,
    ResultLevel,
    TargetPart,
)
from tests.factories import ProjectFactory


class ResultFactory(DjangoModelFactory):
    """An overall objective by default; give `parent` and `level` for a sub-level."""

    class Meta:
        model = Result

    project = factory.LazyAttribute(
        lambda o: o.parent.project if o.parent is not None else ProjectFactory()
    )
    parent = None
    level = ResultLevel.GOAL
    code = factory.Sequence(lambda n: f"R{n}")
    title = factory.Sequence(lambda n: f"Résultat attendu {n}")


class AssumptionFactory(DjangoModelFactory):
    class Meta:
        model = Assumption

    result = factory.SubFactory(ResultFactory)
    text = factory.Sequence(lambda n: f"Les autorités locales restent engagées ({n})")


class CommonIndicatorFactory(DjangoModelFactory):
    class Meta:
        model = CommonIndicator

    code = factory.Sequence(lambda n: f"CI-{n}")
    title = factory.Sequence(lambda n: f"Jeunes formés (commun {n})")
    unit = "personnes"


class LogframeIndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    result = factory.SubFactory(ResultFactory)
    project = factory.LazyAttribute(lambda o: o.result.project)
    code = factory.Sequence(lambda n: f"IND{n}")
    title = factory.Sequence(lambda n: f"Nombre de jeunes formés {n}")
    unit = "personnes"
    baseline_value = Decimal(0)
    baseline_on = dt.date(2025, 1, 1)
    means_of_verification = "Feuilles de présence"


class LogframePeriodFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorPeriod

    indicator = factory.SubFactory(LogframeIndicatorFactory)
    starts_on = dt.date(2025, 1, 1)
    ends_on = dt.date(2025, 12, 31)
    target_value = Decimal(100)


class SexDimensionFactory(DjangoModelFactory):
    class Meta:
        model = Dimension

    name = factory.Sequence(lambda n: f"Sexe ({n})")
    kind = DimensionKind.SEX


class DimensionValueFactory(DjangoModelFactory):
    class Meta:
        model = DimensionValue

    dimension = factory.SubFactory(SexDimensionFactory)
    label = factory.Sequence(lambda n: f"Valeur {n}")


class TargetPartFactory(DjangoModelFactory):
    class Meta:
        model = TargetPart

    period = factory.SubFactory(LogframePeriodFactory)
    dimension_value = factory.SubFactory(DimensionValueFactory)
    value = Decimal(50)
