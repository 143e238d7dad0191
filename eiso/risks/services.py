"""Writes of the risk register: the agency's scale, risks with their score, treatment actions, reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from eiso.core.models import Agency, Person
from eiso.core.permissions import require
from eiso.core.services import event_record
from eiso.risks import permissions
from eiso.risks.choices import Effectiveness, RiskStatus
from eiso.risks.models import Risk, RiskAction, RiskScale
from eiso.risks.selectors import scale_of


def risk_scale_for(agency: Agency) -> RiskScale:
    """The agency's scale, created with the default 1–5 labels on first use."""
    return RiskScale.objects.get_or_create(agency=agency)[0]


@transaction.atomic
def risk_scale_update(
    *,
    agency: Agency,
    actor: Person,
    likelihood_labels: list[str],
    impact_labels: list[str],
    medium_from: int,
    high_from: int,
) -> RiskScale:
    likelihood_labels = [label.strip() for label in likelihood_labels if label.strip()]
    impact_labels = [label.strip() for label in impact_labels if label.strip()]
    if len(likelihood_labels) < 2 or len(impact_labels) < 2:
        raise ValidationError(_("Mỗi thang phải có ít nhất 2 mức."), code="short_scale")
    if not 1 <= medium_from < high_from <= len(likelihood_labels) * len(impact_labels):
        raise ValidationError({"high_from": _("Ngưỡng phải thỏa 1 ≤ trung bình < cao ≤ điểm tối đa.")})
    top_l, top_i = len(likelihood_labels), len(impact_labels)
    if (
        Risk.objects.filter(agency=agency).filter(likelihood__gt=top_l).exists()
        or Risk.objects.filter(agency=agency, impact__gt=top_i).exists()
    ):
        raise ValidationError(_("Có rủi ro đang dùng mức vượt quá thang mới."), code="in_use")
    scale = risk_scale_for(agency)
    scale.likelihood_labels = likelihood_labels
    scale.impact_labels = impact_labels
    scale.medium_from = medium_from
    scale.high_from = high_from
    scale.save(update_fields=["likelihood_labels", "impact_labels", "medium_from", "high_from", "updated_at"])
    event_record(agency=agency, actor=actor, verb="risk_scale.updated", target=scale)
    return scale


def _check_review_on(identified_on: dt.date, review_on: dt.date | None) -> None:
    if review_on is not None and review_on < identified_on:
        raise ValidationError({"review_on": _("Ngày xem xét lại không được trước ngày nhận diện.")})


def _require_followed(risk: Risk, actor: Person) -> None:
    """Reassess, treat and review only a risk still followed, as an editor (`permissions.can_edit`)."""
    require(permissions.is_open(risk), _("Rủi ro đã kết thúc hoặc đã hủy, không thể sửa."))
    require(permissions.can_edit(actor, risk))


def _check_scores(scale: RiskScale, likelihood: int, impact: int) -> None:
    errors = {}
    if not 1 <= likelihood <= len(scale.likelihood_labels):
        errors["likelihood"] = _("Khả năng xảy ra phải từ 1 đến {n}.").format(n=len(scale.likelihood_labels))
    if not 1 <= impact <= len(scale.impact_labels):
        errors["impact"] = _("Mức độ ảnh hưởng phải từ 1 đến {n}.").format(n=len(scale.impact_labels))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def risk_register(
    *,
    agency: Agency,
    actor: Person,
    code: str,
    kind: str,
    description: str,
    likelihood: int,
    impact: int,
    identified_on: dt.date,
    **fields: Any,
) -> Risk:
    _check_scores(scale_of(agency), likelihood, impact)
    _check_review_on(identified_on, fields.get("review_on"))
    if Risk.objects.filter(agency=agency, code=code).exists():
        raise ValidationError({"code": _("Mã {code} đã được dùng.").format(code=code)})
    for name in ("process", "procedure", "division", "owner"):
        obj = fields.get(name)
        if obj is not None and obj.agency_id != agency.pk:
            raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
    risk = Risk.objects.create(
        agency=agency,
        code=code,
        kind=kind,
        description=description,
        likelihood=likelihood,
        impact=impact,
        score=likelihood * impact,
        identified_on=identified_on,
        **fields,
    )
    event_record(agency=agency, actor=actor, verb="risk.registered", target=risk)
    return risk


@transaction.atomic
def risk_reassess(
    *, risk: Risk, actor: Person, likelihood: int, impact: int, review_on: dt.date | None = None
) -> Risk:
    _require_followed(risk, actor)
    _check_scores(scale_of(risk.agency), likelihood, impact)
    _check_review_on(risk.identified_on, review_on)
    risk.likelihood = likelihood
    risk.impact = impact
    risk.score = likelihood * impact
    risk.review_on = review_on
    risk.save(update_fields=["likelihood", "impact", "score", "review_on", "updated_at"])
    event_record(
        agency=risk.agency, actor=actor, verb="risk.reassessed", target=risk, data={"score": risk.score}
    )
    return risk


