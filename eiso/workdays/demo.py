"""Demo calendar: the national overrides of data/vn-civil-service-calendar.csv and default office hours."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError

from eiso.core.demo import DemoContext
from eiso.workdays.models import DEFAULT_AFTERNOON, DEFAULT_MORNING
from eiso.workdays.services import calendar_import, office_hours_save

NATIONAL_CALENDAR = Path(__file__).parent / "data" / "vn-civil-service-calendar.csv"


def load(ctx: DemoContext) -> None:
    report = calendar_import(agency=None, file=NATIONAL_CALENDAR)
    if not report.ok:
        raise ValidationError([str(e) for e in report.errors])
    office_hours_save(
        agency=ctx.agency,
        actor=None,
        morning_start=DEFAULT_MORNING[0],
        morning_end=DEFAULT_MORNING[1],
        afternoon_start=DEFAULT_AFTERNOON[0],
        afternoon_end=DEFAULT_AFTERNOON[1],
    )
