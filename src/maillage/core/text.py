"""Text normalisation shared by search and duplicate detection; the length limits of free
text."""

import re
import unicodedata

# Every free-text column (a model's TextField) has a length limit, in characters, suited
# to its use: `max_length` (the form's textarea says it) and a `MaxLengthValidator` of the
# same length (the service refuses longer text on every door, naming the field). 6 MB of
# Markdown in one field update once took 36 s to save and made the project's updates
# take 75 s for everyone. tests/generic/test_text_limits.py fails on a TextField without.
SHORT_TEXT = 1_000  # an address, renewal terms
TEXT = 5_000  # a description, a commitment and its evidence, a risk's mitigation
LONG_TEXT = 20_000  # notes, an interaction's minutes, a field update, a project's summary


# The combining marks of Latin letters: what decomposing French, Spanish or Vietnamese
# text leaves beside its letters. Removed in one pass before the general check.
_LATIN_MARKS = re.compile("[\u0300-\u036f]+")


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "Région  Bretagne" → "region bretagne".

    Called for every record indexed (twice) and every row checked for duplicates: plain
    ASCII skips the decomposition, and the Latin marks go in one regular-expression pass,
    so that only other scripts are checked character by character (three times faster
    on French text than checking each character; the same result)."""
    text = text or ""
    if not text.isascii():
        text = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("\x00", "").split())
