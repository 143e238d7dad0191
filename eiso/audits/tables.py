"""The audit findings as a sortable table and as the columns of their XLSX and CSV export."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from eiso.audits.models import Finding
from eiso.core.exports import Column
from eiso.core.tables import Table


class FindingTable(Table):
    found_on = tables.DateColumn(verbose_name=_("Ngày"), short=True)
    audit = tables.Column(
        verbose_name=_("Cuộc đánh giá"),
        accessor="audit__title",
        linkify=("audits:detail", {"pk": tables.A("audit_id")}),
    )
    kind = tables.Column(verbose_name=_("Loại"))
    clause = tables.Column(verbose_name=_("Điều khoản"))
    division = tables.Column(verbose_name=_("Phòng"), accessor="division__name")
    description = tables.Column(verbose_name=_("Nội dung"))
    auditor = tables.Column(verbose_name=_("Chuyên gia"), accessor="auditor__full_name")

    class Meta(Table.Meta):
        model = Finding
        fields = ("found_on", "audit", "kind", "clause", "division", "description", "auditor")
        empty_text = _("Chưa có phát hiện nào.")
        row_attrs = {"class": lambda record: "text-muted" if record.cancelled_on else ""}

    def render_description(self, record: Finding) -> SafeString:
        text = Truncator(record.description).chars(120)
        if not record.cancelled_on:
            return format_html("{}", text)
        return format_html('<span class="badge text-bg-light border">{}</span> {}', _("Đã hủy"), text)


EXPORT_COLUMNS = [
    Column(_("Ngày phát hiện"), "found_on", "date"),
    Column(_("Cuộc đánh giá"), "audit.title", width=40),
    Column(_("Loại phát hiện"), "get_kind_display", width=22),
    Column(_("Điều khoản"), "clause", width=14),
    Column(_("Phòng"), "division.name"),
    Column(_("Nội dung"), "description", width=60),
    Column(_("Bằng chứng"), "evidence", width=40),
    Column(_("Chuyên gia đánh giá"), "auditor.full_name"),
    Column(_("Ngày hủy"), "cancelled_on", "date"),
    Column(_("Lý do hủy"), "cancel_reason", width=30),
]
