"""Forms of the plan: activities, tasks, milestones, dependencies, a task's status.
They parse; the rules (an activity of the same project, no loop…) are the models' and
the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.actors.forms import organisation_picker
from maillage.core.dates import DateRangeFormMixin
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.projects.models import (
    Activity,
    Milestone,
    PlanItem,
    Project,
    Task,
    TaskStatus,
)

COMMON = ["title", "description", "start_on", "end_on", "status", "progress"]


class PlanItemForm(TypeaheadFormMixin, DateRangeFormMixin, forms.ModelForm):
    """The common part: the project among those the user sees, fixed once created."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["project"].queryset = Project.objects.visible_to(user)
        if self.instance.pk:
            # Its dependencies and tasks belong to this project: moving it would split them.
            self.fields["project"].disabled = True
        if "assignees" in self.fields:
            self.fields["assignees"].queryset = User.objects.filter(is_active=True).order_by(
                "last_name", "first_name", "username"
            )
        if "progress" in self.fields:
            self.fields["progress"].widget.attrs.update({"min": 0, "max": 100})


class ActivityForm(PlanItemForm):
    class Meta:
        model = Activity
        fields = ["project", *COMMON, "organisation", "assignees"]
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "organisation": organisation_picker(),
            "start_on": DateInput(),
            "end_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class TaskForm(PlanItemForm):
    class Meta:
        model = Task
        fields = ["project", "parent", *COMMON, "organisation", "assignees"]
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "organisation": organisation_picker(),
            "start_on": DateInput(),
            "end_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.required = True
        parent.queryset = (
            Activity.objects.visible_to(self.user)
            .select_related("project")
            .order_by("project__code", "start_on", "title")
        )
        parent.label_from_instance = lambda a: f"{a.project.code} · {a.title}"


class MilestoneForm(PlanItemForm):
    class Meta:
        model = Milestone
        fields = ["project", "parent", "title", "description", "end_on", "status"]
        labels = {"end_on": _("date")}
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "end_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    date_range = ("end_on", "end_on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.required = False
        parent.queryset = (
            Activity.objects.visible_to(self.user)
            .select_related("project")
            .order_by("project__code", "start_on", "title")
        )
        parent.label_from_instance = lambda a: f"{a.project.code} · {a.title}"


class DependencyForm(TypeaheadFormMixin, forms.Form):
    """A link of the item `item` with another one: it depends on it, or it blocks it."""

    DIRECTIONS = (
        ("predecessor", _("This item starts after the end of")),
        ("successor", _("This item must end before the start of")),
    )

    direction = forms.ChoiceField(label=_("Link"), choices=DIRECTIONS, initial="predecessor")
    # A type-ahead, not a select of every item: a project of 1,000 items would send
    # 1,000 options with each item's page.
    other = forms.ModelChoiceField(
        label=_("Other item"),
        queryset=PlanItem.objects.none(),
        widget=TypeaheadSelect("projects:planitem_choices"),
    )
    lag_days = forms.IntegerField(
        label=_("Lag (days)"),
        initial=0,
        min_value=-3650,
        max_value=3650,
        help_text=_("Days to wait after the end of the first item (negative: overlap)."),
    )

    def __init__(self, *args: Any, item: PlanItem, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        other = self.fields["other"]
        # Any visible item is accepted, so that another project's is refused with a clear
        # message (by the dependency's rules); only this project's are offered.
        other.queryset = PlanItem.objects.visible_to(user)
        other.label_from_instance = lambda p: f"{p.get_kind_display()} · {p.title}"
        other.widget.params = {"project": item.project_id}
        other.widget.within = other.queryset.filter(project_id=item.project_id).exclude(pk=item.pk)

    def link(self) -> dict[str, Any]:
        """The dependency the valid form describes, as its service takes it."""
        cleaned = self.cleaned_data
        other = cleaned["other"]
        predecessor, successor = (
            (other, self.item) if cleaned["direction"] == "predecessor" else (self.item, other)
        )
        return {"predecessor": predecessor, "successor": successor, "lag_days": cleaned["lag_days"]}


class TaskStatusForm(forms.Form):
    """What the board changes: the column, and optionally the progress."""

    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"), required=False, min_value=0, max_value=100
    )
