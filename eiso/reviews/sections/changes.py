"""9.3.2 b: changes in external and internal issues relevant to the QMS: one register (eiso.reviews.register)
of the recorded changes and of the legal amendments document control flagged."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.reviews.choices import ChangeKind
from eiso.reviews.models import ManagementReview, QmsChange
from eiso.reviews.register import UPDATE_WINDOW, legal_amendments
from eiso.reviews.sections.base import Section, d, iso

if TYPE_CHECKING:
    from django.db.models import QuerySet


class ChangeItem(TypedDict):
    kind: str
    title: str
    reference: str
    effective_on: str
    effect_on_documents: str
    documents_updated_on: str | None
    within_3_months: bool
    overdue: bool
    pending_documents: int


class ChangesData(TypedDict):
    available: bool
    count: int
    overdue: int
    items: list[ChangeItem]


def review_month_floor(review: ManagementReview) -> int:
    """Changes since the previous review's month (or January of last year when there is none)."""
    previous = (
        ManagementReview.objects.filter(agency=review.agency, year=review.year - 1).only("held_on").first()
    )
    return previous.held_on.month if previous and previous.held_on else 1


def _item(change: QmsChange, as_of: dt.date) -> ChangeItem:
    updated = (
        change.documents_updated_on
        if change.documents_updated_on and change.documents_updated_on <= as_of
        else None
    )
    late = change.kind in (ChangeKind.LAW, ChangeKind.SCOPE) and change.effective_on < as_of - UPDATE_WINDOW
    return {
        "kind": change.kind,
        "title": change.title,
        "reference": change.reference,
        "effective_on": change.effective_on.isoformat(),
        "effect_on_documents": change.effect_on_documents,
        "documents_updated_on": iso(updated),
        "within_3_months": bool(updated and (updated - change.effective_on) <= UPDATE_WINDOW),
        "overdue": bool(late and updated is None),
        "pending_documents": 0,
    }


def _amendment(row: dict[str, Any], as_of: dt.date) -> ChangeItem:
    effective = row["amending__legal_effective_from"]
    pending = row["pending"]
    updated = row["updated_on"] if not pending else None
    return {
        "kind": ChangeKind.LAW,
        "title": row["amending__title"],
        "reference": row["amending__code"],
        "effective_on": effective.isoformat(),
        "effect_on_documents": _("{count} tài liệu dựa trên văn bản được sửa đổi").format(
            count=row["documents"]
        ),
        "documents_updated_on": iso(updated),
        "within_3_months": bool(updated and (updated - effective) <= UPDATE_WINDOW),
        "overdue": bool(pending and row["due_on"] < as_of),
        "pending_documents": pending,
    }


def _line(item: ChangeItem) -> str:
    line = item["title"] + (f" ({item['reference']})" if item.get("reference") else "")
    line += _(", hiệu lực từ {date}").format(date=d(item["effective_on"]))
    if item.get("effect_on_documents"):
        line += _("; ảnh hưởng: {effect}").format(effect=item["effect_on_documents"])
    if item.get("documents_updated_on"):
        line += _("; đã cập nhật tài liệu ngày {date}").format(date=d(item["documents_updated_on"]))
    elif item.get("pending_documents"):
        line += _("; còn {count} tài liệu chưa cập nhật").format(count=item["pending_documents"])
    if item.get("overdue"):
        line += _(" (QUÁ HẠN cập nhật 3 tháng, QĐ 19/2014 Điều 4 khoản 4 điểm a)")
    return line


class Changes(Section[ChangesData]):
    key = "changes"
    clause = "b"
    title = gettext_lazy("Các thay đổi liên quan đến HTQLCL")
    links = ("reviews:changes",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> ChangesData:
        since = dt.date(review.year - 1, review_month_floor(review), 1)
        rows: QuerySet[QmsChange] = QmsChange.objects.filter(
            agency=review.agency, effective_on__lte=as_of
        ).filter(
            Q(effective_on__gte=since)
            | Q(documents_updated_on__isnull=True)
            | Q(documents_updated_on__gt=as_of)
        )
        items = [_item(c, as_of) for c in rows.order_by("effective_on", "id")[:200]]
        items += [
            _amendment(row, as_of) for row in legal_amendments(agency=review.agency, since=since, as_of=as_of)
        ]
        items.sort(key=lambda item: item["effective_on"])
        overdue = sum(1 for item in items if item["overdue"])
        return {"available": True, "count": len(items), "overdue": overdue, "items": items}

    def text(self, data: ChangesData) -> list[str]:
        if not data.get("items"):
            return [_("Sổ thay đổi HTQLCL không ghi nhận thay đổi nào trong kỳ.")]
        lines = [_line(item) for item in data["items"]]
        if data.get("overdue"):
            lines.append(
                _("{overdue}/{count} thay đổi quá hạn cập nhật vào HTQLCL.").format(
                    overdue=data["overdue"], count=data["count"]
                )
            )
        return lines

    def signals(self, data: ChangesData) -> list[str]:
        if not data.get("overdue"):
            return []
        return [_("{n} thay đổi quá hạn cập nhật vào HTQLCL (3 tháng)").format(n=data["overdue"])]


SECTION = Changes()
