"""Benchmark: list pages and API endpoints as the data grows.

Prints, for each size, the query count and the median time of the project list page,
the organisation list page and their API endpoints, on a throw-away database.

    .venv/bin/python bench/bench_lists.py [--sizes 100,1000,10000] [--repeat 5]

DATABASE_URL picks the database server (SQLite in a temporary folder by default).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="maillage-bench-")
    os.environ.setdefault("VAR_DIR", tmp)
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop")
    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.config.settings_test"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from maillage.accounts.models import Role, User
        from maillage.actors.models import Organisation, OrganisationType
        from maillage.projects.models import PartnerRole, Project, ProjectPartner

        user = User.objects.create_user("bench", role=Role.OFFICER)
        client = Client()
        client.force_login(user)
        urls = ["/projects/", "/actors/organisations/", "/api/projects", "/api/organisations"]
        print(f"database: {connection.vendor}")
        print(f"{'rows':>7} {'url':<24} {'queries':>7} {'median ms':>10}")
        made = 0
        for size in [int(s) for s in args.sizes.split(",")]:
            orgs = [
                Organisation(
                    name=f"Organisation {i}",
                    type=OrganisationType.ASSOCIATION,
                    country="FR",
                    departement="33",
                    search_text=f"organisation {i}",
                )
                for i in range(made, size)
            ]
            Organisation.objects.bulk_create(orgs, batch_size=1000)
            projects = [
                Project(
                    code=f"B-{i:06d}", title=f"Projet {i}", country="MA", search_text=f"projet {i}"
                )
                for i in range(made, size)
            ]
            Project.objects.bulk_create(projects, batch_size=1000)
            ProjectPartner.objects.bulk_create(
                [
                    ProjectPartner(project=p, organisation=o, role=PartnerRole.PARTNER)
                    for p, o in zip(
                        Project.objects.filter(code__gte=f"B-{made:06d}").order_by("code"),
                        Organisation.objects.order_by("-pk")[: size - made],
                        strict=False,
                    )
                ],
                batch_size=1000,
            )
            made = size
            for url in urls:
                times = []
                for _ in range(args.repeat):
                    with CaptureQueriesContext(connection) as ctx:
                        start = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200, (url, response.status_code)
                queries, median = len(ctx.captured_queries), statistics.median(times)
                print(f"{size:>7} {url:<24} {queries:>7} {median:>10.1f}")
        call_command("check", verbosity=0)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
