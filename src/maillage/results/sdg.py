"""The official list of global SDG indicators, as a codelist beside the IATI ones.

IATI has no codelist of SDG indicator codes (`result/indicator/reference/@vocabulary` 9
points to the UN list); the open-sdg project publishes that list in French and English
as YAML (`1-1-1-title: …`). `maillage sdg_indicators` reads it from a folder or from the
open-sdg publication (cached like the IATI lists), turns it into a codelist document and
stores it through `core.codelists.load_codelists` — the same checks, the same
all-or-nothing load — as the codelist `UNSDG-Indicators`. Nothing under ../shared is read
at run time: forms offer the stored codes, and an indicator's code is checked against
them when the list is loaded (else against the code's format only).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from django.utils.translation import gettext as _
from lxml import etree

from maillage.core import net
from maillage.core.codelists import MAX_FILE_BYTES, CodelistError, codelist_choices
from maillage.core.models import CodelistItem

SDG_CODELIST = "UNSDG-Indicators"
# open-sdg/sdg-translations at the commit ../shared/data/sdg/README.md records.
DEFAULT_URL = (
    "https://raw.githubusercontent.com/open-sdg/sdg-translations/"
    "0cda585851a5c6f04040a9a2755fbb4496c4eead/translations/"
)
FILES = {"en": "global_indicators.en.yml", "fr": "global_indicators.fr.yml"}
UPSTREAM = {"en": "en/global_indicators.yml", "fr": "fr/global_indicators.yml"}
_KEY = re.compile(r"^(\d{1,2})-(\d{1,2}|[a-z])-(\d{1,2})-title$")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_indicators(data: bytes) -> dict[str, str]:
    """{code "4.4.1": title} of one language file; CodelistError if it is not one."""
    if len(data) > MAX_FILE_BYTES:
        raise CodelistError(_("the file is too large."))
    try:
        loaded = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise CodelistError(_("not a YAML document (%(error)s).") % {"error": exc}) from exc
    if not isinstance(loaded, dict):
        raise CodelistError(_("not a list of SDG indicators."))
    titles: dict[str, str] = {}
    for key, title in loaded.items():
        match = _KEY.match(str(key))
        if match and isinstance(title, str) and title.strip():
            titles[".".join(match.groups())] = " ".join(title.split())
    if not titles:
        raise CodelistError(_("no SDG indicator found."))
    return titles


def as_codelist(english: dict[str, str], french: dict[str, str]) -> bytes:
    """The indicators as a codelist XML document (IATI's format), for `load_codelists`."""
    root = etree.Element("codelist", name=SDG_CODELIST)
    items = etree.SubElement(root, "codelist-items")
    for code in sorted(english.keys() | french.keys()):
        item = etree.SubElement(items, "codelist-item")
        etree.SubElement(item, "code").text = code
        name = etree.SubElement(item, "name")
        if code in english:
            etree.SubElement(name, "narrative").text = english[code]
        if code in french:
            etree.SubElement(name, "narrative", {_XML_LANG: "fr"}).text = french[code]
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def read_from_dir(folder: str | Path) -> dict[str, bytes]:
    directory = Path(folder)
    found = {lang: directory / name for lang, name in FILES.items()}
    missing = [str(path) for path in found.values() if not path.is_file()]
    if missing:
        raise CodelistError(_("Missing %(files)s.") % {"files": ", ".join(missing)})
    return {lang: path.read_bytes() for lang, path in found.items()}


def download(url: str, cache_dir: str | Path, *, timeout: float = 20) -> dict[str, bytes]:
    """Both language files, each cached; a failed download falls back on the cache."""
    cache = Path(cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    base = url if url.endswith("/") else f"{url}/"
    files = {}
    for lang, path in UPSTREAM.items():
        cached = cache / FILES[lang]
        try:
            data = net.fetch(base + path, max_bytes=MAX_FILE_BYTES, timeout=timeout).content
            parse_indicators(data)
        except (OSError, ValueError, net.OutboundError, CodelistError) as exc:
            if not cached.is_file():
                raise CodelistError(
                    _("Cannot download %(url)s (%(error)s) and there is no cached copy.")
                    % {"url": base + path, "error": exc}
                ) from exc
            data = cached.read_bytes()
        else:
            cached.write_bytes(data)
        files[lang] = data
    return files


def sdg_indicator_choices() -> list[tuple[str, str]]:
    """(code, "code — title") for a form; empty when the list is not loaded."""
    return [(code, f"{code} — {label}") for code, label in codelist_choices(SDG_CODELIST)]


def is_known_sdg_indicator(code: str) -> bool | None:
    """Whether the code is in the loaded list; None when no list is loaded."""
    items = CodelistItem.objects.of(SDG_CODELIST)
    if not items.exists():
        return None
    return items.filter(code=code).exists()
