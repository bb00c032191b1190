"""A job whose process died is marked failed (not "running 29 %" forever), its import
goes back to the preview, and whoever started it may run it again."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from maillage.accounts.models import Role
from maillage.actors.models import Organisation
from maillage.core import jobs
from maillage.core.imports.sessions import JOB_HANDLER
from maillage.core.jobs import may_retry, process_namespace, recover_dead_jobs, this_process
from maillage.core.models import ImportSession, ImportState, Job, JobState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROWS = 12
CSV = "Nom;Type;Ville\n" + "".join(f"Association {i};Association;Lille\n" for i in range(ROWS))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def owner(db):
    return UserFactory(username="importer", role=Role.OFFICER, language="en")


@pytest.fixture
def dead_pid():
    """The number of a process that has ended (and been waited for)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def running_job(owner, **process):
    """A job a worker claimed, running on this host, with its process as given."""
    fields = {**this_process(), **process}
    return Job.objects.create(
        handler="maillage.core.crud.run_export",
        title="Export of organisations (CSV)",
        params={},
        created_by=owner,
        state=JobState.RUNNING,
        started_at=timezone.now(),
        progress_done=29,
        progress_total=100,
        **fields,
    )


def confirmed_import(client, owner):
    """An import of organisations confirmed through the pages, whose job was claimed by a
    worker (not run yet): the state a SIGKILL of the worker leaves it in."""
    client.force_login(owner)
    upload = io.BytesIO(CSV.encode())
    upload.name = "organisations.csv"
    response = client.post(reverse("actors:organisation_import"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:3000]
    session = ImportSession.objects.latest("pk")
    mapping = {f"column-{i}": name for i, name in enumerate(session.mapping)}
    url = reverse("actors:organisation_import_mapping", args=[session.pk])
    assert client.post(url, mapping).status_code == 302
    session.refresh_from_db()
    assert session.state == ImportState.PREVIEWED
    job = Job.objects.create(
        handler=JOB_HANDLER,
        title="Import of organisations from organisations.csv",
        params={"session": session.pk},
        created_by=owner,
    )
    ImportSession.objects.filter(pk=session.pk).update(state=ImportState.QUEUED, job=job)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, **this_process())
    return session, job


# -- telling a dead process from a live one ---------------------------------------------------


def test_a_running_job_whose_process_died_is_marked_failed(owner, dead_pid):
    job = running_job(owner, worker_pid=dead_pid)
    assert recover_dead_jobs() == [job.pk]
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.finished_at is not None
    assert job.messages[-1]["level"] == "error"
    assert "the process running it died" in job.messages[-1]["text"]
    assert may_retry(job)  # an export may run again


def test_a_job_of_a_live_process_is_left_alone(owner):
    job = running_job(owner)  # this very process
    assert recover_dead_jobs() == []
    job.refresh_from_db()
    assert job.state == JobState.RUNNING
    assert not may_retry(job)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="start times come from /proc")
def test_a_job_whose_process_number_went_to_another_process_is_marked_failed(owner):
    started = this_process()["worker_started_at"]
    job = running_job(owner, worker_started_at=started - dt.timedelta(hours=3))
    assert recover_dead_jobs() == [job.pk]


def test_a_job_run_on_another_host_is_left_alone(owner, dead_pid):
    job = running_job(owner, worker_pid=dead_pid, worker_host="elsewhere pid:[4026531836]")
    assert process_namespace() != job.worker_host
    assert recover_dead_jobs() == []
    job.refresh_from_db()
    assert job.state == JobState.RUNNING


def test_a_running_job_from_before_processes_were_recorded_is_marked_failed(owner):
    job = running_job(owner, worker_pid=None, worker_host="", worker_started_at=None)
    assert recover_dead_jobs() == [job.pk]


def test_a_finished_or_queued_job_is_never_touched(owner, dead_pid):
    done = running_job(owner, worker_pid=dead_pid)
    Job.objects.filter(pk=done.pk).update(state=JobState.SUCCEEDED)
    queued = Job.objects.create(handler=JOB_HANDLER, title="x", created_by=owner)
    assert recover_dead_jobs() == []
    assert Job.objects.get(pk=done.pk).state == JobState.SUCCEEDED
    assert Job.objects.get(pk=queued.pk).state == JobState.QUEUED


