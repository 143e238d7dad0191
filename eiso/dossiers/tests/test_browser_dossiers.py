from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUPPLEMENT_CASE = "000.00.20.H34-180305-0901"


def test_a_citizen_looks_up_a_dossier_by_its_code_and_sees_no_personal_data(
    page: Page, live_url: str
) -> None:
    page.goto(f"{live_url}/cong-khai/tra-cuu-ho-so/")
    page.get_by_label("Mã hồ sơ").fill(SUPPLEMENT_CASE)
    page.get_by_role("button", name="Tra cứu").click()
    result = page.get_by_test_id("lookup-result")
    expect(result).to_contain_text(SUPPLEMENT_CASE)
    expect(result).to_contain_text("05/03/2018")
    expect(result).to_contain_text("Đã trả kết quả")
    expect(result).not_to_contain_text("Tổ chức, công dân")
    page.get_by_label("Mã hồ sơ").fill("000.00.20.H34-180305")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("alert")).to_contain_text("Không tìm thấy hồ sơ")


def test_the_secretary_reads_70_of_70_early_on_the_statistics_page_and_drills_down(
    page: Page, live_url: str, login: Callable[[Page, str], None]
) -> None:
    login(page, "thuky")
    page.get_by_role("link", name="Thống kê hồ sơ").click()
    page.get_by_label("Từ ngày").fill("2017-01-01")
    page.get_by_label("Đến ngày").fill("2017-08-01")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("headline")).to_have_text("70/70 hồ sơ giải quyết sớm hạn")
    expect(page.locator(".eiso-chart svg")).to_be_visible()
    page.locator("#ii06a tbody tr").first.get_by_role("link").first.click()
    expect(page.locator("#dossier-table")).to_contain_text("70 hồ sơ")
