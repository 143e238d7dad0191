"""Who may do what in document control: role sets and one predicate per action on a version.

The detail page shows a button only when its predicate holds for the person looking, so the drafter is
never offered "Xem xét đạt" on their own draft, and a reviewer who is not a leader never sees "Phê duyệt".
"""

from __future__ import annotations

from eiso.core.choices import Role
from eiso.core.models import Person
from eiso.core.permissions import LEADERSHIP, QMS_MANAGERS, holds
from eiso.documents.choices import OPEN_STATES, VersionState
from eiso.documents.models import DocumentVersion

DRAFTERS = frozenset({*QMS_MANAGERS, Role.DIVISION_HEAD, Role.OFFICER, Role.STEERING_MEMBER})
REVIEWERS = frozenset({*LEADERSHIP, Role.DIVISION_HEAD, Role.STEERING_MEMBER, Role.ISO_SECRETARY})
APPROVERS = LEADERSHIP
ISSUERS = QMS_MANAGERS
PATTERN_EDITORS = QMS_MANAGERS


def can_draft(person: Person | None) -> bool:
    return holds(person, DRAFTERS)


def can_edit_draft(person: Person | None, version: DocumentVersion) -> bool:
    return version.state == VersionState.DRAFT and holds(person, DRAFTERS)


def can_review(person: Person | None, version: DocumentVersion) -> bool:
    """Pass the review of a draft in review: a reviewer other than its drafter, once."""
    return (
        person is not None
        and version.state == VersionState.IN_REVIEW
        and version.reviewed_by_id is None
        and person.pk != version.drafted_by_id
        and holds(person, REVIEWERS)
    )


def can_return(person: Person | None, version: DocumentVersion) -> bool:
    """Send a draft in review back to its drafter: a reviewer other than the drafter."""
    return (
        person is not None
        and version.state == VersionState.IN_REVIEW
        and person.pk != version.drafted_by_id
        and holds(person, REVIEWERS)
    )


def can_approve(person: Person | None, version: DocumentVersion) -> bool:
    """A leader who neither drafted nor reviewed it approves a reviewed draft."""
    return (
        person is not None
        and version.state == VersionState.IN_REVIEW
        and version.reviewed_by_id is not None
        and person.pk not in (version.drafted_by_id, version.reviewed_by_id)
        and holds(person, APPROVERS)
    )


def can_issue(person: Person | None, version: DocumentVersion | None = None) -> bool:
    return holds(person, ISSUERS) and (version is None or version.state == VersionState.APPROVED)


def can_withdraw(person: Person | None, version: DocumentVersion) -> bool:
    if version.state == VersionState.ISSUED:
        return holds(person, APPROVERS)
    return version.state in OPEN_STATES and holds(person, ISSUERS)


def can_record_review(person: Person | None) -> bool:
    """Record a periodic review or a yearly effectiveness evaluation of a document."""
    return holds(person, REVIEWERS)


def can_edit_code_patterns(person: Person | None) -> bool:
    return holds(person, PATTERN_EDITORS)
