"""The dossier list as a sortable table and as the columns of its XLSX and CSV export."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from eiso.core.exports import Column
from eiso.core.tables import Table
from eiso.dossiers.choices import Timeliness
from eiso.dossiers.models import Dossier

SMALL = {"td": {"class": "small"}}
NOWRAP = {"td": {"class": "small text-nowrap"}}


def _timeliness(dossier: Any) -> str:
    return str(Timeliness(dossier.timeliness).label) if getattr(dossier, "timeliness", "") else ""


class DossierTable(Table):
    code = tables.Column(verbose_name=_("Mã hồ sơ"), linkify=("dossiers:detail", {"pk": tables.A("pk")}))
    procedure = tables.Column(verbose_name=_("Thủ tục"), accessor="procedure__name", attrs=SMALL)
    division = tables.Column(verbose_name=_("Phòng"), accessor="division__name", attrs=SMALL)
    received_at = tables.DateTimeColumn(verbose_name=_("Tiếp nhận"), short=True, attrs=NOWRAP)
    due_date = tables.DateColumn(verbose_name=_("Hạn"), short=True, attrs=NOWRAP)
    finished_at = tables.DateTimeColumn(verbose_name=_("Kết thúc"), short=True, attrs=NOWRAP)
    status = tables.Column(verbose_name=_("Trạng thái"), attrs=SMALL)
    timeliness = tables.Column(verbose_name=_("Tình trạng"))

    class Meta(Table.Meta):
        model = Dossier
        fields = (
            "code",
            "procedure",
            "division",
            "received_at",
            "due_date",
            "finished_at",
            "status",
            "timeliness",
        )
        empty_text = _("Không có hồ sơ nào.")

    def render_code(self, value: str) -> SafeString:
        return format_html('<span class="font-monospace small">{}</span>', value)

    def render_procedure(self, value: str) -> str:
        return Truncator(value).chars(70)

    def render_timeliness(self, value: str) -> SafeString:
        return self.cell("dossiers/_timeliness.html", code=value)


EXPORT_COLUMNS = [
    Column(_("Mã hồ sơ"), "code", width=26),
    Column(_("Mã thủ tục"), "procedure.code", width=16),
    Column(_("Tên thủ tục"), "procedure.name", width=50),
    Column(_("Lĩnh vực"), "procedure.field", width=24),
    Column(_("Phòng xử lý"), "division.name"),
    Column(_("Hình thức nộp"), "get_channel_display", width=18),
    Column(_("Trạng thái"), "get_status_display", width=18),
    Column(_("Tình trạng"), _timeliness, width=24),
    Column(_("Tiếp nhận lúc"), "received_at", "datetime"),
    Column(_("Hạn giải quyết"), "due_date", "date"),
    Column(_("Hẹn trả"), "due_at", "datetime"),
    Column(_("Hẹn lại ngày trả (xin lỗi)"), "extended_due_at", "datetime"),
    Column(_("Số lần yêu cầu bổ sung"), "supplement_count", "number"),
    Column(_("Kết thúc xử lý lúc"), "finished_at", "datetime"),
]
