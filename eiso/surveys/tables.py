"""The survey responses and the results by procedure as sortable tables and as export columns."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from eiso.core.exports import Column
from eiso.core.tables import Table
from eiso.surveys.models import SurveyResponse

RIGHT = {"th": {"class": "text-end"}, "td": {"class": "text-end"}}


class ResponseTable(Table):
    period = tables.DateColumn(verbose_name=_("Ngày"), short=True)
    channel = tables.Column(verbose_name=_("Kênh"))
    dossier_code = tables.Column(verbose_name=_("Mã hồ sơ"))
    procedure = tables.Column(verbose_name=_("Thủ tục"), accessor="procedure__code")
    division = tables.Column(verbose_name=_("Phòng"), accessor="division__name")
    overall = tables.Column(verbose_name=_("Đánh giá chung"), attrs=RIGHT)
    comment = tables.Column(verbose_name=_("Ý kiến"), attrs={"td": {"class": "small"}})

    class Meta(Table.Meta):
        model = SurveyResponse
        fields = ("period", "channel", "dossier_code", "procedure", "division", "overall", "comment")
        empty_text = _("Không có phiếu trong kỳ.")

    def render_overall(self, value: int) -> str:
        return f"{value}/5"

    def render_comment(self, value: str) -> str:
        return Truncator(value).chars(80)


RESPONSE_COLUMNS = [
    Column(_("Ngày đánh giá"), "period", "date"),
    Column(_("Gửi lúc"), "submitted_at", "datetime"),
    Column(_("Kênh"), "get_channel_display", width=16),
    Column(_("Mã hồ sơ"), "dossier_code", width=20),
    Column(_("Mã thủ tục"), "procedure.code", width=16),
    Column(_("Tên thủ tục"), "procedure.name", width=50),
    Column(_("Phòng"), "division.name"),
    Column(_("Đánh giá chung"), "overall", "number"),
    Column(_("Ý kiến"), "comment", width=60),
    Column(_("Người nhập phiếu"), "entered_by.full_name"),
]


def _procedure(row: dict[str, Any]) -> str:
    return str(row["procedure__code"] or _("Không gắn thủ tục"))


def _rate(row: dict[str, Any]) -> float | None:
    return round(100 * row["satisfied"] / row["valid"], 2) if row["valid"] else None


def _mean(row: dict[str, Any]) -> float | None:
    return round(float(row["mean"]), 2) if row["mean"] is not None else None


class ResultTable(Table):
    """The results by procedure (one row per procedure of the period's responses)."""

    procedure__code = tables.Column(verbose_name=_("Mã thủ tục"))
    procedure__name = tables.Column(verbose_name=_("Tên thủ tục"))
    responses = tables.Column(verbose_name=_("Số phiếu"), attrs=RIGHT)
    satisfied = tables.Column(verbose_name=_("Hài lòng"), attrs=RIGHT)
    rate = tables.Column(verbose_name=_("Tỷ lệ"), attrs=RIGHT, orderable=False, empty_values=())
    mean = tables.Column(verbose_name=_("Điểm trung bình"), attrs=RIGHT)

    class Meta(Table.Meta):
        empty_text = _("Chưa có dữ liệu")
        prefix = "tt-"

    def render_procedure__code(self, record: dict[str, Any]) -> str:
        return _procedure(record)

    def render_procedure__name(self, value: str) -> str:
        return Truncator(value).chars(70)

    def render_satisfied(self, record: dict[str, Any]) -> str:
        return f"{record['satisfied']}/{record['valid']}"

    def render_rate(self, record: dict[str, Any]) -> str:
        rate = _rate(record)
        return "—" if rate is None else f"{rate:g}%"

    def render_mean(self, record: dict[str, Any]) -> str:
        mean = _mean(record)
        return "—" if mean is None else f"{mean:.2f}"


RESULT_COLUMNS = [
    Column(_("Mã thủ tục"), _procedure, width=18),
    Column(_("Tên thủ tục"), "procedure__name", width=60),
    Column(_("Số phiếu"), "responses", "number"),
    Column(_("Phiếu có đánh giá chung"), "valid", "number"),
    Column(_("Hài lòng"), "satisfied", "number"),
    Column(_("Tỷ lệ hài lòng (%)"), _rate, "number"),
    Column(_("Điểm trung bình"), _mean, "number"),
]
