"""A division head opens the risk register, filters it and downloads it as XLSX: the file opens in a
spreadsheet with the register's rows, Vietnamese headers and real date cells."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _download(page: Page) -> list[tuple[object, ...]]:
    with page.expect_download() as info:
        page.get_by_role("link", name="Xuất XLSX").click()
    download = info.value
    assert download.suggested_filename.startswith("so-rui-ro-") and download.suggested_filename.endswith(
        ".xlsx"
    )
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _shown(page: Page) -> int:
    return int(page.locator("[data-row-count]").get_attribute("data-row-count") or "0")


def test_a_division_head_exports_the_risk_register_as_xlsx(
    page: Page, login: Callable[[Page, str], None]
) -> None:
    login(page, "truongphong")
    page.get_by_role("link", name="Rủi ro và cơ hội").first.click()
    expect(page.get_by_role("heading", name="Rủi ro và cơ hội")).to_be_visible()
    shown = _shown(page)
    codes = page.locator("table tbody tr td:first-child").all_inner_texts()
    assert shown > 0 and len(codes) == min(shown, 50)

    rows = _download(page)
    header, body = rows[0], rows[1:]
    assert header[:2] == ("Mã", "Loại") and "Ngày nhận diện" in header
    assert len(body) == shown
    assert {code.strip() for code in codes} <= {row[0] for row in body}
    identified = header.index("Ngày nhận diện")
    assert all(isinstance(row[identified], dt.datetime) for row in body)

    page.get_by_label("Loại").select_option(label="Cơ hội")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_text("Xuất XLSX")).to_be_visible()
    narrowed = _shown(page)
    assert 0 < narrowed < shown
    body = _download(page)[1:]
    assert len(body) == narrowed and {row[1] for row in body} == {"Cơ hội"}
