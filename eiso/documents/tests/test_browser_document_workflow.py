"""A new version of a published handling procedure, from the secretary's draft to the public portal."""

import io
from collections.abc import Callable

import pytest
from docx import Document as DocxDocument
from playwright.sync_api import FilePayload, Page, expect

from eiso.documents.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _docx() -> bytes:
    document = DocxDocument()
    document.add_heading("Quy trình cấp giấy phép xuất bản bản tin, sửa đổi 2017", level=1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _switch(page: Page, login: Callable[[Page, str], None], username: str, url: str) -> None:
    page.context.clear_cookies()
    login(page, username)
    page.goto(url)


def test_a_revision_is_drafted_returned_fixed_approved_issued_and_published(
    page: Page, live_url: str, login: Callable[[Page, str], None]
) -> None:
    document = Document.objects.get(agency__code="STTTT-KH", code="QT-TTHC-02")
    previous = document.versions.get(state="issued")
    procedure = document.procedures.get()
    detail = f"{live_url}/tai-lieu/{document.pk}/"

    # The secretary drafts the revision with its DOCX and sends it for review.
    login(page, "thuky")
    page.goto(detail)
    upload: FilePayload = {
        "name": "QT-TTHC-02.docx",
        "mimeType": "application/octet-stream",
        "buffer": _docx(),
    }
    page.get_by_label("Tệp tài liệu (DOCX hoặc PDF)").set_input_files(files=[upload])
    page.get_by_label("Nội dung sửa đổi").fill("Rút ngắn thời gian thẩm định")
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_text("Đã tạo dự thảo mới.")).to_be_visible()
    page.get_by_role("button", name="Lưu và gửi xem xét").click()
    expect(page.get_by_text("Đã lưu và gửi dự thảo để xem xét.")).to_be_visible()

    # The reviewer returns it with a comment.
    _switch(page, login, "chanhvanphong", detail)
    page.get_by_label("Ý kiến").fill("Ghi rõ thời gian từng bước")
    page.get_by_role("button", name="Trả lại kèm ý kiến").click()
    expect(page.get_by_text("Đã trả lại dự thảo cho người soạn thảo.")).to_be_visible()

    # The secretary sees the comment, fixes the draft and sends it again.
    _switch(page, login, "thuky", detail)
    expect(page.get_by_role("status")).to_contain_text("Ghi rõ thời gian từng bước")
    page.get_by_label("Vị trí sửa đổi").fill("Bước 2")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_text("Đã lưu dự thảo.")).to_be_visible()
    page.get_by_role("button", name="Lưu và gửi xem xét").click()
    expect(page.get_by_text("Đã lưu và gửi dự thảo để xem xét.")).to_be_visible()

    # The reviewer passes it; the director approves; the secretary issues it.
    _switch(page, login, "chanhvanphong", detail)
    page.get_by_role("button", name="Xem xét đạt").click()
    expect(page.get_by_text("dự thảo đạt, chờ phê duyệt")).to_be_visible()
    _switch(page, login, "giamdoc", detail)
    page.get_by_label("Ý kiến").fill("Đồng ý ban hành")
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.get_by_text("Đã phê duyệt tài liệu.")).to_be_visible()
    _switch(page, login, "thuky", detail)
    page.get_by_label("Ngày hiệu lực").fill("2017-08-15")
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.get_by_text("Đã ban hành tài liệu.")).to_be_visible()

    # The previous version is marked superseded; the new one is on the public page, without login.
    versions = page.get_by_role("region", name="Các phiên bản (mục lục sửa đổi)")
    expect(
        versions.get_by_role("row").filter(has_text=f"{previous.issue_no}.{previous.revision_no}")
    ).to_contain_text("Đã thay thế")
    page.context.clear_cookies()
    page.goto(f"{live_url}/cong-khai/thu-tuc/STTTT-KH/{procedure.pk}/")
    public = page.get_by_role("region", name="Quy trình và biểu mẫu tải về")
    expect(public).to_contain_text(f"sửa đổi {previous.revision_no + 1}, hiệu lực từ 15/08/2017")
    expect(public.get_by_role("link", name="Tải về (DOCX)").last).to_be_visible()
