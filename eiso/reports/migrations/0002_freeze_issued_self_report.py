"""A database trigger that keeps an issued self-report as issued (eiso.core.immutability); the freeze is
repeated here literally so that this migration keeps meaning what it meant when written."""

from django.db import migrations

from eiso.core.immutability import Freeze, freeze_operation

SELF_REPORT = Freeze(
    model="reports.SelfReport",
    path="state",
    states=("issued",),
    columns=("agency_id", "review_id", "number", "issued_on", "signed_by_id", "sha256"),
)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_self_report")]

    operations = [freeze_operation(SELF_REPORT)]
