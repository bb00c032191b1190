"""Pages of partnerships, agreements (with their parties, council decisions, amendments and
files) and commitments, and the "commitments by partner" page for steering committees."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.exports import FORMATS, write_table
from maillage.core.formatting import display_value, format_money
from maillage.core.services import today_for
from maillage.core.uploads import attachment_header, download_name, safe_download_response
from maillage.partnerships.filters import (
    AgreementFilterSet,
    CommitmentFilterSet,
    PartnershipFilterSet,
)
from maillage.partnerships.forms import (
    AgreementFileForm,
    AgreementForm,
    AgreementPartyForm,
    AmendmentForm,
    CommitmentForm,
    CommitmentsByPartnerForm,
    CouncilDecisionForm,
    PartnershipForm,
)
from maillage.partnerships.models import (
    Agreement,
    AgreementFile,
    AgreementParty,
    Amendment,
    Commitment,
    CouncilDecision,
    Partnership,
)
from maillage.partnerships.selectors import (
    agreement_detail,
    commitments_by_partner,
    commitments_by_partner_page,
    commitments_by_partner_table,
    partnership_overview,
)


def _badge(text: Any, label: str) -> str:
    return format_html('{} <span class="badge badge-alert">{}</span>', text, label)


def _agreement_end(agreement: Agreement) -> str:
    text = display_value(agreement, "effective_end_on")
    if agreement.expires_soon(timezone.localdate()):
        return _badge(text, _("expires soon"))
    return text


def _commitment_due(commitment: Commitment) -> str:
    text = display_value(commitment, "due_on")
    if commitment.is_overdue(timezone.localdate()):
        return _badge(text, _("overdue"))
    return text


class PartnershipViews(CrudViews):
    model = Partnership
    form_class = PartnershipForm
    filterset_class = PartnershipFilterSet
    select_related = ("french_authority", "foreign_authority")
    columns = (
        Column("name", link=True),
        Column("french_authority", sort="french_authority__name"),
        Column("foreign_authority", sort="foreign_authority__name"),
        Column("since"),
        Column("status"),
    )
    detail_fields = ("french_authority", "foreign_authority", "since", "status", "description")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return partnership_overview(partnership=obj, user=user, today=today_for(user))


class AgreementViews(CrudViews):
    model = Agreement
    form_class = AgreementForm
    filterset_class = AgreementFilterSet
    select_related = ("partnership",)
    columns = (
        Column("reference"),
        Column("title", link=True),
        Column("kind"),
        Column("status"),
        Column("partnership", sort="partnership__name"),
        Column("start_on"),
        Column(
            "effective_end_on",
            label=gettext_lazy("End date"),
            sort="annotated_end_on",
            display=_agreement_end,
        ),
        Column(
            "effective_amount",
            label=gettext_lazy("Amount"),
            sort="annotated_amount",
            display=lambda a: format_money(a.effective_amount, a.currency),
        ),
    )
    detail_fields = (
        "reference",
        "partnership",
        "kind",
        "status",
        "object",
        "signed_on",
        "start_on",
        "end_on",
        "tacit_renewal",
        "notice_months",
        "renewal",
    )

    @classmethod
    def base_queryset(cls, user: Any) -> models.QuerySet:
        return super().base_queryset(user).with_effective()

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return agreement_detail(agreement=obj, user=user, today=today_for(user))


class CommitmentViews(CrudViews):
    model = Commitment
    form_class = CommitmentForm
    filterset_class = CommitmentFilterSet
    select_related = ("party", "agreement", "project", "follow_up_user", "responsible_person")
    default_ordering = ("due_on",)
    columns = (
        Column("text", link=True, sort=False),
        Column("party", sort="party__name"),
        Column("agreement", sort="agreement__title"),
        Column("project", sort="project__code"),
        Column("due_on", display=_commitment_due),
        Column("status"),
        Column("follow_up_user", sort="follow_up_user__last_name"),
    )
    detail_fields = (
        "agreement",
        "project",
        "party",
        "responsible_person",
        "follow_up_user",
        "due_on",
        "remind_days_before",
        "reminded_at",
        "status",
        "fulfilled_on",
        "evidence",
    )

    # "New commitment" from an agreement's or a project's page starts from it.
    initial_from_query = ("agreement", "project")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {"overdue": obj.is_overdue(today_for(user))}


# -- the agreement's rows --------------------------------------------------------------


class AgreementPartyViews(ChildViews):
    """The organisations bound by an agreement, and who signed for each."""

    parent = AgreementViews
    child_model = AgreementParty
    form_class = AgreementPartyForm
    parent_field = "agreement"


class CouncilDecisionViews(ChildViews):
    """The council decisions (délibérations) that authorised the agreement."""

    parent = AgreementViews
    child_model = CouncilDecision
    form_class = CouncilDecisionForm
    parent_field = "agreement"


class AmendmentViews(ChildViews):
    parent = AgreementViews
    child_model = Amendment
    form_class = AmendmentForm
    parent_field = "agreement"


class AgreementFileViews(ChildViews):
    parent = AgreementViews
    child_model = AgreementFile
    form_class = AgreementFileForm
    parent_field = "agreement"


# -- files ------------------------------------------------------------------------------

DOCUMENTS: dict[str, type[models.Model]] = {
    "file": AgreementFile,
    "decision": CouncilDecision,
    "amendment": Amendment,
}


def _serve(field: Any, content_type: str, label: Any) -> HttpResponse:
    """The file, named after its record (`label`) with the extension of its content."""
    if not field:
        raise Http404
    guessed = content_type or mimetypes.guess_type(field.name)[0]
    try:
        handle = field.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return safe_download_response(handle, download_name(label, field.name), guessed)


class AgreementDocumentView(LoginRequiredMixin, View):
    """A file of an agreement (signed copy, annex, deliberation, amendment), to those who
    see the agreement; never served from the media folder directly."""

    def get(self, request: HttpRequest, pk: int, what: str, child_pk: int) -> HttpResponse:
        agreement = get_object_or_404(AgreementViews.base_queryset(request.user), pk=pk)
        model = DOCUMENTS.get(what)
        if model is None:
            raise Http404
        row = get_object_or_404(model, pk=child_pk, agreement=agreement)
        return _serve(row.file, getattr(row, "content_type", ""), row)  # type: ignore[attr-defined]  # every row with a file has a file field


class CommitmentEvidenceView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        commitment = get_object_or_404(CommitmentViews.base_queryset(request.user), pk=pk)
        return _serve(commitment.evidence_file, commitment.evidence_content_type, commitment)


# -- commitments by partner --------------------------------------------------------------


class CommitmentsByPartnerView(LoginRequiredMixin, TemplateView):
    """What each party committed to, and where it stands: to prepare a steering
    committee; printable, and exported as a spreadsheet with ?format=xlsx."""

    template_name = "partnerships/commitments_by_partner.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CommitmentsByPartnerForm(request.GET or None, user=request.user)
        choice = form.cleaned_data if form.is_valid() else {}
        today = today_for(request.user)
        chosen = {"agreement": choice.get("agreement"), "project": choice.get("project")}
        if request.GET.get("format") == "xlsx":
            # The export keeps every party and commitment; the page shows a page of parties.
            groups = commitments_by_partner(user=request.user, today=today, **chosen)
            headers, rows = commitments_by_partner_table(groups=groups)
            response = HttpResponse(write_table("xlsx", headers, rows), FORMATS["xlsx"][0])
            name = _("commitments-by-partner")
            response["Content-Disposition"] = attachment_header(f"{name}-{today:%Y%m%d}.xlsx")
            return response
        page, groups = commitments_by_partner_page(
            user=request.user, today=today, page=request.GET.get("page", 1), **chosen
        )
        query = request.GET.copy()
        query.pop("page", None)
        pages = query.urlencode()
        query["format"] = "xlsx"
        context = self.get_context_data(
            form=form,
            groups=groups,
            page=page,
            page_query=pages,
            today=today,
            choice=choice,
            export_query=query.urlencode(),
            may_write=CommitmentViews.may_write(request.user),
        )
        return self.render_to_response(context)
