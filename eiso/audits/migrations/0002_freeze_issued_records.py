"""Database triggers that keep issued audits records as issued (eiso.core.immutability); the freezes are
repeated here literally so that this migration keeps meaning what it meant when written."""

from django.db import migrations

from eiso.core.immutability import Freeze, freeze_operation

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


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_initial")]

    operations = [freeze_operation(*FREEZES)]
