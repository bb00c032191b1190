"""The demo's pictures and documents, drawn in plain Python so that they are the same
bytes on every run: PNG photos of a scene (zlib and struct) and one-page PDF documents
(the format's text syntax, the standard Helvetica fonts)."""

from __future__ import annotations

import struct
import zlib
from math import isqrt
from typing import NamedTuple

PHOTO_SIZE = (320, 200)


# A scene: sky (top, bottom), ground, sun, and the colours of its shapes (RGB).
class Scene(NamedTuple):
    sky_top: tuple[int, int, int]
    sky_bottom: tuple[int, int, int]
    ground: tuple[int, int, int]
    sun: tuple[int, int, int]
    shapes: list[tuple[int, int, int]]


SCENES = {
    "kitchen": Scene(
        (236, 236, 230),
        (214, 218, 222),
        (168, 172, 178),
        (255, 250, 235),
        [(192, 196, 202), (120, 128, 138), (250, 250, 248), (220, 120, 60), (90, 140, 70)],
    ),
    "ceremony": Scene(
        (120, 30, 40),
        (170, 60, 60),
        (200, 170, 120),
        (245, 210, 110),
        [(30, 90, 60), (240, 240, 240), (20, 40, 90), (200, 40, 40), (250, 200, 60)],
    ),
    "city": Scene(
        (120, 170, 220),
        (200, 225, 245),
        (150, 140, 130),
        (255, 236, 160),
        [(180, 90, 70), (210, 180, 140), (120, 110, 100), (230, 220, 200), (90, 60, 50)],
    ),
    "meeting": Scene(
        (245, 240, 225),
        (230, 220, 200),
        (140, 100, 70),
        (255, 255, 240),
        [(60, 90, 150), (200, 80, 60), (240, 200, 80), (80, 140, 110), (50, 50, 60)],
    ),
    "site": Scene(
        (150, 195, 235),
        (230, 235, 240),
        (190, 130, 80),
        (255, 230, 120),
        [(130, 130, 125), (200, 190, 170), (240, 170, 40), (90, 80, 70), (60, 120, 180)],
    ),
    "solar": Scene(
        (20, 30, 70),
        (70, 60, 110),
        (60, 60, 65),
        (255, 220, 120),
        [(250, 240, 200), (40, 40, 50), (120, 120, 130), (255, 200, 90), (90, 90, 100)],
    ),
    "water": Scene(
        (90, 160, 225),
        (205, 230, 245),
        (210, 165, 100),
        (255, 240, 170),
        [(40, 110, 190), (230, 230, 225), (150, 110, 70), (70, 150, 200), (100, 140, 60)],
    ),
    "digital": Scene(
        (230, 235, 240),
        (205, 215, 225),
        (120, 90, 60),
        (250, 250, 255),
        [(40, 45, 55), (70, 140, 220), (200, 200, 205), (30, 160, 120), (240, 120, 50)],
    ),
}


def png_image(width: int, height: int, *, scene: str, seed: int) -> bytes:
    """A small picture (sky, ground, a sun, blocks standing on the horizon) as PNG bytes:
    the same `scene` and `seed` always give the same bytes."""
    palette = SCENES[scene]
    horizon = height * (55 + seed % 15) // 100
    rows = []
    for y in range(height):
        if y < horizon:
            t = y / max(1, horizon - 1)
            colour = tuple(
                round(a + (b - a) * t)
                for a, b in zip(palette.sky_top, palette.sky_bottom, strict=True)
            )
        else:
            shade = (y - horizon) * 30 // max(1, height - horizon)
            colour = tuple(max(0, c - shade) for c in palette.ground)
        rows.append(bytearray(bytes(colour) * width))

    cx, cy, radius = 40 + (seed * 61) % (width - 80), horizon // 3, 12 + seed % 10
    for y in range(max(0, cy - radius), min(height, cy + radius + 1)):
        half = isqrt(radius * radius - (y - cy) ** 2)
        x0, x1 = max(0, cx - half), min(width, cx + half + 1)
        rows[y][x0 * 3 : x1 * 3] = bytes(palette.sun) * (x1 - x0)

    for i in range(5 + seed % 4):
        w = 18 + (seed * 37 + i * 53) % 48
        h = 15 + (seed * 29 + i * 71) % max(1, horizon - 20)
        x = (seed * 13 + i * 97) % (width - w)
        base = min(height, horizon + 6 + (i * 11) % 20)
        shape = bytes(palette.shapes[(seed + i) % len(palette.shapes)])
        for y in range(max(0, base - h), base):
            rows[y][x * 3 : (x + w) * 3] = shape * w

    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter "none" on every row

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(raw, 9)),
            chunk(b"IEND", b""),
        ]
    )


def _pdf_text(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_document(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF: a title and lines of text, in the standard Helvetica fonts."""
    content = b"BT /F1 16 Tf 56 780 Td (" + _pdf_text(title) + b") Tj /F2 11 Tf 15 TL 0 -12 Td"
    for line in lines:
        content += b" T* (" + _pdf_text(line) + b") Tj"
    content += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Title (" + _pdf_text(title) + b") /Producer (Maillage) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
