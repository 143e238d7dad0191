"""Who may do what with satisfaction surveys: role sets and one predicate per action."""

from __future__ import annotations

from eiso.core.models import Person
from eiso.core.permissions import QMS_MANAGERS, STAFF, holds

ENTRY_ROLES = STAFF
QUESTIONNAIRE_ROLES = QMS_MANAGERS


def can_enter_paper_forms(person: Person | None) -> bool:
    """Type in paper forms on behalf of respondents: the agency's staff, never a reader or a supervisor."""
    return holds(person, ENTRY_ROLES)


def can_edit_questionnaire(person: Person | None) -> bool:
    """Put a new questionnaire in use: the ISO secretary and the leadership."""
    return holds(person, QUESTIONNAIRE_ROLES)
