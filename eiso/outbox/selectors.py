"""What the ISO secretary sees of the agency's outgoing mail."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from eiso.core.models import Agency
from eiso.outbox.models import OutboxMessage


@dataclass(frozen=True)
class OutboxSummary:
    sent: int
    waiting: int
    failing: int


def outbox_messages(agency: Agency) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(agency=agency).defer("body", "html_body", "headers")


def outbox_summary(agency: Agency) -> OutboxSummary:
    counts = OutboxMessage.objects.filter(agency=agency).aggregate(
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        waiting=Count("pk", filter=Q(sent_at__isnull=True, attempts=0)),
        failing=Count("pk", filter=Q(sent_at__isnull=True, attempts__gt=0)),
    )
    return OutboxSummary(**counts)


def oldest_unsent_age_seconds() -> float | None:
    """For the health check: how long the oldest unsent message has waited."""
    oldest = OutboxMessage.objects.filter(sent_at__isnull=True).order_by("created_at").first()
    return None if oldest is None else (timezone.now() - oldest.created_at).total_seconds()
