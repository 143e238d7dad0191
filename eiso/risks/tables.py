"""The risk register as a sortable table and as the columns of its XLSX and CSV export."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from eiso.core.exports import Column
from eiso.core.tables import Table
from eiso.risks.choices import RiskLevel
from eiso.risks.models import Risk


def _area(risk: Risk) -> str:
    if risk.process is not None:
        return risk.process.code
    if risk.procedure is not None:
        return risk.procedure.code
    return risk.area or ""


def _level(risk: Any) -> str:
    return str(RiskLevel(risk.level).label) if getattr(risk, "level", "") else ""


class RiskTable(Table):
    code = tables.Column(verbose_name=_("Mã"), linkify=("risks:detail", {"pk": tables.A("pk")}))
    kind = tables.Column(verbose_name=_("Loại"))
    area = tables.Column(verbose_name=_("Quá trình"), accessor="area", order_by=("process__code", "area"))
    description = tables.Column(verbose_name=_("Mô tả"))
    score = tables.Column(
        verbose_name=_("K×A"), attrs={"th": {"class": "text-end"}, "td": {"class": "text-end"}}
    )
    level = tables.Column(verbose_name=_("Mức"), order_by=("score",))
    action_count = tables.Column(verbose_name=_("Biện pháp"))
    review_on = tables.DateColumn(verbose_name=_("Xem xét lại"), short=True)

    class Meta(Table.Meta):
        model = Risk
        fields = ("code", "kind", "area", "description", "score", "level", "action_count", "review_on")
        empty_text = _("Chưa có rủi ro, cơ hội nào.")

    def render_area(self, record: Risk) -> str:
        return _area(record) or "—"

    def render_description(self, value: str) -> str:
        return Truncator(value).chars(90)

    def render_score(self, record: Risk) -> str:
        return f"{record.likelihood}×{record.impact}={record.score}"

    def render_level(self, record: Any) -> SafeString:
        return SafeString(
            render_to_string("risks/_level.html", {"lv": record.level, "label": _level(record)})
        )

    def render_action_count(self, record: Any) -> SafeString:
        if not record.open_actions:
            return format_html("{}", record.action_count)
        label = _("{n} đang làm").format(n=record.open_actions)
        return format_html('{} <span class="small text-muted">({})</span>', record.action_count, label)


EXPORT_COLUMNS = [
    Column(_("Mã"), "code", width=12),
    Column(_("Loại"), "get_kind_display", width=10),
    Column(_("Quá trình / lĩnh vực"), _area),
    Column(_("Phòng"), "division.name"),
    Column(_("Mô tả"), "description", width=50),
    Column(_("Hệ quả"), "consequence", width=40),
    Column(_("Khả năng xảy ra"), "likelihood", "number"),
    Column(_("Mức độ ảnh hưởng"), "impact", "number"),
    Column(_("Điểm"), "score", "number"),
    Column(_("Mức"), _level, width=12),
    Column(_("Người phụ trách"), "owner.full_name"),
    Column(_("Ngày nhận diện"), "identified_on", "date"),
    Column(_("Ngày xem xét lại"), "review_on", "date"),
    Column(_("Trạng thái"), "get_status_display", width=14),
    Column(_("Số biện pháp"), "action_count", "number"),
    Column(_("Biện pháp đang làm"), "open_actions", "number"),
]
