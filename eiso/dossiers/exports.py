"""Export of dossiers, one row per dossier, streamed from the database in chunks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from eiso.core.access import scoped
from eiso.core.models import Agency
from eiso.core.spreadsheets import neutralise
from eiso.dossiers.models import Dossier
from eiso.dossiers.selectors import timeliness_expression
from eiso.workdays.calendar import LOCAL_TZ

EXPORT_COLUMNS = [
    "code",
    "procedure_code",
    "channel",
    "status",
    "division",
    "received_at",
    "due_date",
    "computed_due_date",
    "due_at",
    "supplement_count",
    "extended_due_at",
    "finished_at",
    "timeliness",
]
_FIELDS = {
    "code": "code",
    "procedure_code": "procedure__code",
    "channel": "channel",
    "status": "status",
    "division": "division__code",
    "received_at": "received_at",
    "due_date": "due_date",
    "computed_due_date": "computed_due_date",
    "due_at": "due_at",
    "supplement_count": "supplement_count",
    "extended_due_at": "extended_due_at",
    "finished_at": "finished_at",
    "timeliness": "timeliness",
}


def _text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(LOCAL_TZ).isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(value)


def export_rows(*, agency: Agency, as_of: dt.date, chunk_size: int = 5000) -> Iterator[dict[str, Any]]:
    """Every dossier of the agency with its timeliness as of `as_of` (finished later counts as pending)."""
    queryset = (
        scoped(Dossier.objects.all(), agency)
        .annotate(timeliness=timeliness_expression(as_of))
        .order_by("received_at", "code")
        .values_list(*_FIELDS.values())
    )
    for values in queryset.iterator(chunk_size=chunk_size):
        yield {column: _text(value) for column, value in zip(EXPORT_COLUMNS, values, strict=True)}
