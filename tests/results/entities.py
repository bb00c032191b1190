"""The results app's lines for the generic suites (tests/generic/entities.py collects them)."""

from __future__ import annotations

from tests.generic.entities import Entity

ENTITIES: list[Entity] = []
