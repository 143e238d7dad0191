"""The one notification mechanism: reminder rules yield Reminders, `deliver` stores and e-mails each once.

A reminder's `key` names the due event (e.g. "ca:17:due-3"): delivering the same key twice to the same
person does nothing, so the daily job is idempotent and can be re-run to catch up on missed days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from eiso.core import registry
from eiso.core.models import Agency, Notification, Person


@dataclass(frozen=True)
class Reminder:
    recipient: Person
    key: str
    title: str
    body: str = ""
    url: str = ""
    due_on: dt.date | None = None


def deliver(reminders: Iterable[Reminder]) -> int:
    """Store each new reminder as a Notification and e-mail it; returns how many were new."""
    created = 0
    for reminder in reminders:
        with transaction.atomic():
            notification = _store_once(reminder)
            if notification is None:
                continue
            created += 1
            if reminder.recipient.email:
                # The outbox backend keeps the mail with the notification; an SMTP outage only delays it.
                send_mail(
                    reminder.title,
                    _mail_body(reminder),
                    settings.DEFAULT_FROM_EMAIL,
                    [reminder.recipient.email],
                )
                Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return created


def _mail_body(reminder: Reminder) -> str:
    """The reminder's text and, when it concerns a record, the address of that record's page."""
    text = reminder.body or reminder.title
    if reminder.url:
        link = reminder.url if reminder.url.startswith("http") else settings.EISO_BASE_URL + reminder.url
        text = f"{text}\n\n{link}"
    return text


def _store_once(reminder: Reminder) -> Notification | None:
    try:
        with transaction.atomic():
            return Notification.objects.create(
                agency_id=reminder.recipient.agency_id,
                recipient=reminder.recipient,
                key=reminder.key,
                title=reminder.title,
                body=reminder.body,
                url=reminder.url,
                due_on=reminder.due_on,
            )
    except IntegrityError:
        return None


def send_reminders(*, today: dt.date, since: dt.date | None = None) -> int:
    """Run every registered rule for every agency for each day from `since` (catch-up) to `today`."""
    day = since or today
    total = 0
    while day <= today:
        for agency in Agency.objects.filter(is_supervisor=False):
            for rule in registry.reminder_rules():
                total += deliver(rule(agency=agency, today=day))
        day += dt.timedelta(days=1)
    return total


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
