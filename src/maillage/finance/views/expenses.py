"""Pages of expenses: the list (filters, exports), the page with receipts, funder
splits, eligibility and history, the form (partners enter theirs), the status moves, the
counter-entry, the validation queue of the officers, and the receipts' downloads."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from maillage.accounts.models import Role
from maillage.core.access import hide_unseen
from maillage.core.concurrency import VersionConflict, parse_version
from maillage.core.crud import Column, CrudFormView, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.formatting import format_money
from maillage.core.pagination import DeepPaginator
from maillage.core.services import add_to_form, error_dict
from maillage.core.uploads import safe_download_response
from maillage.finance.filters.expenses import ExpenseFilterSet
from maillage.finance.forms.expenses import (
    ChargeFormSet,
    ExpenseForm,
    ExpenseMoveForm,
    ReceiptForm,
)
from maillage.finance.models import Expense, ExpenseCharge, ExpenseStatus, Receipt
from maillage.finance.selectors.expenses import expense_detail, validation_queue
from maillage.finance.services.expenses import (
    CHARGES,
    REVIEW_MOVES,
    ExpenseService,
    is_reviewer,
    max_receipt_bytes,
    may_edit,
)

# Room for the multipart envelope and the other fields around the receipt.
MULTIPART_SLACK = 64 * 1024


def _too_large_message(size: int) -> str:
    return _("The file weighs %(size)s; the limit is %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(max_receipt_bytes()),
    }


class _ReceiptSizeHandler(FileUploadHandler):
    """Stop receiving a receipt once it passes the limit, instead of storing all of it."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.receipt_too_large = self.received  # type: ignore[union-attr]  # a flag for the view, read after the upload stops
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@method_decorator(csrf_exempt, name="dispatch")
class ExpenseFormView(CrudFormView):
    """The expense form, whose receipt is refused as soon as it passes the limit (naming
    the field), before the rest of a 200 MB body is received and stored. The CSRF check
    is made here, after the upload handler is set: the middleware would otherwise read
    the whole body first."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST" and request.user.is_authenticated:
            if not self.creating:
                self.object = self.get_object()  # 404 before 403, as the form's own checks
            self.require_write(self.object)
            length = int(request.META.get("CONTENT_LENGTH") or 0)
            if length > max_receipt_bytes() + MULTIPART_SLACK:
                return self.too_large(length)
            handlers: Any = request.upload_handlers  # a list until the body is read
            if isinstance(handlers, list):
                handlers.insert(0, _ReceiptSizeHandler(request, max_receipt_bytes()))
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def too_large(self, size: int) -> HttpResponse:
        """The empty form, with the refusal on the receipt (413); nothing was read."""
        kwargs = self.crud.form_kwargs(self.request, self.object)
        form = self.crud.form_class(instance=self.object, **kwargs)  # type: ignore[misc]  # form_class is set on ExpenseViews
        # Not get_context_data: it would build a bound form, reading the body.
        error = _too_large_message(size)
        context = self.context(
            object=self.object, creating=self.creating, form=form, receipt_error=error
        )
        return self.render_to_response(context, status=413)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        request.FILES  # noqa: B018 — reads the body (the handler flags a receipt too large)
        size = getattr(request, "receipt_too_large", 0)
        if size:
            form = self.get_form()
            form.is_valid()
            form.add_error(
                "receipt" if "receipt" in form.fields else None, _too_large_message(size)
            )
            return self.render_to_response(self.get_context_data(form=form), status=413)
        return super().post(request, *args, **kwargs)


def _payee(expense: Expense) -> Any:
    return expense.payee or expense.payee_name


def _status(expense: Expense) -> str:
    alert = " badge-alert" if expense.status == ExpenseStatus.RETURNED else ""
    return format_html('<span class="badge{}">{}</span>', alert, expense.get_status_display())


class ExpenseViews(CrudViews):
    model = Expense
    form_class = ExpenseForm
    filterset_class = ExpenseFilterSet
    # Partners enter expenses on their projects (the form offers only those).
    write_roles = frozenset({Role.ADMIN, Role.OFFICER, Role.PARTNER})
    select_related = ("project", "budget_line", "payee")
    default_ordering = ("-spent_on", "-pk")
    columns = (
        Column("reference", link=True),
        Column("spent_on"),
        Column("project", sort="project__code"),
        Column("budget_line", sort="budget_line__code"),
        Column(
            "payee_name",
            label=gettext_lazy("Payee"),
            display=_payee,
            value=lambda e: str(_payee(e) or ""),
        ),
        Column("amount", money="currency"),
        Column("currency"),
        Column("status", display=_status),
    )
    detail_fields = (
        "project",
        "spent_on",
        "budget_line",
        "payee",
        "payee_name",
        "description",
        "payment_method",
        "entered_by",
        "validated_by",
        "validated_at",
        "return_comment",
        "reverses",
    )
    initial_from_query = ("project", "budget_line")
    # What the export's columns show, and the foreign keys `hide_unseen` reads: a row of
    # a million is not built with every column of its expense, project, line and payee.
    export_fields = (
        "reference",
        "spent_on",
        "project__code",
        "project__title",
        "budget_line__code",
        "budget_line__label",
        "payee__name",
        "payee__acronym",
        "payee_name",
        "amount",
        "currency",
        "status",
        "entered_by",
        "validated_by",
        "reverses",
    )

    @classmethod
    def export_rows(cls, queryset: QuerySet, user: Any = None) -> tuple[list[str], Any]:
        return super().export_rows(queryset.only(*cls.export_fields), user)

    @classmethod
    def may_change(cls, obj: Any, user: Any) -> bool:
        return cls.may_write(user) and may_edit(obj, user)

    @classmethod
    def create_view(cls) -> Any:
        return ExpenseFormView.as_view(crud=cls, creating=True)

    @classmethod
    def update_view(cls) -> Any:
        return ExpenseFormView.as_view(crud=cls, creating=False)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        context = expense_detail(expense=obj, user=user)
        context["amount"] = format_money(obj.amount, obj.currency)
        context["may_reverse"] = (
            is_reviewer(user)
            and obj.status == ExpenseStatus.VALIDATED
            and obj.reverses_id is None
            and not context["reversals"]
        )
        context["may_split"] = is_reviewer(user) and may_edit(obj, user)
        context["move_form"] = ExpenseMoveForm(initial={"status": ExpenseStatus.RETURNED})
        return context


class ReceiptViews(ChildViews):
    """Receipts added to an expense that may still change (its own rules: the service's)."""

    parent = ExpenseViews
    child_model = Receipt
    form_class = ReceiptForm
    parent_field = "expense"


def _expense(request: HttpRequest, pk: int) -> Expense:
    return get_object_or_404(ExpenseViews.base_queryset(request.user), pk=pk)


@login_required
def receipt_download(request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
    """A receipt, to those who see its expense (a partner: its projects' only); never
    served from the media folder."""
    expense = _expense(request, pk)
    receipt = get_object_or_404(Receipt, pk=child_pk, expense=expense)
    try:
        handle = receipt.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    kind = mimetypes.guess_type(receipt.file.name)[0]
    return safe_download_response(handle, receipt.original_name or str(receipt), kind)


def _next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@login_required
def expense_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit, validate or return an expense (GET: the form, for a return's comment).
    Partners submit their own; only officers validate or return (403)."""
    expense = _expense(request, pk)
    form = ExpenseMoveForm(request.POST or None, initial={"status": request.GET.get("status")})
    status = 200
    if request.method == "POST":
        wanted = request.POST.get("status", "")
        if wanted in REVIEW_MOVES and not is_reviewer(request.user):
            raise PermissionDenied(_("Only the service's officers validate or return expenses."))
        if wanted not in REVIEW_MOVES and not ExpenseViews.may_change(expense, request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        if form.is_valid():
            try:
                ExpenseService.move(
                    obj=expense,
                    status=form.cleaned_data["status"],
                    comment=form.cleaned_data["comment"],
                    by=request.user,
                    version=parse_version(request.POST.get("version")),
                )
            except VersionConflict:
                form.add_error(None, _("Someone changed this expense meanwhile: reload the page."))
            except ValidationError as error:
                add_to_form(form, error)
                _comment_errors(form, error)
            else:
                label = ExpenseStatus(expense.status).label
                messages.success(
                    request,
                    _("%(name)s: “%(status)s”.") % {"name": expense, "status": label},
                )
                return redirect(_next(request, expense.get_absolute_url()))
        status = 422
    elif not (ExpenseViews.may_change(expense, request.user) or is_reviewer(request.user)):
        raise PermissionDenied(_("Your role does not allow changes here."))
    context = {"object": expense, "form": form, "next": _next(request, "")}
    return render(request, "finance/expense_move.html", context, status=status)


def _comment_errors(form: ExpenseMoveForm, error: ValidationError) -> None:
    """The service names `return_comment`; the form calls it `comment`."""
    for message in error_dict(error).get("return_comment", []):
        form.add_error("comment", message)


@login_required
@require_POST
def expense_reverse(request: HttpRequest, pk: int) -> HttpResponse:
    """“Reverse”: the counter-entry of a validated expense (officers), after which the
    corrected expense is entered."""
    expense = _expense(request, pk)
    if not is_reviewer(request.user):
        raise PermissionDenied(_("Only the service's officers reverse expenses."))
    try:
        counter = ExpenseService.reverse(obj=expense, by=request.user)
    except ValidationError as error:
        for msgs in error_dict(error).values():
            for message in msgs:
                messages.error(request, message)
        return redirect(expense.get_absolute_url())
    messages.success(
        request,
        _("%(name)s reversed by %(counter)s: enter the corrected expense if there is one.")
        % {"name": expense, "counter": counter},
    )
    return redirect(counter.get_absolute_url())


@login_required
def expense_charges(request: HttpRequest, pk: int) -> HttpResponse:
    """The funder splits, edited at once: they must add up to the amount
    (ExpenseService, as the API's `charges`); nothing is saved otherwise. Officers only:
    funders are internal."""
    expense = _expense(request, pk)
    if not (is_reviewer(request.user) and may_edit(expense, request.user)):
        raise PermissionDenied(_("Your role does not allow changes here."))
    rows = ExpenseCharge.objects.filter(expense=expense).order_by("pk")
    kwargs = {"queryset": rows, "form_kwargs": {"expense": expense}, "prefix": "charges"}
    formset = ChargeFormSet(request.POST or None, **kwargs)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if formset.is_valid():
            data = [
                {k: v for k, v in form.cleaned_data.items() if k in ("donor", "grant", "amount")}
                for form in formset.forms
                if form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("amount") is not None
            ]
            try:
                ExpenseService.update(
                    obj=expense,
                    data={CHARGES: data},
                    by=request.user,
                    version=parse_version(request.POST.get("version")),
                )
            except VersionConflict:
                errors.append(_("Someone changed this expense meanwhile: reload the page."))
            except ValidationError as error:
                errors += [m for msgs in error_dict(error).values() for m in msgs]
            else:
                messages.success(request, _("Funder splits saved."))
                return redirect(expense.get_absolute_url())
        status = 422
    context = {"object": expense, "formset": formset, "errors": errors}
    return render(request, "finance/expense_charges.html", context, status=status)


@login_required
def expense_queue(request: HttpRequest) -> HttpResponse:
    """“To validate”: the submitted expenses, oldest first, paged in the database; each
    validated or returned from here (officers and administrators)."""
    if not is_reviewer(request.user):
        raise PermissionDenied(_("The validation queue is for the service's officers."))
    queryset = validation_queue(user=request.user).select_related(
        "project", "budget_line", "payee", "entered_by"
    )
    page = DeepPaginator(queryset, ExpenseViews.paginate_by).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    hide_unseen(request.user, rows)
    context = {
        "page": page,
        "rows": [(e, format_money(e.amount, e.currency)) for e in rows],
        "list_url": reverse("finance:expense_list"),
        "queue_url": request.get_full_path(),
    }
    return render(request, "finance/expense_queue.html", context)
