"""Actual values of indicators (F2): the updates entered per period, by officers or
partners, with their disaggregated parts and evidence, from draft to approval."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import connection, models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.access import VisibleQuerySet
from maillage.core.filters import among
from maillage.core.models import (
    LiveManager,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
    trash_index,
)
from maillage.core.text import SHORT_TEXT, TEXT
from maillage.core.uploads import StoredFileField
from maillage.projects.models.projects import member_project_ids
from maillage.results.models.indicators import DimensionValue, IndicatorPeriod, figure_field

if TYPE_CHECKING:
    from maillage.accounts.models import User


class ValueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class IndicatorValueQuerySet(VisibleQuerySet):
    def visible_to_partner(self, user: User) -> IndicatorValueQuerySet:
        """Through the ids of the partner's live projects (`member_project_ids`), as the
        project's own records are: joined to the memberships, SQLite counted a partner's
        values of periods starting before a date from the ~90,000 such periods (117 ms
        at national scale)."""
        projects = member_project_ids(user)
        if connection.vendor == "postgresql":
            # From the periods of the partner's indicators (~2,700 for 20 projects), each
            # period's values by its index: PostgreSQL, taking the partner's values for a
            # 40th of them spread evenly, walked the list's date index to find a page
            # (the last page: 178,073 values walked for 13, 274 ms; this way 20 ms).
            periods = IndicatorPeriod.objects.filter(
                indicator__project_id__in=projects, indicator__deleted_at__isnull=True
            ).values("pk")
            return cast(IndicatorValueQuerySet, among(self, periods, "period_id"))
        return self.filter(
            period__indicator__project_id__in=projects,
            period__indicator__deleted_at__isnull=True,
        )

    def approved(self) -> IndicatorValueQuerySet:
        return self.filter(status=ValueStatus.APPROVED)


class IndicatorValue(SoftDeleteModel, VersionedModel, TimestampedModel):
    """One update of an indicator's actual value within a period (several per period add
    up or replace each other by the indicator's aggregation), with its narrative."""

    create_title = _("New value")

    period = models.ForeignKey(
        IndicatorPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="values"
    )
    value = figure_field(_("value"), null=True, blank=True)
    text = models.TextField(
        _("qualitative value"),
        blank=True,
        max_length=TEXT,
        validators=[MaxLengthValidator(TEXT)],
    )
    narrative = models.TextField(
        _("narrative"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ValueStatus.choices, default=ValueStatus.DRAFT
    )
    return_comment = models.TextField(
        _("reason for returning"),
        blank=True,
        max_length=SHORT_TEXT,
        validators=[MaxLengthValidator(SHORT_TEXT)],
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_values_entered",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_values_approved",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(IndicatorValueQuerySet)()
    all_objects = models.Manager.from_queryset(IndicatorValueQuerySet)()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["period", "created_at", "pk"]
        indexes = [
            trash_index("indicator_value_trashed"),
            models.Index(fields=["status", "period"], name="indicator_value_status"),
            # The approval queue: submitted values, oldest first, read a page at a time.
            models.Index(fields=["status", "submitted_at", "id"], name="indicator_value_queue"),
            # The live values of periods, read from the index alone: the list's count,
            # plain or filtered by period dates (through the foreign key's own index,
            # SQLite read each value's row for `deleted_at`).
            models.Index(fields=["period", "deleted_at"], name="indicator_value_period_live"),
            # The values list's default sort (latest entered first), read a page at a time.
            # Live rows only: the page's ids read the index alone, and SQLite, given its
            # statistics, scanned and sorted 200,000 values rather than check each row of
            # a whole-table index for `deleted_at` (280 ms -> 0.1 ms at national scale).
            models.Index(
                fields=["-created_at", "id"],
                name="indicator_value_recent",
                condition=models.Q(deleted_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ValueStatus.values),
                name="indicator_value_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ValueStatus.RETURNED) | ~models.Q(return_comment=""),
                name="indicator_value_returned_with_comment",
                violation_error_message=_("Say why the value is returned."),
            ),
        ]

    def __str__(self) -> str:
        shown = self.value if self.value is not None else self.text[:60]
        return f"{self.period.indicator} — {self.period}: {shown}"

    def get_absolute_url(self) -> str:
        return reverse("results:indicatorvalue_detail", args=[self.pk])


class ValuePartQuerySet(VisibleQuerySet):
    def visible_to_partner(self, user: User) -> ValuePartQuerySet:
        return self.filter(value__in=IndicatorValue.objects.visible_to(user))


class ValuePart(TimestampedModel):
    """The part of a value for one disaggregation value (the women among those trained)."""

    create_title = _("New value part")

    value = models.ForeignKey(
        IndicatorValue, verbose_name=_("value"), on_delete=models.CASCADE, related_name="parts"
    )
    dimension_value = models.ForeignKey(
        DimensionValue,
        verbose_name=_("disaggregation value"),
        on_delete=models.PROTECT,
        related_name="value_parts",
    )
    amount = figure_field(_("amount"))
    history = HistoricalRecords()

    objects = ValuePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("value part")
        verbose_name_plural = _("value parts")
        ordering = ["value", "dimension_value__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["value", "dimension_value"],
                name="value_part_unique_value",
                violation_error_message=_("This value has a part for this value already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension_value}: {self.amount}"

    def get_absolute_url(self) -> str:
        return self.value.get_absolute_url()


class ValueEvidenceQuerySet(VisibleQuerySet):
    def visible_to_partner(self, user: User) -> ValueEvidenceQuerySet:
        return self.filter(value__in=IndicatorValue.objects.visible_to(user))


class ValueEvidence(TimestampedModel):
    """A file that backs a value: attendance sheets, a survey, a meter reading."""

    create_title = _("New evidence")

    value = models.ForeignKey(
        IndicatorValue, verbose_name=_("value"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = StoredFileField(_("file"), upload_to="results/evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = ValueEvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["value", "pk"]

    def __str__(self) -> str:
        return self.original_name or self.file.name

    def get_absolute_url(self) -> str:
        return self.value.get_absolute_url()
