"""Daily reminder rule: audit sessions starting within 14 days, to their auditors ("session:{id}:due-14")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.audits.models import AuditSession
from eiso.core.models import Agency
from eiso.core.notifications import Reminder

NOTICE_DAYS = 14


def audit_session_reminders(*, agency: Agency, today: dt.date) -> Iterator[Reminder]:
    sessions = (
        AuditSession.objects.filter(
            audit__agency=agency,
            starts_at__date__gte=today,
            starts_at__date__lte=today + dt.timedelta(days=NOTICE_DAYS),
        )
        .select_related("audit", "division")
        .prefetch_related("auditors")
    )
    for session in sessions:
        starts = timezone.localtime(session.starts_at)
        for auditor in session.auditors.all():
            yield Reminder(
                recipient=auditor,
                key=f"session:{session.pk}:due-14",
                title=_("Lịch đánh giá nội bộ tại {division} lúc {time}").format(
                    division=session.division.name, time=starts.strftime("%H:%M %d/%m/%Y")
                ),
                body=session.audit.title,
                url=reverse("audits:detail", kwargs={"pk": session.audit_id}),
                due_on=starts.date(),
            )
