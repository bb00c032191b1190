"""Rows of the permission matrix (tests/test_permission_matrix.py) for the results app.

The logframe (levels, assumptions, indicators, periods, disaggregations): partners read
those of their projects and write none; common indicators are the network's (partners
find none).
"""

from __future__ import annotations

from typing import Any

from tests.permissions import HIDDEN, SHARED, WRITE_HIDDEN, Rule, crud, expect

# A row of a record: the parent must be visible (else 404) and writable (else 403).
CHILD_SHARED = expect(outsider=404, partner=403, viewer=403)
CHILD_POST_SHARED = expect(outsider=404, partner=403, viewer=403, officer=302, admin=302)


def _rows(route: str, parent: str, child: str) -> list[Rule]:
    return [
        Rule(f"results:{route}_add", CHILD_SHARED, (parent,)),
        Rule(f"results:{route}_update", CHILD_SHARED, (parent, child)),
        Rule(f"results:{route}_delete", CHILD_POST_SHARED, (parent, child), method="post"),
    ]


RULES: list[Rule] = [
    *crud("results", "result", "result_shared", "result_other"),
    *_rows("assumption", "result_shared", "assumption_shared"),
    Rule("results:assumption_add", WRITE_HIDDEN, ("result_other",)),
    Rule("results:project_logframe", SHARED, ("project_shared",)),
    Rule("results:project_logframe", HIDDEN, ("project_other",)),
    Rule("results:project_logframe_export", SHARED, ("project_shared", "format_xlsx")),
    Rule("results:project_logframe_export", HIDDEN, ("project_other", "format_ods")),
    *crud("results", "indicator", "indicator_shared", "indicator_other"),
    *_rows("period", "indicator_shared", "period_shared"),
    Rule("results:period_add", WRITE_HIDDEN, ("indicator_other",)),
    Rule(
        "results:period_generate",
        CHILD_POST_SHARED,
        ("indicator_shared",),
        method="post",
        data={"cadence": "year", "starts_on": "2025-01-01", "ends_on": "2026-12-31"},
    ),
    Rule(
        "results:period_generate",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("indicator_other",),
        method="post",
        data={"cadence": "year", "starts_on": "2025-01-01", "ends_on": "2026-12-31"},
    ),
    *crud("results", "commonindicator", None, "commonindicator"),
    *crud("results", "dimension", "dimension_shared", "dimension_other"),
    *_rows("dimensionvalue", "dimension_shared", "dimensionvalue_shared"),
]
# basename: (URL segment, shared record, hidden record)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "result": ("results", "result_shared", "result_other"),
    "indicator": ("indicators", "indicator_shared", "indicator_other"),
    "indicatorperiod": ("indicator-periods", "period_shared", "period_other"),
    "commonindicator": ("common-indicators", None, "commonindicator"),
    "dimension": ("dimensions", "dimension_shared", "dimension_other"),
}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    """A logframe on the shared project and one on the other: levels, an assumption, an
    indicator with a period; a disaggregation of each project; a common indicator."""
    from maillage.projects.models import Project
    from tests.results.factories import (
        AssumptionFactory,
        CommonIndicatorFactory,
        DimensionValueFactory,
        LogframePeriodFactory,
        ResultFactory,
        SexDimensionFactory,
    )

    shared = Project.objects.get(pk=world["project_shared"])
    other = Project.objects.get(pk=world["project_other"])
    result_shared = ResultFactory(project=shared)
    result_other = ResultFactory(project=other)
    period_shared = LogframePeriodFactory(indicator__result=result_shared)
    period_other = LogframePeriodFactory(indicator__result=result_other)
    dimension_shared = SexDimensionFactory(project=shared)
    return {
        "result_shared": result_shared.pk,
        "result_other": result_other.pk,
        "assumption_shared": AssumptionFactory(result=result_shared).pk,
        "indicator_shared": period_shared.indicator_id,
        "indicator_other": period_other.indicator_id,
        "period_shared": period_shared.pk,
        "period_other": period_other.pk,
        "commonindicator": CommonIndicatorFactory().pk,
        "dimension_shared": dimension_shared.pk,
        "dimension_other": SexDimensionFactory(project=other).pk,
        "dimensionvalue_shared": DimensionValueFactory(dimension=dimension_shared).pk,
        "format_xlsx": "xlsx",
        "format_ods": "ods",
    }


# Values, their workflow, the grid, the import and the dashboards (F2, F3).
from tests.results import matrix_values  # noqa: E402

RULES += matrix_values.RULES
_extend_logframe = extend_world


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    added = _extend_logframe(world)
    return {**added, **matrix_values.extend_world({**world, **added})}
