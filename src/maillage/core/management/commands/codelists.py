"""Load the IATI codelists: the needed ones from the official publication, or a whole folder.

    maillage codelists               download NEEDED_CODELISTS (cached under var/codelists)
    maillage codelists --from DIR    every codelist XML file under DIR
    maillage codelists --if-empty    the same, only when no codelist is loaded yet

All or nothing: on any failure the database is left as it was and the exit status is 1.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from maillage.core.codelists import (
    NEEDED_CODELISTS,
    CodelistError,
    download,
    load_codelists,
    read_from_dir,
)
from maillage.core.models import Codelist, CodelistItem


class Command(BaseCommand):
    help = "Load the IATI codelists from the official publication or from a folder (--from)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from",
            dest="folder",
            metavar="DIR",
            help="Load every codelist XML file under DIR instead of downloading.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when codelists are already loaded.",
        )

    def handle(self, *args: Any, folder: str | None, if_empty: bool, **options: Any) -> None:
        if if_empty and (count := Codelist.objects.count()):
            self.stdout.write(
                _("%(count)d codelists already loaded; nothing to do.") % {"count": count}
            )
            return
        try:
            if folder:
                label = str(Path(folder).resolve())
                sources = read_from_dir(folder)
                if not sources:
                    raise CodelistError(
                        _("No codelist XML file found under %(folder)s.") % {"folder": label}
                    )
            else:
                label = settings.CODELISTS_URL
                sources = download(
                    NEEDED_CODELISTS, label, settings.CODELISTS_CACHE_DIR, warn=self._warn
                )
            counts = load_codelists(sources, source_label=label, warn=self._warn)
        except CodelistError as exc:
            raise CommandError(
                _("%(error)s No codelist was changed.") % {"error": exc}, returncode=1
            ) from exc
        withdrawn = CodelistItem.objects.filter(codelist__name__in=counts, withdrawn=True).count()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Loaded %(lists)d codelists, %(items)d items (%(withdrawn)d withdrawn) "
                    "from %(source)s."
                )
                % {
                    "lists": len(counts),
                    "items": sum(counts.values()),
                    "withdrawn": withdrawn,
                    "source": label,
                }
            )
        )

    def _warn(self, message: str) -> None:
        self.stderr.write(_("Warning: %(message)s") % {"message": message})
