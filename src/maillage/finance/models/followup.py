"""The over-spent lines of each project, stored: the home page's alert reads them in one
query, whatever the number of expenses and projects. Derived figures, never typed: they
are written only by `finance.services.followup.refresh_followup`, with the numbers of
`finance.selectors.followup` (same sums, same conversions), after every write that
changes them and each night (no history, no trash, no pages of their own)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.reference import currency_choices


class OverspentLine(models.Model):
    """A line of the budget in force of a project whose validated expenses pass its
    forecast (over 100 %), with the figures the home page shows, in the line's currency."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    version = models.ForeignKey(
        "finance.BudgetVersion",
        verbose_name=_("budget version"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    code = models.CharField(_("code"), max_length=40)
    # The line's code and label, as the follow-up names it ("2.1 Missions").
    label = models.CharField(_("label"), max_length=250)
    currency = models.CharField(_("currency"), max_length=3, choices=currency_choices)
    forecast = models.DecimalField(_("forecast"), max_digits=20, decimal_places=2)
    actual = models.DecimalField(_("actual"), max_digits=20, decimal_places=2)
    percent = models.DecimalField(_("percent of the forecast"), max_digits=24, decimal_places=1)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("over-spent budget line")
        verbose_name_plural = _("over-spent budget lines")
        ordering = ["-percent", "project_id", "code"]
        indexes = [models.Index(fields=["project", "-percent"], name="overspent_line_project")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"], name="overspent_line_unique_per_project"
            )
        ]

    def __str__(self) -> str:
        return self.label
