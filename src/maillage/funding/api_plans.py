"""API resource of financing plans (`/api/financing-plans`), listed in
`funding.api.ROUTES`. The lines are written as a nested list through the plan's service
(a line with its `id` is kept and changed, one without is added, one left out is
removed); `check` is the read-only list of the rules the plan breaks, from
`check_financing_plan`, the selector the page uses. Internal: a partner reads none."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from rest_framework import serializers

from maillage.actors.models import Organisation
from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.funding.filters.plans import FinancingPlanFilterSet
from maillage.funding.models import FinancingLine, FinancingPlan, Instrument, LineKind
from maillage.funding.selectors.plans import check_financing_plan
from maillage.projects.api.fields import VisibleProjectField


class FinancingLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False)
    kind = serializers.ChoiceField(choices=LineKind.choices)
    instrument = serializers.PrimaryKeyRelatedField(
        queryset=Instrument.objects.all(), allow_null=True, required=False
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    label = serializers.CharField(max_length=200, allow_blank=True, required=False)
    # The line's share of the plan's total budget, in percent: computed, never stored.
    share = serializers.SerializerMethodField()

    def get_share(self, line: FinancingLine) -> str | None:
        share = line.share_of(line.plan.total_budget) if line.plan_id else None
        return str(share.quantize(Decimal("0.01"))) if share is not None else None


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    instrument = serializers.IntegerField(allow_null=True)


class FinancingPlanSerializer(ModelSerializer):
    project = VisibleProjectField()
    lines = FinancingLineSerializer(many=True, required=False)
    check = serializers.SerializerMethodField()

    class Meta:
        model = FinancingPlan
        fields = [
            "version",
            "id",
            "project",
            "applicant",
            "currency",
            "total_budget",
            "overheads_amount",
            "note",
            "lines",
            "check",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]

    def to_representation(self, instance: FinancingPlan) -> Any:
        # The lines know their plan (for their share) without a query each.
        lines = list(instance.lines.all())
        for line in lines:
            line.plan = instance
        instance._checked_lines = lines  # type: ignore[attr-defined]  # read by get_check below
        return super().to_representation(instance)

    def get_check(self, plan: FinancingPlan) -> list[dict[str, Any]]:
        lines = getattr(plan, "_checked_lines", None)
        return [v.as_dict() for v in check_financing_plan(plan=plan, lines=lines)]


class FinancingPlanViewSet(VisibleModelViewSet):
    """Each project's co-financing plan with its lines and the check against every
    funder's rules. Internal: partners see none."""

    model = FinancingPlan
    serializer_class = FinancingPlanSerializer
    filterset_class = FinancingPlanFilterSet
    select_related = ("project", "applicant")
    prefetch_related = ("project__locations",)
    ordering_fields = ["total_budget"]

    def get_queryset(self) -> Any:
        # The lines with their instruments' rules: the check reads no more per plan.
        lines = FinancingLine.objects.select_related(
            "instrument__donor__organisation", "organisation"
        ).order_by("position", "pk")
        return super().get_queryset().prefetch_related(Prefetch("lines", queryset=lines))

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = dict(serializer.validated_data)
        if "lines" in data:
            data["lines"] = [dict(row) for row in data["lines"]]
        return data
