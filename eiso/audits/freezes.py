"""What an approved audit report freezes (eiso.core.immutability): the audit as reported and its findings."""

from eiso.core.immutability import Freeze

APPROVED = ("approved",)

AUDIT = Freeze(
    model="audits.Audit",
    path="report_status",
    states=APPROVED,
    columns=(
        "agency_id",
        "programme_id",
        "title",
        "objectives",
        "scope",
        "criteria",
        "criteria_tags",
        "starts_on",
        "ends_on",
        "lead_auditor_id",
        "summary",
        "conclusion",
        "report_approved_on",
        "report_sha256",
    ),
)
FINDING = Freeze(
    model="audits.Finding",
    path="audit__report_status",
    states=APPROVED,
    columns=(
        "audit_id",
        "kind",
        "clause",
        "description",
        "evidence",
        "division_id",
        "auditor_id",
        "found_on",
    ),
    child=True,
)
FREEZES = (AUDIT, FINDING)
