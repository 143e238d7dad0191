""" "Việc của tôi": one inbox gathering what each app says a person must do, and the notifications page.

Apps contribute through their own `inbox.py` (registering an `InboxSource`), found by Django's
`autodiscover_modules` when core is ready, so core never imports the apps above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Left, StrIndex
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from eiso.core import registry
from eiso.core.access import AgencyRequest, agency_required
from eiso.core.filters import NotificationFilter
from eiso.core.models import Notification, Person
from eiso.core.tables import NOTIFICATION_COLUMNS, NotificationTable, list_response

# Notification keys start with their kind ("action:17:due-3"); these name the kinds for the reader.
KIND_LABELS = {
    "action": gettext_lazy("Hành động khắc phục"),
    "finding": gettext_lazy("Phát hiện chưa có phiếu khắc phục"),
    "proposal": gettext_lazy("Đề xuất từ hồ sơ trễ hạn"),
    "session": gettext_lazy("Lịch đánh giá nội bộ"),
    "review": gettext_lazy("Xem xét của lãnh đạo"),
    "doc-review": gettext_lazy("Xem xét định kỳ tài liệu"),
    "doc-legal": gettext_lazy("Thay đổi văn bản pháp luật"),
    "dossier-due": gettext_lazy("Hồ sơ sắp đến hạn"),
}


@dataclass
class InboxBlock:
    source: registry.InboxSource
    items: list[registry.InboxItem]
    count: int
    more_url: str


def inbox_count(person: Person) -> int:
    """How many things wait for the person, over every source (the navigation badge)."""
    return sum(source.count(person) for source in registry.inbox_sources())


def inbox_blocks(person: Person) -> list[InboxBlock]:
    blocks = []
    for source in registry.inbox_sources():
        count = source.count(person)
        if not count:
            continue
        items = list(source.items(person))[: source.limit]
        blocks.append(InboxBlock(source, items, count, _reverse(source.more_url_name)))
    return blocks


def _reverse(name: str) -> str:
    if not name:
        return ""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def notifications_by_kind(*, person: Person) -> list[dict[str, Any]]:
    """Rows of (kind, total, unread) for the person's notifications, computed by the database."""
    rows = (
        Notification.objects.filter(recipient=person)
        .annotate(kind=Left(F("key"), StrIndex(F("key"), Value(":")) - 1))
        .values("kind")
        .annotate(total=Count("pk"), unread=Count("pk", filter=Q(read_at__isnull=True)))
        .order_by("-unread", "kind")
    )
    return [dict(row) for row in rows]


def notifications_mark_all_read(*, person: Person, kind: str = "") -> int:
    queryset = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if kind:
        queryset = queryset.filter(key__startswith=f"{kind}:")
    return queryset.update(read_at=timezone.now())


@agency_required
def inbox(request: AgencyRequest) -> HttpResponse:
    blocks = inbox_blocks(request.person)
    unread = Notification.objects.filter(recipient=request.person, read_at__isnull=True).count()
    return render(request, "core/inbox.html", {"blocks": blocks, "unread": unread})


@agency_required
def notification_list(request: AgencyRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kinds = [
        {**row, "label": KIND_LABELS.get(row["kind"], _("Khác")), "active": row["kind"] == kind}
        for row in notifications_by_kind(person=request.person)
    ]
    queryset = Notification.objects.filter(recipient=request.person).order_by("read_at", "-created_at", "-id")
    filters = NotificationFilter(request.GET or None, queryset, agency=request.agency)
    return list_response(
        request,
        table=NotificationTable(filters.qs, cell_context={"csrf_token": get_token(request)}),
        columns=NOTIFICATION_COLUMNS,
        filename="thong-bao",
        title=gettext_lazy("Thông báo"),
        template="core/notifications.html",
        context={"kinds": kinds, "kind": kind, "filter": filters},
    )


@agency_required
@require_POST
def notification_read_all(request: AgencyRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    done = notifications_mark_all_read(person=request.person, kind=kind)
    messages.success(request, _("Đã đánh dấu {count} thông báo là đã đọc.").format(count=done))
    return redirect(reverse("core:notifications") + (f"?kind={kind}" if kind else ""))


def nav_badge(request: HttpRequest) -> int:
    person = getattr(request, "person", None)
    return inbox_count(person) if person is not None else 0
