"""9.3.2 a: the status of actions from previous management reviews."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core import charts
from eiso.reviews.choices import ActionState
from eiso.reviews.models import ManagementReview, ReviewDecision
from eiso.reviews.sections.base import Section, iso


class ActionItem(TypedDict):
    year: int
    kind: str
    text: str
    owner: str
    deadline: str | None
    state: str
    result_note: str
    overdue: bool


class PreviousActionsData(TypedDict):
    available: bool
    total: int
    done: int
    open: int
    cancelled: int
    items: list[ActionItem]


def _item(decision: ReviewDecision, as_of: dt.date) -> ActionItem:
    return {
        "year": decision.review.year,
        "kind": decision.kind,
        "text": decision.text,
        "owner": str(decision.owner or decision.owner_division or ""),
        "deadline": iso(decision.deadline),
        "state": decision.state,
        "result_note": decision.result_note,
        "overdue": bool(
            decision.state == ActionState.OPEN and decision.deadline and decision.deadline < as_of
        ),
    }


def _states() -> dict[str, str]:
    return {"open": _("Đang thực hiện"), "done": _("Đã hoàn thành"), "cancelled": _("Đã hủy")}


class PreviousActions(Section[PreviousActionsData]):
    key = "previous_actions"
    clause = "a"
    title = gettext_lazy("Kết quả thực hiện từ cuộc họp xem xét lần trước")

    def compile(self, review: ManagementReview, as_of: dt.date) -> PreviousActionsData:
        """Decisions of earlier reviews: all still open, and those closed since last year's review."""
        rows = (
            ReviewDecision.objects.filter(review__agency=review.agency, review__year__lt=review.year)
            .filter(Q(state=ActionState.OPEN) | Q(review__year=review.year - 1))
            .select_related("review", "owner", "owner_division")
            .order_by("review__year", "id")
        )
        items = [_item(decision, as_of) for decision in rows[:200]]
        counts = rows.aggregate(
            done=Count("id", filter=Q(state=ActionState.DONE)),
            open=Count("id", filter=Q(state=ActionState.OPEN)),
            cancelled=Count("id", filter=Q(state=ActionState.CANCELLED)),
        )
        return {
            "available": True,
            "total": len(items),
            "done": counts["done"],
            "open": counts["open"],
            "cancelled": counts["cancelled"],
            "items": items,
        }

    def text(self, data: PreviousActionsData) -> list[str]:
        if not data.get("total"):
            return [_("Không có kết luận nào từ cuộc họp xem xét lần trước.")]
        lines = [
            _(
                "Tổng số {total} nội dung: {done} đã hoàn thành, {open} đang thực hiện, {cancelled} đã hủy."
            ).format(
                total=data["total"],
                done=data.get("done", 0),
                open=data.get("open", 0),
                cancelled=data.get("cancelled", 0),
            )
        ]
        states = _states()
        for item in data.get("items") or []:
            line = f"{item['text']} ({item['year']}): {states.get(item['state'], item['state'])}"
            lines.append(line + (f" — {item['result_note']}" if item.get("result_note") else ""))
        return lines

    def chart(self, data: PreviousActionsData, fmt: str = "svg") -> bytes | None:
        if not data.get("total"):
            return None
        return charts.donut_chart(
            {
                _("Đã hoàn thành"): data.get("done") or 0,
                _("Đang thực hiện"): data.get("open") or 0,
                _("Đã hủy"): data.get("cancelled") or 0,
            },
            title=_("Kết luận kỳ trước"),
            fmt=fmt,
        )


SECTION = PreviousActions()
