"""A secretary browses the procedure catalogue, opens a procedure, and uploads a bad file that is refused."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretary_filters_the_catalogue_and_reads_a_handling_process(
    page: Page, login: Callable[[Page, str], None]
) -> None:
    login(page, "thuky")
    page.get_by_role("link", name="Thủ tục hành chính").first.click()
    expect(page.get_by_role("heading", name="Danh mục thủ tục hành chính")).to_be_visible()
    expect(page.get_by_text("46/46 TTHC")).to_be_visible()
    page.get_by_label("Lĩnh vực").select_option("Bưu chính")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_text("1–6 trên 6")).to_be_visible()
    page.get_by_role("link", name="Cấp giấy phép bưu chính", exact=True).click()
    expect(page.get_by_text("mã tạm").first).to_be_visible()
    expect(page.get_by_role("cell", name="Phòng Bưu chính, Viễn thông").first).to_be_visible()


def test_an_uploaded_file_with_errors_is_refused_with_row_and_column(
    page: Page, login: Callable[[Page, str], None], tmp_path: Path
) -> None:
    bad = tmp_path / "tthc.csv"
    bad.write_text("Mã TTHC,Tên thủ tục,Thời hạn\n9.999,,mười\n", encoding="utf-8")
    login(page, "thuky")
    page.goto("/thu-tuc/nhap-tep/")
    page.get_by_label("Tệp CSV hoặc XLSX").set_input_files(str(bad))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_role("alert")).to_contain_text("Tệp bị từ chối: 2 lỗi")
    expect(page.get_by_role("cell", name="Không được để trống.")).to_be_visible()


def test_everyone_sees_the_2017_calendar_with_tet(page: Page, login: Callable[[Page, str], None]) -> None:
    login(page, "xem")
    page.goto("/lich-lam-viec/?nam=2017")
    expect(page.get_by_role("heading", name="Lịch làm việc năm 2017")).to_be_visible()
    expect(page.get_by_text("26/01/2017")).to_be_visible()
