"""Shapes of the risk figures other apps read (the management review, the dashboard)."""

from __future__ import annotations

from typing import TypedDict


class ActionCounts(TypedDict):
    total: int
    done: int
    overdue: int


class EffectivenessCounts(TypedDict):
    effective: int
    partly: int
    not_effective: int


class OpenRisk(TypedDict):
    """`open_risks`: one risk or opportunity open on the as-of date, the records `risk_summary` counts."""

    id: int
    code: str
    kind: str
    level: str
    description: str


class RiskSummary(TypedDict):
    """`risk_summary`: open risks by level and kind, treatment actions, effectiveness of reviewed risks."""

    low: int
    medium: int
    high: int
    risks: int
    opportunities: int
    due_for_review: int
    actions: ActionCounts
    effectiveness: EffectivenessCounts
