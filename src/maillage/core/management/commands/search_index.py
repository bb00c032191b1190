"""The search index (maillage.core.search).

    maillage search_index             how many records of each kind are indexed
    maillage search_index --rebuild   index every live record again from the database

Every write through the application keeps the index in step; rebuild it after rows were
written past the application (a restore from an older backup, a bulk load such as
`maillage bench-data`, an upgrade that added the index or a kind of record).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from maillage.core import search
from maillage.core.models import SearchEntry


class Command(BaseCommand):
    help = "Show the search index, or rebuild it from the records (--rebuild)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Index every live record again (the search keeps working meanwhile).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            started = time.perf_counter()
            with transaction.atomic():
                written = search.rebuild()
            search.kind_indexes()  # PostgreSQL: the GIN indexes of the large kinds
            self.stdout.write(
                self.style.SUCCESS(
                    _("Search index rebuilt: %(count)d records in %(seconds).1f s.")
                    % {"count": written, "seconds": time.perf_counter() - started}
                )
            )
        counts = dict(
            SearchEntry.objects.values_list("content_type").annotate(n=Count("id")).order_by()
        )
        for model in search.searchable_models():
            count = sum(counts.get(kind, 0) for kind in search.kind_ids(model))
            self.stdout.write(f"{model._meta.label_lower}: {count}")
