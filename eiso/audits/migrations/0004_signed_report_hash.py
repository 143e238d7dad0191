"""The SHA-256 of the signed report PDF, kept with the audit and frozen with the approved report: the audit's
freeze trigger is replaced by one that also guards `report_sha256`. The freezes are repeated here literally
so that this migration keeps meaning what it meant when written (backwards, the 0002 trigger comes back)."""

from django.db import migrations, models

from eiso.core.immutability import Freeze, trigger_sql

APPROVED = ("approved",)
COLUMNS_0002 = (
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
)
AUDIT_0002 = Freeze(model="audits.Audit", path="report_status", states=APPROVED, columns=COLUMNS_0002)
AUDIT = Freeze(
    model="audits.Audit", path="report_status", states=APPROVED, columns=(*COLUMNS_0002, "report_sha256")
)


def _install(freeze):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in trigger_sql(apps, schema_editor.connection.vendor, [freeze])[0]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audits", "0003_cancellation")]

    # Nullable: SQLite adds the column in place, keeping the table's triggers. Backwards, the 0002 trigger
    # is put back once the column is gone.
    operations = [
        migrations.RunPython(migrations.RunPython.noop, _install(AUDIT_0002)),
        migrations.AddField(
            model_name="audit",
            name="report_sha256",
            field=models.CharField(
                blank=True, max_length=64, null=True, verbose_name="SHA-256 của báo cáo đã ký số"
            ),
        ),
        migrations.AddField(
            model_name="historicalaudit",
            name="report_sha256",
            field=models.CharField(
                blank=True, max_length=64, null=True, verbose_name="SHA-256 của báo cáo đã ký số"
            ),
        ),
        migrations.RunPython(_install(AUDIT), migrations.RunPython.noop),
    ]
