"""API of the risk register (`/api/risks`): staff who write change risks; partners read
those of their projects."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from maillage.accounts.models import User
from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.projects.api.fields import VisibleProjectField
from maillage.projects.filters import RiskFilterSet
from maillage.projects.models import Risk

LEVELS_HELP = _("From 1 (very low) to 5 (very high).")


class RiskSerializer(ModelSerializer):
    project = VisibleProjectField()
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.internal(), allow_null=True, required=False
    )
    # Numbers checked by the model (1 to 5), in the same words as the page.
    likelihood = serializers.IntegerField(required=False, help_text=LEVELS_HELP)
    impact = serializers.IntegerField(required=False, help_text=LEVELS_HELP)
    score = serializers.IntegerField(read_only=True)
    review_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Risk
        fields = [
            "version",
            "id",
            "project",
            "title",
            "description",
            "category",
            "likelihood",
            "impact",
            "score",
            "mitigation",
            "owner",
            "review_on",
            "review_overdue",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]

    def get_review_overdue(self, obj: Risk) -> bool:
        return obj.review_overdue(timezone.localdate())


class RiskViewSet(VisibleModelViewSet):
    """Risks of the projects the user sees; written by officers and administrators."""

    model = Risk
    serializer_class = RiskSerializer
    filterset_class = RiskFilterSet
    select_related = ("project", "owner")
    ordering_fields = ["title", "likelihood", "impact", "score_value", "review_on", "status"]
    # The list page's order (highest score first), read from the same index.
    ordering = ("-score_value", "pk")

    def get_queryset(self) -> Any:
        return super().get_queryset().with_score()
