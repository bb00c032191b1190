"""SQLite's query plans, for the tests that prove a list reads its index (at a million
rows a plan that scans or sorts the table costs seconds: docs/performance.md)."""

from __future__ import annotations

from typing import Any

from django.db import connection


def plan(sql: str, params: Any = ()) -> str:
    """SQLite's plan of one statement, its steps joined by " | "."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


def queryset_plan(queryset: Any) -> str:
    """SQLite's plan of what a queryset would run."""
    return plan(*queryset.query.sql_with_params())
