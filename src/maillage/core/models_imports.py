"""The records of imports from files: an import in progress, and the column mappings
remembered for a set of headers. Imported into `core.models` (Django finds models there).

This module does not import `core.models` (which imports it), so that neither depends
on the other's import order.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.uploads import StoredFileField


class ImportState(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    PREVIEWED = "previewed", _("Previewed")
    QUEUED = "queued", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportSessionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ImportSessionQuerySet:
        # An import in progress belongs to whoever uploaded the file.
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(created_by=user)


class ImportSession(models.Model):
    """A file being imported: its column mapping, its checked preview and the choices made
    for its duplicates, kept between the steps of the import pages."""

    importer = models.CharField(_("import"), max_length=60)
    file = StoredFileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8)
    header_index = models.PositiveIntegerField(_("header row"), default=0)
    headers = models.JSONField(_("headers"), default=list, blank=True)
    mapping = models.JSONField(_("column mapping"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    decisions = models.JSONField(_("duplicate decisions"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=ImportState.choices, default=ImportState.UPLOADED
    )
    job = models.ForeignKey(
        "core.Job", verbose_name=_("job"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="import_sessions",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ImportSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=[s.value for s in ImportState]),
                name="import_session_state_valid",
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class ImportMapping(models.Model):
    """The columns → fields mapping last confirmed for files with these headers."""

    importer = models.CharField(_("import"), max_length=60)
    headers_hash = models.CharField(_("headers fingerprint"), max_length=64)
    headers = models.JSONField(_("headers"), default=list)
    mapping = models.JSONField(_("column mapping"), default=list)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["importer", "headers_hash"], name="import_mapping_headers_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.importer}: {', '.join(self.headers[:5])}"
