"""Shapes of the internal-audit figures other apps read (the management review)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict


class AuditHeld(TypedDict):
    id: int
    title: str
    starts_on: dt.date
    ends_on: dt.date


class FindingText(TypedDict):
    kind: str
    division: str | None
    description: str


class FindingCounts(TypedDict):
    strength: int
    observation: int
    nonconformity: int
    total: int


class AuditSummary(TypedDict):
    """`audit_summary`: audits held in the period (sessions or findings recorded), the divisions and
    procedures they covered and those they did not, findings by kind and by division, and every finding's
    text (up to `FINDINGS_QUOTED`)."""

    audits: list[AuditHeld]
    finding_texts: list[FindingText]
    audits_held: int
    divisions_total: int
    divisions_audited: int
    divisions_not_audited: list[str]
    procedures_total: int
    procedures_covered: int
    procedures_not_covered: list[str]
    findings: FindingCounts
    findings_by_division: list[dict[str, object]]
