"""The yearly provincial summary as XLSX (openpyxl write-only: streams rows, never holds the sheet)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from eiso.core.layout import state_document
from eiso.core.models import Agency
from eiso.core.spreadsheets import neutralise
from eiso.reports.selectors import province_rows


@state_document
def province_summary_xlsx(agencies: QuerySet[Agency], *, year: int, province: str) -> bytes:
    from openpyxl import Workbook  # imported on the first XLSX, not at start-up (numpy behind it)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Tổng hợp {year}").format(year=year))
    sheet.append(
        [
            _("Tình hình áp dụng HTQLCL theo TCVN ISO 9001 năm {year} - {province}").format(
                year=year, province=province
            )
        ]
    )
    sheet.append(
        [
            _("STT"),
            _("Cơ quan"),
            _("Ngày công bố phù hợp"),
            _("Phạm vi cập nhật"),
            _("Đánh giá nội bộ gần nhất"),
            _("Xem xét của lãnh đạo gần nhất"),
            _("Mục tiêu đạt"),
            _("Hành động khắc phục đang mở"),
            _("Hành động khắc phục quá hạn"),
        ]
    )
    for number, agency in enumerate(province_rows(agencies), start=1):
        profile = getattr(agency, "qms_profile", None)  # a reverse one-to-one: absent raises
        sheet.append(
            [
                number,
                neutralise(agency.name),
                _date(profile.announced_on if profile else None),
                _("Có") if not agency.stale_changes else _("Chưa"),
                _date(agency.last_audit_on),
                _date(agency.last_review_on),
                _ratio(agency.objectives_met, agency.objectives_total),
                agency.cars_open,
                agency.cars_overdue,
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _date(value: dt.date | str | None) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value:%d/%m/%Y}"


def _ratio(met: object, total: object) -> str:
    return f"{met}/{total}" if total not in (None, "") else ""
