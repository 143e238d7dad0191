"""Shapes of the document-control figures other apps read (the management review, the dashboard)."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict


class EvaluationCounts(TypedDict):
    applied_as_written: int
    needs_change: int
    obsolete: int


class DocumentsSummary(TypedDict):
    """`documents_summary`: internal documents in force, issued or revised in the year, overdue reviews,
    legal changes not yet taken in, and the year's evaluation results."""

    year: int
    as_of: dt.date
    in_force: int
    issued: int
    revised: int
    overdue_reviews: int
    legal_changes_pending: int
    legal_changes_overdue: int
    evaluations: EvaluationCounts
    evaluations_total: int
