"""Which column fills which field: matched from the headers, corrected by the person,
remembered for the next file with the same headers.

A mapping is a list aligned with the file's columns: the field name each column fills,
or "" for a column left out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from maillage.core.text import normalize

if TYPE_CHECKING:
    from maillage.core.imports.engine import Importer

_NOT_WORD = re.compile(r"[^\w]+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")


def header_key(text: str) -> str:
    """ "Code postal*" → "code postal", "E-mail" → "e mail", "Téléphone" → "telephone"."""
    return " ".join(_NOT_WORD.sub(" ", normalize(text)).replace("_", " ").split())


def _field_keys(importer: type[Importer]) -> dict[str, str]:
    """Every known spelling of every field's header, as a key → field name."""
    keys: dict[str, str] = {}
    for spec in importer.fields:
        spellings = [spec.name, *spec.aliases]
        for language in ("fr", "en"):
            with override(language):
                spellings.append(str(spec.label))
        for spelling in spellings:
            keys.setdefault(header_key(spelling), spec.name)
    return keys


def auto_mapping(headers: Sequence[str], importer: type[Importer]) -> list[str]:
    """The field of each header, from its name in French or English; each field once."""
    keys = _field_keys(importer)
    mapping: list[str] = []
    used: set[str] = set()
    for header in headers:
        key = header_key(header)
        name = keys.get(key) or keys.get(header_key(_BRACKETS.sub(" ", header)), "")
        if name in used:
            name = ""
        if name:
            used.add(name)
        mapping.append(name)
    return mapping


def headers_hash(importer: type[Importer], headers: Sequence[str]) -> str:
    joined = "\x1f".join([importer.name, *(header_key(h) for h in headers)])
    return hashlib.sha256(joined.encode()).hexdigest()


def remembered_mapping(importer: type[Importer], headers: Sequence[str]) -> list[str] | None:
    """The mapping last confirmed for these headers, if it still fits the importer."""
    from maillage.core.models import ImportMapping

    stored = (
        ImportMapping.objects.filter(
            importer=importer.name, headers_hash=headers_hash(importer, headers)
        )
        .values_list("mapping", flat=True)
        .first()
    )
    known = set(importer.field_map())
    if not isinstance(stored, list) or len(stored) != len(headers):
        return None
    if any(name and name not in known for name in stored):
        return None
    return [str(name) for name in stored]


def initial_mapping(importer: type[Importer], headers: Sequence[str]) -> tuple[list[str], bool]:
    """The remembered mapping if any (True), else the automatic one (False)."""
    remembered = remembered_mapping(importer, headers)
    if remembered is not None:
        return remembered, True
    return auto_mapping(headers, importer), False


def remember_mapping(
    importer: type[Importer], headers: Sequence[str], mapping: Sequence[str], user: Any = None
) -> None:
    from maillage.core.models import ImportMapping

    ImportMapping.objects.update_or_create(
        importer=importer.name,
        headers_hash=headers_hash(importer, headers),
        defaults={
            "headers": list(headers),
            "mapping": list(mapping),
            "updated_by": user if getattr(user, "pk", None) else None,
        },
    )


def mapping_errors(importer: type[Importer], mapping: Sequence[str]) -> list[str]:
    """Why a mapping cannot be used: a required field without a column, a field twice."""
    errors = []
    fields = importer.field_map()
    for name in dict.fromkeys(n for n in mapping if n):
        if name not in fields:
            errors.append(_("“%(name)s” is not a field of this import.") % {"name": name})
        elif mapping.count(name) > 1:
            errors.append(
                _("Several columns are matched to “%(label)s”: keep one.")
                % {"label": fields[name].label}
            )
    for spec in importer.fields:
        if spec.required and spec.name not in mapping:
            errors.append(
                _("No column is matched to “%(label)s”, which is required.") % {"label": spec.label}
            )
    return errors
