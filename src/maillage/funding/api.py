"""The funding area's API resources, registered by config/api.py."""

from __future__ import annotations

from typing import Any

from maillage.funding.api_instruments import DonorViewSet, InstrumentViewSet
from maillage.funding.api_plans import FinancingPlanViewSet

ROUTES: list[tuple[str, Any, str]] = [
    ("donors", DonorViewSet, "donor"),
    ("instruments", InstrumentViewSet, "instrument"),
    ("financing-plans", FinancingPlanViewSet, "financingplan"),
]

# Calls, applications and grants (F2).
from maillage.funding.api_calls import ApplicationViewSet, CallViewSet  # noqa: E402
from maillage.funding.api_grants import GrantViewSet  # noqa: E402

ROUTES += [
    ("calls", CallViewSet, "call"),
    ("applications", ApplicationViewSet, "application"),
    ("grants", GrantViewSet, "grant"),
]
