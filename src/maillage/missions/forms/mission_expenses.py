"""The form that records a spent mission budget line as an expense (parsing only:
`record_as_expense` and ExpenseService decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import DateInput
from maillage.core.reference import currency_choices
from maillage.finance.forms.expenses import BudgetLineChoiceField
from maillage.finance.models import BudgetLine, PaymentMethod
from maillage.missions.models import Mission, MissionCost
from maillage.missions.services.mission_expenses import current_lines
from maillage.projects.models import Project


class MissionExpenseForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    budget_line = BudgetLineChoiceField(
        label=_("Budget line"),
        queryset=BudgetLine.objects.none(),
        help_text=_("A line of the project's current budget."),
    )
    spent_on = forms.DateField(label=_("Date of expense"), widget=DateInput())
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=currency_choices)
    payee_name = forms.CharField(label=_("Payee"), max_length=200, required=False)
    payment_method = forms.ChoiceField(
        label=_("Payment method"), choices=PaymentMethod.choices, initial=PaymentMethod.TRANSFER
    )

    def __init__(
        self, *args: Any, mission: Mission, cost: MissionCost, user: Any, **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "amount": cost.amount,
                "currency": cost.currency or settings.DEFAULT_CURRENCY,
                "spent_on": mission.return_on,
            },
        )
        super().__init__(*args, **kwargs)
        # The mission's projects the user sees; the lines of their budgets in force.
        projects = list(mission.projects.visible_to(user).order_by("code", "pk"))
        self.fields["project"].queryset = Project.objects.filter(
            pk__in=[p.pk for p in projects]
        ).order_by("code", "pk")
        if len(projects) == 1:
            self.fields["project"].initial = projects[0].pk
        self.fields["budget_line"].queryset = (
            current_lines([p.pk for p in projects])
            .select_related("budget_version__budget__project")
            .order_by("budget_version__budget__project__code", "code", "pk")
        )
