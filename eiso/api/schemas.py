"""Request and response shapes of the API (pydantic, via django-ninja); the OpenAPI schema comes from here."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from eiso.workdays.calendar import LOCAL_TZ

Code = Field(..., min_length=1, max_length=64, pattern=r"^[^/\s]+$")
ChannelLiteral = Literal["direct", "online", "postal"]
EventKindLiteral = Literal[
    "received",
    "transferred",
    "supplement_requested",
    "supplement_received",
    "extended",
    "resolved",
    "returned",
    "stopped",
    "withdrawn",
]
MAX_BATCH = 1000
MAX_OFFSET = dt.timedelta(hours=14)
MIN_YEAR, MAX_YEAR = 1900, 2200


class Strict(Schema):
    """A request body: unknown fields refused; times without an offset are Vietnam time."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="after")
    def _local_times(self) -> Strict:
        for name, value in self:
            if not isinstance(value, dt.datetime):
                continue
            if value.tzinfo is None:
                setattr(self, name, value.replace(tzinfo=LOCAL_TZ))
            elif abs(value.utcoffset() or dt.timedelta()) > MAX_OFFSET:
                raise ValueError(f"{name}: UTC offset out of range (±14:00)")
            elif not MIN_YEAR <= value.year <= MAX_YEAR:
                raise ValueError(f"{name}: year out of range")
        return self


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None


class DossierIn(Strict):
    """A dossier as the one-stop system knows it: the columns of the file import (docs/import.md)."""

    procedure_code: str = Field(..., min_length=1, max_length=64)
    status: int = Field(..., ge=1, le=10, description="Mã trạng thái quốc gia 1–10")
    received_at: dt.datetime
    channel: ChannelLiteral | None = None
    due_at: dt.datetime | None = None
    supplement_requested_at: dt.datetime | None = None
    supplement_received_at: dt.datetime | None = None
    supplement_count: int | None = Field(None, ge=0, le=99)
    extended_due_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    stopped_at: dt.datetime | None = None
    division: str | None = Field(None, max_length=255, description="Mã hoặc tên phòng")


class BatchItem(DossierIn):
    code: str = Code


class BatchIn(Strict):
    items: list[BatchItem] = Field(..., min_length=1, max_length=MAX_BATCH)


class UpsertResult(Schema):
    code: str
    result: Literal["created", "updated", "unchanged"]


class BatchOut(Schema):
    created: int
    updated: int
    unchanged: int
    items: list[UpsertResult]


class EventIn(Strict):
    """One step of a dossier as it happens. `received` creates the dossier (procedure_code needed);
    `extended` needs new_due_at and a reason; `supplement_requested` and `stopped` need a reason."""

    kind: EventKindLiteral
    at: dt.datetime
    reason: str = Field("", max_length=2000)
    division: str | None = Field(None, max_length=64, description="Mã phòng (received, transferred)")
    new_due_at: dt.datetime | None = None
    procedure_code: str | None = Field(None, max_length=64)
    channel: ChannelLiteral | None = None
    due_at: dt.datetime | None = None
    applicant_name: str = Field("", max_length=255)
    applicant_phone: str = Field("", max_length=32)


class Named(Schema):
    code: str
    name: str


class DossierOut(Schema):
    code: str
    agency: str
    procedure: Named
    division: Named | None
    channel: str
    status: int
    status_label: str
    timeliness: str
    timeliness_label: str
    received_at: dt.datetime
    due_date: dt.date
    computed_due_date: dt.date
    due_at: dt.datetime | None
    extended_due_at: dt.datetime | None
    supplement_count: int
    supplement_requested_at: dt.datetime | None
    supplement_received_at: dt.datetime | None
    resolved_at: dt.datetime | None
    returned_at: dt.datetime | None
    stopped_at: dt.datetime | None
    finished_at: dt.datetime | None
    updated_at: dt.datetime


class TimelineEntry(Schema):
    kind: str
    label: str
    at: dt.datetime
    actor: str | None
    note: str
    data: dict[str, Any]


class HolidaySkipped(Schema):
    date: dt.date
    name: str


class DueExplanation(Schema):
    start_date: dt.date
    due_date: dt.date
    explanation: str
    holidays_skipped: list[HolidaySkipped]


class DossierDetail(DossierOut):
    timeline: list[TimelineEntry]
    due: DueExplanation


class DossierPage(Schema):
    items: list[DossierOut]
    next_cursor: str | None
