"""Load the official list of global SDG indicators (codelist `UNSDG-Indicators`).

    maillage sdg_indicators               download from open-sdg (cached under var/codelists)
    maillage sdg_indicators --from DIR    global_indicators.{en,fr}.yml under DIR
    maillage sdg_indicators --if-empty    only when the list is not loaded yet

All or nothing, through the IATI codelists' loader (maillage.results.sdg).
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from maillage.core.codelists import CodelistError, load_codelists
from maillage.core.models import Codelist
from maillage.results import sdg


class Command(BaseCommand):
    help = "Load the official list of SDG indicators from open-sdg or from a folder (--from)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="folder", metavar="DIR")
        parser.add_argument("--if-empty", action="store_true")

    def handle(self, *args: Any, folder: str | None, if_empty: bool, **options: Any) -> None:
        if if_empty and Codelist.objects.filter(name=sdg.SDG_CODELIST).exists():
            self.stdout.write(_("The SDG indicators are already loaded; nothing to do."))
            return
        try:
            if folder:
                label = str(Path(folder).resolve())
                files = sdg.read_from_dir(folder)
            else:
                label = getattr(settings, "SDG_INDICATORS_URL", sdg.DEFAULT_URL)
                cache = Path(settings.CODELISTS_CACHE_DIR) / "sdg"
                files = sdg.download(label, cache)
            document = sdg.as_codelist(
                sdg.parse_indicators(files["en"]), sdg.parse_indicators(files["fr"])
            )
            counts = load_codelists([(label, document)], source_label=label)
        except CodelistError as exc:
            raise CommandError(
                _("%(error)s Nothing was changed.") % {"error": exc}, returncode=1
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Loaded %(count)d SDG indicators from %(source)s.")
                % {"count": counts.get(sdg.SDG_CODELIST, 0), "source": label}
            )
        )
