"""The query planner's statistics: without them a database guesses how many rows each
filter keeps, and at a million expenses a guess can be the wrong plan.

SQLite gathers none by itself. Without `sqlite_stat1` it took a filter on a budget line's
code as selective as one on an id, so it read every expense in date order testing each
one's line: 6.5 s for the count of `?line_code=` at national scale, 0.5 s once `ANALYZE`
had run (docs/performance.md). `gather` runs it with an analysis limit (each index is
sampled, not read whole: 6 s for a 4 GB national database), every night through the
scheduler (`core.scheduled`), and at the end of `maillage bench-data`.

PostgreSQL's autovacuum gathers its statistics and keeps its visibility map (which lets a
count read an index alone) in its own time; after a bulk load that time has not come, so
`bench-data` asks for both at once (`vacuum=True`). VACUUM cannot run inside a
transaction: there it is plain ANALYZE.
"""

from __future__ import annotations

from django.db import connection

# Rows of each index SQLite samples (its documented advice for large databases).
SQLITE_ANALYSIS_LIMIT = 1000


def gather(*, vacuum: bool = False) -> str:
    """Refresh the statistics of every table; the statement that did it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
            statement = "ANALYZE"
        elif connection.vendor == "postgresql" and vacuum and not connection.in_atomic_block:
            statement = "VACUUM (ANALYZE)"
        else:
            statement = "ANALYZE"
        cursor.execute(statement)
    return statement
