"""Users and their roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.access import VisibleQuerySet


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    OFFICER = "officer", _("Cooperation officer")
    VIEWER = "viewer", _("Viewer")
    PARTNER = "partner", _("Partner")


INTERNAL_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.VIEWER})
WRITE_ROLES = frozenset({Role.ADMIN, Role.OFFICER})


class UserQuerySet(VisibleQuerySet):
    def visible_to(self, user):  # type: ignore[no-untyped-def]
        # Only administrators manage accounts; everyone else sees their own.
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.role == Role.ADMIN:
            return self.all()
        return self.filter(pk=user.pk)


class MaillageUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A person who signs in: staff of the service, or a partner organisation's staff."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = MaillageUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="user_role_valid"
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", args=[self.pk])

    @property
    def is_internal(self) -> bool:
        """Staff of the service (admin, officer, viewer) see every record."""
        return self.role in INTERNAL_ROLES

    @property
    def can_write(self) -> bool:
        return self.is_active and self.role in WRITE_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN
