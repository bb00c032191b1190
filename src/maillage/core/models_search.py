"""The search index: one row per live searchable record, whatever its kind.

Kept in step by the write path (`SearchableModel.save`, which services, the trash and
restores go through; `bulk_save` and the import writer for bulk writes; a delete signal
for purges) and rebuilt from the records by `maillage search_index --rebuild`.
`maillage.core.search` reads it through the database's own full-text engine: an FTS5
table on SQLite, a GIN-indexed `tsvector` on PostgreSQL (both created by the
`search_index` migration). The row says which record matched; whether the user may see
it is asked of the record's own `visible_to`, never of this table.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    # The project the record belongs to (a project's own id for a project): a search
    # within one project. A plain number: core names no domain model.
    project_id = models.PositiveBigIntegerField(_("project"), null=True, blank=True)
    # Normalised words (lower case, no accents, no punctuation): what both engines index.
    title = models.TextField(_("title"), blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_unique_record"
            )
        ]
        indexes = [models.Index(fields=["project_id"], name="search_entry_project")]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"
