"""Journeys through the people pages and the inbox in headless Chromium, on the demo agency."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.core import mail

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("EISO_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_the_secretary_adds_an_officer_who_sets_a_password_from_the_email_and_logs_in(
    page: Page, live_url: str, login: Callable[[Page, str], None]
) -> None:
    from playwright.sync_api import expect

    login(page, "thuky")
    page.get_by_role("link", name="Cán bộ và tổ chức").click()
    _shot(page, "staff-index")
    page.get_by_role("link", name="Thêm cán bộ").click()
    page.get_by_label("Họ và tên").fill("Lâm Thị Mới")
    page.get_by_label("Tên đăng nhập").fill("lammoi")
    page.get_by_label("Thư điện tử").fill("lammoi@khanhhoa.gov.vn")
    page.get_by_label("Phòng", exact=True).select_option(label="Phòng Bưu chính, Viễn thông")
    page.get_by_label("Chuyên viên", exact=True).check()
    _shot(page, "staff-add")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã thêm cán bộ và gửi thư mời đặt mật khẩu.")).to_be_visible()
    expect(page.get_by_role("link", name="Lâm Thị Mới")).to_be_visible()

    link = re.search(r"https?://\S+/dat-mat-khau/\S+/", str(mail.outbox[-1].body))
    assert link, mail.outbox[-1].body
    page.get_by_role("button", name=re.compile("Nguyễn Thị Kim Anh")).click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")

    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Đặt mật khẩu")).to_be_visible()
    _shot(page, "set-password-link")
    page.locator("#id_new_password1").fill("bien-nha-trang-2017")
    page.locator("#id_new_password2").fill("bien-nha-trang-2017")
    _shot(page, "set-password")
    page.get_by_role("button", name="Đặt mật khẩu").click()
    expect(page.get_by_role("heading", name="Đã đặt mật khẩu")).to_be_visible()
    page.get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("lammoi")
    page.get_by_label("Mật khẩu").fill("bien-nha-trang-2017")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name=re.compile("Lâm Thị Mới"))).to_be_visible()


def test_an_officer_sees_a_document_to_read_in_the_inbox_and_acknowledges_it(
    page: Page, login: Callable[[Page, str], None]
) -> None:
    from playwright.sync_api import expect

    login(page, "chuyenvien")
    expect(page.get_by_test_id("inbox-count").first).to_be_visible()
    page.get_by_role("link", name=re.compile("^Việc của tôi")).first.click()
    reading = page.get_by_test_id("inbox-documents-read")
    expect(reading).to_contain_text("Sổ tay chất lượng")
    _shot(page, "inbox-officer")
    reading.get_by_role("button", name="Xác nhận đã đọc").first.click()
    expect(page.get_by_text("Đã xác nhận đã đọc tài liệu.")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Việc của tôi")).first.click()
    expect(page.get_by_test_id("inbox-documents-read")).to_have_count(0)


def test_a_mistyped_address_shows_the_apps_404_page_on_a_phone(page: Page, live_url: str) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_url}/khong-co/")
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
    expect(page.get_by_role("link", name="Về cổng thông tin")).to_be_visible()
    _shot(page, "error-404-phone")
