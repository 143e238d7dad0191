"""The improvement loop in a browser, with the demo accounts: an auditor records a nonconformity finding, the
ISO secretary raises the corrective action request, the division head plans it, the director approves, the
action is done, and the auditor verifies its effectiveness and closes the request."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone

from eiso.audits.demo import AUDIT_2018_TITLE
from eiso.improvements.choices import CarState
from eiso.improvements.models import CorrectiveAction

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIPTION = "Sổ theo dõi hồ sơ không ghi ngày trả kết quả"


def _as(page: Page, login: Callable[[Page, str], None], username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def test_a_nonconformity_goes_from_finding_to_a_verified_closed_request(
    page: Page, login: Callable[[Page, str], None], live_url: str
) -> None:
    today = timezone.localdate().isoformat()

    # the auditor (Inspectorate) records a nonconformity at the Post and Telecoms division
    _as(page, login, "danhgia")
    page.goto(f"{live_url}/danh-gia-noi-bo/")
    page.get_by_role("link", name=AUDIT_2018_TITLE).click()
    audit_url = page.url
    page.get_by_role("link", name="Ghi nhận phát hiện").click()
    page.get_by_label("Loại phát hiện").select_option("nonconformity")
    page.get_by_label("Phòng").select_option(label="Phòng Bưu chính, Viễn thông")
    page.get_by_label("Điều khoản").fill("7.5.3")
    page.get_by_label("Nội dung").fill(DESCRIPTION)
    page.get_by_label("Bằng chứng").fill("Sổ theo dõi tháng 5/2018")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã ghi nhận phát hiện.").wait_for()

    # the ISO secretary records the nonconformity and raises the request
    _as(page, login, "thuky")
    page.goto(audit_url)
    page.get_by_role("link", name="Ghi nhận sự không phù hợp").click()
    assert page.get_by_label("Mô tả sự không phù hợp").input_value() == DESCRIPTION
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("row").filter(has_text=DESCRIPTION).get_by_role(
        "button", name="Lập phiếu yêu cầu khắc phục"
    ).click()
    page.get_by_text("Đề xuất", exact=True).first.wait_for()
    car_url = page.url

    # the division head analyses, plans one action and submits the plan
    _as(page, login, "truongphongbcvt")
    page.goto(car_url)
    page.locator("#id_root_cause").fill("Mẫu sổ theo dõi thiếu cột ngày trả kết quả")
    page.locator("#id_due_on").fill(today)
    page.locator("#id_verify_after").fill(today)
    page.get_by_role("button", name="Lưu phân tích").click()
    page.get_by_text("Thêm hành động", exact=True).click()
    page.locator("#id_description").fill("Sửa mẫu sổ, bổ sung cột ngày trả kết quả")
    page.locator("#id_owner").select_option(label="Đặng Quốc Việt")
    page.locator("#id_deadline").fill(today)
    page.locator("form[action$='/hanh-dong/']").get_by_role("button", name="Thêm").click()
    page.get_by_role("button", name="Lưu và trình phê duyệt").click()
    page.get_by_text("Chờ phê duyệt", exact=True).first.wait_for()

    # the director approves
    _as(page, login, "giamdoc")
    page.goto(car_url)
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    page.get_by_text("Đang thực hiện", exact=True).first.wait_for()

    # the owner reports the action done
    _as(page, login, "truongphongbcvt")
    page.goto(car_url)
    page.get_by_role("button", name="Đã hoàn thành").click()
    page.get_by_text("Đang xác minh", exact=True).first.wait_for()

    # the auditor verifies effectiveness and the request closes
    _as(page, login, "danhgia")
    page.goto(car_url)
    page.get_by_label("Có hiệu lực", exact=True).check()
    page.get_by_role("button", name="Ghi kết quả xác minh").click()
    page.get_by_text("Đã đóng", exact=True).first.wait_for()

    car = CorrectiveAction.objects.get(nonconformity__description=DESCRIPTION)
    assert (car.state, car.verification, car.verified_by.user.username) == (  # type: ignore[union-attr]
        CarState.CLOSED,
        "effective",
        "danhgia",
    )
