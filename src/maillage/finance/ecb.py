"""The ECB's euro foreign exchange reference rates, full history (`eurofxref-hist`).

The file: a header `Date,USD,JPY,…,ZAR,` (a trailing comma), one row per publication day
(newest first), each value the units of the currency for one euro, `N/A` where the
currency was not quoted that day. No row on weekends and TARGET holidays: a conversion
takes the last rate on or before its date (`finance.money`). The ECB publishes no
Moroccan dirham and no CFA franc: the first comes from Bank Al-Maghrib, the second is a
fixed parity.

`read_rates` parses the CSV (or the zip the ECB serves) strictly: a malformed date or
value is a `EcbFileError` naming its line, never a rate silently dropped; the file's size
is bounded, as any file from outside.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

ECB_HIST_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
MAX_FILE_BYTES = 20 * 1024 * 1024  # the CSV is 2 MB; zipped, 600 kB
MISSING = {"N/A", ""}


class EcbFileError(ValueError):
    """The file is not the ECB's reference-rate history."""


def unpack(content: bytes) -> str:
    """The CSV text of `content`: the CSV itself, or the ECB's zip holding it."""
    if len(content) > MAX_FILE_BYTES:
        raise EcbFileError(_("The file is larger than 20 MB: it is not the ECB's rate file."))
    if content[:2] == b"PK":
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except zipfile.BadZipFile as error:
            raise EcbFileError(_("The zip file cannot be opened.")) from error
        names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
        if len(names) != 1:
            raise EcbFileError(_("The zip file holds no single CSV file."))
        info = archive.getinfo(names[0])
        if info.file_size > MAX_FILE_BYTES:  # a zip bomb announces itself here
            raise EcbFileError(_("The file is larger than 20 MB: it is not the ECB's rate file."))
        with archive.open(info) as member:
            content = member.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:
            raise EcbFileError(_("The file is larger than 20 MB: it is not the ECB's rate file."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EcbFileError(_("The file is not UTF-8 text.")) from error


def read_rates(text: str) -> Iterator[tuple[dt.date, str, Decimal]]:
    """(date, currency, units for one euro) for every quoted rate of the file."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or header[0].strip() != "Date":
        raise EcbFileError(_("The first column of the ECB file is “Date”."))
    currencies = [c.strip().upper() for c in header[1:]]
    for number, row in enumerate(reader, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        try:
            on = dt.date.fromisoformat(row[0].strip())
        except ValueError as error:
            raise EcbFileError(
                _("Line %(line)s: “%(value)s” is not a date (YYYY-MM-DD).")
                % {"line": number, "value": row[0][:20]}
            ) from error
        for currency, cell in zip(currencies, row[1:], strict=False):
            value = cell.strip()
            if not currency or value in MISSING:
                continue
            try:
                rate = Decimal(value)
            except InvalidOperation as error:
                raise EcbFileError(
                    _("Line %(line)s, %(currency)s: “%(value)s” is not a number.")
                    % {"line": number, "currency": currency, "value": value[:20]}
                ) from error
            if not rate.is_finite() or rate <= 0:
                raise EcbFileError(
                    _("Line %(line)s, %(currency)s: a rate is a positive number.")
                    % {"line": number, "currency": currency}
                )
            yield on, currency, rate


def download() -> bytes:
    """The ECB's current file (its zip), through the kit's guarded outbound fetch."""
    from maillage.core.net import fetch

    answer = fetch(
        ECB_HIST_URL,
        max_bytes=MAX_FILE_BYTES,
        timeout=60,
        allowed_content_types=(
            "application/zip",
            "application/x-zip-compressed",
            "application/octet-stream",
        ),
    )
    return answer.content
