"""Starting and running background jobs, and recording heartbeats."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import traceback
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core.models import Agency
from eiso.jobs import registry
from eiso.jobs.models import Heartbeat, Job, JobStatus
from eiso.jobs.progress import JobContext

logger = logging.getLogger(__name__)


def job_start(
    *, agency: Agency, kind: str, created_by: Any = None, params: dict[str, Any] | None = None,
    input_file: File | None = None,
) -> Job:  # fmt: skip
    """Record a job and hand it to the runner once the transaction commits; the caller answers at once."""
    registry.function_for(kind)  # an unknown kind fails here, in the request, not later in the worker
    job = Job(agency=agency, kind=kind, created_by=created_by, params=params or {})
    if input_file is not None:
        job.input_file.save(input_file.name or "input", input_file, save=False)
    job.save()
    if settings.EISO_JOBS_MODE == "sync":
        return job_run(job_id=job.pk)
    transaction.on_commit(lambda: _dispatch(job.pk))
    return job


def _dispatch(job_id: int) -> None:
    mode = settings.EISO_JOBS_MODE
    if mode == "sync":
        job_run(job_id=job_id)
        return
    if mode == "celery":
        from eiso.jobs.tasks import run_job

        try:
            run_job.delay(job_id)
            return
        except Exception:  # broker down: run here rather than lose the job
            logger.warning("Broker unreachable; running job %s in this process", job_id, exc_info=True)
    threading.Thread(target=_run_in_thread, args=(job_id,), name=f"eiso-job-{job_id}", daemon=True).start()


def _run_in_thread(job_id: int) -> None:
    try:
        job_run(job_id=job_id)
    finally:
        close_old_connections()


def job_run(*, job_id: int) -> Job:
    """Run one queued job to its end; a job already taken by another runner is left alone."""
    taken = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), runner=runner_name()
    )
    job = Job.objects.get(pk=job_id)
    if not taken:
        return job
    context = JobContext(job)
    try:
        result = registry.function_for(job.kind)(context)
    except Exception as exc:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, JobStatus.FAILED, message=str(exc) or type(exc).__name__, result={"trace": _trace()})
    else:
        _finish(job, JobStatus.DONE, result=result)
    finally:
        context.close()
    job.refresh_from_db()
    return job


def runner_name() -> str:
    """host:pid of the process running a job, so that a job whose process died can be told apart."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _runner_alive(runner: str) -> bool | None:
    """Whether the runner process still exists; None when it ran on another host (cannot be told here)."""
    host, _sep, pid = runner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# A queued job not taken after this long was never handed to a runner (the process died in between).
DISPATCH_GRACE = dt.timedelta(seconds=30)


def job_settle(job: Job) -> Job:
    """Settle a job left behind by a runner that died: a running job whose process is gone fails with a
    message saying to start it again (its work was one transaction, so nothing of it was written); a queued
    job nobody took is handed to a runner again when jobs run in the web process (under Celery the broker
    holds a queued job until a worker is free: sending it again at every poll of its page would only fill
    the queue). Called when someone looks at the job."""
    if job.status == JobStatus.RUNNING and job.runner and _runner_alive(job.runner) is False:
        message = _(
            "Tiến trình chạy việc này đã dừng giữa chừng (máy chủ khởi động lại); "
            "không có dữ liệu nào được ghi. Hãy chạy lại việc."
        )
        Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, runner=job.runner).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), message=message
        )
        job.refresh_from_db()
    elif (
        job.status == JobStatus.QUEUED
        and settings.EISO_JOBS_MODE != "celery"
        and timezone.now() - job.created_at > DISPATCH_GRACE
    ):
        _dispatch(job.pk)
        job.refresh_from_db()
    return job


def _trace() -> str:
    return traceback.format_exc(limit=5)[-4000:]


def _finish(job: Job, status: str, *, message: str = "", result: dict[str, Any] | None = None) -> None:
    fields: dict[str, Any] = {"status": status, "finished_at": timezone.now(), "result": result or {}}
    if message:
        fields["message"] = message
    Job.objects.filter(pk=job.pk).update(**fields)


def heartbeat_record(*, name: str, detail: str = "") -> Heartbeat:
    beat, _ = Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now(), "detail": detail})
    return beat
