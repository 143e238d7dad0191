"""Shapes of the satisfaction figures other apps read (objectives, reviews, the dashboard)."""

from __future__ import annotations

from typing import TypedDict


class QuestionMean(TypedDict):
    question_id: int
    text: str
    kind: str
    mean: float
    answers: int


class SatisfactionPart(TypedDict):
    """The counts of one kind of response: naming a finished dossier, or anonymous."""

    responses: int
    valid: int
    satisfied: int
    rate: float | None


class SatisfactionSummary(TypedDict):
    """`satisfaction_summary`: responses, valid ones (with an overall rating), satisfied, the rate in percent
    (None without a valid response), the same apart for the responses naming a finished dossier and the
    anonymous ones (their own denominators; they add up to the totals), and the mean of each rated
    question."""

    responses: int
    valid: int
    satisfied: int
    rate: float | None
    identified: SatisfactionPart
    anonymous: SatisfactionPart
    per_question: list[QuestionMean]
