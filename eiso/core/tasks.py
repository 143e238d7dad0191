import datetime as dt

from celery import shared_task
from django.utils import timezone

from eiso.core.notifications import send_reminders as run_send_reminders

CATCH_UP_DAYS = 7


@shared_task(name="eiso.core.tasks.send_reminders")
def send_reminders() -> int:
    """Daily job (Celery beat); re-runs the last week so a missed day is caught up without duplicates."""
    today = timezone.localdate()
    return run_send_reminders(today=today, since=today - dt.timedelta(days=CATCH_UP_DAYS))
