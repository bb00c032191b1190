"""Benchmark: importing organisations, then expenses, from CSV files.

Organisations: generates N of them (10,000 by default; valid SIRETs, phones, tags, some
rows duplicating records already in the database), then prints the time to read the
file, to build the preview (every cell checked, duplicates searched) and to commit it,
first through the engine, then through the pages (upload, columns, preview, confirm → job).

Expenses: a file of M expenses (99,999 by default: with its header, the 100,000 rows the
import accepts at most) of the finance app's import, on the
budget of bench/finance.py (a project, 24 lines in euros and dirhams, a grant paying half
of each line): read, preview (every cell, the project and line codes, every rule of
`ExpenseService`) and commit (numbered, with their funder splits and history), through
the engine, with one importer for the preview and its commit as the import job does.

    .venv/bin/python bench/imports.py [--db sqlite|postgres] [--rows 10000] [--existing 2000]
        [--expense-rows 99999]

On a throw-away test database (SQLite in memory, or test_maillage_bench_import on the
PostgreSQL server). Ends with {"bench": "import", "rows_per_s": …, "expenses": {…,
"rows_per_s": …}} (each engine's rows per second, reading + preview + commit; issue 16's
target: ≥ 1,000).
"""

from __future__ import annotations

import io
import random
import tempfile
import time
from pathlib import Path

from common import arguments, emit, setup_django


