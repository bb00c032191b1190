"""Shared helpers for property-based tests of file formats: each reader must either read
a file or refuse it with its own clear error, and what Maillage writes it reads back.

A new format adds a few lines: a strategy for its content and a call to `reads_or_refuses`
or `roundtrips`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

# Cell text as people type it: accents, Arabic, emoji, quotes, separators, newlines,
# leading signs that spreadsheets treat as formulas. NUL and lone surrogates are left out:
# no spreadsheet format can carry them.
cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from(list(";,\t\"'=+-@\n")),
    max_size=40,
)
header_text = st.text(
    alphabet=st.characters(whitelist_categories=("L", "Nd")), min_size=1, max_size=12
)


def table(columns: int = 3, max_rows: int = 8) -> st.SearchStrategy[list[list[str]]]:
    return st.lists(
        st.lists(cell_text, min_size=columns, max_size=columns), min_size=1, max_size=max_rows
    )


def reads_or_refuses(read: Callable[[bytes], Any], data: bytes, refusal: type[Exception]) -> Any:
    """`read(data)` returns, or raises `refusal` with a message; anything else is a bug."""
    try:
        return read(data)
    except refusal as exc:
        assert str(exc).strip(), "a refusal must say what is wrong"
        return None


def roundtrips(
    write: Callable[[Sequence[str], Sequence[Sequence[Any]]], bytes],
    read: Callable[[bytes], Sequence[Sequence[Any]]],
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
) -> list[list[str]]:
    """Write a table, read it back, and return the cells as text."""
    data = write(headers, rows)
    return [["" if c is None else str(c) for c in row] for row in read(data)]


def as_file(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
