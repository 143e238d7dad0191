import datetime as dt

from celery import shared_task
from django.utils import timezone

import eiso.celery  # noqa: F401 - the application these shared_tasks bind to (not imported by `eiso`)
from eiso.core.notifications import send_reminders as run_send_reminders
from eiso.jobs.models import Heartbeat
from eiso.jobs.services import heartbeat_record, job_run

CATCH_UP_DAYS = 7
CATCH_UP_LIMIT_DAYS = 60
REMINDERS = "daily-reminders"


@shared_task(name="eiso.jobs.tasks.run_job")
def run_job(job_id: int) -> str:
    return job_run(job_id=job_id).status


@shared_task(name="eiso.core.tasks.heartbeat")
def heartbeat() -> None:
    """Beat calls this every minute; /healthz reports how long ago the worker last did."""
    heartbeat_record(name="worker")


def reminders_since(today: dt.date) -> dt.date:
    """From the last successful run (every day it missed), at least the last week, at most 60 days."""
    last = Heartbeat.objects.filter(name=REMINDERS).values_list("at", flat=True).first()
    since = today - dt.timedelta(days=CATCH_UP_DAYS)
    if last is not None:
        since = min(since, timezone.localdate(last))
    return max(since, today - dt.timedelta(days=CATCH_UP_LIMIT_DAYS))


@shared_task(name="eiso.core.tasks.send_reminders")
def send_reminders() -> int:
    """The daily job at EISO_REMINDERS_AT; it is idempotent, so catching up re-runs days safely."""
    today = timezone.localdate()
    created = run_send_reminders(today=today, since=reminders_since(today))
    heartbeat_record(name=REMINDERS, detail=f"{created}")
    return created
