"""Organisations of the cooperation network (the CRM's core record) and how they are classified."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.actors.identifiers import validate_siren, validate_siret
from maillage.core.access import VisibleQuerySet
from maillage.core.collation import SortKeyField
from maillage.core.model_checks import FastChecks
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
    leave_out_of_save,
)
from maillage.core.reference import country_choices, departement_choices, departements
from maillage.core.text import LONG_TEXT, SHORT_TEXT

if TYPE_CHECKING:
    from maillage.accounts.models import User

SIRET_NOT_OF_SIREN = _("The SIRET must start with the organisation's SIREN.")
DEPARTEMENT_ONLY_IN_FRANCE = _("A département is only for organisations in France.")
COORDINATES_TOGETHER = _("Give both latitude and longitude, or neither.")
PARENT_NOT_ITSELF = _("An organisation cannot be its own parent.")
LINK_NOT_ITSELF = _("An organisation cannot be linked to itself.")
LINK_ALREADY_RECORDED = _("This link between the two organisations is already recorded.")


class OrganisationType(models.TextChoices):
    """Kinds of actors; `IATI_ORGANISATION_TYPES` maps each to an IATI OrganisationType code."""

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


# IATI OrganisationType: 10 government, 15 other public sector, 21 international NGO,
# 22 national NGO, 23 regional NGO, 40 multilateral, 70 private sector, 80 academic.
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


class Theme(models.Model):
    """A field of work (water, health, culture…) used to classify actors and groups."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A free label put on organisations and people, for instance by a bulk action."""

    name = models.CharField(_("name"), max_length=60, unique=True)

    # The staff's labels: a partner's type-ahead lists none (core.access).
    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SdgGoal(models.Model):
    """One of the 17 Sustainable Development Goals (ODD); labels come from the IATI codelist."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)

    class Meta:
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17), name="sdg_goal_number_range"
            )
        ]

    def __str__(self) -> str:
        return gettext("SDG %(number)d") % {"number": self.number}


class LastInteractionModel(models.Model):
    """An organisation or a person with the date of its latest interaction out of the
    trash (`last_interaction_on`, in the future too when one is planned), kept by the
    interaction services (`actors.services.refresh_last_interactions`): the lists' "no
    interaction since" filter and "last interaction" sort read one indexed column instead
    of every interaction since the date."""

    last_interaction_on = models.DateField(
        _("last interaction"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only the interactions' UPDATE writes the column; a new record has none yet (its
        # interactions come after).
        leave_out_of_save(self, kwargs, {"last_interaction_on"})
        super().save(*args, **kwargs)


class OrganisationQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> OrganisationQuerySet:
        """A partner sees the organisations taking part in its projects (a project in the
        trash takes them out of its view) and its own organisations: where its person
        holds a position today. Their ids are read once per request, as a list
        (`hooks.shared`): given the two subqueries joined by OR, PostgreSQL took a
        partner's 61 organisations for three quarters of the 20,000 and read them all for
        each count of the observatory (13 ms each, six of them, national scale)."""
        from maillage.core import hooks

        def read() -> list[int]:
            roles = Organisation.all_objects.filter(
                project_roles__project__memberships__user=user,
                project_roles__project__deleted_at__isnull=True,
            )
            own = self.of_user(user)
            ids = (
                roles.order_by()
                .values_list("pk", flat=True)
                .union(own.order_by().values_list("pk", flat=True))
            )
            return sorted(ids)  # one query

        return self.filter(pk__in=hooks.shared(("partner_organisation_ids", user.pk), read))

    def of_user(self, user: User) -> Any:
        """The ids of the organisations where the user's person holds a position today
        (`Person.user`): a partner account's own organisations."""
        from django.utils import timezone

        today = timezone.localdate()
        # One filter() call: every condition is on the same position.
        return Organisation.objects.filter(
            models.Q(positions__end_on__isnull=True) | models.Q(positions__end_on__gte=today),
            positions__person__user=user,
            positions__person__deleted_at__isnull=True,
        ).values("pk")


