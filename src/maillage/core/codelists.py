"""IATI codelists: read the official XML format, load lists into the database, offer codes.

One file holds one `<codelist>` (the IATI "SSOT" format, `codelist.xsd`). Parsing is pure;
loading writes every list in one transaction, so a bad file never leaves a half-loaded set.
Files come from a folder (`read_from_dir`) or from the official publication (`download`),
which keeps a copy of each file to fall back on when the network fails.
"""

from __future__ import annotations

import io
import re
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from maillage.core import net
from maillage.core.meta import max_length
from maillage.core.models import Codelist, CodelistItem

MAX_FILE_BYTES = 20 * 1024 * 1024
DOWNLOAD_TIMEOUT = 20  # seconds

# The lists later features check codes against and offer in forms (IATI 2.03 activity and
# organisation elements), plus the category and vocabulary lists those refer to.
NEEDED_CODELISTS: tuple[str, ...] = (
    "Sector",
    "SectorCategory",
    "SectorVocabulary",
    "Country",
    "Region",
    "RegionVocabulary",
    "Currency",
    "OrganisationType",
    "OrganisationRole",
    "OrganisationIdentifier",
    "OrganisationRegistrationAgency",
    "ActivityStatus",
    "ActivityDateType",
    "ActivityScope",
    "RelatedActivityType",
    "BudgetType",
    "BudgetStatus",
    "TransactionType",
    "AidType",
    "AidType-category",
    "AidTypeVocabulary",
    "FlowType",
    "FinanceType",
    "FinanceType-category",
    "TiedStatus",
    "CollaborationType",
    "PolicyMarker",
    "PolicyMarkerVocabulary",
    "PolicySignificance",
    "ResultType",
    "ResultVocabulary",
    "IndicatorMeasure",
    "IndicatorVocabulary",
    "DocumentCategory",
    "DocumentCategory-category",
    "Language",
    "UNSDG-Goals",
    "UNSDG-Targets",
    "TagVocabulary",
    "DescriptionType",
    "ContactType",
    "GeographicalPrecision",
    "LocationType",
    "LocationType-category",
    "Version",
)

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_SPACE_CHARS = " \t\r\n"
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

Warn = Callable[[str], None]


