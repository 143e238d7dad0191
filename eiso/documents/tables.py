"""The documents register as a sortable table and as the columns of its XLSX and CSV export."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from eiso.core.exports import Column
from eiso.core.tables import Table
from eiso.documents.choices import VersionState
from eiso.documents.models import Document


def _version(document: Any) -> str:
    return f"{document.latest_issue}.{document.latest_revision}" if document.latest_issue else ""


def _state(document: Any) -> str:
    return str(VersionState(document.latest_state).label) if document.latest_state else ""


class DocumentTable(Table):
    code = tables.Column(
        verbose_name=_("Mã"),
        linkify=("documents:document_detail", {"pk": tables.A("pk")}),
        attrs={"td": {"class": "text-nowrap"}},
    )
    title = tables.Column(verbose_name=_("Tên tài liệu"))
    doc_type = tables.Column(verbose_name=_("Loại"), attrs={"td": {"class": "small"}})
    version = tables.Column(
        verbose_name=_("Phiên bản"), accessor="latest_issue", order_by=("latest_issue", "latest_revision")
    )
    state = tables.Column(verbose_name=_("Trạng thái"), accessor="latest_state")
    current_effective = tables.DateColumn(verbose_name=_("Hiệu lực từ"), short=True)
    next_review_on = tables.DateColumn(verbose_name=_("Hạn xem xét"), short=True)

    class Meta(Table.Meta):
        model = Document
        fields = ("code", "title", "doc_type", "version", "state", "current_effective", "next_review_on")
        empty_text = _("Chưa có tài liệu nào phù hợp.")

    def render_title(self, record: Document) -> SafeString:
        if not record.is_public:
            return format_html("{}", record.title)
        return format_html('{} <span class="badge text-bg-info">{}</span>', record.title, _("công khai"))

    def render_version(self, record: Any) -> str:
        return _version(record)

    def render_state(self, value: str) -> SafeString:
        return SafeString(render_to_string("documents/_state.html", {"state": value}))

    def render_next_review_on(self, record: Any, value: Any) -> SafeString:
        if value is None:
            return SafeString("")
        late = value < timezone.localdate() and record.current_effective
        return format_html(
            '<span class="{}">{}</span>', "text-danger fw-bold" if late else "", f"{value:%d/%m/%Y}"
        )


EXPORT_COLUMNS = [
    Column(_("Mã tài liệu"), "code", width=18),
    Column(_("Tên tài liệu"), "title", width=50),
    Column(_("Loại tài liệu"), "get_doc_type_display", width=20),
    Column(_("Phòng chủ trì"), "owner_division.name"),
    Column(_("Phiên bản"), _version, width=10),
    Column(_("Trạng thái"), _state, width=16),
    Column(_("Hiệu lực từ"), "current_effective", "date"),
    Column(_("Ngày xem xét gần nhất"), "last_reviewed_on", "date"),
    Column(_("Hạn xem xét tiếp theo"), "next_review_on", "date"),
    Column(_("Cơ quan ban hành"), "issuing_body"),
    Column(_("Công khai trên cổng"), "is_public", width=10),
]
