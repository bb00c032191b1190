"""A process killed with SIGKILL in the middle of an import leaves the database as it was.

Runs the real command in a child process against a database of its own (a SQLite file,
or a fresh PostgreSQL database when the suite runs on PostgreSQL), waits until the import
has written its first batch inside its transaction, kills it, and looks. The same with
the job worker: the job is not left "running" forever once a worker starts again.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from tests import dbtemplate

COUNT_SQL = (
    "SELECT (SELECT COUNT(*) FROM actors_organisation),"
    " (SELECT COUNT(*) FROM actors_historicalorganisation)"
)


@pytest.fixture
def installation(tmp_path):
    db = settings.DATABASES["default"]
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "maillage.config.settings",
        "VAR_DIR": str(tmp_path),
        "SECRET_KEY": "kill-test-secret-key-0123456789-abcdefghijklmnopqrstuv",
        "LOG_LEVEL": "ERROR",
    }
    # A migrated database: a copy of the suite's template (tests/dbtemplate.py).
    if db["ENGINE"].endswith("sqlite3"):
        path = tmp_path / "kill.sqlite3"
        dbtemplate.copy_sqlite(path)
        env["DATABASE_URL"] = f"sqlite:///{path}"

        def counts():
            with sqlite3.connect(path) as conn:
                return conn.execute(COUNT_SQL).fetchone()

        yield env, counts
        return
    import psycopg

    name = f"maillage_kill_{uuid.uuid4().hex[:10]}"
    params = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }
    dbtemplate.create_postgres_copy(db, name)
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}{password}@{params['host']}:{params['port']}/{name}"
    )

    def counts():
        with psycopg.connect(dbname=name, **params) as conn:
            return conn.execute(COUNT_SQL).fetchone()

    yield env, counts
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def maillage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "maillage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


@pytest.mark.django_db
def test_a_sigkill_mid_import_leaves_the_database_as_it_was(installation, tmp_path):
    env, counts = installation
    source = Path(tmp_path / "organisations.csv")
    lines = ["Nom;Type;Ville"] + [
        f"Association numéro {i};Association;Bordeaux" for i in range(1500)
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    child = subprocess.Popen(
        [sys.executable, "-m", "maillage", "import", "organisations", str(source)],
        env={**env, "MAILLAGE_TEST_PAUSE_IMPORT": "60"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in child.stderr:
            if "import paused inside its transaction" in line:
                break
        else:
            pytest.fail(f"the import never reached its pause (exit {child.wait()})")
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
    assert counts() == (0, 0)
    # The database is not left locked or damaged: the same import then goes through whole.
    finished = maillage(env, "import", "organisations", str(source))
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert counts() == (1500, 1500)


CONFIRM_IMPORT = """
from maillage.accounts.models import User
from maillage.core.imports.engine import get_importer
from maillage.core.imports.sessions import confirm_session, open_session, preview_session
user = User.objects.create_user("importer", role="officer")
with open({path!r}, "rb") as upload:
    session = open_session(
        importer=get_importer("organisations"), upload=upload, name="orgs.csv", user=user
    )
preview_session(session=session, mapping=session.mapping, user=user)
print(confirm_session(session=session, decisions={{}}, default="skip", user=user).pk)
"""

JOB_STATE = """
import json
from maillage.core.models import ImportSession, Job
job = Job.objects.get(pk={pk})
print(json.dumps([job.state, job.worker_pid, ImportSession.objects.get(job=job).state]))
"""

RETRY = """
from maillage.core.jobs import retry_job
from maillage.core.models import Job
job = Job.objects.get(pk={pk})
print(retry_job(job=job, by=job.created_by))
"""


def shell(env, code):
    done = maillage(env, "shell", "-c", code)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.django_db
def test_a_job_whose_worker_was_killed_fails_goes_back_to_preview_and_retries(
    installation, tmp_path
):
    env, counts = installation
    source = Path(tmp_path / "organisations.csv")
    lines = ["Nom;Type;Ville"] + [f"Association n° {i};Association;Lille" for i in range(1500)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pk = int(shell(env, CONFIRM_IMPORT.format(path=str(source))))

    worker = subprocess.Popen(
        [sys.executable, "-m", "maillage", "worker", "--no-reload", "--no-startup-delay"],
        env={**env, "MAILLAGE_TEST_PAUSE_IMPORT": "60"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in worker.stderr:
            if "import paused inside its transaction" in line:
                break
        else:
            pytest.fail(f"the import never reached its pause (exit {worker.wait()})")
        assert json.loads(shell(env, JOB_STATE.format(pk=pk))) == ["running", worker.pid, "queued"]
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
    assert counts() == (0, 0)

    # A worker starting again marks the job failed; its import is back in preview.
    again = maillage(env, "worker", "--batch", "--no-reload", "--no-startup-delay")
    assert again.returncode == 0, again.stdout + again.stderr
    assert json.loads(shell(env, JOB_STATE.format(pk=pk))) == ["failed", worker.pid, "previewed"]

    # Retried, the same job runs to its end.
    assert shell(env, RETRY.format(pk=pk)) == "True"
    finished = maillage(env, "worker", "--batch", "--no-reload", "--no-startup-delay")
    assert finished.returncode == 0, finished.stdout + finished.stderr
    state, pid, session = json.loads(shell(env, JOB_STATE.format(pk=pk)))
    assert (state, session) == ("succeeded", "done")
    assert pid not in (None, worker.pid)
    assert counts() == (1500, 1500)
