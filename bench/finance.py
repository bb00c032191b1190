"""Benchmark: the budget-vs-actual page ("Suivi budgétaire") at 100,000 expenses.

On its own database (var/bench/finance.sqlite3, or maillage_bench_finance on PostgreSQL;
made again on each run): a project with a budget in euros of 24 lines (euros and
dirhams), a year of daily dirham rates, a grant, and validated expenses written in bulk
(each with its funder splits) — first 1,000, then up to 100,000 — spread over the lines,
both currencies and every day of a year. At each size, every grouping of the page (line,
category, funder, year) is requested as an officer through Django's test client: server
time (p50/p95/max) and SQL queries. The query count must not change with the number of
expenses (issue 13, must-show 5); the test
tests/finance/test_followup.py::test_page_queries_do_not_grow_with_expenses asserts it.

    .venv/bin/python bench/finance.py [--db sqlite|postgres] [--expenses 100000]
        [--repeat 5]
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from decimal import Decimal
from pathlib import Path

from common import BENCH_DIR, arguments, emit, environment, percentile, setup_django, timed

SCALE = "finance"
GROUPINGS = ("line", "category", "funder", "period")
START = dt.date(2026, 1, 1)
DAYS = 365
LINES = 24
BATCH = 5000


def prepare(db: str) -> None:
    from data import drop_database, migrate

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    drop_database(db, SCALE)
    env = environment(db, SCALE, "maillage.config.settings")
    migrate(str(Path(sys.executable).parent / "maillage"), env)


def build_budget() -> tuple:
    """The project, its budget lines, a grant paying half of each, the dirham's rates."""
    from tests.funding.factories_calls import GrantFactory
    from tests.partnerships.factories import AgreementFactory

    from maillage.accounts.models import Role, User
    from maillage.finance.models import (
        Budget,
        BudgetLine,
        BudgetLineFunding,
        BudgetVersion,
        ExchangeRate,
    )
    from maillage.projects.models import Project

    officer = User.objects.create_user("bench-finance", role=Role.OFFICER, password="x")  # noqa: S106
    project = Project.objects.create(
        code="BENCH-FIN",
        title="Projet du banc d'essai financier",
        country="MA",
        currency="EUR",
        start_on=START,
        end_on=START + dt.timedelta(days=2 * DAYS),
    )
    grant = GrantFactory(
        application__project=project,
        agreement=AgreementFactory(projects=[project]),
        amount=Decimal("5000000"),
        start_on=START,
        end_on=START + dt.timedelta(days=2 * DAYS),
    )
    budget = Budget.objects.create(project=project, currency="EUR")
    version = BudgetVersion.objects.create(
        budget=budget, number=1, kind="initial", status="adopted", adopted_on=START
    )
    categories = ["staff", "travel", "equipment", "services", "training", "communication"]
    lines = []
    for n in range(LINES):
        currency = "MAD" if n % 3 == 0 else "EUR"
        amount = Decimal("2000000") if currency == "MAD" else Decimal("200000")
        line = BudgetLine.objects.create(
            budget_version=version,
            code=f"L{n:02d}",
            label=f"Ligne {n}",
            category=categories[n % len(categories)],
            quantity=Decimal(1),
            unit_cost=amount,
            amount=amount,
            currency=currency,
            year=START.year,
        )
        BudgetLineFunding.objects.create(
            line=line,
            donor=grant.application.call.instrument.donor,
            grant=grant,
            amount=amount / 2,
        )
        lines.append(line)
    ExchangeRate.objects.bulk_create(
        ExchangeRate(
            on=START - dt.timedelta(days=7) + dt.timedelta(days=d),
            currency="MAD",
            rate=Decimal("10.8") + Decimal(d % 30) / 100,
            source="bam",
        )
        for d in range(DAYS + 7)
    )
    return officer, project, grant, lines


def add_expenses(project, grant, lines, start: int, stop: int) -> None:
    """Expenses number `start` to `stop`, validated, each with two funder splits."""
    from django.utils import timezone

    from maillage.finance.models import Expense, ExpenseCharge

    now = timezone.now()
    donor = grant.application.call.instrument.donor
    for first in range(start, stop, BATCH):
        batch = []
        for n in range(first, min(first + BATCH, stop)):
            line = lines[n % len(lines)]
            currency = "MAD" if n % 4 == 0 else "EUR"
            batch.append(
                Expense(
                    project=project,
                    reference=f"BENCH-{n:07d}",
                    spent_on=START + dt.timedelta(days=n % DAYS),
                    payee_name="Fournisseur",
                    description="Dépense du banc d'essai",
                    amount=Decimal(100 + n % 900) + Decimal("0.45"),
                    currency=currency,
                    budget_line=line,
                    status="validated",
                    validated_at=now,
                )
            )
        created = Expense.objects.bulk_create(batch)
        charges = []
        for expense in created:
            half = (expense.amount / 2).quantize(Decimal("0.01"))
            charges.append(ExpenseCharge(expense=expense, donor=donor, grant=grant, amount=half))
            charges.append(ExpenseCharge(expense=expense, amount=expense.amount - half))
        ExpenseCharge.objects.bulk_create(charges)


def measure(client, project, repeat: int) -> dict:
    from django.urls import reverse
    from tests.querycount import count_queries

    results = {}
    for by in GROUPINGS:
        url = reverse("finance:project_followup", args=[project.pk]) + f"?by={by}"
        queries, _sql, response = count_queries(lambda url=url: client.get(url))
        assert response.status_code == 200, (url, response.status_code)
        times = timed(lambda url=url: client.get(url), repeat)
        results[by] = {
            "p50_ms": round(percentile(times, 50), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "max_ms": round(max(times), 1),
            "queries": queries,
        }
    return results


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--expenses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    prepare(args.db)
    setup_django(args.db, SCALE)
    from django.test import Client

    officer, project, grant, lines = build_budget()
    client = Client()
    client.force_login(officer)
    sizes = sorted({min(1000, args.expenses), args.expenses})
    done = 0
    by_size = {}
    for size in sizes:
        started = time.perf_counter()
        add_expenses(project, grant, lines, done, size)
        print(f"{size:,} expenses written in {time.perf_counter() - started:.1f} s", flush=True)
        done = size
        by_size[size] = measure(client, project, args.repeat)
        for by, figures in by_size[size].items():
            print(
                f"  budget vs actual by {by:<8} p50 {figures['p50_ms']:8.1f} ms  "
                f"p95 {figures['p95_ms']:8.1f} ms  {figures['queries']} queries",
                flush=True,
            )
    first, last = by_size[sizes[0]], by_size[sizes[-1]]
    constant = all(first[by]["queries"] == last[by]["queries"] for by in GROUPINGS)
    print(f"query count independent of the number of expenses: {constant}", flush=True)
    emit(
        "finance",
        database=args.db,
        expenses=args.expenses,
        pages={str(size): figures for size, figures in by_size.items()},
        queries_constant=constant,
    )
    if not constant:
        sys.exit(1)


if __name__ == "__main__":
    main()
