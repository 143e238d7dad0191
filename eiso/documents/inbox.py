"""What the documents module adds to "Việc của tôi": drafts to review, approve or issue; documents to read."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eiso.core.choices import QMS_MANAGERS
from eiso.core.models import Person
from eiso.core.registry import InboxItem, InboxSource, register_inbox
from eiso.documents import selectors
from eiso.documents.choices import VersionState
from eiso.documents.models import DocumentVersion
from eiso.documents.services import APPROVER_ROLES, ISSUER_ROLES, REVIEWER_ROLES


def _versions(person: Person) -> QuerySet[DocumentVersion]:
    return DocumentVersion.objects.filter(document__agency_id=person.agency_id).select_related("document")


def versions_to_review(person: Person) -> QuerySet[DocumentVersion]:
    """Drafts sent for review, not yet reviewed, that the person may review (heads: their division's)."""
    if not person.has_role(*REVIEWER_ROLES):
        return DocumentVersion.objects.none()
    waiting = _versions(person).filter(state=VersionState.IN_REVIEW, reviewed_by__isnull=True)
    if not person.has_role(*QMS_MANAGERS):
        waiting = waiting.filter(document__owner_division_id=person.division_id)
    return waiting.exclude(drafted_by=person).order_by("submitted_at", "pk")


def versions_to_approve(person: Person) -> QuerySet[DocumentVersion]:
    if not person.has_role(*APPROVER_ROLES):
        return DocumentVersion.objects.none()
    return (
        _versions(person)
        .filter(state=VersionState.IN_REVIEW, reviewed_by__isnull=False)
        .exclude(Q(drafted_by=person) | Q(reviewed_by=person))
        .order_by("reviewed_at", "pk")
    )


def versions_to_issue(person: Person) -> QuerySet[DocumentVersion]:
    if not person.has_role(*ISSUER_ROLES):
        return DocumentVersion.objects.none()
    return _versions(person).filter(state=VersionState.APPROVED).order_by("approved_at", "pk")


def _document_items(queryset: QuerySet[DocumentVersion], badge: object) -> Iterator[InboxItem]:
    for version in queryset[:20]:
        document = version.document
        yield InboxItem(
            title=f"{document.code} · {document.title}",
            url=reverse("documents:document_detail", args=[document.pk]),
            detail=str(_("Phiên bản {label}")).format(label=version.label),
            badge=badge,
        )


def _to_decide(person: Person) -> Iterator[InboxItem]:
    yield from _document_items(versions_to_review(person), _("Xem xét"))
    yield from _document_items(versions_to_approve(person), _("Phê duyệt"))
    yield from _document_items(versions_to_issue(person), _("Ban hành"))


def _to_decide_count(person: Person) -> int:
    return sum(
        q.count()
        for q in (versions_to_review(person), versions_to_approve(person), versions_to_issue(person))
    )


def _to_read(person: Person) -> Iterator[InboxItem]:
    for ack in selectors.reading_list(person=person)[:20]:
        version = ack.distribution.version
        yield InboxItem(
            title=f"{version.document.code} · {version.document.title}",
            url=reverse("documents:document_detail", args=[version.document_id]),
            detail=str(_("Gửi ngày {day}")).format(day=f"{ack.distribution.sent_at:%d/%m/%Y}"),
            action_url=reverse("documents:acknowledge", args=[ack.pk]),
            action_label=_("Xác nhận đã đọc"),
        )


register_inbox(
    InboxSource(
        key="documents-decide",
        title=_("Tài liệu chờ tôi xem xét, phê duyệt, ban hành"),
        items=_to_decide,
        count=_to_decide_count,
        order=10,
        more_url_name="documents:document_list",
    )
)
register_inbox(
    InboxSource(
        key="documents-read",
        title=_("Tài liệu tôi cần đọc"),
        items=_to_read,
        count=lambda person: selectors.reading_list(person=person).count(),
        order=20,
        more_url_name="documents:reading_list",
    )
)
