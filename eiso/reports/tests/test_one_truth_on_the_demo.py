"""One truth on the full demo: a figure shown in more than one place (review inputs, minutes, self-report,
province XLSX) is the same everywhere for the same agency and as-of date, and the self-report states only
what the records say."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from openpyxl import load_workbook

from eiso.core.demo import DEMO_AGENCY_CODE
from eiso.core.models import Person
from eiso.reports.exports import province_summary_xlsx
from eiso.reports.selectors import province_overview
from eiso.reviews import paperwork
from eiso.reviews.models import ManagementReview
from eiso.reviews.register import overdue_legal_flags, stale_recorded_changes

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo, loaded once inside a transaction rolled back afterwards (each test in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def _review() -> ManagementReview:
    review = ManagementReview.objects.get(agency__code=DEMO_AGENCY_CODE, year=2017)
    assert review.inputs_as_of is not None
    return review


def _as_of(review: ManagementReview) -> dt.date:
    assert review.inputs_as_of is not None
    return review.inputs_as_of


def _text(document: Any) -> str:
    return "\n".join(str(block) for block in document.blocks)


def test_the_changes_register_and_document_control_agree_on_overdue_legal_changes(demo: None) -> None:
    review = _review()
    inputs = {i.key: i.data for i in review.inputs.all()}
    as_of = _as_of(review)
    overdue_flags = overdue_legal_flags(agency=review.agency, as_of=as_of).count()
    assert overdue_flags == inputs["documents"]["legal_changes_overdue"] > 0
    overdue_in_changes = sum(
        item["pending_documents"] for item in inputs["changes"]["items"] if item["overdue"]
    )
    assert overdue_in_changes == overdue_flags
    minutes = _text(paperwork.minutes_document(review, with_charts=False))
    assert "QUÁ HẠN cập nhật 3 tháng" in minutes


def test_the_province_xlsx_says_the_update_is_late_like_the_minutes(demo: None) -> None:
    review = _review()
    supervisor = Person.objects.get(user__username="skhcn")
    as_of = _as_of(review)
    agencies = province_overview(person=supervisor, year=2017, as_of=as_of)
    row = agencies.get(code=DEMO_AGENCY_CODE)
    expected = (
        stale_recorded_changes(agency=review.agency, as_of=as_of).count()
        + overdue_legal_flags(agency=review.agency, as_of=as_of).count()
    )
    assert row.stale_changes == expected > 0  # type: ignore[attr-defined]
    workbook = load_workbook(io.BytesIO(province_summary_xlsx(agencies, year=2017, province="Khánh Hòa")))
    sheet = workbook.worksheets[0]
    values = [list(line) for line in sheet.iter_rows(values_only=True)]
    header, agency_row = values[1], next(line for line in values if line[1] == row.name)
    assert agency_row[header.index("Phạm vi cập nhật")] == "Chưa"


def test_the_self_report_states_what_the_records_say(demo: None) -> None:
    review = _review()
    text = _text(paperwork.self_report_document(review))
    for asserted in (
        "chưa phát sinh",
        "không thuê tổ chức tư vấn",
        "Ban Chỉ đạo ISO đã được thành lập",
        "số …",
    ):
        assert asserted not in text
    assert "01/03/2017" in text  # the recorded scope change (QĐ 19/2014 Art. 4 cl. 4(c))
    assert "Ban Chỉ đạo ISO thành lập theo Quyết định số" in text
    missing = paperwork.self_report_missing(review)
    assert any("số văn bản" in item for item in missing)  # the effectiveness confirmation has no number
    assert all(item in text for item in missing if "phạm vi áp dụng" not in item)


def test_the_minutes_name_officials_by_their_title_in_order_of_rank(demo: None) -> None:
    text = _text(paperwork.minutes_document(_review(), with_charts=False))
    assert "Ông/Bà" not in text
    assert "Hoạch định HTQLCL năm 2018" in text and "Hoạch định HTQLCL năm sau" not in text
    present = next(line for line in text.splitlines() if "Có mặt:" in line)
    assert present.index("Giám đốc") < present.index("Phó Giám đốc")