class Organisation(
    LastInteractionModel,
    FastChecks,
    SoftDeleteModel,
    VersionedModel,
    SearchableModel,
    TimestampedModel,
):
    """A local authority, association, university, donor… that cooperation works with."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New organisation")

    SEARCH_FIELDS = ("name", "acronym", "city", "siret", "siren")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    # The lists' order of the texts, stored (core.collation): an index serves a page.
    name_key = SortKeyField("name")
    acronym_key = SortKeyField("acronym")
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[validate_siren])
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    iati_identifier = models.CharField(
        _("IATI organisation identifier"), max_length=100, blank=True
    )
    address = models.TextField(
        _("address"),
        blank=True,
        max_length=SHORT_TEXT,
        validators=[MaxLengthValidator(SHORT_TEXT)],
    )
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=country_choices, default="FR")
    departement = models.CharField(
        _("département"), max_length=3, choices=departement_choices, blank=True
    )
    foreign_region = models.CharField(_("region abroad"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    sectors = models.ManyToManyField(
        "core.CodelistItem",
        verbose_name=_("DAC sectors"),
        blank=True,
        limit_choices_to={"codelist__name": "SectorCategory"},
        related_name="+",
        help_text=_("OECD DAC sector categories (3-digit codes)."),
    )
    sdgs = models.ManyToManyField(SdgGoal, verbose_name=_("SDGs"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    notes = models.TextField(
        _("notes"), blank=True, max_length=LONG_TEXT, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Without the derived columns: the keys follow the texts, the last interaction date
    # the interactions (each with its own history); a change of either is no edit.
    history = HistoricalRecords(
        m2m_fields=[themes, sectors, sdgs, tags],
        excluded_fields=["name_key", "acronym_key", "last_interaction_on"],
    )

    objects = LiveManager.from_queryset(OrganisationQuerySet)()
    all_objects = models.Manager.from_queryset(OrganisationQuerySet)()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            # The lists' sorts (the default first): a page reads the index, no sort.
            models.Index(
                fields=["name_key", "id"],
                name="organisation_name_key",
                condition=models.Q(deleted_at__isnull=True),
            ),
            models.Index(
                fields=["acronym_key", "id"],
                name="organisation_acronym_key",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # "No interaction since" (before the date, or never) and the list's sort on it.
            # Not partial: SQLite plans the filter's two terms (`< date`, `IS NULL`) one
            # by one, without the trash condition, and would scan a partial index whole.
            models.Index(
                fields=["last_interaction_on", "id"], name="organisation_last_interaction"
            ),
            # The last change the observatory's cache key reads.
            models.Index(fields=["updated_at"], name="organisation_updated_idx"),
            models.Index(fields=["type", "departement"], name="organisation_type_dep"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(departement="") | models.Q(country="FR"),
                name="organisation_departement_only_in_france",
                violation_error_message=DEPARTEMENT_ONLY_IN_FRANCE,
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="organisation_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="organisation_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:organisation_detail", args=[self.pk])

    def clean(self) -> None:
        """The rules of one organisation, the same through every door (page, API, import)."""
        errors: dict[str, Any] = {}
        if self.siren and self.siret and not self.siret.startswith(self.siren):
            errors["siret"] = SIRET_NOT_OF_SIREN
        if self.departement and self.country != "FR":
            errors["departement"] = DEPARTEMENT_ONLY_IN_FRANCE
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = COORDINATES_TOGETHER
        if self.pk is not None and self.parent_id == self.pk:
            errors["parent"] = PARENT_NOT_ITSELF
        if errors:
            raise ValidationError(errors)

    @property
    def region(self) -> str:
        """The French région of the département (ISO code), if any."""
        return next((d.region for d in departements() if d.code == self.departement), "")

    @property
    def iati_type(self) -> str:
        return IATI_ORGANISATION_TYPES.get(self.type, "")


class OrganisationCountry(models.Model):
    """A country where an organisation acts (its zones of action abroad)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="action_countries"
    )
    country = models.CharField(_("country"), max_length=2, choices=country_choices)

    class Meta:
        verbose_name = _("country of action")
        verbose_name_plural = _("countries of action")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "country"], name="organisation_country_unique"
            )
        ]

    def __str__(self) -> str:
        return self.get_country_display()


class LinkKind(models.TextChoices):
    MEMBER_OF = "member_of", _("is a member of")
    PARTNER_OF = "partner_of", _("is a partner of")
    FUNDS = "funds", _("funds")


class OrganisationLink(FastChecks, TimestampedModel):
    """A standing relation between two organisations (membership of a network, funding…)."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New link between organisations")

    source = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="links_out",
    )
    kind = models.CharField(_("relation"), max_length=16, choices=LinkKind.choices)
    target = models.ForeignKey(
        Organisation,
        verbose_name=_("related organisation"),
        on_delete=models.CASCADE,
        related_name="links_in",
    )
    since_on = models.DateField(_("since"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("link between organisations")
        verbose_name_plural = _("links between organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"],
                name="organisation_link_unique",
                violation_error_message=LINK_ALREADY_RECORDED,
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="organisation_link_not_self",
                violation_error_message=LINK_NOT_ITSELF,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def clean(self) -> None:
        if self.source_id is not None and self.source_id == self.target_id:
            raise ValidationError({"target": LINK_NOT_ITSELF})
