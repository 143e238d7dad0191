"""9.3.2 b: changes in external and internal issues relevant to the QMS (the register of QMS changes)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.reviews.models import ManagementReview, QmsChange
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


class ChangesData(TypedDict):
    available: bool
    count: int
    items: list[ChangeItem]


def review_month_floor(review: ManagementReview) -> int:
    """Changes since the previous review's month (or January of last year when there is none)."""
    previous = (
        ManagementReview.objects.filter(agency=review.agency, year=review.year - 1).only("held_on").first()
    )
    return previous.held_on.month if previous and previous.held_on else 1


def _item(change: QmsChange) -> ChangeItem:
    updated = change.documents_updated_on
    return {
        "kind": change.kind,
        "title": change.title,
        "reference": change.reference,
        "effective_on": change.effective_on.isoformat(),
        "effect_on_documents": change.effect_on_documents,
        "documents_updated_on": iso(updated),
        "within_3_months": bool(updated and (updated - change.effective_on).days <= 92),
    }


def _line(item: ChangeItem) -> str:
    line = item["title"] + (f" ({item['reference']})" if item.get("reference") else "")
    line += _(", hiệu lực từ {date}").format(date=d(item["effective_on"]))
    if item.get("effect_on_documents"):
        line += _("; ảnh hưởng: {effect}").format(effect=item["effect_on_documents"])
    if item.get("documents_updated_on"):
        line += _("; đã cập nhật tài liệu ngày {date}").format(date=d(item["documents_updated_on"]))
    return line


class Changes(Section[ChangesData]):
    key = "changes"
    clause = "b"
    title = gettext_lazy("Các thay đổi liên quan đến HTQLCL")
    links = ("reviews:changes",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> ChangesData:
        since = dt.date(review.year - 1, review_month_floor(review), 1)
        rows: QuerySet[QmsChange] = QmsChange.objects.filter(
            agency=review.agency, effective_on__gte=since, effective_on__lte=as_of
        )
        items = [_item(c) for c in rows.order_by("effective_on", "id")[:200]]
        return {"available": True, "count": len(items), "items": items}

    def text(self, data: ChangesData) -> list[str]:
        if not data.get("items"):
            return [_("Không có thay đổi đáng kể trong kỳ.")]
        return [_line(item) for item in data["items"]]


SECTION = Changes()
