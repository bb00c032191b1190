"""Field updates: dated progress notes with photos and documents, shown as a timeline."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.sanitize import render_markdown
from maillage.core.text import LONG_TEXT
from maillage.core.uploads import StoredFileField
from maillage.projects.models.projects import Project, ProjectScopedQuerySet


class FieldUpdate(SoftDeleteModel, SearchableModel, VersionedModel, TimestampedModel):
    """What happened on the ground, written by the service's staff or by a partner."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("Write a field update")

    SEARCH_FIELDS = ("title", "body")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="updates"
    )
    occurred_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown is accepted."),
        max_length=LONG_TEXT,
        validators=[MaxLengthValidator(LONG_TEXT)],
    )
    # The body as safe HTML, rendered once when the update is saved: the timeline, the
    # update's page and the API show it without rendering Markdown on every view.
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="field_updates",
    )
    is_public = models.BooleanField(
        _("for public communication"),
        default=False,
        help_text=_("May be used on the website, in newsletters and public reports."),
    )
    # The history keeps what people wrote, not the HTML derived from it.
    history = HistoricalRecords(excluded_fields=["body_html"])

    objects = LiveManager.from_queryset(ProjectScopedQuerySet)()
    all_objects = models.Manager.from_queryset(ProjectScopedQuerySet)()

    class Meta:
        verbose_name = _("field update")
        verbose_name_plural = _("field updates")
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            # The default order, newest first: a page of the list across projects, its
            # count and a deep page's ids read this index instead of sorting.
            models.Index(
                fields=["-occurred_on", "-id"],
                name="field_update_occurred",
                condition=models.Q(deleted_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("projects:fieldupdate_detail", args=[self.pk])


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


# The content kinds (core.uploads.KINDS) accepted as photos and as documents; the
# content types served inline as images.
IMAGE_CONTENT_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
PHOTO_KINDS = frozenset({"jpeg", "png", "webp"})
DOCUMENT_KINDS = frozenset({"pdf", "docx", "odt", "xlsx", "ods"})


class UpdateAttachmentQuerySet(models.QuerySet):
    def visible_to(self, user: object) -> UpdateAttachmentQuerySet:
        return self.filter(update__in=FieldUpdate.objects.visible_to(user))


class UpdateAttachment(TimestampedModel):
    """A photo or a document attached to a field update; served only through its view."""

    update = models.ForeignKey(
        FieldUpdate,
        verbose_name=_("field update"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = StoredFileField(_("file"), upload_to="updates/%Y/%m/")
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    history = HistoricalRecords()

    objects = UpdateAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["update", "pk"]

    def __str__(self) -> str:
        return self.caption or self.original_name
