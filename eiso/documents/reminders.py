"""Reminder rule of document control: periodic reviews and legal changes due in 30 and 7 days, then
weekly while overdue. Each reminder's key names the due date, so it is delivered once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from eiso.core.choices import Role
from eiso.core.models import Agency, Person
from eiso.core.notifications import Reminder
from eiso.documents.choices import DocumentType, VersionState
from eiso.documents.models import Document, LegalChangeFlag

AHEAD_DAYS = (30, 7)


def _when(due: dt.date, today: dt.date) -> str | None:
    """'due-30', 'due-7', 'overdue-N' (every 7 days after the due date), or None on other days."""
    days = (due - today).days
    if days in AHEAD_DAYS:
        return f"due-{days}"
    if days < 0 and -days % 7 == 0:
        return f"overdue-{-days // 7}"
    return None


def _recipients(agency: Agency, document: Document) -> list[Person]:
    people = Person.objects.filter(agency=agency, is_active=True).filter(
        Q(role_grants__role=Role.ISO_SECRETARY)
        | Q(role_grants__role=Role.DIVISION_HEAD, division_id=document.owner_division_id)
    )
    return list(people.distinct().order_by("pk"))


def document_reminders(*, agency: Agency, today: dt.date) -> Iterator[Reminder]:
    ahead = [today + dt.timedelta(days=d) for d in AHEAD_DAYS]
    documents = (
        Document.objects.filter(agency=agency, versions__state=VersionState.ISSUED)
        .exclude(doc_type=DocumentType.EXTERNAL)
        .filter(Q(next_review_on__in=ahead) | Q(next_review_on__lt=today))
        .order_by("pk")
    )
    for document in documents:
        when = _when(document.next_review_on, today) if document.next_review_on else None
        if when is None or document.next_review_on is None:
            continue
        title = _("Xem xét định kỳ tài liệu {code} (hạn {due})").format(
            code=document.code, due=document.next_review_on.strftime("%d/%m/%Y")
        )
        url = reverse("documents:document_detail", kwargs={"pk": document.pk})
        for person in _recipients(agency, document):
            yield Reminder(
                recipient=person,
                key=f"doc-review:{document.pk}:{document.next_review_on:%Y%m%d}:{when}",
                title=title,
                body=document.title,
                url=url,
                due_on=document.next_review_on,
            )
    flags = (
        LegalChangeFlag.objects.filter(document__agency=agency, resolved_on__isnull=True)
        .filter(Q(due_on__in=ahead) | Q(due_on__lt=today))
        .select_related("document", "amending")
        .order_by("pk")
    )
    for flag in flags:
        when = _when(flag.due_on, today)
        if when is None:
            continue
        for person in _recipients(agency, flag.document):
            yield Reminder(
                recipient=person,
                key=f"doc-legal:{flag.pk}:{when}",
                title=_("Cập nhật tài liệu {code} theo văn bản {amending} (hạn {due})").format(
                    code=flag.document.code, amending=flag.amending.code, due=flag.due_on.strftime("%d/%m/%Y")
                ),
                body=flag.document.title,
                url=reverse("documents:legal_changes"),
                due_on=flag.due_on,
            )
