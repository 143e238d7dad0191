"""9.3.2 c2: the extent to which quality objectives have been met (the year's set measured as of a date)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core import charts
from eiso.objectives.choices import Status
from eiso.objectives.contracts import IndicatorSnapshot
from eiso.objectives.models import ObjectiveSet
from eiso.objectives.services import objectives_snapshot
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section, number


class ObjectivesData(TypedDict):
    available: bool
    items: list[IndicatorSnapshot]
    met: int
    total: int


def _statuses() -> dict[str, str]:
    return {"met": _("Đạt"), "not_met": _("Chưa đạt"), "at_risk": _("Có nguy cơ không đạt"), "no_data": ""}


def _line(item: IndicatorSnapshot, statuses: dict[str, str]) -> str:
    value = item.get("value")
    result = f"{number(value)}{item.get('unit') or ''}" if value is not None else _("chưa có số liệu")
    if item.get("display"):
        result += f" ({item['display']})"
    status = statuses.get(item.get("status", ""), "")
    line = _("{name}: chỉ tiêu {target}, kết quả {result}").format(
        name=item.get("objective") or item.get("name"), target=item.get("target"), result=result
    )
    return line + (f" — {status}" if status else "")


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


class Objectives(Section[ObjectivesData]):
    key = "objectives"
    clause = "c2"
    title = gettext_lazy("Mục tiêu chất lượng và kết quả thực hiện")
    links = ("objectives:index",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> ObjectivesData:
        """The year's set measured as of `as_of`, frozen as the objectives module's measurement snapshots."""
        objective_set = ObjectiveSet.objects.filter(agency=review.agency, year=review.year).first()
        if objective_set is None:
            return {"available": True, "items": [], "met": 0, "total": 0}
        items = objectives_snapshot(objective_set=objective_set, as_of=as_of)
        met = sum(1 for item in items if item.get("status") == Status.MET)
        return {"available": True, "items": items, "met": met, "total": len(items)}

    def text(self, data: ObjectivesData) -> list[str]:
        items = data.get("items") or []
        if not items:
            return [_("Chưa ban hành mục tiêu chất lượng cho năm.")]
        lines = [_("Đạt {met}/{total} chỉ tiêu.").format(met=data.get("met", 0), total=data.get("total", 0))]
        statuses = _statuses()
        return lines + [_line(item, statuses) for item in items]

    def chart(self, data: ObjectivesData, fmt: str = "svg") -> bytes | None:
        measured = [(i, v) for i in data.get("items") or [] if isinstance(v := i.get("value"), int | float)]
        if not measured:
            return None
        return charts.bar_chart(
            [str(n + 1) for n in range(len(measured))],
            {
                _("Kết quả"): [value for _item, value in measured],
                _("Chỉ tiêu"): [_num(i.get("target_value", i.get("target"))) for i, _value in measured],
            },
            title=_("Mục tiêu chất lượng: kết quả và chỉ tiêu"),
            fmt=fmt,
        )


SECTION = Objectives()
