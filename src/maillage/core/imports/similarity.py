"""How much two names resemble each other, for near-duplicates that no exact key finds
("Métropole Européenne Lille" and "Métropole européenne de Lille").

A token-sort ratio as rapidfuzz computes it (words sorted, then difflib's ratio of the two
strings, 0 to 1), on names reduced to their words: accents, case, punctuation, articles
and joining words set aside. rapidfuzz is not a dependency: difflib does this well for the
short names compared here, with a length bound that skips most pairs before comparing.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from maillage.core.text import normalize

_NOT_WORD = re.compile(r"[\W_]+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")
# Words that join a name, not part of what tells two names apart.
STOP_WORDS = frozenset(
    "a au aux d de del des du en et l la le les of the and for pour sur".split()  # noqa: SIM905  # read as a sentence
)


def words(text: str) -> list[str]:
    """The words of a name that tell it apart: "La Métropole de Lille (MEL)" → métropole,
    lille (without accents or case)."""
    plain = _NOT_WORD.sub(" ", normalize(_BRACKETS.sub(" ", text)))
    return [w for w in plain.split() if w not in STOP_WORDS]


def similarity(first: str, second: str, *, at_least: float = 0.0) -> float:
    """0 (nothing in common) to 1 (the same words in any order); 0 as soon as the lengths
    alone show the ratio cannot reach `at_least`."""
    a, b = " ".join(sorted(words(first))), " ".join(sorted(words(second)))
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < at_least:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()