def generate_csv(
    rows: int, existing_names: list[str], seed: int = 7, label: str = "Organisation numéro"
) -> bytes:
    from maillage.demo.scale import siret

    rng = random.Random(seed)
    kinds = ["Association", "Mairie", "Université", "Entreprise", "Réseau"]
    cities = [("Lille", "59000"), ("Bordeaux", "33000"), ("Rennes", "35000"), ("Lyon", "69001")]
    lines = ["Nom;Sigle;Type;SIRET;Code postal;Ville;Pays;Courriel;Téléphone;Étiquettes"]
    for n in range(rows):
        if existing_names and n % 10 == 0:  # one row in ten is already known
            name = existing_names[(n // 10) % len(existing_names)].upper()
        else:
            name = f"{label} {n} de l'Été"
        city, postcode = rng.choice(cities)
        lines.append(
            ";".join(
                [
                    f'"{name}"',
                    f"ORG{n}",
                    rng.choice(kinds),
                    siret(rng),
                    postcode,
                    city,
                    "France",
                    f"contact{n}@exemple.fr",
                    f"03 20 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    "eau; santé" if n % 3 else "culture",
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def generate_expenses_csv(rows: int, project: str, lines: int, seed: int = 9) -> bytes:
    """Expenses as an accountant's export gives them: French dates and amounts, the
    currency left empty on most rows (the line's), a few payment methods by their label."""
    rng = random.Random(seed)
    methods = ["Virement", "Carte", "Chèque", "", "Espèces"]
    out = ["Code projet;Date;Ligne budgétaire;Fournisseur;Libellé;Montant;Devise;Mode de paiement"]
    for n in range(rows):
        amount = f"{rng.randint(10, 9999):,}".replace(",", " ") + f",{rng.randint(0, 99):02d}"
        out.append(
            ";".join(
                [
                    project,
                    f"{1 + n % 28:02d}/{1 + n % 12:02d}/2026",
                    f"L{n % lines:02d}",
                    f"Fournisseur {n % 500}",
                    f'"Facture {n} : fournitures de l\'été"',
                    amount,
                    "EUR" if n % 24 and n % 3 == 1 else "",
                    methods[n % len(methods)],
                ]
            )
        )
    return ("\n".join(out) + "\n").encode("utf-8")


def expenses_case(rows: int) -> dict:
    """The expense import through the engine: its own project, budget and grant."""
    from finance import LINES, build_budget
    from maillage.core.imports import build_preview, commit, read_table
    from maillage.core.imports.mapping import auto_mapping
    from maillage.core.imports.preview import sheet_headers
    from maillage.finance.imports_expenses import ExpenseImporter
    from maillage.finance.models import Expense, ExpenseCharge

    officer, project, _grant, _lines = build_budget()
    data = generate_expenses_csv(rows, project.code, LINES)
    print(f"expenses file: {rows} rows, {len(data) / 1e6:.1f} MB, project {project.code}")
    start = time.perf_counter()
    sheet = read_table(io.BytesIO(data))
    read_s = time.perf_counter() - start
    mapping = auto_mapping(sheet_headers(sheet, 0), ExpenseImporter)
    assert all(mapping), mapping
    start = time.perf_counter()
    importer = ExpenseImporter(user=officer)
    preview = build_preview(importer, sheet, mapping)
    preview_s = time.perf_counter() - start
    assert preview.is_clean, [str(i) for i in preview.issues()][:5]
    start = time.perf_counter()
    outcomes = commit(importer, preview)
    commit_s = time.perf_counter() - start
    created = sum(1 for o in outcomes if o.action == "created")
    charges = ExpenseCharge.objects.filter(expense__project=project).count()
    assert created == rows == Expense.objects.filter(project=project).count()
    engine_s = read_s + preview_s + commit_s
    print(f"{'expenses':<8} read {read_s:6.2f} s   preview {preview_s:6.2f} s   "
          f"commit {commit_s:6.2f} s   ({created} created, {charges} funder splits): "
          f"{rows / engine_s:,.0f} rows/s")  # fmt: skip
    return {
        "rows": rows,
        "created": created,
        "charges": charges,
        "read_s": round(read_s, 2),
        "preview_s": round(preview_s, 2),
        "commit_s": round(commit_s, 2),
        "rows_per_s": round(rows / engine_s),
    }


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--existing", type=int, default=2_000)
    # The largest file the import accepts: 100,000 rows, its header included.
    parser.add_argument("--expense-rows", type=int, default=99_999, help="0: not measured")
    args = parser.parse_args()
    setup_django(args.db, "import")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import get_resolver, reverse

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="maillage-bench-import-"))
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from maillage.accounts.models import Role, User
        from maillage.actors.imports import OrganisationImporter
        from maillage.actors.models import Organisation, OrganisationType
        from maillage.core.imports import build_preview, commit, read_table
        from maillage.core.imports.mapping import auto_mapping
        from maillage.core.imports.preview import sheet_headers
        from maillage.core.models import ImportSession, Job

        user = User.objects.create_user("bench", role=Role.OFFICER, language="en")
        Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Association existante {i}",
                    type=OrganisationType.ASSOCIATION,
                    search_text=f"association existante {i}",
                )
                for i in range(args.existing)
            ],
            batch_size=1000,
        )
        names = [f"Association existante {i}" for i in range(args.existing)]
        data = generate_csv(args.rows, names)
        print(f"database: {connection.vendor}; file: {args.rows} rows, {len(data) / 1e6:.1f} MB")
        print(f"existing organisations: {args.existing}")

        # Loaded once per process, as the server and the worker do at start-up
        # (config/wsgi.py): the preview links each duplicate to its record's page.
        start = time.perf_counter()
        get_resolver().url_patterns  # noqa: B018 (imports every app's views)
        print(f"start-up: URL configuration loaded in {time.perf_counter() - start:.2f} s "
              "(not counted)")  # fmt: skip
        start = time.perf_counter()
        sheet = read_table(io.BytesIO(data))
        read_s = time.perf_counter() - start
        mapping = auto_mapping(sheet_headers(sheet, 0), OrganisationImporter)
        start = time.perf_counter()
        # One importer for the preview and its commit, as the import job does.
        importer = OrganisationImporter(user=user)
        preview = build_preview(importer, sheet, mapping)
        preview_s = time.perf_counter() - start
        assert preview.is_clean, [str(i) for i in preview.issues()][:5]
        start = time.perf_counter()
        outcomes = commit(importer, preview)
        commit_s = time.perf_counter() - start
        created = sum(1 for o in outcomes if o.action == "created")
        print(f"{'engine':<8} read {read_s:6.2f} s   preview {preview_s:6.2f} s   "
              f"commit {commit_s:6.2f} s   ({created} created, "
              f"{len(preview.duplicates())} duplicates skipped)")  # fmt: skip

        # The same through the pages, on a second file of new names.
        client = Client()
        client.force_login(user)
        second = generate_csv(args.rows, [], seed=8, label="Structure nouvelle")
        upload = io.BytesIO(second)
        upload.name = "organisations.csv"
        start = time.perf_counter()
        response = client.post(reverse("actors:organisation_import"), {"file": upload})
        upload_s = time.perf_counter() - start
        assert response.status_code == 302, response.status_code
        session = ImportSession.objects.latest("pk")
        fields = {f"column-{i}": name for i, name in enumerate(session.mapping)}
        start = time.perf_counter()
        response = client.post(response["Location"], fields)
        preview_page_s = time.perf_counter() - start
        assert response.status_code == 302, response.content[:2000]
        start = time.perf_counter()
        client.get(response["Location"])
        show_s = time.perf_counter() - start
        start = time.perf_counter()
        client.post(response["Location"])
        confirm_s = time.perf_counter() - start
        job = Job.objects.latest("pk")
        print(f"{'pages':<8} upload {upload_s:6.2f} s   preview {preview_page_s:6.2f} s   "
              f"show {show_s:6.2f} s   confirm+job {confirm_s:6.2f} s   job: {job.state}, "
              f"{job.messages[-1]['text'] if job.messages else ''}")  # fmt: skip
        print(f"organisations now: {Organisation.objects.count()}")
        expenses = expenses_case(args.expense_rows) if args.expense_rows else None
        engine_s = read_s + preview_s + commit_s
        emit(
            "import",
            database=connection.vendor,
            rows=args.rows,
            existing=args.existing,
            duplicates=len(preview.duplicates()),
            created=created,
            read_s=round(read_s, 2),
            preview_s=round(preview_s, 2),
            commit_s=round(commit_s, 2),
            rows_per_s=round(args.rows / engine_s),
            pages_s=round(upload_s + preview_page_s + show_s + confirm_s, 2),
            pages_rows_per_s=round(args.rows / (upload_s + preview_page_s + show_s + confirm_s)),
            job=str(job.state),
            expenses=expenses,
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
