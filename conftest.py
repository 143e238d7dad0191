"""Fixtures shared by every app's tests: personas, and the browser (Playwright on the system Chromium)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from django.core.management import call_command

from eiso.core.testing import Personas, build_personas, client_for

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("EISO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
DEMO_PASSWORD = "eiso-demo-2017"


@pytest.fixture(autouse=True)
def vietnamese_by_default() -> Iterator[None]:
    """Each test starts in Vietnamese, whatever language an earlier request in this thread switched to."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture
def personas(db: None) -> Personas:
    return build_personas()


@pytest.fixture
def secretary_client(personas: Personas) -> Any:
    return client_for(personas.secretary)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; Django ORM calls made by the test
    # itself (fixtures, assertions on the database) are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()
    playwright.stop()


_demo_snapshot: dict[str, sqlite3.Connection] = {}


@pytest.fixture
def live_url(live_server: Any) -> str:
    """A live server over a database holding the demo agency (every module's demo data).

    On the in-memory SQLite test database the demo is loaded once per test process and copied back
    (SQLite's backup API, milliseconds) before each later journey, instead of loading it again (seconds)."""
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        call_command("load_demo", verbosity=0)
        return str(live_server.url)
    connection.ensure_connection()
    live = connection.connection
    if "demo" in _demo_snapshot:
        _demo_snapshot["demo"].backup(live)
    else:
        call_command("load_demo", verbosity=0)
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        live.backup(snapshot)
        _demo_snapshot["demo"] = snapshot
    return str(live_server.url)


@pytest.fixture
def page(browser: Browser, live_url: str) -> Iterator[Page]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, base_url=live_url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(live_url: str) -> Callable[[Page, str], None]:
    """login(page, "thuky") signs in a demo account through the login form."""

    def do_login(page: Page, username: str) -> None:
        page.goto(f"{live_url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_url}/")

    return do_login
