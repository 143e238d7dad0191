"""In a browser, with the demo accounts: the lead auditor corrects the 2018 audit plan (a date outside the
programme's year is refused and nothing typed is lost), then types the report and approves it in one step."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from eiso.audits.choices import ReportStatus
from eiso.audits.demo import AUDIT_2018_TITLE
from eiso.audits.models import Audit

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_TITLE = "Đánh giá nội bộ tất cả các phòng năm 2018 (đợt 1)"
SUMMARY = "Các phòng vận hành đúng quy trình; còn 2 điểm lưu ý về lưu hồ sơ."
CONCLUSION = "HTQLCL phù hợp và được duy trì có hiệu lực."
SHOTS = os.environ.get("EISO_SCREENSHOTS", "")  # a folder to keep screenshots in, when set


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_the_lead_auditor_corrects_the_plan_then_approves_the_report_without_losing_text(
    page: Page, login: Callable[[Page, str], None], live_url: str
) -> None:
    login(page, "chanhvanphong")
    page.goto(f"{live_url}/danh-gia-noi-bo/")
    page.get_by_role("link", name=AUDIT_2018_TITLE).click()
    audit_url = page.url

    # a date of the previous year is refused: the form comes back with the reason and the typed title
    page.get_by_role("link", name="Sửa kế hoạch").click()
    page.get_by_label("Tên cuộc đánh giá").fill(NEW_TITLE)
    page.get_by_label("Từ ngày").fill("2017-10-10")
    page.get_by_label("Đến ngày").fill("2017-10-10")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("phải diễn ra trong năm 2018").first.wait_for()
    assert page.get_by_label("Tên cuộc đánh giá").input_value() == NEW_TITLE
    _shot(page, "audit-plan-refused")

    # corrected dates within 2018 are saved, and the change is in the audit's history
    page.get_by_label("Từ ngày").fill("2018-06-19")
    page.get_by_label("Đến ngày").fill("2018-06-20")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Đã lưu kế hoạch đánh giá.").wait_for()
    assert page.url == audit_url
    page.get_by_role("heading", name=NEW_TITLE).wait_for()

    # the report typed and approved in one press keeps both texts
    page.get_by_label("Tóm tắt kết quả").fill(SUMMARY)
    page.get_by_label("Kết luận").fill(CONCLUSION)
    page.get_by_role("button", name="Phê duyệt báo cáo").click()
    page.get_by_text("Đã phê duyệt báo cáo đánh giá.").wait_for()
    page.get_by_text(SUMMARY).wait_for()
    assert page.get_by_role("link", name="Sửa kế hoạch").count() == 0
    _shot(page, "audit-approved")

    audit = Audit.objects.get(title=NEW_TITLE)
    assert (audit.summary, audit.conclusion) == (SUMMARY, CONCLUSION)
    assert audit.report_status == ReportStatus.APPROVED
    assert str(audit.starts_on) == "2018-06-19"

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(audit_url)
    _shot(page, "audit-approved-390")
