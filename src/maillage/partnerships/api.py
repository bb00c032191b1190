"""The partnerships area's API resources, registered by config/api.py.

Serializers parse; the rules (an agreement's dates, a partnership's two authorities) are
the models' and the services', the same as the pages'."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework import serializers

from maillage.actors.models import Organisation
from maillage.core.access import hide_unseen, openable
from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.partnerships.filters import (
    AgreementFilterSet,
    CommitmentFilterSet,
    PartnershipFilterSet,
)
from maillage.partnerships.models import (
    Agreement,
    AgreementParty,
    Amendment,
    Commitment,
    Partnership,
)
from maillage.projects.models import Project


class PartnershipSerializer(ModelSerializer):
    projects = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Project.objects.all(), required=False
    )

    class Meta:
        model = Partnership
        fields = [
            "version",
            "id",
            "name",
            "french_authority",
            "foreign_authority",
            "since",
            "status",
            "description",
            "projects",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class AgreementPartySerializer(ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = AgreementParty
        fields = ["organisation", "organisation_name", "signatory", "signatory_title", "signed_on"]


class AmendmentSerializer(ModelSerializer):
    class Meta:
        model = Amendment
        fields = ["number", "signed_on", "object", "new_end_on", "new_amount"]


class AgreementSerializer(ModelSerializer):
    projects = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Project.objects.all(), required=False
    )
    parties = AgreementPartySerializer(many=True, read_only=True)
    amendments = AmendmentSerializer(many=True, read_only=True)
    effective_end_on = serializers.DateField(read_only=True, allow_null=True)
    effective_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )
    expires_soon = serializers.SerializerMethodField()
    # The status as of today: "expired" once the (amended) end date has passed.
    status_today = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "version",
            "id",
            "partnership",
            "reference",
            "title",
            "object",
            "kind",
            "status",
            "status_today",
            "signed_on",
            "start_on",
            "end_on",
            "effective_end_on",
            "expires_soon",
            "renewal",
            "tacit_renewal",
            "notice_months",
            "amount",
            "effective_amount",
            "currency",
            "projects",
            "parties",
            "amendments",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]

    def get_expires_soon(self, obj: Agreement) -> bool:
        return obj.expires_soon(timezone.localdate())

    def get_status_today(self, obj: Agreement) -> str:
        return obj.status_on(timezone.localdate())

    def to_representation(self, instance: Agreement) -> Any:
        """An agreement shared by several projects lists, to a partner, only the projects
        it sees (its own): the others' ids are theirs to know."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and not getattr(user, "is_internal", False):
            data["projects"] = [pk for pk in data["projects"] if pk in self._visible_projects(user)]
        return data

    def _visible_projects(self, user: Any) -> set[int]:
        # Once per response: a list's rows share their root serializer's context.
        if "visible_project_ids" not in self.context:
            visible = Project.objects.visible_to(user).values_list("pk", flat=True)
            self.context["visible_project_ids"] = set(visible)
        return self.context["visible_project_ids"]


class CommitmentSerializer(ModelSerializer):
    party_name = serializers.CharField(source="party.name", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = [
            "version",
            "id",
            "agreement",
            "project",
            "party",
            "party_name",
            "responsible_person",
            "follow_up_user",
            "text",
            "due_on",
            "status",
            "overdue",
            "evidence",
            "fulfilled_on",
            "remind_days_before",
            "reminded_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "reminded_at", "created_at", "updated_at"]

    def get_overdue(self, obj: Commitment) -> bool:
        return obj.is_overdue(timezone.localdate())


class PartnershipViewSet(VisibleModelViewSet):
    """Decentralised-cooperation partnerships; internal records, partners see none."""

    model = Partnership
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilterSet
    prefetch_related = ("projects",)
    ordering_fields = ["name", "since", "status"]


class AgreementViewSet(VisibleModelViewSet):
    """Agreements (conventions) with their parties and amendments; a partner sees those
    linked to its projects."""

    model = Agreement
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    prefetch_related = ("amendments",)
    ordering_fields = ["title", "start_on", "end_on", "status"]

    def get_queryset(self) -> Any:
        # Of its parties and projects, only those the reader may open.
        user = self.request.user
        parties = AgreementParty.objects.filter(
            openable(user, Organisation, "organisation")
        ).select_related("organisation")
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("parties", queryset=parties),
                Prefetch("projects", queryset=Project.objects.visible_to(user)),
            )
            .with_effective()
        )


class CommitmentViewSet(VisibleModelViewSet):
    """What each party committed to; a partner sees those of its projects."""

    model = Commitment
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilterSet
    select_related = ("party",)
    ordering_fields = ["due_on", "status"]

    # A party the reader may not open is not named (`party_name`); its id stays.
    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if page is not None:
            hide_unseen(self.request.user, page, "party")
        return page

    def get_object(self) -> Any:
        obj = super().get_object()
        if self.request.method == "GET":
            hide_unseen(self.request.user, [obj], "party")
        return obj


# (URL segment, viewset, basename), registered by config/api.py.
ROUTES = [
    ("partnerships", PartnershipViewSet, "partnership"),
    ("agreements", AgreementViewSet, "agreement"),
    ("commitments", CommitmentViewSet, "commitment"),
]
