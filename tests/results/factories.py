"""Factories of the results app: a project's levels, assumptions, indicators, periods with
targets, disaggregations, common definitions and values, one factory per model."""

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
    IndicatorValue,
    Result,
    ResultLevel,
    TargetPart,
    ValueStatus,
)
from maillage.results.services.actuals import refresh_actuals
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
    """An indicator on `result` (its project's), or on a new goal of `project` when only the
    project is given, or on a new goal of a new project."""

    class Meta:
        model = Indicator

    result = None
    project = None
    code = factory.Sequence(lambda n: f"IND{n}")
    title = factory.Sequence(lambda n: f"Nombre de jeunes formés {n}")
    unit = "personnes"
    baseline_value = Decimal(0)
    baseline_on = dt.date(2025, 1, 1)
    means_of_verification = "Feuilles de présence"

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # Either side may be given; declared as two lazy attributes they would refer to
        # each other when neither is.
        if kwargs["result"] is None:
            kwargs["result"] = ResultFactory(project=kwargs["project"] or ProjectFactory())
        if kwargs["project"] is None:
            kwargs["project"] = kwargs["result"].project
        return kwargs


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


class ValueFactory(DjangoModelFactory):
    """A value written past the service: its period's stored actual is computed again,
    as the service would (`services.actuals`)."""

    class Meta:
        model = IndicatorValue

    period = factory.SubFactory(LogframePeriodFactory)
    value = Decimal(10)
    narrative = "Première promotion."
    status = ValueStatus.DRAFT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        value = super()._create(model_class, *args, **kwargs)
        refresh_actuals(periods=[value.period_id])
        return value


def sex_dimension():
    """A "Sexe" disaggregation with its two values (women, men)."""
    dimension = SexDimensionFactory()
    women = DimensionValueFactory(dimension=dimension, label="Femmes", order=1)
    men = DimensionValueFactory(dimension=dimension, label="Hommes", order=2)
    return dimension, women, men


def indicator_with_periods(project, *, years=(2025, 2026), target=Decimal(60), **kwargs):
    """An indicator of `project` with one period per year, each with `target`."""
    indicator = LogframeIndicatorFactory(project=project, **kwargs)
    periods = [
        LogframePeriodFactory(
            indicator=indicator,
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            target_value=target,
        )
        for year in years
    ]
    return indicator, periods
