"""Partnerships between a French and a foreign authority, and their agreements: parties
and signatories, council decisions, amendments and signed files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.collation import SortKeyField
from maillage.core.dates import END_BEFORE_START, dates_in_order, end_before_start
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import currency_choices
from maillage.core.text import SHORT_TEXT, TEXT
from maillage.core.uploads import StoredFileField

if TYPE_CHECKING:
    from maillage.accounts.models import User

EXPIRY_WARNING_DAYS = 90  # an agreement ending within this many days is flagged
AMOUNT_NOT_NEGATIVE = _("The amount cannot be negative.")


class PartnershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    ENDED = "ended", _("Ended")


class PartnershipQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> PartnershipQuerySet:
        # A partner sees the partnerships of its projects (linked to one of them, or
        # through one of their agreements) and those its own organisation is an
        # authority of (`Person.user` and the person's positions today).
        from maillage.actors.models import Organisation
        from maillage.projects.models import Project

        projects = Project.objects.visible_to_partner(user).values("pk")
        linked = Partnership.projects.through.objects.filter(project_id__in=projects).values(
            "partnership_id"
        )
        through_agreements = Agreement.all_objects.filter(
            deleted_at__isnull=True,
            pk__in=Agreement.projects.through.objects.filter(project_id__in=projects).values(
                "agreement_id"
            ),
        ).values("partnership_id")
        own = Organisation.objects.of_user(user)
        return self.filter(
            models.Q(pk__in=linked)
            | models.Q(pk__in=through_agreements)
            | models.Q(french_authority__in=own)
            | models.Q(foreign_authority__in=own)
        )


class Partnership(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A decentralised-cooperation partnership between a French and a foreign local
    authority (a twinning): its agreements, projects, contacts and exchanges."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New partnership")

    name = models.CharField(_("name"), max_length=200)
    name_key = SortKeyField("name")  # the lists' order, stored (core.collation)
    french_authority = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("French authority"),
        on_delete=models.PROTECT,
        related_name="partnerships_in_france",
    )
    foreign_authority = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("foreign authority"),
        on_delete=models.PROTECT,
        related_name="partnerships_abroad",
    )
    since = models.DateField(_("since"), null=True, blank=True)
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.ACTIVE,
    )
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("projects"),
        blank=True,
        related_name="partnerships",
    )
    history = HistoricalRecords(m2m_fields=[projects], excluded_fields=["name_key"])

    objects = LiveManager.from_queryset(PartnershipQuerySet)()
    all_objects = models.Manager.from_queryset(PartnershipQuerySet)()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name", "pk"]
        # The default sort: a page reads the index, no sort.
        indexes = [
            models.Index(
                fields=["name_key", "id"],
                name="partnership_name_key",
                condition=models.Q(deleted_at__isnull=True),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(french_authority=models.F("foreign_authority")),
                name="partnership_two_authorities",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partnership_detail", args=[self.pk])

    def compute_search_text(self) -> str:
        from maillage.core.text import normalize

        names = [self.name]
        for field in ("french_authority", "foreign_authority"):
            if getattr(self, f"{field}_id"):
                names.append(getattr(self, field).name)
        return normalize(" ".join(names))

    def clean(self) -> None:
        if self.french_authority_id and self.french_authority_id == self.foreign_authority_id:
            raise ValidationError(
                {"foreign_authority": _("The foreign authority must differ from the French one.")}
            )


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    NEGOTIATION = "negotiation", _("In negotiation")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


# The statuses of an agreement that still binds its parties: their end date is watched.
LIVE_STATUSES = (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE)


class AgreementKind(models.TextChoices):
    FRAMEWORK = "framework", _("Framework convention")
    PROJECT = "project", _("Project convention")
    FINANCING = "financing", _("Financing agreement")
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    CONSORTIUM = "consortium", _("Consortium agreement")
    OTHER = "other", _("Other agreement")


class AgreementQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> AgreementQuerySet:
        # A partner sees the agreements linked to the projects it is a member of (out of
        # the trash); of one shared with other projects it sees only its own projects'
        # parts: `Project` and `Commitment` querysets keep the others out.
        from maillage.projects.models import Project

        projects = Project.objects.visible_to_partner(user).values("pk")
        linked = Agreement.projects.through.objects.filter(project_id__in=projects).values(
            "agreement_id"
        )
        return self.filter(pk__in=linked)

    def with_effective(self) -> AgreementQuerySet:
        """Annotate the end date and amount as the last signed amendment left them."""
        amendments = Amendment.objects.filter(agreement=models.OuterRef("pk")).order_by(
            "-signed_on", "-number", "-pk"
        )
        return self.annotate(
            annotated_end_on=Coalesce(
                models.Subquery(
                    amendments.filter(new_end_on__isnull=False).values("new_end_on")[:1]
                ),
                models.F("end_on"),
            ),
            annotated_amount=Coalesce(
                models.Subquery(
                    amendments.filter(new_amount__isnull=False).values("new_amount")[:1]
                ),
                models.F("amount"),
            ),
        )

    def with_status_on(self, today: dt.date) -> AgreementQuerySet:
        """Annotate `status_today`: the status as of `today` (`Agreement.status_on`)."""
        qs = self if "annotated_end_on" in self.query.annotations else self.with_effective()
        return qs.annotate(
            status_today=models.Case(
                models.When(
                    status__in=LIVE_STATUSES,
                    annotated_end_on__lt=today,
                    then=models.Value(AgreementStatus.EXPIRED.value),
                ),
                default=models.F("status"),
                output_field=models.CharField(),
            )
        )

    def expiring(self, today: dt.date, days: int = EXPIRY_WARNING_DAYS) -> AgreementQuerySet:
        """Agreements still binding whose (amended) end falls within `days` from `today`."""
        qs = self if "annotated_end_on" in self.query.annotations else self.with_effective()
        return qs.filter(
            status__in=LIVE_STATUSES,
            annotated_end_on__gte=today,
            annotated_end_on__lte=today + dt.timedelta(days=days),
        )


class Agreement(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """An agreement (convention): who binds themselves to what, from when to when, as
    authorised by their councils and changed by amendments."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New agreement")

    SEARCH_FIELDS = ("reference", "title")

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects"), blank=True, related_name="agreements"
    )
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=250)
    title_key = SortKeyField("title")  # the lists' order, stored (core.collation)
    object = models.TextField(
        _("object"),
        blank=True,
        help_text=_("What the parties agree on."),
        max_length=TEXT,
        validators=[MaxLengthValidator(TEXT)],
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=AgreementKind.choices, default=AgreementKind.FRAMEWORK
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_on = models.DateField(_("signature date"), null=True, blank=True)
    start_on = models.DateField(_("start date"), null=True, blank=True)
    end_on = models.DateField(_("end date"), null=True, blank=True)
    renewal = models.TextField(
        _("renewal terms"),
        blank=True,
        max_length=SHORT_TEXT,
        validators=[MaxLengthValidator(SHORT_TEXT)],
    )
    tacit_renewal = models.BooleanField(_("tacit renewal"), default=False)
    notice_months = models.PositiveSmallIntegerField(
        _("notice (months)"),
        null=True,
        blank=True,
        help_text=_("Notice a party must give to end or not renew the agreement."),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    history = HistoricalRecords(m2m_fields=[projects], excluded_fields=["title_key"])

    objects = LiveManager.from_queryset(AgreementQuerySet)()
    all_objects = models.Manager.from_queryset(AgreementQuerySet)()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-start_on", "title", "pk"]
        constraints = [
            dates_in_order("agreement_dates_in_order"),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="agreement_amount_not_negative",
                violation_error_message=AMOUNT_NOT_NEGATIVE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}" if self.reference else self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:agreement_detail", args=[self.pk])

    def clean(self) -> None:
        # The constraint guards the database; this says it on the end date, for every door.
        if end_before_start(self.start_on, self.end_on):
            raise ValidationError({"end_on": END_BEFORE_START})

    def _last_amendment_value(self, field: str) -> Any:
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "amendments" in cache:
            rows = [a for a in cache["amendments"] if getattr(a, field) is not None]
            rows.sort(key=lambda a: (a.signed_on, a.number, a.pk))
            return getattr(rows[-1], field) if rows else None
        return (
            self.amendments.filter(**{f"{field}__isnull": False})
            .order_by("-signed_on", "-number", "-pk")
            .values_list(field, flat=True)
            .first()
        )

    @property
    def effective_end_on(self) -> dt.date | None:
        """The end date as the last amendment changing it left it, else the initial one."""
        if "annotated_end_on" in self.__dict__:
            return self.__dict__["annotated_end_on"]
        return self._last_amendment_value("new_end_on") or self.end_on

    @property
    def effective_amount(self) -> Decimal | None:
        if "annotated_amount" in self.__dict__:
            return self.__dict__["annotated_amount"]
        amended = self._last_amendment_value("new_amount")
        return amended if amended is not None else self.amount

    def status_on(self, today: dt.date) -> str:
        """The status as of `today`: a signed or in-force agreement whose (amended) end
        date has passed has expired, whatever was last recorded; never "in force"."""
        end = self.effective_end_on
        if self.status in LIVE_STATUSES and end is not None and end < today:
            return AgreementStatus.EXPIRED
        return self.status

    def get_status_display(self) -> str:
        """The status label as of today (`status_on`), on every page, export and API."""
        from django.utils import timezone

        return str(AgreementStatus(self.status_on(timezone.localdate())).label)

    def expires_soon(self, today: dt.date, days: int = EXPIRY_WARNING_DAYS) -> bool:
        """Still binding and ending within `days` of `today` (both ends included)."""
        end = self.effective_end_on
        return (
            self.status in LIVE_STATUSES
            and end is not None
            and today <= end <= today + dt.timedelta(days=days)
        )


class AgreementChildQuerySet(SearchQuerySet):
    """Rows of an agreement: visible with their agreement."""

    def visible_to_partner(self, user: User) -> AgreementChildQuerySet:
        return self.filter(agreement__in=Agreement.objects.visible_to_partner(user))


class AgreementParty(TimestampedModel):
    """An organisation bound by an agreement, and who signed for it."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New party")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    signatory = models.ForeignKey(
        "actors.Person",
        verbose_name=_("signatory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_agreements",
    )
    signatory_title = models.CharField(
        _("signatory's title"), max_length=200, blank=True, help_text=_("e.g. Mayor of Lille")
    )
    signed_on = models.DateField(_("signature date"), null=True, blank=True)
    history = HistoricalRecords()

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["agreement", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                name="agreement_party_unique",
                violation_error_message=_("This organisation is already a party to it."),
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class CouncilDecision(TimestampedModel):
    """The deliberation of an authority's council that authorises an agreement."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New council decision")

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="council_decisions",
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("authority"),
        on_delete=models.PROTECT,
        related_name="council_decisions",
    )
    number = models.CharField(_("deliberation number"), max_length=60)
    decided_on = models.DateField(_("decision date"))
    title = models.CharField(_("title"), max_length=250, blank=True)
    file = StoredFileField(_("file"), upload_to="partnerships/decisions/%Y/", blank=True)
    history = HistoricalRecords()

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return _("Deliberation %(number)s") % {"number": self.number}


