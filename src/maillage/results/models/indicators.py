"""Indicators of a logframe (F1): their definition and baseline, the disaggregations
they are reported by, their targets per period (of any length) and the shared
definitions programmes aggregate on."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.access import VisibleQuerySet
from maillage.core.collation import SortKeyField
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
    leave_out_of_save,
)
from maillage.core.text import SHORT_TEXT, TEXT
from maillage.projects.models import ProjectScopedQuerySet
from maillage.projects.models.projects import member_project_ids
from maillage.results.models.logframe import Result

if TYPE_CHECKING:
    from maillage.accounts.models import User

# Indicator figures: counts, shares and quantities (tonnes of CO₂) up to 10^16, 4 decimals.
FIGURE_DIGITS = 20
FIGURE_DECIMALS = 4
PERCENT_MAX = Decimal(100)


def figure_field(verbose_name: str, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=FIGURE_DIGITS,
        decimal_places=FIGURE_DECIMALS,
        **kwargs,  # type: ignore[arg-type]  # django-stubs types each keyword; these are DecimalField's
    )


class IndicatorKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Quantitative")
    QUALITATIVE = "qualitative", _("Qualitative")


class IndicatorMeasure(models.TextChoices):
    """How an indicator is measured: the IATI IndicatorMeasure codelist (IATI_MEASURE)."""

    UNIT = "unit", _("Unit")
    PERCENTAGE = "percentage", _("Percentage")
    NOMINAL = "nominal", _("Nominal")
    ORDINAL = "ordinal", _("Ordinal")
    QUALITATIVE = "qualitative", _("Qualitative")


# Our measure → the code of the IATI IndicatorMeasure codelist (result/indicator/@measure).
IATI_MEASURE: dict[str, str] = {
    IndicatorMeasure.UNIT: "1",
    IndicatorMeasure.PERCENTAGE: "2",
    IndicatorMeasure.NOMINAL: "3",
    IndicatorMeasure.ORDINAL: "4",
    IndicatorMeasure.QUALITATIVE: "5",
}


class Direction(models.TextChoices):
    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")


class Aggregation(models.TextChoices):
    """How several updates within a period make the period's actual value."""

    SUM = "sum", _("Add up (sum of the updates)")
    LATEST = "latest", _("Replace (the latest update)")
    AVERAGE = "average", _("Average of the updates")
    MAX = "max", _("Highest update")


class DimensionKind(models.TextChoices):
    SEX = "sex", _("Sex")
    AGE = "age", _("Age group")
    LOCATION = "location", _("Location")
    CUSTOM = "custom", _("Custom")


# An SDG indicator code of the official global list: goal.target.indicator, targets of
# means of implementation lettered ("1.1.1", "17.18.1", "1.a.2").
SDG_INDICATOR_RE = r"^(?:[1-9]|1[0-7])\.(?:[1-9][0-9]?|[a-z])\.[1-9][0-9]?$"
sdg_indicator_validator = RegexValidator(
    SDG_INDICATOR_RE, _("Enter an SDG indicator code such as 4.4.1 or 17.18.1.")
)


class CommonIndicatorQuerySet(SearchQuerySet):
    """Shared definitions are the network's: partners see none (the default)."""


