"""Celery application: Redis in production, eager (in-process) in the embedded default.

Beat's schedule lives here, not in settings, so that the web processes never import Celery's scheduler:
the daily reminders at a local time of day (EISO_REMINDERS_AT; the job catches up the days since its last
run), the outbox sender every two minutes, and the worker's heartbeat every minute (read by /healthz).
"""

import datetime as dt
import os
from datetime import timedelta

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eiso.settings")

app = Celery("eiso")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def beat_schedule(reminders_at: dt.time) -> dict[str, dict[str, object]]:
    return {
        "daily-reminders": {
            "task": "eiso.core.tasks.send_reminders",
            "schedule": crontab(hour=reminders_at.hour, minute=reminders_at.minute),
        },
        "send-outbox": {"task": "eiso.outbox.tasks.send_outbox", "schedule": timedelta(minutes=2)},
        "worker-heartbeat": {"task": "eiso.core.tasks.heartbeat", "schedule": timedelta(minutes=1)},
    }


@app.on_after_configure.connect
def _schedule(sender: Celery, **kwargs: object) -> None:
    from django.conf import settings

    sender.conf.beat_schedule = beat_schedule(settings.EISO_REMINDERS_AT)
