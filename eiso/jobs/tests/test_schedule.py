"""Beat runs the reminders at a local time of day, and the daily job catches up the days it missed."""

from __future__ import annotations

import datetime as dt

import pytest
from celery.schedules import crontab
from django.utils import timezone

from eiso.celery import beat_schedule
from eiso.jobs.models import Heartbeat
from eiso.jobs.tasks import reminders_since, send_reminders


def test_reminders_run_at_the_configured_local_time_not_24_hours_after_beat_starts() -> None:
    schedule = beat_schedule(dt.time(7, 0))["daily-reminders"]["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.hour == {7} and schedule.minute == {0}
    assert schedule.tz is None or str(schedule.tz) == "Asia/Ho_Chi_Minh"


@pytest.mark.django_db
def test_the_daily_job_catches_up_every_day_since_its_last_run() -> None:
    today = dt.date(2017, 8, 7)
    assert reminders_since(today) == today - dt.timedelta(days=7), "a first run looks back a week"
    last = timezone.make_aware(dt.datetime(2017, 7, 20, 7, 0))
    Heartbeat.objects.create(name="daily-reminders", at=last)
    assert reminders_since(today) == dt.date(2017, 7, 20), "beat was down for 18 days"
    Heartbeat.objects.filter(name="daily-reminders").update(at=last - dt.timedelta(days=365))
    assert reminders_since(today) == today - dt.timedelta(days=60), "bounded"


@pytest.mark.django_db
def test_a_run_records_when_it_succeeded() -> None:
    send_reminders()
    beat = Heartbeat.objects.get(name="daily-reminders")
    assert timezone.now() - beat.at < dt.timedelta(minutes=1)
