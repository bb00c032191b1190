from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.files import File
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from maillage.actors import selectors, vcard
from maillage.actors.filters import PersonFilterSet
from maillage.actors.forms import PersonForm, PositionForm
from maillage.actors.identifiers import display_phone
from maillage.actors.models import Organisation, Person, Position
from maillage.core import hooks
from maillage.core.access import openable
from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews


class PersonViews(CrudViews):
    model = Person
    form_class = PersonForm
    filterset_class = PersonFilterSet
    columns = (
        Column("last_name", link=True),
        Column("first_name"),
        Column("email"),
        Column("phone", display=lambda p: display_phone(p.phone)),
        Column("languages"),
        Column(
            "do_not_contact",
            display=lambda p: (
                format_html('<span class="badge">{}</span>', _("Do not contact"))
                if p.do_not_contact
                else ""
            ),
        ),
        Column("last_interaction_on"),  # sorted by its index, as the organisations' one
    )
    export_formats = ("csv", "csv-semicolon", "xlsx", "ods", "vcf")
    bulk_actions = ("tag", "add_to_group", "export")
    detail_fields = (
        "first_name", "last_name", "email", "other_email", "languages", "timezone",
        "working_hours_start", "working_hours_end", "working_days", "lawful_basis",
        "consent_on", "consent_source", "do_not_contact", "user", "notes",
    )  # fmt: skip

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {
            **selectors.person_detail(person=obj, user=user),
            "sections": hooks.collect(hooks.PERSON_SECTIONS, obj, user),
        }

    @classmethod
    def write_export(cls, fmt: str, queryset: QuerySet, ctx: Any) -> tuple[bytes | File, str]:
        if fmt != "vcf":
            return super().write_export(fmt, queryset, ctx)
        # An address book invites writing to people: those who asked not to be are left out.
        left_out = queryset.filter(do_not_contact=True).count()
        # A card names only the organisations the reader may open.
        positions = Position.objects.filter(
            openable(ctx.user, Organisation, "organisation")
        ).select_related("organisation")
        people = queryset.filter(do_not_contact=False).prefetch_related(
            Prefetch("positions", queryset=positions)
        )
        ctx.set_total(people.count())
        cards = []
        for card in vcard.people_vcards(people.iterator(chunk_size=500)):
            cards.append(card)
            ctx.advance()
        if left_out:
            ctx.message(
                ngettext(
                    "%(count)d person marked “do not contact” was left out.",
                    "%(count)d people marked “do not contact” were left out.",
                    left_out,
                )
                % {"count": left_out},
                level="warning",
            )
        return "".join(cards).encode("utf-8"), "vcf"


@login_required
def person_vcard(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's vCard, for an address book."""
    person = get_object_or_404(PersonViews.base_queryset(request.user), pk=pk)
    positions = person.positions.filter(
        openable(request.user, Organisation, "organisation")
    ).select_related("organisation")
    content = vcard.person_vcard(person, [p for p in positions if p.is_current])
    response = HttpResponse(content.encode("utf-8"), content_type=vcard.MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{vcard.filename(person)}"'
    return response


class PositionViews(ChildViews):
    """The person's positions in organisations, over time."""

    parent = PersonViews
    child_model = Position
    form_class = PositionForm
    parent_field = "person"
