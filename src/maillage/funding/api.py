"""The funding area's API resources, registered by config/api.py."""

from __future__ import annotations

from typing import Any

ROUTES: list[tuple[str, Any, str]] = []

# Calls, applications and grants (F2).
from maillage.funding.api_calls import ApplicationViewSet, CallViewSet  # noqa: E402
from maillage.funding.api_grants import GrantViewSet  # noqa: E402

ROUTES += [
    ("calls", CallViewSet, "call"),
    ("applications", ApplicationViewSet, "application"),
    ("grants", GrantViewSet, "grant"),
]
