"""Every `type: ignore` names what it silences and says why, so the next reader can tell a
library's blind spot from a bug hidden on purpose.

The reason sits beside it (`# type: ignore[attr-defined]  # simple-history adds .history`)
or on a comment line just above. mypy itself refuses an ignore without an error code in
the modules it checks (`ignore-without-code`); this test covers every module."""

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "maillage"
IGNORE = re.compile(r"#\s*type:\s*ignore\b(?P<codes>\[[^\]]*\])?(?P<rest>.*)$")
REASON_BESIDE = re.compile(r"^\s*#\s*\S")


def reasonless_ignores(text: str) -> list[tuple[int, str]]:
    """(line number, line) of each ignore without an error code or without a reason."""
    found = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        match = IGNORE.search(line)
        if match is None:
            continue
        if match["codes"] is None or match["codes"] == "[]":
            found.append((number, line.strip()))
            continue
        if REASON_BESIDE.match(match["rest"]):
            continue
        above = lines[number - 2].strip() if number > 1 else ""
        if above.startswith("#") and not IGNORE.search(above) and len(above.lstrip("# ")) > 0:
            continue
        found.append((number, line.strip()))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "x.history  # type: ignore[attr-defined]  # simple-history adds .history",
        "# simple-history adds .history\nx.history  # type: ignore[attr-defined]",
        "x = 1  # no ignore here",
    ],
)
def test_an_ignore_with_its_reason_passes(text):
    assert reasonless_ignores(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "x.history  # type: ignore[attr-defined]",
        "x.history  # type: ignore",
        "x.history  # type: ignore  # no code, so mypy silences everything",
        "x.history  # type: ignore[]  # empty code",
        "x.history  # type: ignore[attr-defined]  #",
        "y = 2\nx.history  # type: ignore[attr-defined]",
        "a  # type: ignore[misc]  # why\nb  # type: ignore[misc]",
    ],
)
def test_an_ignore_without_code_or_reason_is_found(text):
    assert len(reasonless_ignores(text)) == 1


def test_every_type_ignore_in_the_code_says_why():
    missing = [
        f"{path.relative_to(SRC.parent.parent)}:{number}: {line}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in reasonless_ignores(path.read_text(encoding="utf-8"))
    ]
    assert not missing, (
        "Say why beside each `type: ignore[code]` (`  # simple-history adds .history`) or "
        "on the comment line above:\n" + "\n".join(missing)
    )
