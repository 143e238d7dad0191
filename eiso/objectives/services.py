"""Writes of the objectives area: sets, objectives, indicators, manual values, copying and snapshots."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from eiso.core.immutability import ensure_editable
from eiso.core.models import Agency, Person
from eiso.core.permissions import require
from eiso.core.services import event_record
from eiso.objectives import permissions
from eiso.objectives.choices import SetState, ValueState
from eiso.objectives.contracts import IndicatorSnapshot
from eiso.objectives.models import Indicator, ManualValue, MeasurementSnapshot, Objective, ObjectiveSet
from eiso.objectives.sources import get_source


def _issued_message() -> str:
    return _("Bộ mục tiêu đã ban hành, không sửa được; thay đổi được ban hành bằng một quyết định mới.")


@transaction.atomic
def objective_set_create(
    *,
    agency: Agency,
    year: int,
    actor: Person | None,
    decision_number: str = "",
    decision_date: dt.date | None = None,
) -> ObjectiveSet:
    if ObjectiveSet.objects.filter(agency=agency, year=year).exists():
        raise ValidationError({"year": _("Đã có mục tiêu chất lượng năm {year}.").format(year=year)})
    objective_set = ObjectiveSet.objects.create(
        agency=agency, year=year, decision_number=decision_number, decision_date=decision_date
    )
    event_record(agency=agency, actor=actor, verb="objective_set.created", target=objective_set)
    return objective_set


@transaction.atomic
def objective_set_issue(
    *, objective_set: ObjectiveSet, decision_number: str, decision_date: dt.date, actor: Person | None
) -> ObjectiveSet:
    """Record the head's decision that issues the set, once: a revised set is issued by a new decision."""
    ensure_editable(objective_set, message=_issued_message())
    if not decision_number.strip():
        raise ValidationError({"decision_number": _("Nhập số quyết định ban hành.")})
    if not objective_set.objectives.filter(indicators__isnull=False).exists():
        raise ValidationError(_("Bộ mục tiêu chưa có chỉ tiêu nào để ban hành."))
    objective_set.decision_number = decision_number.strip()
    objective_set.decision_date = decision_date
    objective_set.state = SetState.ISSUED
    objective_set.save(update_fields=["decision_number", "decision_date", "state", "updated_at"])
    event_record(agency=objective_set.agency, actor=actor, verb="objective_set.issued", target=objective_set)
    return objective_set


@transaction.atomic
def objective_create(
    *, objective_set: ObjectiveSet, text: str, actor: Person | None, order: int | None = None
) -> Objective:
    ensure_editable(objective_set, message=_issued_message())
    if not text.strip():
        raise ValidationError({"text": _("Nhập nội dung mục tiêu.")})
    if order is None:
        order = objective_set.objectives.count() + 1
    objective = Objective.objects.create(objective_set=objective_set, text=text.strip(), order=order)
    event_record(agency=objective_set.agency, actor=actor, verb="objective.created", target=objective)
    return objective


def _validate_indicator(objective: Objective, fields: dict[str, Any]) -> None:
    agency = objective.objective_set.agency
    errors: dict[str, str] = {}
    if get_source(fields.get("source", "manual")) is None:
        errors["source"] = _("Nguồn số liệu không hợp lệ.")
    scope = fields.get("scope", "agency")
    division = fields.get("scope_division")
    procedure = fields.get("scope_procedure")
    if scope == "division" and (division is None or division.agency_id != agency.pk):
        errors["scope_division"] = _("Chọn phòng của cơ quan cho chỉ tiêu theo phòng.")
    if scope == "procedure" and (procedure is None or procedure.agency_id != agency.pk):
        errors["scope_procedure"] = _("Chọn thủ tục của cơ quan cho chỉ tiêu theo thủ tục.")
    for key in ("owner_division", "owner_person"):
        owner = fields.get(key)
        if owner is not None and owner.agency_id != agency.pk:
            errors[key] = _("Chỉ chọn phòng, cán bộ của cơ quan.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_create(
    *, objective: Objective, name: str, target_value: Decimal, actor: Person | None, **fields: Any
) -> Indicator:
    """fields: comparison, unit, frequency, source, scope, scope_division, scope_procedure, owner_*."""
    ensure_editable(objective.objective_set, message=_issued_message())
    _validate_indicator(objective, fields)
    if fields.get("scope", "agency") != "division":
        fields["scope_division"] = None
    if fields.get("scope", "agency") != "procedure":
        fields["scope_procedure"] = None
    order = fields.pop("order", None) or objective.indicators.count() + 1
    indicator = Indicator.objects.create(
        objective=objective, name=name, target_value=target_value, order=order, **fields
    )
    event_record(
        agency=objective.objective_set.agency, actor=actor, verb="indicator.created", target=indicator
    )
    return indicator


COPIED_FIELDS = [
    "order",
    "name",
    "owner_division",
    "owner_person",
    "comparison",
    "target_value",
    "unit",
    "frequency",
    "source",
    "scope",
    "scope_division",
    "scope_procedure",
]


@transaction.atomic
def objective_set_copy(*, source: ObjectiveSet, year: int, actor: Person | None) -> ObjectiveSet:
    """Next year's draft set with the same objectives and indicators (manual values are not copied)."""
    agency = source.agency
    if ObjectiveSet.objects.filter(agency=agency, year=year).exists():
        raise ValidationError({"year": _("Đã có mục tiêu chất lượng năm {year}.").format(year=year)})
    target = ObjectiveSet.objects.create(agency=agency, year=year, copied_from=source)
    for objective in source.objectives.prefetch_related("indicators").order_by("order", "id"):
        copy = Objective.objects.create(objective_set=target, order=objective.order, text=objective.text)
        Indicator.objects.bulk_create(
            [
                Indicator(objective=copy, **{name: getattr(indicator, name) for name in COPIED_FIELDS})
                for indicator in objective.indicators.all()
            ]
        )
    event_record(
        agency=agency,
        actor=actor,
        verb="objective_set.copied",
        target=target,
        data={"from_year": source.year},
    )
    return target