def test_the_worker_command_recovers_before_it_runs_jobs(owner, dead_pid, settings, monkeypatch):
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    seen = []
    monkeypatch.setattr(
        db_worker.Command,
        "handle",
        lambda self, *args, **options: seen.append(Job.objects.get().state),
    )
    running_job(owner, worker_pid=dead_pid)
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", stderr=io.StringIO())
    assert seen == [JobState.FAILED]


# -- the page of a job ------------------------------------------------------------------------


def test_the_page_of_a_job_whose_process_died_says_it_failed_and_offers_a_retry(
    client, owner, dead_pid
):
    job = running_job(owner, worker_pid=dead_pid)
    client.force_login(owner)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Failed" in page
    assert reverse("core:job_retry", args=[job.pk]) in page
    assert 'hx-get="' not in page.split('id="job-progress"')[1].split(">")[0]  # no more polling


def test_the_page_of_a_running_job_offers_no_retry(client, owner):
    job = running_job(owner)
    client.force_login(owner)
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("core:job_retry", args=[job.pk]) not in page


def test_a_failed_job_without_a_way_to_run_again_offers_no_retry(client, owner, dead_pid):
    job = running_job(owner, worker_pid=dead_pid)
    Job.objects.filter(pk=job.pk).update(handler="maillage.core.imports.sessions.summary")
    recover_dead_jobs()
    client.force_login(owner)
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("core:job_retry", args=[job.pk]) not in page
    response = client.post(reverse("core:job_retry", args=[job.pk]))
    assert response.status_code == 302
    assert Job.objects.get(pk=job.pk).state == JobState.FAILED


# -- an import whose worker died ----------------------------------------------------------------


def test_an_import_whose_process_died_goes_back_to_its_preview(client, owner, monkeypatch):
    session, job = confirmed_import(client, owner)
    monkeypatch.setattr(jobs, "process_is_alive", lambda pid, started_at: False)
    assert recover_dead_jobs() == [job.pk]
    session.refresh_from_db()
    assert session.state == ImportState.PREVIEWED
    assert Organisation.objects.count() == 0
    assert may_retry(Job.objects.get(pk=job.pk))


def test_a_retry_runs_the_import_to_its_end(client, owner, monkeypatch):
    session, job = confirmed_import(client, owner)
    monkeypatch.setattr(jobs, "process_is_alive", lambda pid, started_at: False)
    recover_dead_jobs()
    monkeypatch.undo()
    response = client.post(reverse("core:job_retry", args=[job.pk]))
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    session.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.messages
    assert job.worker_pid is not None
    assert session.state == ImportState.DONE
    assert Organisation.objects.count() == ROWS
    assert "Started again by" in " ".join(m["text"] for m in job.messages)
    # Once done, it is not offered again, and a second retry changes nothing.
    assert not may_retry(job)
    client.post(reverse("core:job_retry", args=[job.pk]))
    assert Organisation.objects.count() == ROWS


def test_an_import_back_in_preview_can_be_confirmed_again_from_the_preview(
    client, owner, monkeypatch
):
    session, job = confirmed_import(client, owner)
    monkeypatch.setattr(jobs, "process_is_alive", lambda pid, started_at: False)
    recover_dead_jobs()
    monkeypatch.undo()
    url = reverse("actors:organisation_import_preview", args=[session.pk])
    response = client.post(url, {"default_decision": "skip"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.state == ImportState.DONE
    assert session.job_id != job.pk
    assert Organisation.objects.count() == ROWS
    # The dead job's retry would import the file twice: it is not offered any more.
    assert not may_retry(Job.objects.get(pk=job.pk))
    client.post(reverse("core:job_retry", args=[job.pk]))
    assert Organisation.objects.count() == ROWS


def test_another_user_cannot_retry_a_job_an_administrator_can(client, owner, monkeypatch):
    _session, job = confirmed_import(client, owner)
    monkeypatch.setattr(jobs, "process_is_alive", lambda pid, started_at: False)
    recover_dead_jobs()
    monkeypatch.undo()
    url = reverse("core:job_retry", args=[job.pk])
    for role in (Role.OFFICER, Role.VIEWER, Role.PARTNER):
        client.force_login(UserFactory(role=role))
        assert client.post(url).status_code == 404
        assert Job.objects.get(pk=job.pk).state == JobState.FAILED
    client.force_login(UserFactory(role=Role.ADMIN))
    assert client.get(url).status_code == 405  # POST only
    assert client.post(url).status_code == 302
    assert Job.objects.get(pk=job.pk).state == JobState.SUCCEEDED
    # Written as the one who started it, whoever pressed the button.
    assert Organisation.history.filter(history_user=owner).count() == ROWS
