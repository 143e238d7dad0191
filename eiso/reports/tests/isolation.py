"""URLs of the reports app that take arguments, with objects of `agency`, for the isolation walk: the
self-report of a year the victim agency has a management review for (another agency sees only its own)."""

import datetime as dt
from typing import Any

from eiso.core.models import Agency, Person
from eiso.reviews.models import ManagementReview

PUBLIC: set[str] = set()
YEAR = 2034


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    person = Person.objects.create(agency=agency, full_name="Giám đốc có báo cáo năm")
    ManagementReview.objects.create(
        agency=agency, year=YEAR, planned_on=dt.date(YEAR, 8, 7), chair=person, secretary=person
    )
    return {
        "reports:self_report": {"year": YEAR},
        "reports:self_report_download": {"year": YEAR, "fmt": "pdf"},
    }