class Amendment(TimestampedModel):
    """An amendment (avenant) that changes an agreement's end date, amount or terms."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New amendment")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="amendments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    signed_on = models.DateField(_("signature date"))
    object = models.TextField(
        _("object"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    new_end_on = models.DateField(_("new end date"), null=True, blank=True)
    new_amount = models.DecimalField(
        _("new amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    file = StoredFileField(_("file"), upload_to="partnerships/amendments/%Y/", blank=True)
    history = HistoricalRecords()

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["signed_on", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"],
                name="amendment_number_unique",
                violation_error_message=_(
                    "This agreement already has an amendment of this number."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(new_amount__isnull=True) | models.Q(new_amount__gte=0),
                name="amendment_amount_not_negative",
                violation_error_message=AMOUNT_NOT_NEGATIVE,
            ),
        ]

    def __str__(self) -> str:
        return _("Amendment no. %(number)s") % {"number": self.number}

    def clean(self) -> None:
        start = self.agreement.start_on if self.agreement_id else None
        if self.new_end_on and start and self.new_end_on < start:
            raise ValidationError(
                {"new_end_on": _("The new end date must come after the agreement's start date.")}
            )


class AgreementFileKind(models.TextChoices):
    SIGNED = "signed", _("Signed agreement")
    ANNEX = "annex", _("Annex")
    OTHER = "other", _("Other")


class AgreementFile(TimestampedModel):
    """A file of an agreement: the signed copy, an annex; served only to who sees it."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New agreement file")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=AgreementFileKind.choices,
        default=AgreementFileKind.SIGNED,
    )
    file = StoredFileField(_("file"), upload_to="partnerships/files/%Y/%m/")
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    history = HistoricalRecords()

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement file")
        verbose_name_plural = _("agreement files")
        ordering = ["kind", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:agreement_document", args=[self.agreement_id, "file", self.pk])
