"""People of the network, their positions in organisations over time, and GDPR data."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.accounts.working_hours import (
    DEFAULT_END,
    DEFAULT_START,
    HOURS_HELP,
    WorkingDaysField,
    check_hours,
    days_display,
    hours_in_order,
)
from maillage.actors.models.organisations import LastInteractionModel, Organisation, Tag
from maillage.core.collation import SortKeyField
from maillage.core.dates import END_BEFORE_START, dates_in_order, end_before_start
from maillage.core.filters import among
from maillage.core.model_checks import FastChecks
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.text import LONG_TEXT

if TYPE_CHECKING:
    from maillage.accounts.models import User


@cache
def _timezones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def timezone_choices() -> list[tuple[str, str]]:
    return [(tz, tz.replace("_", " ")) for tz in _timezones()]


CONSENT_NEEDS_A_DATE = _("Record when consent was given.")


def validate_language_codes(value: str) -> None:
    """Space-separated ISO 639 codes ("fr ar en"), each one known."""
    from maillage.core.reference import language_name

    unknown = [code for code in value.split() if language_name(code) == code]
    if unknown:
        raise ValidationError(
            _("Unknown language code: %(codes)s. Use ISO codes such as fr, ar, en."),
            params={"codes": ", ".join(unknown)},
            code="language",
        )


class LawfulBasis(models.TextChoices):
    """GDPR article 6 basis for holding a person's data."""

    CONSENT = "consent", _("Consent")
    CONTRACT = "contract", _("Contract")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    PUBLIC_TASK = "public_task", _("Public task")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")


class PersonQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> PersonQuerySet:
        # A partner sees the contact people of the consortium members of its projects,
        # while the project is out of the trash, and its own person.
        # One list of ids, read first: as `id IN (contacts) OR user = …`, PostgreSQL read
        # every person to test the OR (a partner's 34 people: 60 ms a page at national
        # scale; 3 ms this way).
        contacts = self.filter(
            partner_roles__project__memberships__user=user,
            partner_roles__project__deleted_at__isnull=True,
        )
        own = self.filter(user=user)
        return cast(
            PersonQuerySet,
            among(self, contacts.values("pk").order_by().union(own.values("pk").order_by())),
        )

    def of_user(self, user: User) -> PersonQuerySet:
        return self.filter(user=user) if getattr(user, "pk", None) else self.none()


class Person(
    LastInteractionModel,
    FastChecks,
    SoftDeleteModel,
    VersionedModel,
    SearchableModel,
    TimestampedModel,
):
    """A contact: an elected official, a civil servant, an association's staff member…"""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New person")

    SEARCH_FIELDS = ("first_name", "last_name", "email")

    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    # The lists' order of the names, stored (core.collation): an index serves a page.
    first_name_key = SortKeyField("first_name")
    last_name_key = SortKeyField("last_name")
    email = models.EmailField(_("email"), blank=True)
    other_email = models.EmailField(_("other email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("Stored as +33…"))
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=60,
        blank=True,
        help_text=_("ISO codes, e.g. fr ar en"),
        validators=[validate_language_codes],
    )
    timezone = models.CharField(_("time zone"), max_length=64, choices=timezone_choices, blank=True)
    # When meetings may be set for this person (missions' slot finder), in `timezone`.
    working_hours_start = models.TimeField(
        _("working hours start"), default=DEFAULT_START, help_text=HOURS_HELP
    )
    working_hours_end = models.TimeField(_("working hours end"), default=DEFAULT_END)
    working_days = WorkingDaysField(_("working days"))
    notes = models.TextField(
        _("notes"), blank=True, max_length=LONG_TEXT, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True)
    lawful_basis = models.CharField(
        _("lawful basis"),
        max_length=24,
        choices=LawfulBasis.choices,
        default=LawfulBasis.LEGITIMATE_INTEREST,
    )
    consent_on = models.DateField(_("consent date"), null=True, blank=True)
    consent_source = models.CharField(_("consent source"), max_length=200, blank=True)
    do_not_contact = models.BooleanField(_("do not contact"), default=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # The account this person signs in with, if any (a partner's staff member): it ties
    # the user to its person and, through the person's current positions, to its
    # organisations (the user's own partnership, its own organisation's page).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    # Without the keys: an anonymised person's history keeps no trace of the name; nor
    # the last interaction date, derived from the interactions (each with its history).
    history = HistoricalRecords(
        m2m_fields=[tags],
        excluded_fields=["first_name_key", "last_name_key", "last_interaction_on"],
    )

    objects = LiveManager.from_queryset(PersonQuerySet)()
    all_objects = models.Manager.from_queryset(PersonQuerySet)()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["email"], name="person_email"),
            # A partner account's person (`Organisation.of_user`, on every page where a
            # partner sees organisations): in the unique index of `user` nearly every row
            # is NULL, from which SQLite's statistics read 6,000 persons a value and it
            # scanned them all (small scale 2 ms -> 0.02 ms a query).
            models.Index(
                fields=["user"], name="person_user", condition=models.Q(user__isnull=False)
            ),
            # The lists' sorts (the default first): a page reads the index, no sort.
            models.Index(
                fields=["last_name_key", "first_name_key", "id"],
                name="person_name_key",
                condition=models.Q(deleted_at__isnull=True),
            ),
            models.Index(
                fields=["first_name_key", "id"],
                name="person_first_name_key",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # "No interaction since" (before the date, or never) and the list's sort on it.
            # Not partial: SQLite plans the filter's two terms (`< date`, `IS NULL`) one
            # by one, without the trash condition, and would scan a partial index whole.
            models.Index(fields=["last_interaction_on", "id"], name="person_last_interaction"),
        ]
        constraints = [hours_in_order("person_working_hours_in_order")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_languages_display(self) -> str:
        """ "fr ar" → "français, arabe": the languages by name, in the reader's language."""
        from maillage.core.reference import language_name

        return ", ".join(language_name(code) for code in self.languages.split())

    def get_absolute_url(self) -> str:
        return reverse("actors:person_detail", args=[self.pk])

    def clean(self) -> None:
        if self.lawful_basis == LawfulBasis.CONSENT and not self.consent_on:
            raise ValidationError({"consent_on": CONSENT_NEEDS_A_DATE})
        check_hours(self)

    def get_working_days_display(self) -> str:
        return days_display(self.working_days)

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.replace(",", " ").split() if code]


class Position(FastChecks, TimestampedModel):
    """A role a person holds in an organisation, from a date to a date."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New position")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="positions",
    )
    role = models.CharField(_("role"), max_length=150)
    start_on = models.DateField(_("start date"), null=True, blank=True)
    end_on = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-start_on", "pk"]
        constraints = [
            dates_in_order("position_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.role}, {self.organisation}"

    def clean(self) -> None:
        if end_before_start(self.start_on, self.end_on):
            raise ValidationError({"end_on": END_BEFORE_START})

    @property
    def is_current(self) -> bool:
        from django.utils import timezone

        return self.end_on is None or self.end_on >= timezone.localdate()
