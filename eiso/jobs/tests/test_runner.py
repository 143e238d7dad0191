"""A job's progress is seen while it runs, and a job whose runner died is settled, not left running."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import threading

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from eiso.core.testing import Personas, client_for, needs_postgresql
from eiso.jobs.models import Job, JobStatus
from eiso.jobs.progress import JobContext
from eiso.jobs.registry import register
from eiso.jobs.services import job_run, job_settle

requires_postgresql = needs_postgresql("a second connection reads the job while its COPY runs")


def _seen_from_another_connection(job_id: int) -> int:
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT done FROM jobs_job WHERE id = %s", [job_id])
            return int(cursor.fetchone()[0])
    finally:
        other.close()


@register("tests.copy_with_progress")
def _copy_with_progress(context: JobContext) -> dict[str, object]:
    """As the dossier import does: one transaction, rows streamed by COPY, progress reported meanwhile."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE job_rows (n integer) ON COMMIT DROP")
        with cursor.cursor.copy("COPY job_rows (n) FROM STDIN") as copy:
            for n in range(1, 11):
                copy.write_row((n,))
                if n == 5:
                    context.progress(5, 10)
                    seen = _seen_from_another_connection(context.job.pk)
    return {"seen": seen}


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_progress_reported_inside_a_copy_is_seen_at_once_and_does_not_wait_for_the_copy(
    personas: Personas,
) -> None:
    job = Job.objects.create(agency=personas.agency, kind="tests.copy_with_progress")
    finished: list[Job] = []
    runner = threading.Thread(target=lambda: finished.append(job_run(job_id=job.pk)), daemon=True)
    runner.start()
    runner.join(60)
    assert not runner.is_alive(), "the progress write waited for the COPY of its own connection"
    assert finished[0].status == JobStatus.DONE and finished[0].result == {"seen": 5}


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])  # noqa: S607
    process.wait()
    return process.pid


@pytest.mark.django_db
def test_a_job_whose_process_died_fails_with_a_message_when_looked_at(personas: Personas) -> None:
    host = socket.gethostname()
    dead = Job.objects.create(
        agency=personas.agency,
        kind="dossiers.import",
        status=JobStatus.RUNNING,
        runner=f"{host}:{_dead_pid()}",
    )
    elsewhere = Job.objects.create(
        agency=personas.agency, kind="dossiers.import", status=JobStatus.RUNNING, runner="another-host:1"
    )
    page = client_for(personas.secretary).get(reverse("jobs:detail", args=[dead.pk]))
    assert 'data-status="failed"' in page.content.decode() and "Hãy chạy lại việc" in page.content.decode()
    assert job_settle(elsewhere).status == JobStatus.RUNNING  # another host's process cannot be judged here


@register("tests.quick")
def _quick(context: JobContext) -> dict[str, object]:
    return {"ran": True}


@pytest.mark.django_db
def test_a_queued_job_nobody_took_is_handed_to_a_runner_again(personas: Personas) -> None:
    fresh = Job.objects.create(agency=personas.agency, kind="tests.quick")
    stranded = Job.objects.create(agency=personas.agency, kind="tests.quick")
    Job.objects.filter(pk=stranded.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert job_settle(fresh).status == JobStatus.QUEUED  # still within the time its dispatch may take
    settled = job_settle(Job.objects.get(pk=stranded.pk))
    assert settled.status == JobStatus.DONE and settled.result == {"ran": True}


@pytest.mark.django_db
def test_under_celery_a_queued_job_waits_for_the_broker_and_is_not_sent_again_at_each_look(
    personas: Personas, settings: object
) -> None:
    settings.EISO_JOBS_MODE = "celery"  # type: ignore[attr-defined]
    waiting = Job.objects.create(agency=personas.agency, kind="tests.quick")
    Job.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert job_settle(Job.objects.get(pk=waiting.pk)).status == JobStatus.QUEUED
