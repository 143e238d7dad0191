"""The API's pages in a real browser: the docs under a strict CSP, and connecting a system."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import get_resolver
from playwright.sync_api import Browser, Page, expect

from eiso.core.testing import Personas, client_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__import__("tempfile").gettempdir())


@pytest.fixture
def secretary_page(browser: Browser, live_server: Any, personas: Personas) -> Iterator[Page]:
    session = client_for(personas.secretary).cookies[settings.SESSION_COOKIE_NAME].value
    get_resolver().url_patterns  # noqa: B018 - import every view before the first page (a slow cold start)
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_the_api_docs_render_from_local_assets_under_a_strict_csp(secretary_page: Page) -> None:
    page = secretary_page
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if "Content Security" in message.text else None,
    )
    page.on("response", lambda response: problems.append(response.url) if response.status >= 400 else None)
    page.goto("/api/v1/docs/")
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() >= 14
    expect(page.locator(".swagger-ui")).to_contain_text("/api/v1/dossiers:batch")
    page.screenshot(path=str(SHOTS / "api-docs.png"))
    assert [p for p in problems if not p.endswith("/favicon.ico")] == []


def test_the_secretary_connects_a_system_and_revokes_its_key_after_confirming(secretary_page: Page) -> None:
    page = secretary_page
    page.goto("/api/khoa/")
    page.get_by_label("Tên hệ thống").fill("Hệ thống một cửa tỉnh")
    page.get_by_role("button", name="Thêm hệ thống").click()
    page.get_by_label("Ghi hồ sơ (tiếp nhận, cập nhật, sự kiện)").check()
    page.get_by_role("button", name="Tạo khóa").click()
    expect(page.get_by_test_id("new-key")).to_contain_text("eiso_")
    page.screenshot(path=str(SHOTS / "api-keys.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "api-keys-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Thu hồi").click()
    expect(page.get_by_role("alert")).to_contain_text("không thể hoàn tác")
    page.get_by_role("button", name="Thu hồi khóa").click()
    expect(page.locator("table")).to_contain_text("Đã thu hồi")
