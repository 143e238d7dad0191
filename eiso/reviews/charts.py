"""Charts of the review inputs, drawn from the frozen data (the same SVG on the page and in the documents)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from eiso.core import charts


def section_chart(key: str, data: dict[str, Any], fmt: str = "svg") -> bytes | None:
    """A chart for the sections a person would rather look at than read; None for the others."""
    if not data.get("available"):
        return None
    if key == "dossiers" and data.get("quarters"):
        quarters = data["quarters"]
        return charts.bar_chart(
            [q["label"] for q in quarters],
            {
                _("Sớm hạn"): [q.get("resolved_early") or 0 for q in quarters],
                _("Đúng hạn"): [q.get("resolved_on_time") or 0 for q in quarters],
                _("Quá hạn"): [q.get("resolved_late") or 0 for q in quarters],
            },
            title=_("Hồ sơ đã giải quyết theo quý"),
            stacked=True,
            fmt=fmt,
        )
    if key == "satisfaction" and data.get("responses"):
        satisfied = data.get("satisfied") or 0
        return charts.donut_chart(
            {_("Hài lòng"): satisfied, _("Chưa hài lòng"): (data.get("responses") or 0) - satisfied},
            title=_("Phiếu khảo sát"),
            fmt=fmt,
        )
    if key == "objectives" and data.get("items"):
        items = [i for i in data["items"] if isinstance(i.get("value"), int | float)]
        if items:
            return charts.bar_chart(
                [str(i + 1) for i in range(len(items))],
                {
                    _("Kết quả"): [i["value"] for i in items],
                    _("Chỉ tiêu"): [_num(i.get("target_value", i.get("target"))) for i in items],
                },
                title=_("Mục tiêu chất lượng: kết quả và chỉ tiêu"),
                fmt=fmt,
            )
    if key == "previous_actions" and data.get("total"):
        return charts.donut_chart(
            {
                _("Đã hoàn thành"): data.get("done") or 0,
                _("Đang thực hiện"): data.get("open") or 0,
                _("Đã hủy"): data.get("cancelled") or 0,
            },
            title=_("Kết luận kỳ trước"),
            fmt=fmt,
        )
    return None


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
