"""Compile the .po translation catalogues into .mo files, in pure Python (Babel).

Django's own compilemessages needs GNU gettext; a fresh machine has only Python.
"""

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile translation catalogues (.po → .mo)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                with po_path.open("rb") as po:
                    catalog = read_po(po, locale=po_path.parent.parent.name)
                with mo_path.open("wb") as mo:
                    write_mo(mo, catalog, use_fuzzy=False)
                count += 1
        if options["verbosity"] > 1:
            self.stdout.write(f"{count} catalogue(s) compiled")
