"""Who may do what in the risk register: role sets and one predicate per action."""

from __future__ import annotations

from eiso.core.choices import Role
from eiso.core.models import Person
from eiso.core.permissions import QMS_MANAGERS, holds
from eiso.risks.choices import RiskStatus
from eiso.risks.models import Risk, RiskAction

EDITORS = frozenset({*QMS_MANAGERS, Role.DIVISION_HEAD})
SCALE_EDITORS = frozenset({Role.ISO_SECRETARY, Role.DIRECTOR})
DOERS = frozenset({*EDITORS, Role.OFFICER})


def can_register(person: Person | None) -> bool:
    return holds(person, EDITORS)


def is_open(risk: Risk) -> bool:
    """A risk is followed (and can be corrected) until it is closed or cancelled."""
    return risk.status == RiskStatus.OPEN


def can_edit(person: Person | None, risk: Risk) -> bool:
    """Correct, reassess, treat and review a risk that is still followed."""
    return is_open(risk) and holds(person, EDITORS)


def can_cancel(person: Person | None, risk: Risk) -> bool:
    return can_edit(person, risk)


def can_mark_done(person: Person | None, action: RiskAction) -> bool:
    """The action's owner, or an editor, reports a treatment action done."""
    if person is None or action.done_on is not None or not is_open(action.risk):
        return False
    return action.owner_id == person.pk or holds(person, EDITORS)


def can_edit_scale(person: Person | None) -> bool:
    return holds(person, SCALE_EDITORS)
