"""Under the Content-Security-Policy the pages keep working in Chromium: htmx and the widgets load, and
the browser reports no violation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_staff_pages_run_their_scripts_without_a_policy_violation(
    page: Page, login: Callable[[Page, str], None], live_url: str
) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    login(page, "thuky")
    for path in ("/", "/ho-so/thong-ke/", "/ho-so/nhap/", "/cong-khai/"):
        page.goto(live_url + path)
        assert page.evaluate("typeof window.htmx") == "object", path
        assert page.evaluate("window.__cspViolations") == [], path
    expect(page.locator("body")).to_be_visible()
