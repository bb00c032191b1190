"""Production settings, health check and error pages."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from maillage.core.models import Job, JobState
from tests.factories import UserFactory


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "maillage.config.settings",
        "SECRET_KEY": "x" * 30 + "production-grade-secret-value-0123456789",
        "HTTPS": "true",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "maillage.example.org",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "maillage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_gone(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_an_unknown_page_answers_a_french_404(client):
    client.force_login(UserFactory())
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
def test_a_failing_job_is_marked_failed_with_a_message(officer):
    from maillage.core.jobs import start_job

    job = start_job(
        handler="maillage.core.crud.run_export",
        title="broken",
        params={"views": "maillage.projects.views.projects.ProjectViews", "format": "pdf"},
        user=officer,
    )
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.messages[-1]["level"] == "error"
    assert job.finished_at is not None


@pytest.mark.django_db
def test_a_job_handler_outside_maillage_is_refused(officer):
    from maillage.core.jobs import start_job

    with pytest.raises(ValueError, match="outside Maillage"):
        start_job(handler="os.system", title="x", params={}, user=officer)
    assert not Job.objects.exists()
