"""Demo objectives: the 2017 set of the article (decision 15/QĐ-STTTT of 10/01/2017) with its three
objectives measured from the demo's dossiers, procedures and surveys, and the 2018 set copied from it with
new indicators. Re-runnable: sets by (agency, year), objectives by text, indicators by name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from eiso.core.demo import DemoContext
from eiso.objectives.choices import Comparison, Frequency, SetState, ValueState
from eiso.objectives.models import Indicator, ManualValue, Objective, ObjectiveSet
from eiso.objectives.services import objective_set_copy

# objective text, [(indicator name, source, comparison, target, frequency, owner division code)]
OBJECTIVES_2017 = [
    (
        "100% hồ sơ được thụ lý và giải quyết đúng hạn",
        [
            (
                "Tỷ lệ hồ sơ giải quyết đúng hạn",
                "dossiers_on_time_rate",
                Comparison.GTE,
                100,
                Frequency.QUARTERLY,
                "VP",
            )
        ],
    ),
    (
        "100% quy trình, thủ tục được công bố và niêm yết công khai",
        [
            (
                "Tỷ lệ TTHC được công bố và niêm yết công khai",
                "procedures_published_rate",
                Comparison.GTE,
                100,
                Frequency.QUARTERLY,
                "VP",
            )
        ],
    ),
    (
        "Mức độ hài lòng của tổ chức, công dân đạt 100%",
        [
            (
                "Tỷ lệ phiếu khảo sát hài lòng",
                "satisfaction_rate",
                Comparison.GTE,
                100,
                Frequency.QUARTERLY,
                "VP",
            )
        ],
    ),
]
NEW_2018: list[tuple[Any, ...]] = [
    (
        "Tỷ lệ hồ sơ giải quyết sớm hạn",
        "dossiers_early_rate",
        Comparison.GTE,
        90,
        Frequency.QUARTERLY,
        "VP",
    ),
]
TRAINING_OBJECTIVE = "100% cán bộ, công chức liên quan được đào tạo về HTQLCL theo TCVN ISO 9001:2015"
TRAINING_INDICATOR = "100% cán bộ được đào tạo ISO"


def _indicator(objective: Objective, order: int, row: tuple[Any, ...], ctx: DemoContext) -> Indicator:
    name, source, comparison, target, frequency, owner = row
    indicator, _ = Indicator.objects.update_or_create(
        objective=objective,
        name=name,
        defaults={
            "order": order,
            "source": source,
            "comparison": comparison,
            "target_value": Decimal(target),
            "unit": "%",
            "frequency": frequency,
            "owner_division": ctx.divisions.get(owner),
            "owner_person": ctx.people.get("thuky"),
        },
    )
    return indicator


@transaction.atomic
def load(ctx: DemoContext) -> None:
    set_2017, _ = ObjectiveSet.objects.update_or_create(
        agency=ctx.agency,
        year=2017,
        defaults={
            "decision_number": "15/QĐ-STTTT",
            "decision_date": dt.date(2017, 1, 10),
        },
    )
    for order, (text, indicators) in enumerate(OBJECTIVES_2017, 1):
        objective, _ = Objective.objects.update_or_create(
            objective_set=set_2017, text=text, defaults={"order": order}
        )
        for index, row in enumerate(indicators, 1):
            _indicator(objective, index, row, ctx)
    # Issued once complete: an issued set is frozen, objectives and indicators included.
    ObjectiveSet.objects.filter(pk=set_2017.pk).update(state=SetState.ISSUED)

    set_2018 = ObjectiveSet.objects.filter(agency=ctx.agency, year=2018).first()
    if set_2018 is None:
        set_2018 = objective_set_copy(source=set_2017, year=2018, actor=ctx.people.get("thuky"))
    first = set_2018.objectives.order_by("order").first()
    if first is not None:
        for row in NEW_2018:
            _indicator(first, 2, row, ctx)
    training, _ = Objective.objects.update_or_create(
        objective_set=set_2018, text=TRAINING_OBJECTIVE, defaults={"order": len(OBJECTIVES_2017) + 1}
    )
    indicator = _indicator(
        training, 1, (TRAINING_INDICATOR, "manual", Comparison.GTE, 100, Frequency.HALF_YEARLY, "VP"), ctx
    )
    ObjectiveSet.objects.filter(pk=set_2018.pk).update(
        decision_number="09/QĐ-STTTT", decision_date=dt.date(2018, 1, 8), state=SetState.ISSUED
    )
    ManualValue.objects.update_or_create(
        indicator=indicator,
        period_start=dt.date(2018, 1, 1),
        period_end=dt.date(2018, 6, 30),
        defaults={
            "numerator": 21,
            "denominator": 24,
            "value": None,
            "evidence_text": "Danh sách học viên lớp đào tạo nhận thức TCVN ISO 9001:2015 ngày 12/04/2018.",
            "state": ValueState.POSTED,
            "entered_by": ctx.people.get("thuky"),
        },
    )
