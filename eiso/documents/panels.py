"""The document-control card of the agency dashboard."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from eiso.documents import selectors


def documents_panel(request: HttpRequest) -> dict[str, Any] | None:
    agency = getattr(request, "agency", None)
    person = getattr(request, "person", None)
    if agency is None:
        return None
    today = timezone.localdate()
    summary = selectors.documents_summary(agency=agency, year=today.year, as_of=today)
    to_read = selectors.reading_list(person=person).count() if person and person.agency_id == agency.pk else 0
    return {"summary": summary, "to_read": to_read}
