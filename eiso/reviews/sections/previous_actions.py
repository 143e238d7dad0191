"""9.3.2 a: the status of actions from previous management reviews, each as it stood on the as-of date (a
decision closed later was still open then) and overdue when open past its deadline."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core import charts
from eiso.reviews.choices import ActionState
from eiso.reviews.models import ManagementReview, ReviewDecision
from eiso.reviews.sections.base import Section, d, iso


class ActionItem(TypedDict):
    review_id: int
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
    overdue: int
    cancelled: int
    items: list[ActionItem]


def state_on(decision: ReviewDecision, as_of: dt.date) -> str:
    """Done or cancelled only from the day it was closed; open before."""
    if decision.state != ActionState.OPEN and decision.closed_on and decision.closed_on <= as_of:
        return str(decision.state)
    return ActionState.OPEN.value


def _item(decision: ReviewDecision, as_of: dt.date) -> ActionItem:
    state = state_on(decision, as_of)
    return {
        "review_id": decision.review_id,
        "year": decision.review.year,
        "kind": decision.kind,
        "text": decision.text,
        "owner": str(decision.owner or decision.owner_division or ""),
        "deadline": iso(decision.deadline),
        "state": state,
        "result_note": decision.result_note if state != ActionState.OPEN else "",
        "overdue": bool(state == ActionState.OPEN and decision.deadline and decision.deadline < as_of),
    }


def _states() -> dict[str, str]:
    return {"open": _("Đang thực hiện"), "done": _("Đã hoàn thành"), "cancelled": _("Đã hủy")}


class PreviousActions(Section[PreviousActionsData]):
    key = "previous_actions"
    clause = "a"
    title = gettext_lazy("Kết quả thực hiện từ cuộc họp xem xét lần trước")

    def compile(self, review: ManagementReview, as_of: dt.date) -> PreviousActionsData:
        """Decisions of earlier reviews: last year's, and older ones still open on `as_of` or closed since
        the start of the year."""
        since = dt.date(review.year, 1, 1)
        rows = (
            ReviewDecision.objects.filter(review__agency=review.agency, review__year__lt=review.year)
            .filter(
                Q(review__year=review.year - 1)
                | Q(state=ActionState.OPEN)
                | Q(closed_on__isnull=True)
                | Q(closed_on__gte=since)
            )
            .select_related("review", "owner", "owner_division")
            .order_by("review__year", "id")
        )
        items = [_item(decision, as_of) for decision in rows]
        count = {state: sum(1 for i in items if i["state"] == state) for state in ActionState.values}
        return {
            "available": True,
            "total": len(items),
            "done": count[ActionState.DONE],
            "open": count[ActionState.OPEN],
            "overdue": sum(1 for i in items if i["overdue"]),
            "cancelled": count[ActionState.CANCELLED],
            "items": items,
        }

    def text(self, data: PreviousActionsData) -> list[str]:
        if not data.get("total"):
            return [_("Không có kết luận nào từ cuộc họp xem xét lần trước.")]
        lines = [
            _(
                "Tổng số {total} nội dung: {done} đã hoàn thành, {open} đang thực hiện (quá hạn {overdue}), "
                "{cancelled} đã hủy."
            ).format(
                total=data["total"],
                done=data.get("done", 0),
                open=data.get("open", 0),
                overdue=data.get("overdue", sum(1 for i in data.get("items") or [] if i.get("overdue"))),
                cancelled=data.get("cancelled", 0),
            )
        ]
        states = _states()
        for item in data.get("items") or []:
            line = f"{item['text']} ({item['year']}): {states.get(item['state'], item['state'])}"
            if item.get("overdue"):
                line += _(", quá hạn (hạn {date})").format(date=d(item["deadline"]))
            note = item.get("result_note", "").strip().rstrip(".")
            lines.append(line + "." + (f" {note}." if note else ""))
        return lines

    def signals(self, data: PreviousActionsData) -> list[str]:
        overdue = sum(1 for i in data.get("items") or [] if i.get("overdue"))
        return [_("{n} kết luận kỳ trước quá hạn chưa hoàn thành").format(n=overdue)] if overdue else []

    def drilldown(self, data: PreviousActionsData) -> list[tuple[str, str]]:
        reviews = sorted({(i["year"], i["review_id"]) for i in data.get("items") or [] if i.get("review_id")})
        return [
            (_("Cuộc họp năm {year}").format(year=year), reverse("reviews:detail", kwargs={"pk": pk}))
            for year, pk in reviews
        ]

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
