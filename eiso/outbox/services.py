"""Storing and delivering outgoing mail: each message is sent once, failures are retried with backoff."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from eiso.core.models import Person
from eiso.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 300
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360, 720, 1440)


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the n-th failed attempt: 1 min, 5 min, … up to a day."""
    return dt.timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


def outbox_store(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html_body: str = "",
    cc: list[str] | None = None,
    bcc: list[str] | None = None,
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> OutboxMessage:
    """Keep one message to send; delivery is attempted once the current transaction commits."""
    recipient = Person.objects.filter(email__in=to).only("agency_id").first()
    message = OutboxMessage.objects.create(
        agency_id=recipient.agency_id if recipient else None,
        subject=subject[:998],
        body=body,
        html_body=html_body,
        from_email=from_email,
        to=to,
        cc=cc or [],
        bcc=bcc or [],
        reply_to=reply_to or [],
        headers=headers or {},
    )
    transaction.on_commit(_request_delivery)
    return message


def _request_delivery() -> None:
    """Ask the worker to send now; if the broker is down the next scheduled run sends it."""
    from eiso.outbox.tasks import send_outbox

    try:
        send_outbox.delay()
    except Exception:  # broker unreachable, or the eager run failed: the message stays pending
        logger.warning(
            "Could not trigger outbox delivery now; the scheduled sender will retry", exc_info=True
        )


def pending(now: dt.datetime) -> Q:
    return Q(sent_at__isnull=True) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def _claim(message_id: int, now: dt.datetime) -> bool:
    """Take one message for this sender; a concurrent sender skips it (no message goes out twice)."""
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    claimed = OutboxMessage.objects.filter(pending(now) & free, pk=message_id).update(
        claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS)
    )
    return claimed == 1


def _email(message: OutboxMessage, connection: object) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.headers,
        connection=connection,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    return email


def outbox_send_pending(*, limit: int = 500) -> tuple[int, int]:
    """Send the messages that are due; returns (sent, failed). Safe to run from several processes."""
    now = timezone.now()
    ids = list(OutboxMessage.objects.filter(pending(now)).order_by("pk").values_list("pk", flat=True)[:limit])
    sent = failed = 0
    connection = get_connection(settings.EISO_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    for message_id in ids:
        if not _claim(message_id, now):
            continue
        message = OutboxMessage.objects.get(pk=message_id)
        try:
            _email(message, connection).send()
        except Exception as exc:  # SMTP refused, timed out, or unreachable: keep it and retry later
            failed += 1
            _record_failure(message, exc)
        else:
            sent += 1
            OutboxMessage.objects.filter(pk=message.pk).update(
                sent_at=timezone.now(), attempts=message.attempts + 1, claimed_until=None, last_error=""
            )
    return sent, failed


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    attempts = message.attempts + 1
    logger.warning("Mail %s not sent (attempt %s): %s", message.pk, attempts, exc)
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=attempts,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
        next_attempt_at=timezone.now() + backoff(attempts),
        claimed_until=None,
    )


def outbox_retry_now(*, message: OutboxMessage) -> None:
    """The secretary's "send again now": the next sender run takes it without waiting for the backoff."""
    if message.sent_at is None:
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=None)
        transaction.on_commit(_request_delivery)
