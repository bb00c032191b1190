"""The funding area's API resources, registered by config/api.py."""

from __future__ import annotations

from typing import Any

ROUTES: list[tuple[str, Any, str]] = []
