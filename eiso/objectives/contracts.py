"""The objective snapshot: every indicator of a set measured as of a date, as plain JSON-friendly values
(what a management review freezes and `objectives_status` prints)."""

from __future__ import annotations

from typing import TypedDict


class TrendPoint(TypedDict):
    label: str
    value: float | None
    numerator: float | int | None
    denominator: float | int | None


class IndicatorSnapshot(TypedDict):
    indicator_id: int
    objective: str
    name: str
    source: str
    target: str
    target_value: float
    comparison: str
    unit: str
    value: float | None
    numerator: float | int | None
    denominator: float | int | None
    display: str
    extra: dict[str, float | int]
    status: str
    trend: list[TrendPoint]
    link: str | None
