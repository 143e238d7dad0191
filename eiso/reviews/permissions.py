"""Who may do what in the management review: role sets and one predicate per action."""

from __future__ import annotations

from eiso.core.models import Person
from eiso.core.permissions import QMS_MANAGERS, holds
from eiso.reviews.choices import ReviewState
from eiso.reviews.models import ManagementReview

MANAGERS = QMS_MANAGERS
BEFORE_FREEZE = (ReviewState.PLANNED, ReviewState.INPUTS_COLLECTED)


def can_manage(person: Person | None) -> bool:
    return holds(person, MANAGERS)


def can_edit_details(person: Person | None, review: ManagementReview) -> bool:
    """Correct the meeting details (date, place, chair, secretary) until the inputs are frozen."""
    return review.state in BEFORE_FREEZE and holds(person, MANAGERS)


def can_comment(person: Person | None, review: ManagementReview) -> bool:
    return review.state not in (ReviewState.MINUTES_ISSUED, ReviewState.CLOSED) and holds(person, MANAGERS)


def can_decide(person: Person | None, review: ManagementReview) -> bool:
    return review.state in (ReviewState.HELD, ReviewState.MINUTES_ISSUED) and holds(person, MANAGERS)