@transaction.atomic
def risk_action_add(
    *, risk: Risk, actor: Person, description: str, owner: Person, deadline: dt.date
) -> RiskAction:
    _require_followed(risk, actor)
    if owner.agency_id != risk.agency_id:
        raise ValidationError({"owner": _("Người thực hiện không thuộc cơ quan.")})
    action = RiskAction.objects.create(risk=risk, description=description, owner=owner, deadline=deadline)
    event_record(agency=risk.agency, actor=actor, verb="risk.action_added", target=action)
    return action


@transaction.atomic
def risk_action_done(*, action: RiskAction, actor: Person, on: dt.date) -> RiskAction:
    if action.done_on is not None:
        raise ValidationError(_("Biện pháp này đã hoàn thành."), code="done")
    require(permissions.is_open(action.risk), _("Rủi ro đã kết thúc hoặc đã hủy, không thể sửa."))
    require(permissions.can_mark_done(actor, action))
    action.done_on = on
    action.save(update_fields=["done_on", "updated_at"])
    event_record(agency=action.risk.agency, actor=actor, verb="risk.action_done", target=action)
    return action


@transaction.atomic
def risk_review(
    *,
    risk: Risk,
    actor: Person,
    on: dt.date,
    effectiveness: str,
    note: str = "",
    next_review_on: dt.date | None = None,
    close: bool = False,
) -> Risk:
    """Record the effectiveness of the actions taken (ISO 9001 cl. 9.3.2 e)."""
    _require_followed(risk, actor)
    if effectiveness not in Effectiveness.values:
        raise ValidationError({"effectiveness": _("Chọn mức hiệu lực.")})
    if not risk.actions.exists():
        raise ValidationError(_("Chưa có biện pháp xử lý nào để đánh giá hiệu lực."), code="no_actions")
    risk.effectiveness = effectiveness
    risk.effectiveness_note = note
    risk.reviewed_on = on
    risk.review_on = next_review_on
    risk.status = RiskStatus.CLOSED if close else RiskStatus.OPEN
    risk.save(
        update_fields=[
            "effectiveness",
            "effectiveness_note",
            "reviewed_on",
            "review_on",
            "status",
            "updated_at",
        ]
    )
    event_record(agency=risk.agency, actor=actor, verb="risk.reviewed", target=risk)
    return risk


RISK_FIELDS = ("process", "procedure", "division", "owner")


@transaction.atomic
def risk_update(
    *,
    risk: Risk,
    actor: Person,
    code: str,
    kind: str,
    description: str,
    likelihood: int,
    impact: int,
    identified_on: dt.date,
    **fields: Any,
) -> Risk:
    """Correct what was entered for a risk that is still followed; the change stays in its history."""
    require(permissions.can_edit(actor, risk), _("Rủi ro đã kết thúc hoặc đã hủy, không thể sửa."))
    _check_scores(scale_of(risk.agency), likelihood, impact)
    if Risk.objects.filter(agency=risk.agency, code=code).exclude(pk=risk.pk).exists():
        raise ValidationError({"code": _("Mã {code} đã được dùng.").format(code=code)})
    for name in RISK_FIELDS:
        obj = fields.get(name)
        if obj is not None and obj.agency_id != risk.agency_id:
            raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
    _check_review_on(identified_on, fields.get("review_on"))
    changed = ["code", "kind", "description", "likelihood", "impact", "score", "identified_on"]
    risk.code, risk.kind, risk.description = code, kind, description
    risk.likelihood, risk.impact, risk.score = likelihood, impact, likelihood * impact
    risk.identified_on = identified_on
    for name, value in fields.items():
        setattr(risk, name, value)
        changed.append(name)
    risk.save(update_fields=[*changed, "updated_at"])
    event_record(agency=risk.agency, actor=actor, verb="risk.corrected", target=risk)
    return risk


@transaction.atomic
def risk_cancel(*, risk: Risk, actor: Person, on: dt.date, reason: str) -> Risk:
    """Cancel a risk entered by mistake, with a reason; it stays in the register as cancelled."""
    require(permissions.can_cancel(actor, risk), _("Rủi ro đã kết thúc hoặc đã hủy, không thể sửa."))
    if not reason.strip():
        raise ValidationError({"reason": _("Nhập lý do hủy.")})
    risk.status, risk.cancelled_on, risk.cancel_reason = RiskStatus.CANCELLED, on, reason.strip()
    risk.save(update_fields=["status", "cancelled_on", "cancel_reason", "updated_at"])
    event_record(agency=risk.agency, actor=actor, verb="risk.cancelled", target=risk)
    return risk
