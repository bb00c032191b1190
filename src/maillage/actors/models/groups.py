"""Thematic or geographic working groups of the network, with their members."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.actors.models.organisations import Organisation, Theme
from maillage.actors.models.people import Person
from maillage.core.collation import SortKeyField
from maillage.core.model_checks import FastChecks
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import country_choices
from maillage.core.text import TEXT


class GroupKind(models.TextChoices):
    THEMATIC = "thematic", _("Thematic")
    GEOGRAPHIC = "geographic", _("Geographic")


class GroupQuerySet(SearchQuerySet):
    pass  # Partners see no group: the secure default of visible_to_partner.


class Group(FastChecks, SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A working group such as “Eau et assainissement” or “Maroc”."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New group")

    SEARCH_FIELDS = ("name", "description")

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_key = SortKeyField("name")  # the lists' order, stored (core.collation)
    kind = models.CharField(_("kind"), max_length=16, choices=GroupKind.choices)
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.SET_NULL, null=True, blank=True
    )
    country = models.CharField(_("country"), max_length=2, choices=country_choices, blank=True)
    history = HistoricalRecords(excluded_fields=["name_key"])

    objects = LiveManager.from_queryset(GroupQuerySet)()
    all_objects = models.Manager.from_queryset(GroupQuerySet)()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:group_detail", args=[self.pk])


class GroupMember(FastChecks, TimestampedModel):
    """A person or an organisation in a group, with its role there (chair, member…)."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New group member")

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_memberships",
    )
    role = models.CharField(_("role in the group"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, organisation__isnull=True)
                | models.Q(person__isnull=True, organisation__isnull=False),
                name="group_member_person_xor_organisation",
                violation_error_message=_("Choose either a person or an organisation."),
            ),
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=models.Q(person__isnull=False),
                name="group_member_person_unique",
                violation_error_message=_("This person is already a member of the group."),
            ),
            models.UniqueConstraint(
                fields=["group", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="group_member_organisation_unique",
                violation_error_message=_("This organisation is already a member of the group."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.organisation)