class CommonIndicator(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A definition several projects declare they report on (a programme's, a donor's, a
    country strategy's): programme figures add up only indicators linked to the same one."""

    create_title = _("New common indicator")

    SEARCH_FIELDS = ("code", "title")

    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("title"), max_length=500)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("people, tonnes of CO₂, %…"))
    measure = models.CharField(
        _("measure"), max_length=12, choices=IndicatorMeasure.choices, default=IndicatorMeasure.UNIT
    )
    definition = models.TextField(
        _("definition"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(CommonIndicatorQuerySet)()
    all_objects = models.Manager.from_queryset(CommonIndicatorQuerySet)()

    class Meta:
        verbose_name = _("common indicator")
        verbose_name_plural = _("common indicators")
        ordering = ["code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(deleted_at__isnull=True),
                name="common_indicator_code_unique",
                violation_error_message=_("Another common indicator has this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("results:commonindicator_detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.code
            and CommonIndicator.objects.filter(code=self.code).exclude(pk=self.pk).exists()
        ):
            raise ValidationError({"code": _("Another common indicator has this code.")})


class DimensionQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> DimensionQuerySet:
        # The shared dimensions (sex, age groups) and those of the partner's projects.
        mine = self.filter(
            project__memberships__user=user, project__deleted_at__isnull=True
        ).values("pk")
        return self.filter(models.Q(project__isnull=True) | models.Q(pk__in=mine))

    def for_project(self, project_id: int | None) -> DimensionQuerySet:
        return self.filter(models.Q(project__isnull=True) | models.Q(project_id=project_id))


class Dimension(SoftDeleteModel, SearchableModel, TimestampedModel):
    """A disaggregation (sex, age group, location or one of a project's own) and its
    values; without a project it is shared by every project."""

    create_title = _("New disaggregation")

    SEARCH_FIELDS = ("name",)

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=10, choices=DimensionKind.choices, default=DimensionKind.CUSTOM
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dimensions",
        help_text=_("Empty: shared by every project."),
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(DimensionQuerySet)()
    all_objects = models.Manager.from_queryset(DimensionQuerySet)()

    class Meta:
        verbose_name = _("disaggregation")
        verbose_name_plural = _("disaggregations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "project"],
                condition=models.Q(deleted_at__isnull=True),
                name="dimension_name_unique_in_project",
                violation_error_message=_("A disaggregation of this name exists already."),
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(project__isnull=True, deleted_at__isnull=True),
                name="dimension_name_unique_shared",
                violation_error_message=_("A disaggregation of this name exists already."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("results:dimension_detail", args=[self.pk])

    def clean(self) -> None:
        same = Dimension.objects.filter(name=self.name, project_id=self.project_id)
        if self.name and same.exclude(pk=self.pk).exists():
            raise ValidationError({"name": _("A disaggregation of this name exists already.")})


class DimensionValueQuerySet(VisibleQuerySet):
    def visible_to_partner(self, user: User) -> DimensionValueQuerySet:
        return self.filter(dimension__in=Dimension.objects.visible_to(user))


class DimensionValue(TimestampedModel):
    """One value of a disaggregation: "Women", "15–24 years", "Oujda"."""

    create_title = _("New value")

    dimension = models.ForeignKey(
        Dimension, verbose_name=_("disaggregation"), on_delete=models.CASCADE, related_name="values"
    )
    label = models.CharField(_("label"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = DimensionValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("disaggregation value")
        verbose_name_plural = _("disaggregation values")
        ordering = ["dimension", "order", "label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "label"],
                name="dimension_value_label_unique",
                violation_error_message=_("This disaggregation has this value already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension.name}: {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("results:dimension_detail", args=[self.dimension_id])

    def clean(self) -> None:
        if self.dimension_id and self.label:
            same = DimensionValue.objects.filter(dimension_id=self.dimension_id, label=self.label)
            if same.exclude(pk=self.pk).exists():
                raise ValidationError({"label": _("This disaggregation has this value already.")})


class IndicatorQuerySet(ProjectScopedQuerySet):
    """A partner sees the indicators of its projects."""


class Indicator(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """What tells whether a level of the logframe is reached: its definition, unit and
    measure, its baseline, how its updates add up and where the figures come from."""

    create_title = _("New indicator")

    SEARCH_FIELDS = ("code", "title")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=20, blank=True)
    # The lists' order of the code, stored (core.collation): values sorted by indicator.
    code_key = SortKeyField("code")
    title = models.CharField(_("title"), max_length=500)
    definition = models.TextField(
        _("definition"),
        blank=True,
        max_length=TEXT,
        validators=[MaxLengthValidator(TEXT)],
        help_text=_("What is counted, how, and what is not."),
    )
    kind = models.CharField(
        _("type"), max_length=12, choices=IndicatorKind.choices, default=IndicatorKind.QUANTITATIVE
    )
    unit = models.CharField(
        _("unit"), max_length=60, blank=True, help_text=_("people, tonnes of CO₂, %…")
    )
    measure = models.CharField(
        _("measure"), max_length=12, choices=IndicatorMeasure.choices, default=IndicatorMeasure.UNIT
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )
    aggregation = models.CharField(
        _("several updates in a period"),
        max_length=8,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    baseline_value = figure_field(_("baseline value"), null=True, blank=True)
    baseline_on = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_comment = models.TextField(
        _("baseline comment"),
        blank=True,
        max_length=SHORT_TEXT,
        validators=[MaxLengthValidator(SHORT_TEXT)],
    )
    means_of_verification = models.TextField(
        _("means of verification"),
        blank=True,
        max_length=SHORT_TEXT,
        validators=[MaxLengthValidator(SHORT_TEXT)],
    )
    sdg_indicator = models.CharField(
        _("SDG indicator"),
        max_length=10,
        blank=True,
        validators=[sdg_indicator_validator],
        help_text=_("The code of the official global SDG indicator, e.g. 4.4.1."),
    )
    common = models.ForeignKey(
        CommonIndicator,
        verbose_name=_("common indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        help_text=_("The shared definition programme figures add this indicator up under."),
    )
    parts_sum_to_total = models.BooleanField(
        _("parts add up to the total"),
        default=False,
        help_text=_("The disaggregated figures of a target or a value must sum to its total."),
    )
    dimensions = models.ManyToManyField(
        Dimension, verbose_name=_("disaggregations"), blank=True, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords(m2m_fields=[dimensions], excluded_fields=["code_key"])

    objects = LiveManager.from_queryset(IndicatorQuerySet)()
    all_objects = models.Manager.from_queryset(IndicatorQuerySet)()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["project", "order", "code", "pk"]
        indexes = [
            # Values sorted by indicator walk the indicators in this order, the trash
            # included (the values list joins to any), then each one's periods and values
            # (core.ordering): sorted through the collation, every value was.
            models.Index(fields=["code_key", "id"], name="indicator_code_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"],
                condition=~models.Q(code="") & models.Q(deleted_at__isnull=True),
                name="indicator_code_unique_in_project",
                violation_error_message=_("Another indicator of this project has this code."),
            ),
            models.CheckConstraint(
                condition=~models.Q(measure=IndicatorMeasure.PERCENTAGE)
                | models.Q(baseline_value__isnull=True)
                | models.Q(baseline_value__gte=0, baseline_value__lte=PERCENT_MAX),
                name="indicator_baseline_percentage_range",
                violation_error_message=_("A percentage is between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=models.Q(measure__in=IndicatorMeasure.values),
                name="indicator_measure_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}" if self.code else self.title

    def get_absolute_url(self) -> str:
        return reverse("results:indicator_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.code and self.project_id:
            same = Indicator.objects.filter(project_id=self.project_id, code=self.code)
            if same.exclude(pk=self.pk).exists():
                errors["code"] = _("Another indicator of this project has this code.")
        if (
            self.measure == IndicatorMeasure.PERCENTAGE
            and self.baseline_value is not None
            and not (0 <= self.baseline_value <= PERCENT_MAX)
        ):
            errors["baseline_value"] = _("A percentage is between 0 and 100.")
        if errors:
            raise ValidationError(errors)

    @property
    def iati_measure(self) -> str:
        return IATI_MEASURE.get(self.measure, "1")

    @property
    def is_percentage(self) -> bool:
        return self.measure == IndicatorMeasure.PERCENTAGE


class IndicatorPeriodQuerySet(VisibleQuerySet):
    def visible_to_partner(self, user: User) -> IndicatorPeriodQuerySet:
        """Through the ids of the partner's live projects, as their values are."""
        return self.filter(
            indicator__project_id__in=member_project_ids(user),
            indicator__deleted_at__isnull=True,
        )

    def covering(self, day: object) -> IndicatorPeriodQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class IndicatorPeriod(VersionedModel, TimestampedModel):
    """A reporting period of an indicator — a month, a quarter, a semester, a year or any
    dates — with the target to reach by its end, in the indicator's unit, and its
    approved actual as the values make it (`actual`, kept by the results services)."""

    create_title = _("New period")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="periods"
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    target_value = figure_field(_("target"), null=True, blank=True)
    target_comment = models.TextField(
        _("target comment"),
        blank=True,
        max_length=SHORT_TEXT,
        validators=[MaxLengthValidator(SHORT_TEXT)],
        help_text=_("For a qualitative indicator, the target itself."),
    )
    # The approved values' figure by the indicator's aggregation (sum, latest, average,
    # highest), NULL without any: derived, written only by `services.actuals`, one UPDATE
    # for the periods a write touches, so that the dashboards read it instead of working
    # it out from every value on each view.
    actual = figure_field(_("actual (approved)"), null=True, blank=True, editable=False)
    # Without the derived figure: each value has its own history.
    history = HistoricalRecords(excluded_fields=["actual"])

    objects = IndicatorPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["indicator", "starts_on", "ends_on", "pk"]
        indexes = [
            # An indicator's last period due by a date: one step back from the date (the
            # home page's values to enter checks it for each period of the user's
            # indicators; through the unique index, each check sorted them all).
            models.Index(fields=["indicator", "ends_on"], name="indicator_period_due"),
            # The values list's filters on period dates read the matching periods' ids
            # here first (results.filters.values).
            models.Index(fields=["starts_on"], name="indicator_period_starts"),
            models.Index(fields=["ends_on"], name="indicator_period_ends"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="indicator_period_ends_after_start",
                violation_error_message=_("The period ends before it starts."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "starts_on", "ends_on"],
                name="indicator_period_dates_unique",
                violation_error_message=_("This indicator has a period with these dates already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{formats.date_format(self.starts_on, 'SHORT_DATE_FORMAT')} – " + (
            formats.date_format(self.ends_on, "SHORT_DATE_FORMAT")
        )

    def get_absolute_url(self) -> str:
        return reverse("results:indicator_detail", args=[self.indicator_id]) + f"#period-{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only the values' UPDATE writes `actual` (results.services.actuals).
        leave_out_of_save(self, kwargs, {"actual"})
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period ends before it starts.")})
        if self.indicator_id and self.starts_on and self.ends_on:
            same = IndicatorPeriod.objects.filter(
                indicator_id=self.indicator_id, starts_on=self.starts_on, ends_on=self.ends_on
            )
            if same.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"starts_on": _("This indicator has a period with these dates already.")}
                )


class TargetPartQuerySet(VisibleQuerySet):
    def visible_to_partner(self, user: User) -> TargetPartQuerySet:
        return self.filter(period__in=IndicatorPeriod.objects.visible_to(user))


class TargetPart(TimestampedModel):
    """The share of a period's target for one disaggregation value (the women among the
    young people to train)."""

    create_title = _("New target part")

    period = models.ForeignKey(
        IndicatorPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="parts"
    )
    dimension_value = models.ForeignKey(
        DimensionValue,
        verbose_name=_("disaggregation value"),
        on_delete=models.PROTECT,
        related_name="target_parts",
    )
    value = figure_field(_("target"))
    history = HistoricalRecords()

    objects = TargetPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("target part")
        verbose_name_plural = _("target parts")
        ordering = ["period", "dimension_value__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "dimension_value"],
                name="target_part_unique_value",
                violation_error_message=_("This period has a target for this value already."),
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="target_part_not_negative",
                violation_error_message=_("A target part is not negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension_value}: {self.value}"

    def get_absolute_url(self) -> str:
        return self.period.get_absolute_url()
