"""Shapes of the satisfaction figures other apps read (objectives, reviews, the dashboard)."""

from __future__ import annotations

from typing import TypedDict


class QuestionMean(TypedDict):
    question_id: int
    text: str
    kind: str
    mean: float
    answers: int


class SatisfactionSummary(TypedDict):
    """`satisfaction_summary`: responses, valid ones (with an overall rating), satisfied, the rate in percent
    (None without a valid response) and the mean of each rated question."""

    responses: int
    valid: int
    satisfied: int
    rate: float | None
    per_question: list[QuestionMean]
