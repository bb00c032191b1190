"""API resource of expenses (`/api/expenses`), with their funder splits, receipts and
eligibility. Partners create expenses on their projects (a receipt may come with the
create, as multipart), change their own drafts and submit them; officers validate or
return them, and reverse a validated one. Every write goes through `ExpenseService`.

Actions: `POST /api/expenses/{id}/submit`, `/validate`, `/return` (`comment` required),
`/reverse` (the counter-entry, 201), `/receipts` (multipart `file`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response

from maillage.accounts.models import Role
from maillage.actors.models import Organisation
from maillage.core.api import ModelSerializer, VisibleModelViewSet, refusals_as_400
from maillage.core.api_settings import RolePermission
from maillage.core.concurrency import etag
from maillage.finance.filters.expenses import ExpenseFilterSet
from maillage.finance.models import BudgetLine, Expense, ExpenseCharge, ExpenseStatus, Receipt
from maillage.finance.selectors.expenses import ELIGIBILITY_PREFETCH, expense_eligibility
from maillage.finance.services.expenses import (
    CHARGES,
    RECEIPT,
    SUBMIT,
    ExpenseService,
    ReceiptService,
    is_reviewer,
    may_edit,
)
from maillage.funding.models import Donor, Grant
from maillage.projects.api.fields import VisibleProjectField


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A record of `model` the requesting user sees; any other id is unknown (400)."""

    default_error_messages = {
        "does_not_exist": gettext_lazy("Unknown record, or one you may not see: {pk_value}."),
        "incorrect_type": gettext_lazy("A record is given by its id (a number), not {data_type}."),
    }

    def __init__(self, model: Any, **kwargs: Any) -> None:
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return self.model.objects.visible_to(getattr(request, "user", None))

    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except OverflowError:  # an id past 64 bits (SQLite): no such record
            self.fail("does_not_exist", pk_value=data)


class ChargeSerializer(ModelSerializer):
    donor = VisibleRelatedField(Donor, allow_null=True, required=False)
    grant = VisibleRelatedField(Grant, allow_null=True, required=False)

    class Meta:
        model = ExpenseCharge
        fields = ["donor", "grant", "amount"]


class ReceiptSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Receipt
        fields = ["id", "original_name", "size", "checksum", "download_url"]
        read_only_fields = fields

    def get_download_url(self, obj: Receipt) -> str:
        url = reverse("finance:receipt_download", args=[obj.expense_id, obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class ProblemSerializer(serializers.Serializer):
    field = serializers.CharField()
    message = serializers.CharField()


class ExpenseSerializer(ModelSerializer):
    project = VisibleProjectField()
    budget_line = VisibleRelatedField(BudgetLine)
    payee = VisibleRelatedField(Organisation, allow_null=True, required=False)
    charges = ChargeSerializer(
        many=True,
        required=False,
        help_text=gettext_lazy(
            "The funder splits, adding up to the amount; left out, they follow the budget "
            "line's splits (the rest on own funds)."
        ),
    )
    receipts = ReceiptSerializer(many=True, read_only=True)
    receipt = serializers.FileField(
        write_only=True,
        required=False,
        help_text=gettext_lazy("A receipt (PDF or image) sent with the expense, as multipart."),
    )
    submit = serializers.BooleanField(
        write_only=True,
        required=False,
        help_text=gettext_lazy("True: submit the expense for validation with this write."),
    )
    eligibility = serializers.SerializerMethodField()

    class Meta:
        model = Expense
        fields = [
            "version",
            "id",
            "reference",
            "project",
            "spent_on",
            "budget_line",
            "payee",
            "payee_name",
            "description",
            "amount",
            "currency",
            "payment_method",
            "status",
            "return_comment",
            "entered_by",
            "validated_by",
            "validated_at",
            "reverses",
            CHARGES,
            "receipts",
            RECEIPT,
            SUBMIT,
            "eligibility",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "version",
            "reference",
            "status",
            "return_comment",
            "entered_by",
            "validated_by",
            "validated_at",
            "reverses",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(ProblemSerializer(many=True))
    def get_eligibility(self, obj: Expense) -> list[dict[str, str]]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return [problem.to_json() for problem in expense_eligibility(obj, user)]


class ExpensePermission(RolePermission):
    """The role check, then: a partner changes only its own drafts and returned expenses;
    a validated expense changes for nobody (the service says why: 400)."""

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not super().has_object_permission(request, view, obj):
            return False
        if obj.status == ExpenseStatus.VALIDATED:
            return True  # refused by the service, naming the lock
        return may_edit(obj, request.user)


class ExpenseViewSet(VisibleModelViewSet):
    """Expenses of the projects the user sees; partners write on their own projects."""

    model = Expense
    serializer_class = ExpenseSerializer
    filterset_class = ExpenseFilterSet
    permission_classes = [ExpensePermission]
    write_roles = frozenset({Role.ADMIN, Role.OFFICER, Role.PARTNER})
    select_related = ("project", "budget_line")
    prefetch_related = (*ELIGIBILITY_PREFETCH, "receipts")
    ordering_fields = ["spent_on", "amount", "reference"]

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = dict(serializer.validated_data)
        if CHARGES in data:
            data[CHARGES] = [dict(row) for row in data[CHARGES]]
        return data

    def _moved(self, expense: Expense, request: Request) -> Response:
        expense = self.get_queryset().get(pk=expense.pk)
        response = Response(self.get_serializer(expense).data)
        response["ETag"] = etag(expense)
        return response

    def _move(self, request: Request, target: str, comment: str = "") -> Response:
        expense = self.get_object()
        user = request.user
        # get_object has checked the write (ExpensePermission); deciding is the officers'.
        if target != ExpenseStatus.SUBMITTED and not is_reviewer(user):
            raise PermissionDenied(_("Your role does not allow this move."))
        with refusals_as_400():
            ExpenseService.move(
                obj=expense,
                status=target,
                comment=comment,
                by=user,
                version=self._if_match(expense),
            )
        return self._moved(expense, request)

    @extend_schema(request=None, responses=ExpenseSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: Any = None) -> Response:
        """Submit the expense for validation (it needs a receipt)."""
        return self._move(request, ExpenseStatus.SUBMITTED)

    @extend_schema(request=None, responses=ExpenseSerializer)
    @action(detail=True, methods=["post"])
    def validate(self, request: Request, pk: Any = None) -> Response:
        """Validate a submitted expense (officers): it is then locked."""
        return self._move(request, ExpenseStatus.VALIDATED)

    @extend_schema(
        request=inline_serializer("ExpenseReturn", {"comment": serializers.CharField()}),
        responses=ExpenseSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, pk: Any = None) -> Response:
        """Return a submitted expense with a comment (officers): what to correct."""
        comment = request.data.get("comment", "") if hasattr(request.data, "get") else ""
        return self._move(request, ExpenseStatus.RETURNED, str(comment or ""))

    @extend_schema(request=None, responses={201: ExpenseSerializer})
    @action(detail=True, methods=["post"])
    def reverse(self, request: Request, pk: Any = None) -> Response:
        """The counter-entry of a validated expense (officers), created validated."""
        expense = self.get_object()
        if not is_reviewer(request.user):
            raise PermissionDenied(_("Only the service's officers reverse expenses."))
        with refusals_as_400():
            counter = ExpenseService.reverse(obj=expense, by=request.user)
        counter = self.get_queryset().get(pk=counter.pk)
        return Response(self.get_serializer(counter).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "ReceiptUpload", {"file": serializers.FileField()}
            )
        },
        responses={201: ReceiptSerializer},
    )
    @action(detail=True, methods=["post"])
    def receipts(self, request: Request, pk: Any = None) -> Response:
        """Attach a receipt (multipart `file`, PDF or image) to an expense that may
        still change."""
        # get_object checks the write (ExpensePermission); the service, the lock.
        expense = self.get_object()
        upload = request.FILES.get("file") if hasattr(request, "FILES") else None
        if upload is None:
            raise serializers.ValidationError({"file": [_("Send the receipt as `file`.")]})
        with refusals_as_400():
            receipt = ReceiptService.create(
                data={"expense": expense, "file": upload}, by=request.user
            )
        return Response(
            ReceiptSerializer(receipt, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