@transaction.atomic
def manual_value_record(
    *,
    indicator: Indicator,
    period_start: dt.date,
    period_end: dt.date,
    actor: Person | None,
    value: Decimal | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    evidence_text: str = "",
    evidence_file: Any = None,
    post: bool = False,
) -> ManualValue:
    errors: dict[str, str] = {}
    if indicator.source != "manual":
        raise ValidationError(_("Chỉ tiêu này lấy số liệu tự động, không nhập tay."))
    if period_end < period_start:
        errors["period_end"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
    if value is None and (numerator is None or denominator is None):
        errors["value"] = _("Nhập giá trị, hoặc cả tử số và mẫu số.")
    if numerator is not None and denominator is not None and numerator > denominator:
        errors["numerator"] = _("Tử số không được lớn hơn mẫu số.")
    if post and not (evidence_text.strip() or evidence_file):
        errors["evidence_text"] = _("Ghi nhận số liệu cần có bằng chứng.")
    if errors:
        raise ValidationError(errors)
    manual_value = ManualValue.objects.create(
        indicator=indicator,
        period_start=period_start,
        period_end=period_end,
        value=value,
        numerator=numerator,
        denominator=denominator,
        evidence_text=evidence_text,
        evidence_file=evidence_file or "",
        state=ValueState.POSTED if post else ValueState.DRAFT,
        entered_by=actor,
    )
    agency = indicator.objective.objective_set.agency
    event_record(
        agency=agency, actor=actor, verb="manual_value.recorded", target=manual_value, data={"posted": post}
    )
    return manual_value


@transaction.atomic
def manual_value_post(*, manual_value: ManualValue, actor: Person | None) -> ManualValue:
    if not (manual_value.evidence_text.strip() or manual_value.evidence_file):
        raise ValidationError({"evidence_text": _("Ghi nhận số liệu cần có bằng chứng.")})
    manual_value.state = ValueState.POSTED
    manual_value.save(update_fields=["state", "updated_at"])
    agency = manual_value.indicator.objective.objective_set.agency
    event_record(agency=agency, actor=actor, verb="manual_value.posted", target=manual_value)
    return manual_value


@transaction.atomic
def objectives_snapshot(
    *, objective_set: ObjectiveSet, as_of: dt.date, actor: Person | None = None
) -> list[IndicatorSnapshot]:
    """Freeze every indicator of the set as of a date (MeasurementSnapshot rows) and return the figures: what
    a management review freezes when it collects its inputs."""
    from eiso.objectives.selectors import objectives_snapshot as measure

    rows = measure(objective_set=objective_set, as_of=as_of)
    for row in rows:
        MeasurementSnapshot.objects.update_or_create(
            indicator_id=row["indicator_id"],
            as_of=as_of,
            defaults={
                "value": row["value"],
                "numerator": row["numerator"],
                "denominator": row["denominator"],
                "status": row["status"],
                "data": row,
                "frozen_by": actor,
            },
        )
    event_record(
        agency=objective_set.agency,
        actor=actor,
        verb="objective_set.snapshot",
        target=objective_set,
        data={"as_of": as_of.isoformat()},
    )
    return rows


def _require_draft(objective_set: ObjectiveSet, actor: Person | None) -> None:
    if not permissions.is_draft(objective_set):
        raise ValidationError(
            _("Bộ mục tiêu đã ban hành; thay đổi được thực hiện bằng một bộ mục tiêu sửa đổi."), code="issued"
        )
    require(actor is None or permissions.can_edit_set(actor, objective_set))


@transaction.atomic
def objective_update(*, objective: Objective, actor: Person | None, text: str) -> Objective:
    """Correct an objective's text before its set is issued."""
    _require_draft(objective.objective_set, actor)
    if not text.strip():
        raise ValidationError({"text": _("Nhập nội dung mục tiêu.")})
    objective.text = text.strip()
    objective.save(update_fields=["text", "updated_at"])
    event_record(
        agency=objective.objective_set.agency, actor=actor, verb="objective.corrected", target=objective
    )
    return objective


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    actor: Person | None,
    objective: Objective,
    name: str,
    target_value: Decimal,
    **fields: Any,
) -> Indicator:
    """Correct an indicator before its set is issued; it may move to another objective of the same set."""
    objective_set = indicator.objective.objective_set
    _require_draft(objective_set, actor)
    if objective.objective_set_id != objective_set.pk:
        raise ValidationError({"objective": _("Chọn mục tiêu của cùng bộ mục tiêu.")})
    _validate_indicator(objective, fields)
    if fields.get("scope", "agency") != "division":
        fields["scope_division"] = None
    if fields.get("scope", "agency") != "procedure":
        fields["scope_procedure"] = None
    indicator.objective, indicator.name, indicator.target_value = objective, name, target_value
    for key, value in fields.items():
        setattr(indicator, key, value)
    indicator.save(update_fields=["objective", "name", "target_value", *fields, "updated_at"])
    event_record(agency=objective_set.agency, actor=actor, verb="indicator.corrected", target=indicator)
    return indicator
