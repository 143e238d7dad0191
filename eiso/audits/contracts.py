"""Shapes of the internal-audit figures other apps read (the management review)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict


class AuditHeld(TypedDict):
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
    """`audit_summary`: audits held in the period, coverage of divisions and procedures, findings by kind
    and by division, and the quoted finding texts."""

    audits: list[AuditHeld]
    finding_texts: list[FindingText]
    audits_held: int
    divisions_total: int
    divisions_audited: int
    procedures_total: int
    procedures_covered: int
    findings: FindingCounts
    findings_by_division: list[dict[str, object]]
