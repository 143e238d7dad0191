"""Who may do what in internal audits: the role sets and one predicate per action.

Views show each button only when its predicate is true, decorators gate the URL by the role sets, and the
services enforce the same predicates.
"""

from __future__ import annotations

from eiso.audits.choices import ReportStatus
from eiso.audits.models import Audit, AuditProgramme, Finding
from eiso.core.choices import Role
from eiso.core.models import Person
from eiso.core.permissions import LEADERSHIP, holds

PLANNERS = frozenset({Role.ISO_SECRETARY, Role.AUDITOR, *LEADERSHIP})
APPROVERS = LEADERSHIP
RECORDERS = frozenset({Role.AUDITOR})
CHECKLIST_RECORDERS = frozenset({Role.AUDITOR, Role.ISO_SECRETARY})


def is_open(audit: Audit) -> bool:
    """An audit may be changed while its report is a draft and it is not cancelled."""
    return audit.report_status == ReportStatus.DRAFT and audit.cancelled_on is None


def can_plan(person: Person | None, programme: AuditProgramme | None = None) -> bool:
    return holds(person, PLANNERS)


def can_approve_programme(person: Person | None, programme: AuditProgramme) -> bool:
    return holds(person, APPROVERS) and programme.approved_on is None


def can_edit_audit(person: Person | None, audit: Audit) -> bool:
    """Correct the plan (title, dates, programme, team), schedule and checklist while the audit is open."""
    return is_open(audit) and holds(person, PLANNERS)


def can_cancel_audit(person: Person | None, audit: Audit) -> bool:
    return can_edit_audit(person, audit)


def can_record(person: Person | None, audit: Audit) -> bool:
    """Record findings: an auditor of the agency while the audit is open."""
    return is_open(audit) and holds(person, RECORDERS)


def can_record_checklist(person: Person | None, audit: Audit) -> bool:
    return is_open(audit) and holds(person, CHECKLIST_RECORDERS)


def can_edit_finding(person: Person | None, finding: Finding) -> bool:
    """The auditor who recorded a finding, or a planner, corrects it while the audit is open."""
    if person is None or finding.cancelled_on is not None or not is_open(finding.audit):
        return False
    return finding.auditor_id == person.pk or holds(person, PLANNERS)


def can_write_report(person: Person | None, audit: Audit) -> bool:
    return is_open(audit) and holds(person, PLANNERS)


def can_approve_report(person: Person | None, audit: Audit) -> bool:
    """Only the lead auditor approves the report, while it is a draft."""
    return person is not None and is_open(audit) and person.pk == audit.lead_auditor_id
