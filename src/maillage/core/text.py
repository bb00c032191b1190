"""Text normalisation shared by search and duplicate detection; the length limits of free
text."""

import unicodedata

# Every free-text column (a model's TextField) has a length limit, in characters, suited
# to its use: `max_length` (the form's textarea says it) and a `MaxLengthValidator` of the
# same length (the service refuses longer text on every door, naming the field). 6 MB of
# Markdown in one field update once took 36 s to save and made the project's updates
# take 75 s for everyone. tests/generic/test_text_limits.py fails on a TextField without.
SHORT_TEXT = 1_000  # an address, renewal terms
TEXT = 5_000  # a description, a commitment and its evidence, a risk's mitigation
LONG_TEXT = 20_000  # notes, an interaction's minutes, a field update, a project's summary


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "Région  Bretagne" → "region bretagne"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("\x00", "").split())
