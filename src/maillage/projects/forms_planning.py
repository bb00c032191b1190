"""Forms of the plan: activities, tasks, milestones, dependencies, a task's status; and
the filters of their lists (page, exports)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.core.dates import DateRangeFormMixin
from maillage.projects.models import (
    Activity,
    Dependency,
    Milestone,
    PlanItem,
    Project,
    Task,
    TaskStatus,
    check_dependency,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COMMON = ["title", "description", "start_on", "end_on", "status", "progress"]


class PlanItemForm(DateRangeFormMixin, forms.ModelForm):
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

    def clean_progress(self) -> int:
        value = self.cleaned_data.get("progress") or 0
        if not 0 <= value <= 100:
            raise ValidationError(_("Progress is a percentage, from 0 to 100."))
        return value


class ActivityForm(PlanItemForm):
    class Meta:
        model = Activity
        fields = ["project", *COMMON, "organisation", "assignees"]
        widgets = {
            "start_on": DATE,
            "end_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class TaskForm(PlanItemForm):
    class Meta:
        model = Task
        fields = ["project", "parent", *COMMON, "organisation", "assignees"]
        widgets = {
            "start_on": DATE,
            "end_on": DATE,
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        project = cleaned.get("project") or (self.instance.project if self.instance.pk else None)
        parent = cleaned.get("parent")
        if project is not None and parent is not None and parent.project_id != project.pk:
            self.add_error("parent", _("Choose an activity of the same project."))
        return cleaned


class MilestoneForm(PlanItemForm):
    class Meta:
        model = Milestone
        fields = ["project", "parent", "title", "description", "end_on", "status"]
        labels = {"end_on": _("date")}
        widgets = {"end_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        project = cleaned.get("project") or (self.instance.project if self.instance.pk else None)
        parent = cleaned.get("parent")
        if project is not None and parent is not None and parent.project_id != project.pk:
            self.add_error("parent", _("Choose an activity of the same project."))
        if cleaned.get("end_on"):
            self.instance.start_on = cleaned["end_on"]
        return cleaned


class DependencyForm(forms.Form):
    """A link of the item `item` with another one: it depends on it, or it blocks it."""

    DIRECTIONS = (
        ("predecessor", _("This item starts after the end of")),
        ("successor", _("This item must end before the start of")),
    )

    direction = forms.ChoiceField(label=_("Link"), choices=DIRECTIONS, initial="predecessor")
    other = forms.ModelChoiceField(label=_("Other item"), queryset=PlanItem.objects.none())
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
        # message; only this project's are offered.
        other.queryset = PlanItem.objects.visible_to(user)
        offered = PlanItem.objects.filter(project_id=item.project_id).exclude(pk=item.pk)
        other.widget.choices = [("", "---------")] + [
            (p.pk, f"{p.get_kind_display()} · {p.title}")
            for p in offered.order_by("start_on", "position", "pk")
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        other = cleaned.get("other")
        if other is None:
            return cleaned
        predecessor, successor = (
            (other, self.item) if cleaned.get("direction") == "predecessor" else (self.item, other)
        )
        try:
            check_dependency(predecessor, successor)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        if Dependency.objects.filter(predecessor=predecessor, successor=successor).exists():
            raise ValidationError(_("These two items are already linked."))
        cleaned["predecessor"], cleaned["successor"] = predecessor, successor
        return cleaned


class TaskStatusForm(forms.Form):
    """What the board changes: the column, and optionally the progress."""

    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"), required=False, min_value=0, max_value=100
    )


def _visible_projects(request: Any) -> QuerySet[Project]:
    user = getattr(request, "user", None)
    return Project.objects.visible_to(user) if user is not None else Project.objects.none()


def _assignees(request: Any) -> QuerySet[User]:
    user = getattr(request, "user", None)
    users = User.objects.filter(is_active=True).order_by("last_name", "first_name", "username")
    if not getattr(user, "is_internal", False):
        # A partner filters on its own tasks; the service's staff list is not its to read.
        return users.filter(pk=getattr(user, "pk", None))
    return users


class PlanItemFilterSet(django_filters.FilterSet):
    project = django_filters.ModelChoiceFilter(
        label=_("Project"), queryset=_visible_projects, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TaskStatus.choices, empty_label=_("All")
    )
    late = django_filters.BooleanFilter(label=_("Late"), method="filter_late")
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assigned to"), queryset=_assignees, method="filter_assignee", empty_label=_("All")
    )

    class Meta:
        model = PlanItem
        fields: list[str] = []

    def filter_late(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        late = queryset.late(timezone.localdate())  # type: ignore[attr-defined]
        return late if value else queryset.exclude(pk__in=late.values("pk"))

    def filter_assignee(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(assignees=value).distinct() if value else queryset
