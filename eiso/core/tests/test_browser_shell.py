from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_logs_in_sees_the_vietnamese_dashboard_and_switches_to_english(
    page: Page, login: Callable[[Page, str], None]
) -> None:
    login(page, "thuky")
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_text("Sở Thông tin và Truyền thông tỉnh Khánh Hòa").first).to_be_visible()
    page.get_by_test_id("lang-en").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_wrong_password_shows_a_vietnamese_message(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thuky")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("mật khẩu chính xác")
