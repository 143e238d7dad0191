"""9.3.2 c3/c5: process performance and conformity of services — the dossiers resolved (Biểu II.06a), by
quarter, with the late ones and their causes."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core import charts
from eiso.dossiers.contracts import DossierStats
from eiso.dossiers.models import Dossier
from eiso.dossiers.selectors import dossier_stats, late_dossiers
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section, pct, year_start


class Quarter(TypedDict):
    label: str
    received_total: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int


class LateDossier(TypedDict):
    code: str
    procedure: str
    cause: str


class DossiersData(DossierStats):
    available: bool
    quarters: list[Quarter]
    late: list[LateDossier]


QUARTERS = ("Quý I", "Quý II", "Quý III", "Quý IV")
"""Frozen as the state documents write them, whatever the language of the person collecting the inputs."""


def quarters(review: ManagementReview, as_of: dt.date) -> list[Quarter]:
    """The year's quarters started by `as_of`, the last one cut at `as_of`."""
    result: list[Quarter] = []
    for q in range(4):
        q_from = dt.date(review.year, 3 * q + 1, 1)
        if q_from > as_of:
            break
        q_end = dt.date(review.year, 3 * q + 4, 1) if q < 3 else dt.date(review.year + 1, 1, 1)
        q_to = min(as_of, q_end - dt.timedelta(days=1))
        figures = dossier_stats(agency=review.agency, date_from=q_from, date_to=q_to)
        result.append(
            {
                "label": QUARTERS[q],
                "received_total": figures["received_total"],
                "resolved_early": figures["resolved_early"],
                "resolved_on_time": figures["resolved_on_time"],
                "resolved_late": figures["resolved_late"],
            }
        )
    return result


def _late(dossier: Dossier) -> LateDossier:
    return {"code": str(dossier.code), "procedure": str(dossier.procedure), "cause": dossier.extension_reason}


class Dossiers(Section[DossiersData]):
    key = "dossiers"
    clause = "c3/c5"
    title = gettext_lazy("Kết quả giải quyết thủ tục hành chính")
    links = ("dossiers:list",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> DossiersData:
        start = year_start(review)
        stats = dossier_stats(agency=review.agency, date_from=start, date_to=as_of)
        late = late_dossiers(agency=review.agency, date_from=start, date_to=as_of)[:50]
        return {
            "available": True,
            **cast(DossierStats, stats),
            "quarters": quarters(review, as_of),
            "late": [_late(dossier) for dossier in late],
        }

    def text(self, data: DossiersData) -> list[str]:
        g = data.get
        lines = [
            _(
                "Tiếp nhận {total} hồ sơ (trực tuyến {online}, trực tiếp {direct}, "
                "kỳ trước chuyển sang {carried})."
            ).format(
                total=g("received_total", 0),
                online=g("received_online", 0),
                direct=g("received_direct", 0),
                carried=g("carried_over", 0),
            ),
            _(
                "Đã giải quyết {total} hồ sơ: sớm hạn {early}, đúng hạn {on_time}, quá hạn {late}; "
                "tỷ lệ đúng hạn {rate}."
            ).format(
                total=g("resolved_total", 0),
                early=g("resolved_early", 0),
                on_time=g("resolved_on_time", 0),
                late=g("resolved_late", 0),
                rate=pct(g("on_time_rate"), fraction=True),
            ),
            _("Đang giải quyết {total} hồ sơ (trong hạn {in_time}, quá hạn {overdue}).").format(
                total=g("pending_total", 0), in_time=g("pending_in_time", 0), overdue=g("pending_overdue", 0)
            ),
        ]
        for late in data.get("late") or []:
            lines.append(
                _("Hồ sơ trễ hạn {code}: {cause}").format(
                    code=late.get("code", ""), cause=late.get("cause") or _("chưa rõ nguyên nhân")
                )
            )
        return lines

    def signals(self, data: DossiersData) -> list[str]:
        found = []
        if data.get("resolved_late"):
            found.append(_("{n} hồ sơ giải quyết quá hạn").format(n=data["resolved_late"]))
        if data.get("pending_overdue"):
            found.append(_("{n} hồ sơ đang giải quyết đã quá hạn").format(n=data["pending_overdue"]))
        return found

    def chart(self, data: DossiersData, fmt: str = "svg") -> bytes | None:
        rows = data.get("quarters")
        if not rows:
            return None
        return charts.bar_chart(
            [q["label"] for q in rows],
            {
                _("Sớm hạn"): [q.get("resolved_early") or 0 for q in rows],
                _("Đúng hạn"): [q.get("resolved_on_time") or 0 for q in rows],
                _("Quá hạn"): [q.get("resolved_late") or 0 for q in rows],
            },
            title=_("Hồ sơ đã giải quyết theo quý"),
            stacked=True,
            fmt=fmt,
        )


SECTION = Dossiers()
