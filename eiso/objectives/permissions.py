"""Who may do what with quality objectives: role sets and one predicate per action."""

from __future__ import annotations

from eiso.core.choices import Role
from eiso.core.models import Person
from eiso.core.permissions import QMS_MANAGERS, holds
from eiso.objectives.choices import SetState
from eiso.objectives.models import ObjectiveSet

MANAGERS = QMS_MANAGERS
VALUE_ROLES = frozenset({*QMS_MANAGERS, Role.DIVISION_HEAD, Role.OFFICER})


def can_manage(person: Person | None) -> bool:
    """Create sets, copy them to the next year."""
    return holds(person, MANAGERS)


def is_draft(objective_set: ObjectiveSet) -> bool:
    return objective_set.state == SetState.DRAFT


def can_edit_set(person: Person | None, objective_set: ObjectiveSet) -> bool:
    """Add and correct objectives and indicators while the set is not issued."""
    return is_draft(objective_set) and holds(person, MANAGERS)


def can_issue(person: Person | None, objective_set: ObjectiveSet) -> bool:
    return can_edit_set(person, objective_set)


def can_enter_values(person: Person | None) -> bool:
    return holds(person, VALUE_ROLES)


def can_post_values(person: Person | None) -> bool:
    return holds(person, MANAGERS)
