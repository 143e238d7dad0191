"""One clock: with EISO_TODAY set the whole application lives on that day; without it, on the real date."""

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from eiso.core import clock


@pytest.fixture
def installed_clock() -> Iterator[None]:
    original = timezone.now
    yield
    timezone.now = original


def test_without_a_fixed_day_the_clock_is_the_real_one() -> None:
    assert clock.fixed_today() is None
    assert abs((clock.now() - clock._real_now()).total_seconds()) < 5


@override_settings(EISO_TODAY="2017-08-07")
def test_a_fixed_day_is_today_everywhere_and_the_time_runs_on(installed_clock: None) -> None:
    clock.install()
    assert clock.today() == dt.date(2017, 8, 7)
    assert timezone.localdate() == dt.date(2017, 8, 7)
    real_time = timezone.localtime(clock._real_now()).time()
    assert timezone.localtime().time().hour in {real_time.hour, (real_time.hour + 1) % 24}


@pytest.mark.django_db
@override_settings(EISO_TODAY="2017-08-07")
def test_every_page_shows_the_fixed_day_in_a_banner() -> None:
    html = Client().get("/dang-nhap/").content.decode()
    assert 'data-testid="clock-banner"' in html and "07/08/2017" in html


@pytest.mark.django_db
def test_no_banner_on_the_real_date() -> None:
    assert 'data-testid="clock-banner"' not in Client().get("/dang-nhap/").content.decode()
