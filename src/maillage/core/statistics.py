"""The query planner's statistics: without them a database guesses how many rows each
filter keeps, and at a million expenses a guess can be the wrong plan.

SQLite gathers none by itself. Without `sqlite_stat1` it took a filter on a budget line's
code as selective as one on an id, so it read every expense in date order testing each
one's line: 6.5 s for the count of `?line_code=` at national scale, 0.5 s once `ANALYZE`
had run (docs/performance.md). `gather` runs it every night through the scheduler
(`core.scheduled`), and at the end of `maillage bench-data`. It reads each index whole:
with an analysis limit SQLite reads only the first rows of each index and takes them
for all, and the first plan items are the three 1,000-item plans, so it counted 1,000
items a project (there are 10) and sorted every task rather than walk the projects in
order (tasks by project, small scale: 53 ms of SQL against 2 ms; 1.1 s for the whole
small database against 0.4 s).

PostgreSQL's autovacuum gathers its statistics and keeps its visibility map (which lets a
count read an index alone) in its own time; after a bulk load that time has not come, so
`bench-data` asks for both at once (`vacuum=True`). VACUUM cannot run inside a
transaction: there it is plain ANALYZE.
"""

from __future__ import annotations

from django.db import connection

# Every row of each index (see above); SQLite's documented advice for large databases,
# 1,000, reads only the head of each.
SQLITE_ANALYSIS_LIMIT = 0


def gather(*, vacuum: bool = False) -> str:
    """Refresh the statistics of every table; the statement that did it. On PostgreSQL the
    search index's GIN indexes by kind follow the kinds' sizes first
    (`core.search_indexing.kind_indexes`): their statistics are then gathered too."""
    from maillage.core.search_indexing import kind_indexes

    kind_indexes()
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
