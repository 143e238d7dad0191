"""Dates read and written dd/mm/yyyy in both languages, as in Vietnamese administrative documents; numbers
grouped the way each language's reader expects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

DAY = dt.date(2017, 7, 6)
MOMENT = dt.datetime(2017, 7, 6, 8, 5)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_written_day_first_with_leading_zeros_in_both_languages(language: str) -> None:
    with translation.override(language):
        assert formats.date_format(DAY) == "06/07/2017"
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "06/07/2017"
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == "08:05 06/07/2017"
        assert formats.date_format(DAY, "YEAR_MONTH_FORMAT") == "07/2017"
        assert Template("{{ d|date:'SHORT_DATE_FORMAT' }}").render(Context({"d": DAY})) == "06/07/2017"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_date_typed_day_first_or_as_the_browser_sends_it_is_read_alike(language: str) -> None:
    with translation.override(language):
        field = forms.DateField()
        assert field.clean("06/07/2017") == field.clean("2017-07-06") == DAY
        moment = forms.DateTimeField()
        assert moment.clean("06/07/2017 08:05") == moment.clean("2017-07-06T08:05")
        assert moment.clean("06/07/2017 08:05").strftime("%d/%m %H:%M") == "06/07 08:05"
        with pytest.raises(forms.ValidationError):
            field.clean("07/31/2017")  # month first is not a date here


@pytest.mark.parametrize(("language", "expected"), [("vi", "12.345,6"), ("en", "12,345.6")])
def test_numbers_are_grouped_as_each_reader_expects(language: str, expected: str) -> None:
    with translation.override(language):
        assert (
            formats.number_format(Decimal("12345.6"), decimal_pos=1, use_l10n=True, force_grouping=True)
            == expected
        )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_week_starts_on_monday(language: str) -> None:
    with translation.override(language):
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1