class CodelistError(Exception):
    """A codelist file or source that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class ParsedItem:
    code: str
    name_en: str
    name_fr: str = ""
    description_en: str = ""
    description_fr: str = ""
    category: str = ""
    withdrawn: bool = False


@dataclass
class ParsedCodelist:
    name: str
    version: str = ""
    items: list[ParsedItem] = field(default_factory=list)


# --- Parsing -------------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD, no network, no oversized trees: the files come from outside.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _text(element: etree._Element | None, *, one_line: bool) -> str:
    if element is None:
        return ""
    text = "".join(element.itertext())
    # Only XML whitespace: the non-breaking spaces of French typography stay as they are.
    return _XML_SPACE.sub(" ", text).strip(" ") if one_line else text.strip(_XML_SPACE_CHARS)


def _narratives(
    element: etree._Element | None, default_lang: str, *, one_line: bool
) -> dict[str, str]:
    """The narratives of an element by language ("en", "fr"…), the first one of each kept."""
    result: dict[str, str] = {}
    if element is None:
        return result
    for narrative in element.iterfind("narrative"):
        lang = (narrative.get(_XML_LANG) or default_lang).lower().split("-")[0]
        text = _text(narrative, one_line=one_line)
        if text:
            result.setdefault(lang, text)
    return result


def _parse_item(element: etree._Element, default_lang: str, position: int) -> ParsedItem:
    code = _text(element.find("code"), one_line=True)
    if not code:
        raise CodelistError(_("item %(n)d has no <code>.") % {"n": position})
    status = (element.get("status") or "active").strip()
    if status not in ("active", "withdrawn"):
        raise CodelistError(
            _("code %(code)s has an unknown status %(status)r.") % {"code": code, "status": status}
        )
    names = _narratives(element.find("name"), default_lang, one_line=True)
    descriptions = _narratives(element.find("description"), default_lang, one_line=False)
    return ParsedItem(
        code=code,
        # A list without an English label falls back on whatever language it has.
        name_en=names.get("en") or next(iter(names.values()), ""),
        name_fr=names.get("fr", ""),
        description_en=descriptions.get("en") or next(iter(descriptions.values()), ""),
        description_fr=descriptions.get("fr", ""),
        category=_text(element.find("category"), one_line=True),
        withdrawn=status == "withdrawn",
    )


def parse_codelist(data: bytes) -> ParsedCodelist:
    """Read one codelist XML document; raise CodelistError if it is not a sound codelist."""
    if len(data) > MAX_FILE_BYTES:
        raise CodelistError(
            _("the file is larger than %(max)d MB.") % {"max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise CodelistError(_("not well-formed XML (%(error)s).") % {"error": exc}) from exc
    if root is None:
        raise CodelistError(_("the document is empty."))
    # Codelists never declare a DTD; one here can only be an entity trick.
    if root.getroottree().docinfo.doctype or root.getroottree().docinfo.internalDTD:
        raise CodelistError(_("a DOCTYPE declaration is not allowed in a codelist."))
    if root.tag != "codelist":
        raise CodelistError(_("the root element is <%(tag)s>, not <codelist>.") % {"tag": root.tag})
    name = (root.get("name") or "").strip()
    if not _NAME_RE.match(name) or len(name) > max_length(Codelist, "name"):
        raise CodelistError(_("the codelist name %(name)r is missing or invalid.") % {"name": name})
    container = root.find("codelist-items")
    if container is None:
        raise CodelistError(_("codelist %(name)s has no <codelist-items>.") % {"name": name})
    default_lang = root.get(_XML_LANG) or "en"
    metadata = root.find("metadata")
    version = root.get("version") or (
        metadata.findtext("version") if metadata is not None else None
    )
    items = [
        _parse_item(element, default_lang, position)
        for position, element in enumerate(container.iterfind("codelist-item"), start=1)
    ]
    return ParsedCodelist(name=name, version=(version or "").strip(), items=items)


# --- Loading -------------------------------------------------------------------------------


def _storable_items(codelist: ParsedCodelist, warn: Warn) -> list[ParsedItem] | None:
    """The items as they will be stored, or None when the list does not fit the database."""
    too_long = [
        value
        for item in codelist.items
        for value, column in ((item.code, "code"), (item.category, "category"))
        if len(value) > max_length(CodelistItem, column)
    ]
    if too_long:
        warn(
            _(
                "%(name)s skipped: %(count)d codes or categories are longer than the database "
                "keeps (e.g. %(example)s)."
            )
            % {"name": codelist.name, "count": len(too_long), "example": too_long[0]}
        )
        return None
    items: dict[str, ParsedItem] = {}
    repeated = 0
    for item in codelist.items:
        if item.code in items:
            repeated += 1
            continue
        items[item.code] = item
    if repeated:
        warn(
            _("%(name)s: %(count)d repeated codes ignored, the first of each kept.")
            % {"name": codelist.name, "count": repeated}
        )
    return list(items.values())


def _write(codelist: ParsedCodelist, items: list[ParsedItem], *, source: str) -> None:
    row, _created = Codelist.objects.update_or_create(
        name=codelist.name,
        defaults={
            "version": codelist.version[: max_length(Codelist, "version")],
            "source": source[: max_length(Codelist, "source")],
            "loaded_at": timezone.now(),
        },
    )
    # Upsert rather than delete-and-insert, so the rows of unchanged codes keep their ids.
    fields = ["name_en", "name_fr", "description_en", "description_fr", "category", "withdrawn"]
    CodelistItem.objects.bulk_create(
        [
            CodelistItem(codelist=row, code=i.code, **{f: getattr(i, f) for f in fields})
            for i in items
        ],
        batch_size=500,
        update_conflicts=True,
        unique_fields=["codelist", "code"],
        update_fields=fields,
    )
    row.items.exclude(code__in=[i.code for i in items]).delete()


def load_codelists(
    sources: Iterable[tuple[str, bytes]], *, source_label: str, warn: Warn | None = None
) -> dict[str, int]:
    """Store every (file label, XML bytes) source, replacing the items of each list.

    All or nothing: every file is parsed before anything is written, and the writes share
    one transaction. Returns the number of items stored per list name.
    """
    warn = warn or (lambda message: None)
    parsed: dict[str, tuple[str, ParsedCodelist]] = {}
    for label, data in sources:
        try:
            codelist = parse_codelist(data)
        except CodelistError as exc:
            raise CodelistError(
                _("%(file)s is not a usable codelist: %(problem)s")
                % {"file": label, "problem": exc}
            ) from exc
        if codelist.name in parsed:
            raise CodelistError(
                _("%(file)s and %(other)s both hold the codelist %(name)s.")
                % {"file": label, "other": parsed[codelist.name][0], "name": codelist.name}
            )
        parsed[codelist.name] = (label, codelist)
    counts: dict[str, int] = {}
    with transaction.atomic():
        for _file, codelist in parsed.values():
            items = _storable_items(codelist, warn)
            if items is not None:
                _write(codelist, items, source=source_label)
                counts[codelist.name] = len(items)
    return counts


# --- Sources -------------------------------------------------------------------------------


def _root_tag(data: bytes) -> str | None:
    """The root element's tag, or None when the document cannot be read that far."""
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        for _event, element in events:
            return str(element.tag)
    except etree.XMLSyntaxError:
        return None
    return None


