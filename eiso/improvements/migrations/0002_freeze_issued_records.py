"""Database triggers that keep issued improvements records as issued (eiso.core.immutability); the freezes are
repeated here literally so that this migration keeps meaning what it meant when written."""

from django.db import migrations

from eiso.core.immutability import Freeze, freeze_operation

FINAL = ("closed", "forwarded", "cancelled")

CORRECTIVE_ACTION = Freeze(
    model="improvements.CorrectiveAction",
    path="state",
    states=FINAL,
    columns=(
        "agency_id",
        "number",
        "nonconformity_id",
        "follow_up_of_id",
        "requested_by_id",
        "requested_on",
        "root_cause",
        "whys",
        "correction",
        "due_on",
        "verify_after",
        "approved_by_id",
        "approved_at",
        "approval_note",
        "verified_by_id",
        "verified_on",
        "verification",
        "verification_note",
        "closed_on",
        "cancel_reason",
    ),
)
ACTION_ITEM = Freeze(
    model="improvements.ActionItem",
    path="corrective_action__state",
    states=FINAL,
    columns=("corrective_action_id", "description", "owner_id", "deadline", "done_at", "done_note"),
    child=True,
)
FREEZES = (CORRECTIVE_ACTION, ACTION_ITEM)


class Migration(migrations.Migration):
    dependencies = [("improvements", "0001_initial")]

    operations = [freeze_operation(*FREEZES)]
