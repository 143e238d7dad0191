"""9.3.2 c2: the extent to which quality objectives have been met (the year's set measured as of a date)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core import charts
from eiso.objectives.choices import Comparison, Status
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


def target_phrase(item: IndicatorSnapshot) -> str:
    """The target in words, as a state document writes it ("100%", "từ 90% trở lên", "không quá 5%"), never
    with a comparison sign."""
    written = str(item.get("target") or "")
    signs = {"≥": Comparison.GTE, "≤": Comparison.LTE, "=": Comparison.EQ}
    comparison = item.get("comparison") or signs.get(written[:1], Comparison.EQ)
    target = item.get("target_value")
    unit = item.get("unit") or ""
    if target is None:
        figure = written.lstrip("≥≤= ")
        full = figure == "100%"
    else:
        figure = f"{number(target)}{unit if unit == '%' else (' ' + unit if unit else '')}"
        full = unit == "%" and float(target) >= 100
    if comparison == Comparison.LTE:
        return _("không quá {figure}").format(figure=figure)
    if comparison == Comparison.GTE and not full:
        return _("từ {figure} trở lên").format(figure=figure)
    return figure


def _counted(item: IndicatorSnapshot) -> str:
    """What a satisfaction figure counts: the responses naming a dossier and the anonymous ones apart."""
    extra = item.get("extra") or {}
    if "anonymous_valid" not in extra:
        return ""
    return _("; gồm {si}/{vi} phiếu gắn mã hồ sơ và {sa}/{va} phiếu ẩn danh hài lòng").format(
        si=number(extra.get("identified_satisfied", 0)),
        vi=number(extra.get("identified_valid", 0)),
        sa=number(extra.get("anonymous_satisfied", 0)),
        va=number(extra.get("anonymous_valid", 0)),
    )


def _line(item: IndicatorSnapshot, statuses: dict[str, str]) -> str:
    value = item.get("value")
    result = f"{number(value)}{item.get('unit') or ''}" if value is not None else _("chưa có số liệu")
    if item.get("display"):
        result += f" ({item['display']}{_counted(item)})"
    status = statuses.get(item.get("status", ""), "")
    line = _("{name}: chỉ tiêu {target}, kết quả {result}").format(
        name=item.get("objective") or item.get("name"), target=target_phrase(item), result=result
    )
    return line + (_(", đánh giá: {status}").format(status=status.lower()) if status else "") + "."


def _short(name: str, width: int = 28) -> str:
    """An indicator's name as a chart label: its words up to `width` characters."""
    if len(name) <= width:
        return name
    return name[:width].rsplit(" ", 1)[0] + "…"


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

    def signals(self, data: ObjectivesData) -> list[str]:
        items = data.get("items") or []
        found = []
        not_met = sum(1 for i in items if i.get("status") == Status.NOT_MET)
        at_risk = sum(1 for i in items if i.get("status") == Status.AT_RISK)
        if not_met:
            found.append(_("{n} chỉ tiêu chưa đạt").format(n=not_met))
        if at_risk:
            found.append(_("{n} chỉ tiêu có nguy cơ không đạt").format(n=at_risk))
        return found

    def chart(self, data: ObjectivesData, fmt: str = "svg") -> bytes | None:
        measured = [(i, v) for i in data.get("items") or [] if isinstance(v := i.get("value"), int | float)]
        if not measured:
            return None
        return charts.bar_chart(
            [_short(str(i.get("name") or i.get("objective") or "")) for i, _value in measured],
            {
                _("Kết quả"): [value for _item, value in measured],
                _("Chỉ tiêu"): [_num(i.get("target_value", i.get("target"))) for i, _value in measured],
            },
            title=_("Mục tiêu chất lượng: kết quả và chỉ tiêu"),
            fmt=fmt,
        )


SECTION = Objectives()
