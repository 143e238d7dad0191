"""In a browser, with the demo accounts: a division head opens Biểu II.06a for the first seven months of
2017, downloads it as XLSX, and the file holds the figures the page shows: 70 dossiers, all resolved early."""

from __future__ import annotations

import os
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl import load_workbook

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("EISO_SCREENSHOTS", "")  # a folder to keep screenshots in, when set


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_a_division_head_downloads_the_ii06a_of_2017_as_xlsx(
    page: Page, login: Callable[[Page, str], None], live_url: str
) -> None:
    from playwright.sync_api import expect

    login(page, "truongphong")
    page.get_by_role("link", name="Thống kê hồ sơ").click()
    page.get_by_label("Từ ngày").fill("2017-01-01")
    page.get_by_label("Đến ngày").fill("2017-07-31")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("headline")).to_have_text("70/70 hồ sơ giải quyết sớm hạn")
    _shot(page, "ii06a-page")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Biểu II.06a (XLSX)").click()
    download = info.value
    assert download.suggested_filename == "bieu-II.06a-20170101-20170731.xlsx"

    sheet = load_workbook(BytesIO(Path(download.path()).read_bytes())).worksheets[0]
    texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any("Kỳ báo cáo: từ ngày 01/01/2017 đến ngày 31/07/2017" in text for text in texts)
    total_row = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Tổng số")
    received, online, direct, carried, resolved, early, on_time, late, pending = total_row[2:11]
    assert (received, resolved, early, on_time, late, pending) == (70, 70, 70, 0, 0, 0)
    assert [online, direct, carried] == [7, 63, 0]
