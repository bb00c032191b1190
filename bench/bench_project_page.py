"""Benchmark: one project's pages as its plan grows.

Prints, for each size (activities, each with five chained tasks and a milestone, plus
one risk and one field update per activity), the query count and the median time of
the overview, the Gantt chart, the calendar, the task board, the MS Project and XLSX
exports and the tasks API, on a throw-away database.

    .venv/bin/python bench/bench_project_page.py [--sizes 10,100,400] [--repeat 3]

DATABASE_URL picks the database server (SQLite in a temporary folder by default).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,100,400")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="maillage-bench-")
    os.environ.setdefault("VAR_DIR", tmp)
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop")
    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.config.settings_test"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from maillage.accounts.models import Role, User
        from maillage.projects.models import (
            Dependency,
            FieldUpdate,
            ItemKind,
            PlanItem,
            Project,
            Risk,
            RiskCategory,
        )

        user = User.objects.create_user("bench", role=Role.OFFICER)
        client = Client()
        client.force_login(user)
        project = Project.objects.create(code="BENCH", title="Projet de mesure", country="MA")
        start = datetime.date(2026, 1, 5)
        print(f"database: {connection.vendor}")
        print(f"{'activities':>10} {'items':>6} {'page':<22} {'queries':>7} {'median ms':>10}")
        made = 0
        for size in [int(s) for s in args.sizes.split(",")]:
            for a in range(made, size):
                day = start + datetime.timedelta(days=7 * a)
                activity = PlanItem.objects.create(
                    project=project, kind=ItemKind.ACTIVITY, title=f"Activité {a}",
                    start_on=day, end_on=day + datetime.timedelta(days=34),
                )  # fmt: skip
                tasks = PlanItem.objects.bulk_create(
                    [
                        PlanItem(
                            project=project,
                            kind=ItemKind.TASK,
                            parent=activity,
                            title=f"Tâche {a}.{t}",
                            position=t,
                            start_on=day + datetime.timedelta(days=7 * t),
                            end_on=day + datetime.timedelta(days=7 * t + 4),
                        )
                        for t in range(5)
                    ]
                )
                milestone = PlanItem.objects.create(
                    project=project, kind=ItemKind.MILESTONE, parent=activity,
                    title=f"Jalon {a}", start_on=day + datetime.timedelta(days=34),
                    end_on=day + datetime.timedelta(days=34),
                )  # fmt: skip
                chain = [*tasks, milestone]
                Dependency.objects.bulk_create(
                    [Dependency(predecessor=p, successor=s) for p, s in itertools.pairwise(chain)]
                )
                Risk.objects.create(
                    project=project, title=f"Risque {a}", category=RiskCategory.SECURITY,
                    review_on=day,
                )  # fmt: skip
                FieldUpdate.objects.create(project=project, occurred_on=day, title=f"Note {a}")
            made = size
            items = PlanItem.objects.filter(project=project).count()
            pages = {
                "overview": f"/projects/{project.pk}/",
                "gantt": f"/projects/{project.pk}/gantt/",
                "gantt (quarter)": f"/projects/{project.pk}/gantt/?scale=quarter",
                "calendar": f"/projects/{project.pk}/calendar/?month=2026-03",
                "board": f"/projects/{project.pk}/board/",
                "risks": f"/projects/{project.pk}/risks/",
                "updates": f"/projects/{project.pk}/updates/",
                "plan.xml": f"/projects/{project.pk}/plan.xml",
                "plan.xlsx": f"/projects/{project.pk}/plan.xlsx",
                "api tasks": f"/api/tasks?project={project.pk}",
            }
            for name, url in pages.items():
                times = []
                for _ in range(args.repeat):
                    with CaptureQueriesContext(connection) as ctx:
                        began = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - began) * 1000)
                    assert response.status_code == 200, (url, response.status_code)
                queries, median = len(ctx.captured_queries), statistics.median(times)
                print(f"{size:>10} {items:>6} {name:<22} {queries:>7} {median:>10.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
