"""Uploaded files: checked in one place, served back in one safe way.

`check_upload` decides what a file is from its content (signatures, the members of a zip
archive, text that decodes), never from its name: a `.pdf` that is a program or a web page
is refused. Size is capped; zip-based formats are opened without trusting them (member
count, unpacked size measured while unpacking, compression ratio, one level of archives in
archives, no absolute or `..` paths). SVG, HTML and programs are always refused.
`SafeFileField` puts the check in a form.

`StoredFileField` is the model field of every stored file: whatever door the file came
through, it is stored under a generated name that ends with the extension of its content
(`UploadTo`), never the user's name; `download_name` gives the name to serve it under.

`safe_download_response` serves a stored file as an attachment with a harmless
Content-Type (never HTML), `nosniff`, a sandboxing policy and a name that survives accents.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import mimetypes
import os
import posixpath
import re
import unicodedata
import urllib.parse
import uuid
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import IO, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

# Kinds a caller may accept: content type served back, and the usual extensions.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "gif": ("image/gif", (".gif",)),
    "webp": ("image/webp", (".webp",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
    "odt": ("application/vnd.oasis.opendocument.text", (".odt",)),
    "zip": ("application/zip", (".zip",)),
    "csv": ("text/csv", (".csv",)),
    "text": ("text/plain", (".txt",)),
    "xml": ("application/xml", (".xml",)),
}
KIND_LABELS = {
    "pdf": gettext_lazy("a PDF document"),
    "png": gettext_lazy("a PNG image"),
    "jpeg": gettext_lazy("a JPEG image"),
    "gif": gettext_lazy("a GIF image"),
    "webp": gettext_lazy("a WebP image"),
    "xlsx": gettext_lazy("an Excel workbook (.xlsx)"),
    "docx": gettext_lazy("a Word document (.docx)"),
    "ods": gettext_lazy("an OpenDocument spreadsheet (.ods)"),
    "odt": gettext_lazy("an OpenDocument text (.odt)"),
    "zip": gettext_lazy("a zip archive"),
    "csv": gettext_lazy("a CSV table"),
    "text": gettext_lazy("a text file"),
    "xml": gettext_lazy("an XML file"),
    "office": gettext_lazy("another office document (presentation, macros…)"),
}
# Text has no signature: text content is accepted as CSV or plain text, whichever is asked.
TEXT_KINDS = ("csv", "text")

_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.text": "odt",
}
_ZIP_MAGIC = b"PK\x03\x04"
_EXECUTABLE_MAGICS = (
    b"\x7fELF",
    b"MZ",  # Windows PE, DOS
    b"\xfe\xed\xfa\xce",  # Mach-O
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal, Java class
    b"#!",  # script with an interpreter line
    b"\x00asm",  # WebAssembly
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The start of a document browsers would take for HTML (WHATWG MIME Sniffing, 7.1).
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|"
    rb"br|p|object|embed|meta|link|base|form|img)(?=[\s>/])|<!--|<\?xml-stylesheet",
    re.IGNORECASE,
)
_SVG_START = re.compile(rb"<svg(?=[\s>/])", re.IGNORECASE)
_XML_START = re.compile(rb"<(?:\?xml[\s?]|!doctype\s|[A-Za-z_])", re.IGNORECASE)
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_RATIO_MIN_BYTES = 1024 * 1024  # small members may compress as well as they like
_SPECIAL_MEMBER_MAX = 1024 * 1024  # [Content_Types].xml and mimetype are read into memory


def max_unpacked_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_UNPACKED_BYTES", 100 * 1024 * 1024))


def max_compression_ratio() -> int:
    return int(getattr(settings, "UPLOAD_MAX_COMPRESSION_RATIO", 200))


def max_archive_members() -> int:
    return int(getattr(settings, "UPLOAD_MAX_ARCHIVE_MEMBERS", 2000))


class UploadRefused(ValidationError):
    """An uploaded file that is not accepted; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="upload_refused")


# --- What a file is ----------------------------------------------------------------------


def _validate_allowed(allowed: Iterable[str]) -> frozenset[str]:
    kinds = frozenset(allowed)
    unknown = kinds - KINDS.keys()
    if unknown:
        # A programming error, not a user's: SVG, HTML and programs are never accepted.
        raise ValueError(f"unknown or never accepted upload kinds: {sorted(unknown)}")
    return kinds


