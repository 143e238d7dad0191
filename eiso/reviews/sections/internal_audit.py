"""9.3.2 c6: the results of internal audits — coverage, findings and the texts the minutes quote."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.audits.contracts import AuditHeld, FindingCounts, FindingText
from eiso.audits.selectors import audit_summary
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section, d, iso, year_start


class FrozenAudit(TypedDict):
    title: str
    starts_on: str | None
    ends_on: str | None


class InternalAuditData(TypedDict):
    available: bool
    audits: list[FrozenAudit]
    finding_texts: list[FindingText]
    audits_held: int
    divisions_total: int
    divisions_audited: int
    procedures_total: int
    procedures_covered: int
    findings: FindingCounts
    findings_by_division: list[dict[str, object]]


def _frozen(audit: AuditHeld) -> FrozenAudit:
    return {"title": audit["title"], "starts_on": iso(audit["starts_on"]), "ends_on": iso(audit["ends_on"])}


def _kinds() -> dict[str, str]:
    return {
        "strength": _("Điểm mạnh"),
        "observation": _("Điểm lưu ý"),
        "nonconformity": _("Điểm không phù hợp"),
    }


class InternalAudit(Section[InternalAuditData]):
    key = "internal_audit"
    clause = "c6"
    title = gettext_lazy("Kết quả đánh giá nội bộ")
    links = ("audits:index",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> InternalAuditData:
        summary = audit_summary(agency=review.agency, date_from=year_start(review), date_to=as_of)
        return {
            "available": True,
            "audits": [_frozen(audit) for audit in summary["audits"]],
            "finding_texts": summary["finding_texts"],
            "audits_held": summary["audits_held"],
            "divisions_total": summary["divisions_total"],
            "divisions_audited": summary["divisions_audited"],
            "procedures_total": summary["procedures_total"],
            "procedures_covered": summary["procedures_covered"],
            "findings": summary["findings"],
            "findings_by_division": summary["findings_by_division"],
        }

    def text(self, data: InternalAuditData) -> list[str]:
        g = data.get
        findings = data.get("findings") or {}
        lines = [
            _(
                "{audits} cuộc đánh giá nội bộ; đã đánh giá {divisions}/{divisions_total} phòng, "
                "{procedures}/"
                "{procedures_total} TTHC."
            ).format(
                audits=g("audits_held", 0),
                divisions=g("divisions_audited", 0),
                divisions_total=g("divisions_total", 0),
                procedures=g("procedures_covered", 0),
                procedures_total=g("procedures_total", 0),
            ),
            _(
                "Phát hiện: {strengths} điểm mạnh, {observations} điểm lưu ý, {ncs} điểm không phù hợp."
            ).format(
                strengths=findings.get("strength", 0),
                observations=findings.get("observation", 0),
                ncs=findings.get("nonconformity", 0),
            ),
        ]
        lines += [
            _("{title}, ngày {date}.").format(title=a["title"], date=d(a["starts_on"]))
            for a in data.get("audits") or []
        ]
        kinds = _kinds()
        texts = sorted(data.get("finding_texts") or [], key=lambda f: f.get("kind") != "strength")
        lines += [f"{kinds.get(f['kind'], f['kind'])} ({f['division']}): {f['description']}." for f in texts]
        return lines


SECTION = InternalAudit()
