"""Shapes of the dossier figures other apps read (objectives, surveys, reviews, the dashboard).

TypedDicts: plain dicts at run time, checked by mypy wherever they are read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypedDict


class DossierStats(TypedDict):
    """Biểu II.06a for a period (`dossier_stats`); `on_time_rate` is a fraction of 1, None without any
    resolved dossier."""

    received_online: int
    received_direct: int
    carried_over: int
    received_total: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    resolved_total: int
    pending_in_time: int
    pending_overdue: int
    pending_total: int
    resolved_late_with_apology: int
    on_time_rate: float | None


class DossierStatsRow(DossierStats, total=False):
    """One row of `dossier_stats(group_by=...)`: the figures with the group's columns."""

    procedure_id: int
    procedure__code: str
    procedure__name: str
    procedure__field: str
    division_id: int | None
    division__name: str | None


@dataclass(frozen=True)
class PublicDossier:
    """What the public lookup prints of a dossier: no applicant data."""

    code: str
    status: int
    received_at: dt.datetime
    due_date: dt.date | None
    extended_due_at: dt.datetime | None
    finished_at: dt.datetime | None
    agency_name: str
    agency_code: str
    procedure_name: str

    @property
    def status_label(self) -> str:
        from eiso.dossiers.choices import DossierStatus

        return str(DossierStatus(self.status).label)
