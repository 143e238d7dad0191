"""The procedure catalogue as a sortable table and as the columns of its XLSX and CSV export."""

from __future__ import annotations

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from eiso.core.exports import Column
from eiso.core.tables import Table
from eiso.procedures.models import Procedure


def _unit(procedure: Procedure) -> str:
    return str(_("giờ làm việc") if procedure.time_limit_unit == "working_hours" else _("ngày làm việc"))


class ProcedureTable(Table):
    code = tables.Column(verbose_name=_("Mã TTHC"), attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(verbose_name=_("Tên thủ tục"))
    field = tables.Column(verbose_name=_("Lĩnh vực"), attrs={"td": {"class": "small"}})
    time_limit_value = tables.Column(
        verbose_name=_("Thời hạn"),
        attrs={"th": {"class": "text-end"}, "td": {"class": "text-end text-nowrap"}},
    )
    published = tables.Column(
        verbose_name=_("Công khai"),
        accessor="published_online_on",
        order_by=("published_online_on", "published_at_office_on"),
        empty_values=(),
    )

    class Meta(Table.Meta):
        model = Procedure
        fields = ("code", "name", "field", "time_limit_value", "published")
        empty_text = _("Không có thủ tục nào phù hợp.")

    def _render(self, template: str, record: Procedure) -> SafeString:
        return SafeString(render_to_string(template, {"procedure": record}))

    def render_code(self, record: Procedure) -> SafeString:
        return self._render("procedures/_code.html", record)

    def render_name(self, record: Procedure) -> SafeString:
        return self._render("procedures/_list_name.html", record)

    def render_time_limit_value(self, record: Procedure) -> SafeString:
        context = {"value": record.time_limit_value, "unit": record.time_limit_unit}
        return SafeString(render_to_string("procedures/_limit.html", context))

    def render_published(self, record: Procedure) -> SafeString:
        return self._render("procedures/_list_published.html", record)


EXPORT_COLUMNS = [
    Column(_("Mã TTHC"), "code", width=16),
    Column(_("Tên thủ tục"), "name", width=60),
    Column(_("Lĩnh vực"), "field", width=30),
    Column(_("Mức độ DVC trực tuyến"), "level", "number"),
    Column(_("Thời hạn giải quyết"), "time_limit_value", "number"),
    Column(_("Đơn vị thời hạn"), _unit, width=14),
    Column(_("Thuộc phạm vi HTQLCL"), "in_scope", width=10),
    Column(_("Đang áp dụng"), "is_active", width=10),
    Column(_("Hiệu lực từ"), "valid_from", "date"),
    Column(_("Hiệu lực đến"), "valid_to", "date"),
    Column(_("Ngày niêm yết tại trụ sở"), "published_at_office_on", "date"),
    Column(_("Ngày công khai trên mạng"), "published_online_on", "date"),
]
