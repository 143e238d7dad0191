"""Shapes of the nonconformity figures other apps read (the management review)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict


class RequestRow(TypedDict):
    """`corrective_actions_of_period`: one request `nonconformity_summary` counts, with its state at the
    period end (closed, forwarded, cancelled or open)."""

    id: int
    number: str
    division: str | None
    requested_on: dt.date
    due_on: dt.date | None
    state: str


class NonconformitySummary(TypedDict):
    """`nonconformity_summary`: nonconformities raised in the period (and how many have a request); the
    period's requests (requested in it, or carried over open) by their state at the period end, judged from
    their event dates: requested + carried_over = closed + forwarded + cancelled + open. Verified (not)
    effective in the period; open past their deadline at the period end."""

    opened: int
    with_request: int
    requested: int
    carried_over: int
    closed: int
    closed_on_time: int
    forwarded: int
    cancelled: int
    verified_effective: int
    verified_not_effective: int
    open: int
    overdue: int