def _size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    file.seek(0, os.SEEK_END)
    end = file.tell()
    file.seek(0)
    return end


def accepted_labels(allowed: Iterable[str]) -> str:
    return ", ".join(str(KIND_LABELS[kind]) for kind in sorted(allowed))


def check_upload(file: IO[bytes] | bytes, *, allowed: Iterable[str], max_bytes: int) -> str:
    """The kind of the file ("pdf", "xlsx", "csv"…) if it is one of `allowed`, else
    `UploadRefused`. The file is read from its start and left at its start."""
    kinds = _validate_allowed(allowed)
    source: IO[bytes] = io.BytesIO(file) if isinstance(file, bytes | bytearray) else file
    size = _size(source)
    if size == 0:
        raise UploadRefused(_("The file is empty."))
    if size > max_bytes:
        raise UploadRefused(
            _("The file weighs %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)}
        )
    try:
        source.seek(0)
        kind = _detect(source, max_bytes)
    finally:
        source.seek(0)
    if kind == "unknown":
        raise UploadRefused(
            _("The type of this file is not recognised. Accepted: %(accepted)s.")
            % {"accepted": accepted_labels(kinds)}
        )
    if kind == "text":
        for text_kind in TEXT_KINDS:
            if text_kind in kinds:
                return text_kind
    if kind not in kinds:
        raise UploadRefused(
            _("This file is %(kind)s, which is not accepted here. Accepted: %(accepted)s.")
            % {"kind": KIND_LABELS[kind], "accepted": accepted_labels(kinds)}
        )
    return kind


def _detect(source: IO[bytes], max_bytes: int, complete: bool = True) -> str:
    head = source.read(4096)
    if head.startswith(_EXECUTABLE_MAGICS):
        raise UploadRefused(_("This file is a program, not a document; it is refused."))
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(_ZIP_MAGIC):
        source.seek(0)
        return _zip_kind(source)
    if head.startswith(_OLE_MAGIC):
        raise UploadRefused(
            _(
                "This is an old Office file (.doc, .xls). Save it as .docx, .xlsx, .odt, "
                ".ods or PDF, then send that file."
            )
        )
    source.seek(0)
    return _text_kind(source.read(max_bytes + 1), complete)


# --- Text, XML, and what must never pass as text ------------------------------------------


def decode_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252 or
    Latin-1 content without NUL bytes or other binary control characters; else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        return None
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    else:
        candidates = ("utf-8", "cp1252", "latin-1")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = len(_TEXT_CONTROLS.findall(text))
        if "\x00" in text or controls > max(2, len(text) // 1000):
            return None
        return text, encoding
    return None


def _text_kind(data: bytes, complete: bool = True) -> str:
    """The kind of content without a signature: "text", "xml" or "unknown". `complete` is
    False when `data` is only the file's start (XML cut short is not judged well-formed)."""
    decoded = decode_text(data)
    if decoded is None:
        return "unknown"
    start = decoded[0].lstrip("\ufeff \t\r\n").encode("utf-8")[:1024]
    if _SVG_START.search(start):  # anywhere in the start: after a doctype, a comment…
        raise _svg_refused()
    if _HTML_START.match(start):
        raise _html_refused()
    if _XML_START.match(start):
        root = _xml_root(data)
        if root is not None:
            name = etree.QName(root).localname.lower()
            if name == "svg":
                raise _svg_refused()
            if name == "html":
                raise _html_refused()
            return "xml"
        if not complete:
            return "xml"
        if start.startswith(b"<?xml"):
            raise UploadRefused(_("This XML file is not well-formed; it cannot be read."))
    return "text"


def _svg_refused() -> UploadRefused:
    return UploadRefused(
        _(
            "SVG images are refused because they can carry scripts. Export the image as PNG, "
            "then send that file."
        )
    )


def _html_refused() -> UploadRefused:
    return UploadRefused(
        _("Web pages (HTML) are not accepted. Save the page as PDF, then send that file.")
    )


def _xml_root(data: bytes) -> Any:
    # No entity expansion, no DTD, no network: the same guard as for the codelists.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


# --- Zip-based formats -------------------------------------------------------------------


@dataclass
class _Budget:
    members: int = 0
    declared: int = 0
    unpacked: int = 0


def _unsafe_name(name: str) -> bool:
    parts = re.split(r"[\\/]", name)
    return (
        name.startswith(("/", "\\"))
        or bool(re.match(r"^[A-Za-z]:", name))
        or ".." in parts
        or "\x00" in name
    )


def _zip_kind(source: IO[bytes]) -> str:
    return _zip_kind_of(_inspect_zip(source, depth=0, budget=_Budget()))


def _zip_kind_of(special: dict[str, bytes]) -> str:
    mimetype = special.get("mimetype")
    if mimetype is not None:
        return _ODF_MIMETYPES.get(mimetype.strip(), "office")
    content_types = special.get("[Content_Types].xml")
    if content_types is not None:
        root = _xml_root(content_types)
        if root is None:
            raise _damaged()
        found = {
            kind
            for override in root.iter("{*}Override")
            if (kind := _OOXML_MAIN.get(override.get("ContentType", ""))) is not None
        }
        return found.pop() if len(found) == 1 else "office"
    return "zip"


def _damaged() -> UploadRefused:
    return UploadRefused(_("The archive is damaged or cannot be read."))


def _bomb(name: str) -> UploadRefused:
    return UploadRefused(
        _(
            "The archive unpacks to far more than it weighs (%(name)s): it looks like an "
            "archive bomb and is refused."
        )
        % {"name": name}
    )


def _inspect_zip(source: IO[bytes], *, depth: int, budget: _Budget) -> dict[str, bytes]:
    """Check every member of the archive, unpacking it to count what it really holds;
    returns the content of `mimetype` and `[Content_Types].xml` when present."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _damaged() from exc
    special: dict[str, bytes] = {}
    with archive:
        infos = archive.infolist()
        budget.members += len(infos)
        if budget.members > max_archive_members():
            raise UploadRefused(
                _("The archive holds more than %(max)d files.") % {"max": max_archive_members()}
            )
        for info in infos:
            if _unsafe_name(info.filename):
                raise UploadRefused(
                    _("The archive holds a path outside its own folder (%(name)s).")
                    % {"name": info.filename}
                )
            if info.flag_bits & 0x1:
                raise UploadRefused(_("The archive is encrypted; send it without a password."))
            budget.declared += info.file_size
            if budget.declared > max_unpacked_bytes():
                raise _bomb(info.filename)
            if info.file_size > _RATIO_MIN_BYTES and info.file_size > max_compression_ratio() * max(
                info.compress_size, 1
            ):
                raise _bomb(info.filename)
        for info in infos:
            if info.is_dir():
                continue
            data = _unpack(archive, info, depth=depth, budget=budget)
            if depth == 0 and info.filename in ("mimetype", "[Content_Types].xml"):
                special[info.filename] = data
    return special


def _unpack(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, depth: int, budget: _Budget
) -> bytes:
    """Unpack one member, counting the bytes that really come out (sizes in the archive can
    lie); keep what the caller needs: a nested archive, or a small special member."""
    kept = io.BytesIO()
    keep: bool | None = None
    try:
        with archive.open(info) as member:
            while piece := member.read(64 * 1024):
                if keep is None:
                    nested = piece.startswith(_ZIP_MAGIC)
                    if nested and depth >= 1:
                        raise UploadRefused(
                            _("The archive holds archives within archives (%(name)s).")
                            % {"name": info.filename}
                        )
                    keep = nested or (
                        depth == 0
                        and info.filename in ("mimetype", "[Content_Types].xml")
                        and info.file_size <= _SPECIAL_MEMBER_MAX
                    )
                budget.unpacked += len(piece)
                if budget.unpacked > max_unpacked_bytes():
                    raise _bomb(info.filename)
                if keep:
                    kept.write(piece)
    # zipfile raises NotImplementedError for a compression method it does not know: for an
    # upload that is a damaged or foreign file, refused like the others.
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise _damaged() from exc
    data = kept.getvalue()
    if data.startswith(_ZIP_MAGIC):
        _inspect_zip(io.BytesIO(data), depth=depth + 1, budget=budget)
        return b""
    return data


# --- Stored names ------------------------------------------------------------------------

# What a file is stored as: the first extension of its kind; text is CSV when it was
# asked for or named so, else plain text; anything else (no kind, or a kind never
# accepted) is inert bytes.
STORED_EXTENSIONS = frozenset({ext for _type, (ext, *_more) in KINDS.values()} | {".bin"})
_NAMING_READ_BYTES = 1024 * 1024


def stored_kind(file: IO[bytes]) -> str:
    """The kind of a file about to be stored, read from its content for its name only:
    the checks with their limits ran where it came in (`check_upload`), or the server
    made it. "unknown" for what is no accepted kind. The file is left at its start."""
    try:
        file.seek(0)
        head = file.read(4096)
        if head.startswith(_ZIP_MAGIC):
            file.seek(0)
            return _zip_kind_of(_zip_special_members(file))
        file.seek(0)
        data = file.read(_NAMING_READ_BYTES + 1)
        complete = len(data) <= _NAMING_READ_BYTES
        return _detect(io.BytesIO(data[:_NAMING_READ_BYTES]), _NAMING_READ_BYTES, complete)
    except UploadRefused:
        return "unknown"
    finally:
        file.seek(0)


def _zip_special_members(source: IO[bytes]) -> dict[str, bytes]:
    """`mimetype` and `[Content_Types].xml` of an archive, without unpacking the rest."""
    special: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(source) as archive:
            for name in ("mimetype", "[Content_Types].xml"):
                try:
                    info = archive.getinfo(name)
                except KeyError:
                    continue
                if info.file_size <= _SPECIAL_MEMBER_MAX:
                    with archive.open(info) as member:
                        special[name] = member.read(_SPECIAL_MEMBER_MAX)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise _damaged() from exc
    return special


def stored_extension(kind: str, name: str = "") -> str:
    """The extension a file of this kind is stored with (".pdf"); `name`, the one it was
    given, only tells CSV from plain text."""
    if kind == "csv" or (kind == "text" and name.lower().endswith(".csv")):
        return ".csv"
    if kind in KINDS:
        return KINDS[kind][1][0]
    return ".bin"


@deconstructible(path="maillage.core.uploads.UploadTo")
class UploadTo:
    """`upload_to` of every stored file: under `folder` (strftime codes, in the server's
    time zone), a random name with the extension `StoredFieldFile` chose from the content;
    nothing of the user's name (no path tricks, no `.html` in disguise)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: Any, filename: str) -> str:
        extension = os.path.splitext(filename)[1].lower()
        if extension not in STORED_EXTENSIONS:
            extension = ".bin"
        folder = timezone.localtime().strftime(self.folder)
        return posixpath.join(folder, f"{uuid.uuid4().hex}{extension}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadTo) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


# Set by `content_addressed_names()`: files are named by their content's digest.
_CONTENT_ADDRESSED: ContextVar[bool] = ContextVar("content_addressed", default=False)


@contextmanager
def content_addressed_names() -> Iterator[None]:
    """Within it, a stored file is named by the digest of its bytes instead of at random,
    and a file already stored under that name (the same bytes) is reused: the demo, built
    twice, writes the same files once (its receipts go through the expense service)."""
    token = _CONTENT_ADDRESSED.set(True)
    try:
        yield
    finally:
        _CONTENT_ADDRESSED.reset(token)


class StoredFieldFile(FieldFile):
    """A stored file that is named after its content when it is saved, through any door
    (a form, a service, a job writing its result)."""

    def save(self, name: str, content: Any, save: bool = True) -> None:
        kind = getattr(content, "detected_kind", None)  # checked by SafeFileField
        if kind not in KINDS:
            kind = stored_kind(content)
        extension = stored_extension(kind, name or "")
        if not _CONTENT_ADDRESSED.get():
            super().save(f"file{extension}", content, save)
            return
        content.seek(0)
        data = content.read()
        content.seek(0)
        random_name = self.field.generate_filename(self.instance, f"file{extension}")
        folder = posixpath.dirname(random_name)
        path = posixpath.join(folder, hashlib.sha256(data).hexdigest()[:32] + extension)
        if not self.storage.exists(path):
            path = self.storage.save(path, content, max_length=self.field.max_length)
        self.name = path
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        if save:
            self.instance.save()


class StoredFileField(models.FileField):
    """The model field of every stored file: `upload_to` is the folder ("updates/%Y/%m/"),
    the name is generated (`UploadTo`) with the extension of the content."""

    attr_class = StoredFieldFile

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        upload_to: str | UploadTo = "",
        **kwargs: Any,
    ) -> None:
        if isinstance(upload_to, str):
            upload_to = UploadTo(upload_to)
        super().__init__(verbose_name, name, upload_to=upload_to, **kwargs)


def download_name(label: Any, stored_name: str) -> str:
    """The name to serve a stored file under: `label` (the user's file name, the record's
    title) with the extension of the stored content; an extension the label had that says
    something else is replaced (`annex.html` holding a PDF is served as `annex.pdf`)."""
    extension = os.path.splitext(stored_name)[1].lower()
    # A label is a name, not a path: "Délibération 25/118" keeps its number.
    name = clean_filename(re.sub(r"[\\/]+", "-", str(label or "")))
    stem, given = os.path.splitext(name)
    if given and stem and mimetypes.guess_type(name)[0] is not None:
        if mimetypes.guess_type(f"x{extension}")[0] == mimetypes.guess_type(name)[0]:
            return name  # photo.jpeg for a JPEG stored as .jpg
        name = stem
    if not extension or extension == ".bin":
        return name
    return f"{name}{extension}"


# --- Serving files back ------------------------------------------------------------------

_SAFE_CONTENT_TYPES = frozenset(content_type for content_type, _ext in KINDS.values()) | {
    "application/octet-stream",
    "application/json",
}


def safe_content_type(content_type: str | None) -> str:
    """The type to serve a user's file with: a known harmless one, else octet-stream."""
    media_type, _sep, params = (content_type or "").partition(";")
    media_type = media_type.strip().lower()
    if media_type == "text/xml":
        media_type = "application/xml"
    if media_type not in _SAFE_CONTENT_TYPES:
        return "application/octet-stream"
    charset = re.search(r"charset=\"?([A-Za-z0-9._-]+)", params)
    if media_type.startswith("text/") and charset:
        return f"{media_type}; charset={charset.group(1)}"
    return media_type


def clean_filename(filename: str, default: str = "download") -> str:
    """The last path part, without control or invisible format characters (such as the
    right-to-left override that disguises `.exe`), trimmed; `default` if nothing is left."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))
    name = name.strip(" .")[:200].strip(" .")
    return name or default


def attachment_header(filename: str) -> str:
    """Content-Disposition for a download (RFC 6266): an ASCII `filename` for old clients
    and the exact name, accents included, in `filename*` (RFC 5987)."""
    name = clean_filename(filename)
    ascii_name = "".join(
        "" if unicodedata.combining(c) else c if c.isascii() else "_"
        for c in unicodedata.normalize("NFKD", name)
    )
    ascii_name = re.sub(r"[^A-Za-z0-9 !#$&+,.=@^_`{}~()\[\]-]", "_", ascii_name)
    stem, extension = os.path.splitext(ascii_name)
    if not stem.strip("_ ."):
        ascii_name = f"download{extension}"
    encoded = urllib.parse.quote(name, safe="!#$&+-.^_`|~")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"


def safe_download_response(
    file: IO[bytes] | bytes, filename: str, content_type: str | None
) -> FileResponse:
    """Serve a user's file as an attachment, with a type a browser will not run."""
    body = io.BytesIO(file) if isinstance(file, bytes | bytearray) else file
    response = FileResponse(body, content_type=safe_content_type(content_type))
    response["Content-Disposition"] = attachment_header(filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Should the file ever be shown in the browser anyway, it runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


# --- Forms -------------------------------------------------------------------------------


def _accepted_help_now(kinds: frozenset[str], max_bytes: int) -> str:
    return _("Accepted: %(kinds)s; up to %(limit)s.") % {
        "kinds": accepted_labels(kinds),
        "limit": filesizeformat(max_bytes),
    }


# Built when shown, in the language of the request.
_accepted_help = lazy(_accepted_help_now, str)


class SafeFileField(forms.FileField):
    """A file field that accepts only the given kinds, by content, up to `max_bytes`.

    The cleaned file carries the detected kind as `.detected_kind`.
    """

    def __init__(self, *, allowed: Iterable[str], max_bytes: int, **kwargs: Any) -> None:
        self.allowed = _validate_allowed(allowed)
        self.max_bytes = max_bytes
        kwargs.setdefault("help_text", _accepted_help(self.allowed, max_bytes))
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            accept = [ext for kind in sorted(self.allowed) for ext in KINDS[kind][1]]
            attrs.setdefault("accept", ",".join(accept))
        return attrs

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            # UploadedFile has no such attribute: the kind travels with the file to the view.
            value.detected_kind = check_upload(  # type: ignore[attr-defined]
                value, allowed=self.allowed, max_bytes=self.max_bytes
            )
        return value
