"""Text normalisation shared by search and duplicate detection."""

import unicodedata


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "Région  Bretagne" → "region bretagne"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("\x00", "").split())
