"""`core.text.normalize`: the words search and duplicate detection compare. Its fast
paths (ASCII as it is, Latin marks in one pass) must give what checking each character
gives, for every script."""

from __future__ import annotations

import unicodedata

import pytest

from maillage.core.search import words
from maillage.core.text import normalize


def reference(text: str | None) -> str:
    """The definition: decompose, drop every combining mark, case-fold, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("\x00", "").split())


SAMPLES = [
    "",
    None,
    "Région  Bretagne",
    "ÉCOLE Élémentaire de l'Œuvre",
    "Hà Nội, Việt Nam",  # marks above and below, stacked
    "مَرْحَبًا بِكُمْ",  # Arabic vowel marks (not Latin marks)
    "שָׁלוֹם",  # Hebrew points
    "ﬁn ½ ²",  # compatibility forms
    "İstanbul Straße",  # a capital whose case folding adds a mark
    "tab\tand\nnew line\x00null",
    "plain ascii, UPPER and lower",
    "a\u0301\u0327 combined by hand",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_normalize_gives_what_checking_each_character_gives(text):
    assert normalize(text) == reference(text)


def test_accents_and_case_do_not_count():
    assert normalize("Région  Bretagne") == "region bretagne"
    assert words("L'Économie-2024") == ["l", "economie", "2024"]
    assert normalize("Hà Nội") == "ha noi"
    # Other scripts keep their letters, only their marks go.
    assert normalize("مَرْحَبًا") == "مرحبا"
