"""Who may do what with nonconformities and corrective actions: role sets and one predicate per action."""

from __future__ import annotations

from eiso.core.choices import Role
from eiso.core.models import Person
from eiso.core.permissions import QMS_MANAGERS, holds
from eiso.improvements.choices import OPEN_CAR_STATES, CarState
from eiso.improvements.models import ActionItem, CorrectiveAction, Nonconformity

RAISERS = frozenset({*QMS_MANAGERS, Role.AUDITOR, Role.DIVISION_HEAD})
MANAGERS = QMS_MANAGERS
STAFF = frozenset({*RAISERS, Role.OFFICER})
VERIFIERS = frozenset({Role.AUDITOR, Role.ISO_SECRETARY})
PLANNING_STATES = (CarState.PROPOSED, CarState.ANALYSING)


def _heads_division(person: Person, division_id: int | None) -> bool:
    return (
        person.has_role(Role.DIVISION_HEAD) and division_id is not None and person.division_id == division_id
    )


def can_raise(person: Person | None) -> bool:
    return holds(person, RAISERS)


def can_request(person: Person | None, nc: Nonconformity | None = None) -> bool:
    """Raise a corrective-action request (part 1) for a nonconformity that is not cancelled."""
    return holds(person, MANAGERS) and (nc is None or nc.cancelled_on is None)


def _request_states(nc: Nonconformity) -> set[str]:
    """The states of the nonconformity's requests, read from the list's prefetch when there is one (a
    nonconformity has a request or two: reading them costs what asking the database about them would)."""
    return {car.state for car in nc.corrective_actions.all()}


def nc_is_open(nc: Nonconformity) -> bool:
    """A nonconformity can be corrected until a corrective action on it is approved."""
    if nc.cancelled_on is not None:
        return False
    beyond_planning = set(OPEN_CAR_STATES) - set(PLANNING_STATES) | {CarState.CLOSED, CarState.FORWARDED}
    return not _request_states(nc) & beyond_planning


def can_edit_nc(person: Person | None, nc: Nonconformity) -> bool:
    """Who raised it, or a QMS manager, corrects a nonconformity while it is open."""
    if person is None or not nc_is_open(nc):
        return False
    return nc.raised_by_id == person.pk or holds(person, MANAGERS)


def can_cancel_nc(person: Person | None, nc: Nonconformity) -> bool:
    """Cancel a nonconformity recorded by mistake: no corrective action may be open on it."""
    if not can_edit_nc(person, nc):
        return False
    return not _request_states(nc) & set(OPEN_CAR_STATES)


def can_plan(person: Person | None, car: CorrectiveAction) -> bool:
    """Part 2: the head of the nonconformity's division, or the ISO secretary."""
    if person is None:
        return False
    return person.has_role(Role.ISO_SECRETARY) or _heads_division(person, car.nonconformity.division_id)


def can_analyse(person: Person | None, car: CorrectiveAction) -> bool:
    return car.state in PLANNING_STATES and can_plan(person, car)


def can_submit(person: Person | None, car: CorrectiveAction) -> bool:
    return car.state == CarState.ANALYSING and can_plan(person, car)


def can_approve(person: Person | None, car: CorrectiveAction) -> bool:
    """Part 3: the head of the nonconformity's division, the ISO secretary or the agency leadership."""
    if person is None:
        return False
    return holds(person, MANAGERS) or _heads_division(person, car.nonconformity.division_id)


def can_decide(person: Person | None, car: CorrectiveAction) -> bool:
    return car.state == CarState.AWAITING_APPROVAL and can_approve(person, car)


def can_verify(person: Person | None, car: CorrectiveAction | None = None) -> bool:
    """Part 4: an internal auditor or the ISO secretary."""
    return holds(person, VERIFIERS) and (car is None or car.state == CarState.VERIFYING)


def can_cancel(person: Person | None, car: CorrectiveAction) -> bool:
    return car.state in OPEN_CAR_STATES and holds(person, MANAGERS)


def can_report_done(person: Person | None, item: ActionItem) -> bool:
    car = item.corrective_action
    if person is None or car.state != CarState.IN_PROGRESS or item.done_at is not None:
        return False
    return person.pk == item.owner_id or can_plan(person, car)
