"""Shapes of the dossier figures other apps read (objectives, surveys, reviews, the dashboard).

TypedDicts: plain dicts at run time, checked by mypy wherever they are read.
"""

from __future__ import annotations

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
