"""A citizen on a 390 px phone: finds a procedure typing without accents, looks a dossier up in lower case
and rates it from the result."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from eiso.core.demo import DEMO_AGENCY_CODE
from eiso.dossiers.models import Dossier
from eiso.surveys.models import SurveyResponse

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("EISO_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _unrated_finished_dossier() -> Dossier:
    rated = SurveyResponse.objects.exclude(dossier_code="").values("dossier_code")
    dossier = (
        Dossier.objects.filter(agency__code=DEMO_AGENCY_CODE, finished_at__isnull=False)
        .exclude(code__in=rated)
        .order_by("-finished_at")
        .first()
    )
    assert dossier is not None
    return dossier


def test_a_citizen_finds_a_procedure_looks_up_a_dossier_and_rates_it(page: Page, live_url: str) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_url}/cong-khai/")
    page.get_by_role("link", name="Thủ tục hành chính").first.click()
    page.get_by_role("link", name="Sở Thông tin và Truyền thông tỉnh Khánh Hòa").first.click()
    page.get_by_label("Tìm thủ tục").fill("buu chinh")
    page.get_by_role("button", name="Tìm").click()
    cards = page.locator(".eiso-procedure-card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 1
    for title in cards.locator("h2").all_inner_texts():
        assert "bưu chính" in title.lower()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "portal-search-phone")
    cards.first.locator("a").click()
    expect(page.get_by_role("heading", name="Thành phần hồ sơ")).to_be_visible()
    expect(page.get_by_role("heading", name="Trình tự thực hiện")).to_be_visible()
    _shot(page, "portal-procedure-phone")

    dossier = _unrated_finished_dossier()
    page.goto(f"{live_url}/cong-khai/tra-cuu-ho-so/")
    page.get_by_label("Mã hồ sơ").fill(f" {dossier.code.lower()} ")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_test_id("lookup-result")).to_contain_text(dossier.code)
    _shot(page, "portal-lookup-phone")
    page.get_by_test_id("rate-dossier").click()
    expect(page.locator("#id_dossier_code")).to_have_value(dossier.code)
    for fieldset in page.locator("fieldset").all():
        best = fieldset.get_by_text("Rất hài lòng", exact=True)
        (best if best.count() else fieldset.get_by_text("Tốt (2 điểm)", exact=True)).click()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn Quý vị đã đánh giá!")).to_be_visible()
    assert SurveyResponse.objects.filter(dossier_code=dossier.code).count() == 1
