"""The conclusion notice's own number, frozen with the rest of an issued review (the freeze is repeated here
literally so that this migration keeps meaning what it meant when written)."""

from django.db import migrations, models

from eiso.core.immutability import Freeze, freeze_operation

REVIEW = Freeze(
    model="reviews.ManagementReview",
    path="state",
    states=("minutes_issued", "closed"),
    columns=(
        "agency_id",
        "year",
        "planned_on",
        "place",
        "chair_id",
        "secretary_id",
        "inputs_as_of",
        "inputs_collected_at",
        "held_on",
        "started_at",
        "ended_at",
        "discussion",
        "conclusion",
        "minutes_number",
        "notice_number",
        "minutes_issued_on",
    ),
)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0003_external_providers")]

    operations = [
        migrations.AddField(
            model_name="historicalmanagementreview",
            name="notice_number",
            field=models.CharField(blank=True, max_length=32, null=True, verbose_name="số thông báo kết luận"),
        ),
        migrations.AddField(
            model_name="managementreview",
            name="notice_number",
            field=models.CharField(blank=True, max_length=32, null=True, verbose_name="số thông báo kết luận"),
        ),
        freeze_operation(REVIEW),
    ]
