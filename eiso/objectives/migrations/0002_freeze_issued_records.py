"""Database triggers that keep issued objectives records as issued (eiso.core.immutability); the freezes are
repeated here literally so that this migration keeps meaning what it meant when written."""

from django.db import migrations

from eiso.core.immutability import Freeze, freeze_operation

ISSUED = ("issued",)

OBJECTIVE_SET = Freeze(
    model="objectives.ObjectiveSet",
    path="state",
    states=ISSUED,
    columns=("agency_id", "year", "decision_number", "decision_date"),
)
OBJECTIVE = Freeze(
    model="objectives.Objective",
    path="objective_set__state",
    states=ISSUED,
    columns=("objective_set_id", "order", "text"),
    child=True,
)
INDICATOR = Freeze(
    model="objectives.Indicator",
    path="objective__objective_set__state",
    states=ISSUED,
    columns=(
        "objective_id",
        "order",
        "name",
        "owner_division_id",
        "owner_person_id",
        "comparison",
        "target_value",
        "unit",
        "frequency",
        "source",
        "scope",
        "scope_division_id",
        "scope_procedure_id",
    ),
    child=True,
)
FREEZES = (OBJECTIVE_SET, OBJECTIVE, INDICATOR)


class Migration(migrations.Migration):
    dependencies = [("objectives", "0001_initial")]

    operations = [freeze_operation(*FREEZES)]
