"""Mail goes through the outbox: an SMTP outage delays it, never loses it, and nothing is sent twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from eiso.core.notifications import Reminder, deliver
from eiso.core.testing import Personas, client_for
from eiso.core.tests.servers import free_port
from eiso.outbox.models import OutboxMessage
from eiso.outbox.services import backoff, outbox_send_pending

SMTP_PORT = free_port()
OUTBOX = {
    "EMAIL_BACKEND": "eiso.outbox.backend.OutboxEmailBackend",
    "EISO_EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": SMTP_PORT,
    "EMAIL_USE_TLS": False,
    "EMAIL_TIMEOUT": 2,
}


class Sink:
    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope)
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[Sink]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


def remind(personas: Personas, key: str = "t:1") -> int:
    reminder = Reminder(personas.officer, key, "Hạn xử lý hồ sơ", "Còn 2 ngày.", url="/ho-so/1/")
    return deliver([reminder])


def make_due_now() -> None:
    """Time passes: the retry the backoff scheduled is now due."""
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))


@pytest.mark.django_db
@override_settings(**OUTBOX)
def test_mail_stored_while_smtp_is_down_is_sent_exactly_once_when_it_is_back(personas: Personas) -> None:
    assert remind(personas) == 1, "the reminder run does not abort"
    assert outbox_send_pending() == (0, 1)
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1 and "Error" in message.last_error
    assert message.next_attempt_at is not None and message.next_attempt_at > timezone.now()

    with smtp_server() as sink:
        assert outbox_send_pending() == (0, 0), "not retried before its backoff"
        make_due_now()
        assert outbox_send_pending() == (1, 0)
        make_due_now()
        assert outbox_send_pending() == (0, 0)
    assert len(sink.received) == 1
    body = sink.received[0].content.decode()
    assert "http://127.0.0.1:8000/ho-so/1/" in body, "the e-mail links to the record"
    assert OutboxMessage.objects.get().sent_at is not None


@pytest.mark.django_db
@override_settings(**OUTBOX)
def test_a_reminder_delivered_twice_stores_one_mail(personas: Personas) -> None:
    remind(personas, "same")
    remind(personas, "same")
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
@override_settings(**OUTBOX)
def test_every_mail_of_the_application_goes_through_the_outbox(personas: Personas) -> None:
    mail.send_mail("Chào", "Nội dung", "eiso@example.gov.vn", [personas.secretary.email])
    message = OutboxMessage.objects.get()
    assert message.to == [personas.secretary.email]
    assert message.agency == personas.agency, "kept with the recipient's agency for its secretary to see"


def test_backoff_grows_from_a_minute_to_a_day() -> None:
    waits = [backoff(n) for n in range(1, 12)]
    assert waits[0] == dt.timedelta(minutes=1)
    assert waits == sorted(waits)
    assert waits[-1] == dt.timedelta(days=1)


@pytest.mark.django_db
@override_settings(**OUTBOX)
def test_the_secretary_sees_failing_mail_and_can_send_it_again(personas: Personas) -> None:
    remind(personas)
    outbox_send_pending()
    client = client_for(personas.secretary)
    page = client.get(reverse("outbox:index")).content.decode()
    assert "Hạn xử lý hồ sơ" in page and "Lỗi sau 1 lần gửi" in page
    message = OutboxMessage.objects.get()
    with smtp_server() as sink:
        client.post(reverse("outbox:retry", args=[message.pk]))
        assert outbox_send_pending() == (1, 0)
    assert len(sink.received) == 1


@pytest.mark.django_db
def test_an_officer_cannot_read_the_outbox(personas: Personas) -> None:
    assert client_for(personas.officer).get(reverse("outbox:index")).status_code == 403
