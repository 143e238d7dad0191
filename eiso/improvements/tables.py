"""The nonconformity list and the corrective-action log as sortable tables and as export columns."""

from __future__ import annotations

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from eiso.core.exports import Column
from eiso.core.tables import Table
from eiso.improvements import permissions
from eiso.improvements.models import CorrectiveAction, Nonconformity


def _car_numbers(nc: Nonconformity) -> str:
    return ", ".join(c.number for c in nc.corrective_actions.all())


class NonconformityTable(Table):
    raised_on = tables.DateColumn(verbose_name=_("Ngày"), short=True)
    source_kind = tables.Column(verbose_name=_("Nguồn"))
    division = tables.Column(verbose_name=_("Phòng"), accessor="division__name")
    description = tables.Column(verbose_name=_("Mô tả"))
    corrective_actions = tables.Column(verbose_name=_("Phiếu khắc phục"), orderable=False, empty_values=())

    class Meta(Table.Meta):
        model = Nonconformity
        fields = ("raised_on", "source_kind", "division", "description", "corrective_actions")
        empty_text = _("Chưa có sự không phù hợp nào.")
        row_attrs = {"class": lambda record: "text-muted" if record.cancelled_on else ""}

    def render_source_kind(self, record: Nonconformity) -> SafeString:
        return self.cell("improvements/_nc_source.html", nc=record)

    def render_description(self, record: Nonconformity) -> SafeString:
        editable = permissions.can_edit_nc(self.cell_context.get("person"), record)
        return self.cell("improvements/_nc_description.html", nc=record, editable=editable)

    def render_corrective_actions(self, record: Nonconformity) -> SafeString:
        return self.cell("improvements/_nc_cars.html", nc=record)


NONCONFORMITY_COLUMNS = [
    Column(_("Ngày ghi nhận"), "raised_on", "date"),
    Column(_("Nguồn"), "get_source_kind_display", width=22),
    Column(_("Mô tả nguồn"), "source_note", width=30),
    Column(_("Cuộc đánh giá"), "finding.audit"),
    Column(_("Phòng"), "division.name"),
    Column(_("Thủ tục"), "procedure.code", width=16),
    Column(_("Mô tả sự không phù hợp"), "description", width=60),
    Column(_("Người ghi nhận"), "raised_by.full_name"),
    Column(_("Phiếu khắc phục"), _car_numbers, width=18),
    Column(_("Ngày hủy"), "cancelled_on", "date"),
    Column(_("Lý do hủy"), "cancel_reason", width=30),
]


class CorrectiveActionTable(Table):
    number = tables.Column(
        verbose_name=_("Số phiếu"), linkify=("improvements:car_detail", {"pk": tables.A("pk")})
    )
    nonconformity = tables.Column(verbose_name=_("Sự không phù hợp"), accessor="nonconformity__description")
    division = tables.Column(verbose_name=_("Phòng"), accessor="nonconformity__division__name")
    requested_on = tables.DateColumn(verbose_name=_("Ngày yêu cầu"), short=True)
    due_on = tables.DateColumn(verbose_name=_("Thời hạn"), short=True)
    state = tables.Column(verbose_name=_("Trạng thái"))

    class Meta(Table.Meta):
        model = CorrectiveAction
        fields = ("number", "nonconformity", "division", "requested_on", "due_on", "state")
        empty_text = _("Chưa có phiếu nào.")

    def render_nonconformity(self, value: str) -> str:
        return Truncator(value).chars(90)

    def render_state(self, record: CorrectiveAction) -> SafeString:
        context = {"s": record.state, "label": record.get_state_display()}
        return SafeString(render_to_string("improvements/_state.html", context))


CORRECTIVE_ACTION_COLUMNS = [
    Column(_("Số phiếu"), "number", width=16),
    Column(_("Sự không phù hợp"), "nonconformity.description", width=50),
    Column(_("Nguồn"), "nonconformity.get_source_kind_display", width=22),
    Column(_("Phòng"), "nonconformity.division.name"),
    Column(_("Người yêu cầu"), "requested_by.full_name"),
    Column(_("Ngày yêu cầu"), "requested_on", "date"),
    Column(_("Nguyên nhân"), "root_cause", width=40),
    Column(_("Biện pháp khắc phục tức thời"), "correction", width=40),
    Column(_("Thời hạn hoàn thành"), "due_on", "date"),
    Column(_("Phê duyệt lúc"), "approved_at", "datetime"),
    Column(_("Ngày xác minh"), "verified_on", "date"),
    Column(_("Kết quả xác minh"), "get_verification_display", width=18),
    Column(_("Ngày đóng"), "closed_on", "date"),
    Column(_("Trạng thái"), "get_state_display", width=16),
]
