"""Shapes of the nonconformity figures other apps read (the management review)."""

from __future__ import annotations

from typing import TypedDict


class NonconformitySummary(TypedDict):
    """`nonconformity_summary`: opened and requested in the period, closed (on time), verified (not)
    effective, and still open (overdue) at the period end."""

    opened: int
    requested: int
    closed: int
    closed_on_time: int
    verified_effective: int
    verified_not_effective: int
    open: int
    overdue: int
