"""What internal audits add to "Việc của tôi": the coming audit sessions the person takes part in."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.audits.models import AuditSession
from eiso.core.choices import Role
from eiso.core.models import Person
from eiso.core.registry import InboxItem, InboxSource, register_inbox


def my_sessions(person: Person) -> QuerySet[AuditSession]:
    """Sessions from today on where the person audits, or whose division they head (the auditee)."""
    mine = Q(auditors=person)
    if person.division_id and person.has_role(Role.DIVISION_HEAD):
        mine |= Q(division_id=person.division_id)
    return (
        AuditSession.objects.filter(mine, audit__agency_id=person.agency_id, ends_at__gte=timezone.now())
        .select_related("audit", "division")
        .distinct()
        .order_by("starts_at")
    )


def _items(person: Person) -> Iterator[InboxItem]:
    as_auditor = AuditSession.auditors.through.objects.filter(auditsession_id=OuterRef("pk"), person=person)
    for session in my_sessions(person).annotate(as_auditor=Exists(as_auditor))[:20]:
        role = _("Đánh giá") if session.as_auditor else _("Được đánh giá")
        yield InboxItem(
            title=f"{session.audit.title} · {session.division.name}",
            url=reverse("audits:detail", args=[session.audit_id]),
            detail=timezone.localtime(session.starts_at).strftime("%H:%M %d/%m/%Y"),
            badge=role,
        )


register_inbox(
    InboxSource(
        key="audits-sessions",
        title=_("Buổi đánh giá nội bộ tôi tham gia"),
        items=_items,
        count=lambda person: my_sessions(person).count(),
        order=40,
        more_url_name="audits:list",
    )
)
