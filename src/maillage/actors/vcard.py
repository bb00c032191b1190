"""vCard 4.0 (RFC 6350) of people: a writer, and a small reader to check it against.

Text values escape `\\`, `,`, `;` and newlines (§3.4); lines are folded at 75 octets
without splitting a UTF-8 character (§3.2); phones are E.164 `tel:` URIs (§6.4.1).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from maillage.actors.models import Person, Position

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//Maillage//vCard export//FR"
# UIDs are stable per person, so that an address book updates a contact on a new import.
UID_NAMESPACE = uuid.UUID("5b7c4a52-3f7e-4f53-9f6a-6d61696c6c61")
MEDIA_TYPE = "text/vcard; charset=utf-8"

# --- Writer ----------------------------------------------------------------------------


def escape(value: str) -> str:
    """A text value as RFC 6350 §3.4 writes it."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (continuations start with a space)."""
    lines, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > MAX_OCTETS:
            lines.append(current)
            current, size = " ", 1
        current += char
        size += octets
    lines.append(current)
    return CRLF.join(lines) + CRLF


def content_line(name: str, value: str, /, **params: str) -> str:
    """`NAME;PARAM=value:value`, folded; `value` is already escaped (or a URI)."""
    rendered = "".join(f";{key.upper()}={_param(val)}" for key, val in params.items())
    return fold(f"{name}{rendered}:{value}")


def _param(value: str) -> str:
    if any(char in value for char in ":;,"):
        return '"' + value.replace('"', "'") + '"'
    return value


def person_vcard(person: Person, positions: Iterable[Position] = ()) -> str:
    """One person's vCard; `positions` are the current ones (ORG and TITLE)."""
    out = [content_line("BEGIN", "VCARD"), content_line("VERSION", "4.0")]
    out.append(content_line("PRODID", escape(PRODID)))
    out.append(content_line("UID", f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, str(person.pk))}"))
    out.append(content_line("KIND", "individual"))
    out.append(content_line("FN", escape(str(person) or person.last_name)))
    out.append(content_line("N", f"{escape(person.last_name)};{escape(person.first_name)};;;"))
    for pref, email in enumerate(e for e in (person.email, person.other_email) if e):
        out.append(content_line("EMAIL", escape(email), pref=str(pref + 1)))
    for kind, number in (("voice", person.phone), ("cell", person.mobile)):
        if number:
            out.append(content_line("TEL", f"tel:{number}", value="uri", type=kind))
    for position in positions:
        out.append(content_line("ORG", escape(str(position.organisation.name))))
        out.append(content_line("TITLE", escape(position.role)))
    for pref, language in enumerate(person.language_list):
        out.append(content_line("LANG", escape(language), pref=str(pref + 1)))
    if person.timezone:
        out.append(content_line("TZ", escape(person.timezone)))
    if person.notes:
        out.append(content_line("NOTE", escape(person.notes)))
    if person.updated_at:
        revised = person.updated_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        out.append(content_line("REV", revised))
    out.append(content_line("END", "VCARD"))
    return "".join(out)


def current_positions(person: Person) -> list[Position]:
    """Current positions, read from a prefetched `positions__organisation` when there is one."""
    return [p for p in person.positions.all() if p.is_current]


def people_vcards(people: Iterable[Person]) -> Iterator[str]:
    for person in people:
        yield person_vcard(person, current_positions(person))


def filename(person: Person) -> str:
    from django.utils.text import slugify

    return f"{slugify(str(person)) or 'contact'}.vcf"


# --- Reader ----------------------------------------------------------------------------


@dataclass
class Property:
    name: str
    value: str
    params: dict[str, list[str]] = field(default_factory=dict)
    group: str = ""

    @property
    def text(self) -> str:
        return unescape(self.value)

    @property
    def components(self) -> list[str]:
        return [unescape(part) for part in split_unescaped(self.value, ";")]


def unfold(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    for line in text.split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append("\n" if following in ("n", "N") else following)
        else:
            out.append(char)
    return "".join(out)


def split_unescaped(value: str, separator: str) -> list[str]:
    parts, current, escaped = [], "", False
    for char in value:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def parse_line(line: str) -> Property:
    quoted, split_at = False, -1
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            split_at = index
            break
    if split_at < 0:
        raise ValueError(f"not a content line: {line!r}")
    head, value = line[:split_at], line[split_at + 1 :]
    name, *raw_params = _split_params(head)
    group, _, name = name.rpartition(".")
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, _, val = raw.partition("=")
        params.setdefault(key.upper(), []).extend(v.strip('"') for v in val.split(","))
    return Property(name=name.upper(), value=value, params=params, group=group)


def _split_params(head: str) -> list[str]:
    parts, current, quoted = [], "", False
    for char in head:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def parse_vcards(text: str) -> list[list[Property]]:
    """The cards of a .vcf text, each a list of its properties (BEGIN and END left out)."""
    cards: list[list[Property]] = []
    current: list[Property] | None = None
    for line in unfold(text):
        prop = parse_line(line)
        if prop.name == "BEGIN" and prop.value.upper() == "VCARD":
            current = []
        elif prop.name == "END" and prop.value.upper() == "VCARD":
            if current is None:
                raise ValueError("END:VCARD without BEGIN")
            cards.append(current)
            current = None
        elif current is None:
            raise ValueError(f"property outside a card: {line!r}")
        else:
            current.append(prop)
    if current is not None:
        raise ValueError("BEGIN:VCARD without END")
    return cards


def find(card: list[Property], name: str) -> list[Property]:
    return [prop for prop in card if prop.name == name]


def as_dict(card: list[Property]) -> dict[str, Any]:
    return {prop.name: prop.text for prop in card}
