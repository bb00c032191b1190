"""Forms of financing plans: the plan itself (project, applicant, currency, budget), and
the editor of its figures and lines, whose values go to the plan's service together."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Organisation
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.funding.models import FinancingPlan, Instrument, LineKind
from maillage.projects.models import Project

AMOUNT = forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"})


class FinancingPlanForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = FinancingPlan
        fields = ["project", "applicant", "currency", "total_budget", "overheads_amount", "note"]
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "applicant": TypeaheadSelect("actors:organisation_choices"),
            "total_budget": AMOUNT,
            "overheads_amount": AMOUNT,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project: Any = self.fields["project"]
        project.queryset = Project.objects.visible_to(user)
        applicant: Any = self.fields["applicant"]
        applicant.queryset = Organisation.objects.all()


class PlanFiguresForm(forms.ModelForm):
    """The figures the editor changes beside the lines."""

    class Meta:
        model = FinancingPlan
        fields = ["total_budget", "overheads_amount"]
        widgets = {"total_budget": AMOUNT, "overheads_amount": AMOUNT}


class FinancingLineForm(forms.Form):
    """One line. Its instrument and organisation are chosen among lists the formset
    loads once (not a query per line and per field)."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("kind"), choices=[("", "—"), *LineKind.choices])
    instrument = forms.TypedChoiceField(label=_("instrument"), required=False, empty_value=None)
    organisation = forms.TypedChoiceField(label=_("organisation"), required=False, empty_value=None)
    amount = forms.DecimalField(
        label=_("amount"), max_digits=14, decimal_places=2, min_value=0, widget=AMOUNT
    )
    label = forms.CharField(label=_("label"), max_length=200, required=False)

    def __init__(
        self,
        *args: Any,
        instruments: dict[str, Instrument] | None = None,
        organisations: dict[str, Organisation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instruments = instruments or {}
        self.organisations = organisations or {}
        instrument: Any = self.fields["instrument"]
        instrument.choices = [("", "—"), *((k, str(v)) for k, v in self.instruments.items())]
        instrument.coerce = self.instruments.__getitem__
        organisation: Any = self.fields["organisation"]
        organisation.choices = [
            ("", "—"),
            *((k, str(v)) for k, v in self.organisations.items()),
        ]
        organisation.coerce = self.organisations.__getitem__

    def row(self) -> dict[str, Any]:
        """The line as the plan's service takes it."""
        data = self.cleaned_data
        row = {name: data.get(name) for name in ("kind", "instrument", "organisation", "amount")}
        row["label"] = data.get("label") or ""
        if data.get("id"):
            row["id"] = data["id"]
        return row


class BaseLineFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, plan: FinancingPlan, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        if not hasattr(self, "_choices"):
            used = (
                list(self.plan.lines.values_list("instrument_id", flat=True))
                if self.plan.pk
                else []
            )
            # Active instruments, and the inactive ones this plan already draws on.
            instruments = (
                Instrument.objects.filter(Q(is_active=True) | Q(pk__in=used))
                .select_related("donor__organisation")
                .order_by("name")
            )
            self._choices = {
                "instruments": {str(i.pk): i for i in instruments},
                "organisations": {str(o.pk): o for o in plan_organisations(self.plan)},
            }
        return dict(self._choices)

    def rows(self) -> list[dict[str, Any]]:
        """The lines typed (valid forms only), in order; blank and removed rows left out."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not (form.has_changed() or data.get("id")):
                continue
            rows.append(form.row())
        return rows


def plan_organisations(plan: FinancingPlan) -> Any:
    """Who may contribute to a plan: the applicant, the project's partners and the
    organisations already on its lines."""
    ids: set[int] = set()
    if plan.applicant_id:
        ids.add(plan.applicant_id)
    if plan.project_id:
        ids.update(plan.project.partners.values_list("organisation_id", flat=True))
    if plan.pk:
        ids.update(i for i in plan.lines.values_list("organisation_id", flat=True) if i is not None)
    return Organisation.objects.filter(pk__in=ids).order_by("name")


LineFormSet = forms.formset_factory(
    FinancingLineForm, formset=BaseLineFormSet, extra=2, can_delete=True, max_num=100
)
