"""The calendar screen: everyone sees the year; the ISO secretary adds and removes days and office hours."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.workdays.calendar import calendar_for
from eiso.workdays.demo import NATIONAL_CALENDAR
from eiso.workdays.models import CalendarOverride, OfficeHours
from eiso.workdays.services import calendar_import


@pytest.mark.django_db
def test_everyone_sees_the_year_with_holidays_and_make_up_saturdays(personas: Personas) -> None:
    calendar_import(agency=None, file=NATIONAL_CALENDAR)
    response = client_for(personas.viewer).get(reverse("workdays:calendar"), {"nam": "2025"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "26/04/2025" in page  # the national make-up Saturday
    assert "02/05/2025" in page  # the swapped Friday off
    assert "Thêm ngày điều chỉnh" not in page
    cells = {c.date: c.kind for _first, weeks in response.context["months"] for week in weeks for c in week}
    assert cells[dt.date(2025, 4, 26)] == "makeup" and cells[dt.date(2025, 1, 29)] == "holiday"


@pytest.mark.django_db
def test_the_secretary_adds_and_deletes_an_agency_day_off(personas: Personas) -> None:
    client = client_for(personas.secretary)
    response = client.post(
        reverse("workdays:override_add"),
        {"date": "2017-03-03", "kind": "holiday", "note": "Nghỉ bão", "legal_reference": "QĐ 1/QĐ-UBND"},
    )
    assert response.status_code == 302
    row = CalendarOverride.objects.get(agency=personas.agency, date=dt.date(2017, 3, 3))
    assert not calendar_for(personas.agency).is_working_day(dt.date(2017, 3, 3))
    client.post(reverse("workdays:override_delete", args=[row.pk]))
    assert not CalendarOverride.objects.filter(pk=row.pk).exists()
    assert calendar_for(personas.agency).is_working_day(dt.date(2017, 3, 3))


@pytest.mark.django_db
def test_a_national_day_cannot_be_deleted_from_the_agency_screen(personas: Personas) -> None:
    calendar_import(agency=None, file=NATIONAL_CALENDAR)
    national = CalendarOverride.objects.filter(agency__isnull=True).first()
    assert national is not None
    response = client_for(personas.secretary).post(reverse("workdays:override_delete", args=[national.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_office_hours_are_validated_and_saved(personas: Personas) -> None:
    client = client_for(personas.secretary)
    bad = client.post(
        reverse("workdays:office_hours"),
        {
            "morning_start": "11:00",
            "morning_end": "07:00",
            "afternoon_start": "13:30",
            "afternoon_end": "17:00",
        },
    )
    assert bad.status_code == 400 and not OfficeHours.objects.filter(agency=personas.agency).exists()
    client.post(
        reverse("workdays:office_hours"),
        {
            "morning_start": "07:30",
            "morning_end": "11:30",
            "afternoon_start": "13:30",
            "afternoon_end": "17:00",
        },
    )
    assert OfficeHours.objects.get(agency=personas.agency).morning_start == dt.time(7, 30)


@pytest.mark.django_db
def test_an_officer_may_not_change_the_calendar(personas: Personas) -> None:
    client = client_for(personas.officer)
    assert (
        client.post(reverse("workdays:override_add"), {"date": "2017-03-03", "kind": "holiday"}).status_code
        == 403
    )
    assert client.get(reverse("workdays:office_hours")).status_code == 403


@pytest.mark.django_db
def test_the_calendar_command_imports_for_an_agency_and_refuses_a_bad_file(
    personas: Personas, tmp_path: Path
) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    good = tmp_path / "lich.csv"
    good.write_text("date,kind,note\n2017-03-03,holiday,Nghỉ\n04/03/2017,workday,Làm bù\n", encoding="utf-8")
    call_command("import_calendar", str(good), agency=personas.agency.code)
    assert CalendarOverride.objects.filter(agency=personas.agency).count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("date,kind,note\n2017-03-06,nghỉ phép,\n2017-02-30,holiday,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_calendar", str(bad), agency=personas.agency.code)
    assert CalendarOverride.objects.filter(agency=personas.agency).count() == 2
