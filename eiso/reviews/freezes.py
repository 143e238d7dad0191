"""What an issued management review freezes (eiso.core.immutability): the meeting, its inputs, its
attendance and its decisions as minuted. A decision's progress (state, result, closing date) stays
writable."""

from eiso.core.immutability import Freeze

ISSUED = ("minutes_issued", "closed")

REVIEW = Freeze(
    model="reviews.ManagementReview",
    path="state",
    states=ISSUED,
    columns=(
        "agency_id",
        "year",
        "planned_on",
        "place",
        "chair_id",
        "secretary_id",
        "inputs_as_of",
        "inputs_collected_at",
        "held_on",
        "started_at",
        "ended_at",
        "discussion",
        "conclusion",
        "minutes_number",
        "notice_number",
        "minutes_issued_on",
    ),
)
INPUT = Freeze(
    model="reviews.ReviewInput",
    path="review__state",
    states=ISSUED,
    columns=("review_id", "key", "clause", "order", "title", "data", "chart_svg", "commentary"),
    child=True,
)
PARTICIPANT = Freeze(
    model="reviews.ReviewParticipant",
    path="review__state",
    states=ISSUED,
    columns=("review_id", "person_id", "attendance"),
    child=True,
)
DECISION = Freeze(
    model="reviews.ReviewDecision",
    path="review__state",
    states=ISSUED,
    columns=(
        "review_id",
        "kind",
        "text",
        "owner_id",
        "owner_division_id",
        "deadline",
        "amount_vnd",
        "is_internal_audit_budget",
        "budget_year",
    ),
    child=True,
)
FREEZES = (REVIEW, INPUT, PARTICIPANT, DECISION)
