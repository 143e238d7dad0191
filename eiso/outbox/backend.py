"""The e-mail backend of the application: it stores each message in the outbox instead of sending it.

Delivery happens after the surrounding transaction commits (and again on every run of the sender), so a
mail server that is down, slow or refusing never loses a message and never fails the request.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from eiso.outbox import services


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            services.outbox_store(
                subject=str(message.subject),
                body=str(message.body),
                html_body=_html_alternative(message),
                from_email=str(message.from_email),
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                headers=dict(message.extra_headers),
            )
        return len(email_messages)


def _html_alternative(message: Any) -> str:
    if isinstance(message, EmailMultiAlternatives):
        for content, mimetype in message.alternatives:
            if mimetype == "text/html":
                return str(content)
    return ""
