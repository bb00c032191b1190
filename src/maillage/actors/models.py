"""Organisations of the cooperation network (the CRM's core record)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.models import SearchableModel, SearchQuerySet, TimestampedModel
from maillage.core.reference import country_choices, departement_choices

if TYPE_CHECKING:
    from maillage.accounts.models import User


class OrganisationType(models.TextChoices):
    """Kinds of actors; `IATI_CODES` maps each to an IATI OrganisationType code."""

    MUNICIPALITY = "municipality", _("Municipality")
    INTERMUNICIPAL = "intermunicipal", _("Intermunicipal body")
    DEPARTMENT = "department", _("Département council")
    REGION = "region", _("Regional council")
    FOREIGN_AUTHORITY = "foreign_authority", _("Foreign local authority")
    ASSOCIATION = "association", _("Association")
    UNIVERSITY = "university", _("University or school")
    DONOR = "donor", _("Donor")
    STATE_SERVICE = "state_service", _("State service")
    EMBASSY = "embassy", _("Embassy or institute")
    COMPANY = "company", _("Company")
    NETWORK = "network", _("Network")


IATI_ORGANISATION_TYPES = {
    OrganisationType.MUNICIPALITY: "10",
    OrganisationType.INTERMUNICIPAL: "10",
    OrganisationType.DEPARTMENT: "10",
    OrganisationType.REGION: "10",
    OrganisationType.FOREIGN_AUTHORITY: "10",
    OrganisationType.ASSOCIATION: "22",
    OrganisationType.UNIVERSITY: "80",
    OrganisationType.DONOR: "10",
    OrganisationType.STATE_SERVICE: "10",
    OrganisationType.EMBASSY: "10",
    OrganisationType.COMPANY: "70",
    OrganisationType.NETWORK: "22",
}


class OrganisationQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> OrganisationQuerySet:
        # A partner sees the organisations taking part in its projects.
        return self.filter(project_roles__project__memberships__user=user).distinct()


class Organisation(SearchableModel, TimestampedModel):
    """A local authority, association, university, donor… that cooperation works with."""

    SEARCH_FIELDS = ("name", "acronym", "city")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    country = models.CharField(_("country"), max_length=2, choices=country_choices, default="FR")
    departement = models.CharField(
        _("département"), max_length=3, choices=departement_choices, blank=True
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(departement="") | models.Q(country="FR"),
                name="organisation_departement_only_in_france",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:organisation_detail", args=[self.pk])
