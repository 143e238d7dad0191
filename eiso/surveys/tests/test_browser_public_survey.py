"""The public survey in a phone-sized headless Chromium (fixtures live_url/page from the root conftest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from eiso.core.demo import DEMO_AGENCY_CODE
from eiso.dossiers.choices import FINISHED
from eiso.dossiers.models import Dossier
from eiso.surveys.models import SurveyResponse

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_all(page: Page) -> None:
    for fieldset in page.locator("fieldset").all():
        best = fieldset.get_by_text("Rất hài lòng", exact=True)
        (best if best.count() else fieldset.get_by_text("Tốt (2 điểm)", exact=True)).click()


def test_a_citizen_rates_a_dossier_on_a_phone_and_cannot_rate_it_twice(live_url: str, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    rated = SurveyResponse.objects.exclude(dossier_code="").values("dossier_code")
    dossier = (
        Dossier.objects.filter(agency__code=DEMO_AGENCY_CODE, status__in=FINISHED)
        .exclude(code__in=rated)
        .order_by("id")
        .first()
    )
    assert dossier is not None
    url = f"{live_url}/cong-khai/khao-sat/{DEMO_AGENCY_CODE}/?ma={dossier.code}"
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # one column, no sideways scrolling
    submit = page.get_by_role("button", name="Gửi đánh giá")
    assert submit.bounding_box()["height"] >= 44  # type: ignore[index]  # a comfortable touch target
    _fill_all(page)
    submit.click()
    page.get_by_text("Cảm ơn Quý vị đã đánh giá!").wait_for()

    page.goto(url)
    _fill_all(page)
    page.get_by_role("button", name="Gửi đánh giá").click()
    message = page.locator("#id_dossier_code_error")
    message.wait_for()
    assert f"{dossier.code} đã được đánh giá" in message.inner_text()


def test_an_incomplete_form_shows_a_message_at_each_missing_question(live_url: str, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_url}/cong-khai/khao-sat/{DEMO_AGENCY_CODE}/")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.locator("#survey-errors").wait_for()
    errors = page.locator("fieldset .invalid-feedback")
    assert errors.count() == 4  # the four required rating questions
    assert errors.first.inner_text() == "Vui lòng chọn một mức đánh giá."
    assert errors.first.is_visible()
