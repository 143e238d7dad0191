"""The secretary prepares and records the yearly management review in a real browser."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from docx import Document
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_the_secretary_collects_inputs_holds_the_meeting_records_decisions_and_downloads_the_minutes(
    page: Page, login: Callable[[Page, str], None]
) -> None:
    login(page, "thuky")
    page.goto("/xem-xet-lanh-dao/")
    page.get_by_label("Năm").fill("2018")
    page.get_by_label("Ngày họp dự kiến").fill("2018-08-06")
    page.locator("h1").first.click()  # click away to close the date picker, as a person does
    page.get_by_label("Địa điểm").fill("Phòng họp Sở")
    page.get_by_label("Chủ trì").select_option(label="Phạm Duy Lộc")
    page.get_by_label("Thư ký").select_option(label="Nguyễn Thị Kim Anh")
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.get_by_role("heading", name="Xem xét của lãnh đạo năm 2018")).to_be_visible()

    page.get_by_label("Số liệu tính đến ngày").fill("2018-08-01")
    page.locator("h1").first.click()  # click away to close the date picker, as a person does
    page.get_by_role("button", name="Tổng hợp số liệu đầu vào").click()
    expect(page.get_by_text("Đã tổng hợp số liệu đầu vào.")).to_be_visible()
    # Last year's open directives come back as "status of actions from previous reviews".
    expect(page.locator("#input-previous_actions")).to_contain_text("Chuẩn hóa các quy trình nội bộ")

    section = page.locator("#input-resources")
    section.get_by_label("Nhận xét của thư ký").fill("Cần bổ sung 02 chuyên gia đánh giá nội bộ.")
    section.get_by_role("button", name="Lưu nhận xét").click()
    expect(page.get_by_text("Đã lưu nhận xét.")).to_be_visible()

    # A commentary beside figures that signal a problem: the page shows the signal next to it...
    previous = page.locator("#input-previous_actions")
    previous.get_by_label("Nhận xét của thư ký").fill("Các kết luận năm 2017 đã được thực hiện xong.")
    previous.get_by_role("button", name="Lưu nhận xét").click()
    expect(page.locator("[data-testid=signals-previous_actions]")).to_contain_text("quá hạn")

    # ...and the inputs are frozen only once the secretary says she compared them.
    page.get_by_text("Ghi nhận cuộc họp đã diễn ra").click()
    page.locator("#id_held_on").fill("2018-08-06")
    page.locator("h1").first.click()  # click away to close the date picker, as a person does
    page.get_by_role("button", name="Ghi nhận cuộc họp", exact=True).click()
    expect(page.get_by_text("Đối chiếu nhận xét với số liệu")).to_be_visible()
    page.get_by_label("Tôi đã đối chiếu nhận xét với các số liệu cần lưu ý nêu trên").check()
    page.get_by_role("button", name="Ghi nhận cuộc họp", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận cuộc họp; số liệu đầu vào đã được chốt.")).to_be_visible()

    page.locator("#id_kind").select_option("improvement")
    page.locator("#id_text").fill("Đánh giá nội bộ tất cả các phòng năm 2019")
    page.locator("#id_owner_division").select_option(label="Văn phòng Sở")
    page.get_by_role("button", name="Ghi kết luận", exact=True).click()
    expect(page.get_by_role("cell", name="Đánh giá nội bộ tất cả các phòng năm 2019")).to_be_visible()

    page.get_by_label("Kết luận chung").fill("Tiếp tục phát huy kết quả đạt được.")
    page.get_by_label("Số biên bản").fill("37")
    page.get_by_label("Số thông báo kết luận").fill("38")
    page.get_by_role("button", name="Ban hành biên bản").click()
    expect(page.get_by_text("Đã ban hành biên bản.")).to_be_visible()

    page.get_by_role("button", name="Văn bản").click()
    with page.expect_download() as download_info:
        page.locator("a[href$='/van-ban/bien-ban.docx']").click()
    download = download_info.value
    assert download.suggested_filename == "bien-ban-xem-xet-lanh-dao-2018.docx"
    path = download.path()
    text = "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert "BIÊN BẢN" in text and "Cần bổ sung 02 chuyên gia đánh giá nội bộ." in text