def read_from_dir(path: str | Path) -> list[tuple[str, bytes]]:
    """Every codelist XML file under a folder, recursively, as (path, bytes).

    Other XML documents are left aside; unreadable ones are kept so that loading them
    refuses the whole set with the file's name (the schemas are .xsd, never read).
    """
    folder = Path(path)
    if not folder.is_dir():
        raise CodelistError(_("%(path)s is not a folder.") % {"path": folder})
    sources = []
    for file in sorted(folder.rglob("*.xml")):
        if not file.is_file():
            continue
        if file.stat().st_size > MAX_FILE_BYTES:
            raise CodelistError(
                _("%(file)s is larger than %(max)d MB.")
                % {"file": file, "max": MAX_FILE_BYTES // (1024 * 1024)}
            )
        data = file.read_bytes()
        if _root_tag(data) in ("codelist", None):
            sources.append((str(file), data))
    return sources


def _fetch(url: str, timeout: float) -> bytes:
    # Through the outbound guard: CODELISTS_URL comes from the environment, its redirects do not.
    return net.fetch(url, max_bytes=MAX_FILE_BYTES, timeout=timeout).content


def download(
    names: Iterable[str],
    url: str,
    cache_dir: str | Path,
    *,
    warn: Warn | None = None,
    timeout: float = DOWNLOAD_TIMEOUT,
) -> list[tuple[str, bytes]]:
    """Fetch `<url><Name>.xml` for each name, keeping a copy under cache_dir.

    When a download fails (network, HTTP error, broken file) the cached copy is used; with no
    copy either, CodelistError. A broken download never replaces a good cached copy.
    """
    warn = warn or (lambda message: None)
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise CodelistError(_("The codelists address %(url)s is not http(s).") % {"url": url})
    base = url if url.endswith("/") else f"{url}/"
    cache = Path(cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    sources = []
    for name in names:
        if not _NAME_RE.match(name):
            raise CodelistError(_("%(name)r is not a codelist name.") % {"name": name})
        file_url = f"{base}{urllib.parse.quote(name)}.xml"
        cached = cache / f"{name}.xml"
        try:
            data = _fetch(file_url, timeout)
            if parse_codelist(data).name != name:
                raise CodelistError(_("the file holds another codelist."))
        except (OSError, ValueError, net.OutboundError, CodelistError) as exc:
            if not cached.is_file():
                raise CodelistError(
                    _(
                        "Cannot download %(url)s (%(error)s) and there is no cached copy in "
                        "%(cache)s. Check the network or CODELISTS_URL, or load the lists from "
                        "a folder with `maillage codelists --from DIR`."
                    )
                    % {"url": file_url, "error": exc, "cache": cache}
                ) from exc
            warn(
                _("%(name)s: download failed (%(error)s); using the cached copy %(file)s.")
                % {"name": name, "error": exc, "file": cached}
            )
            sources.append((str(cached), cached.read_bytes()))
            continue
        partial = cached.with_suffix(".xml.part")
        partial.write_bytes(data)
        partial.replace(cached)
        sources.append((file_url, data))
    return sources


# --- Choices and labels for forms and pages --------------------------------------------------


def _code_key(code: str) -> list[tuple[int, int, str]]:
    # Natural order: 1.2 before 1.10, numbers before letters (1.9, 1.10, 1.a).
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.findall(r"\d+|\D+", code)
    ]


def _label(item: CodelistItem) -> str:
    return item.name or item.code


def codelist_choices(name: str, *, include_withdrawn: bool = False) -> list[tuple[str, str]]:
    """(code, label in the active language) for a form; withdrawn codes are not offered."""
    items = CodelistItem.objects.of(name)
    if not include_withdrawn:
        items = items.offerable()
    rows = items.only("code", "name_en", "name_fr")
    return [(item.code, _label(item)) for item in sorted(rows, key=lambda i: _code_key(i.code))]


def codelist_label(name: str, code: str) -> str:
    """The label of a code in the active language, withdrawn or not; the code if unknown."""
    if not code:
        return ""
    item = (
        CodelistItem.objects.of(name).filter(code=code).only("code", "name_en", "name_fr").first()
    )
    return _label(item) if item else code
