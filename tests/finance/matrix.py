"""Rows of the permission matrix (tests/test_permission_matrix.py) for the finance app."""

from __future__ import annotations

from tests.permissions import Rule

RULES: list[Rule] = []
# basename: (URL segment, shared record, hidden record)
API_RESOURCES: dict[str, tuple[str, str, str]] = {}
