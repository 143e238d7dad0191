"""9.3.2 c6: the results of internal audits: the audits actually held, the divisions and procedures they
covered (and those they did not), and every finding counted, quoted."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.audits.contracts import AuditHeld, FindingCounts, FindingText
from eiso.audits.selectors import audit_summary
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section, d, iso, year_start


class FrozenAudit(TypedDict):
    id: int
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
    divisions_not_audited: list[str]
    procedures_total: int
    procedures_covered: int
    procedures_not_covered: list[str]
    findings: FindingCounts
    findings_by_division: list[dict[str, object]]


def _frozen(audit: AuditHeld) -> FrozenAudit:
    return {
        "id": audit["id"],
        "title": audit["title"],
        "starts_on": iso(audit["starts_on"]),
        "ends_on": iso(audit["ends_on"]),
    }


def _kinds() -> dict[str, str]:
    return {
        "strength": _("Điểm mạnh"),
        "observation": _("Điểm lưu ý"),
        "nonconformity": _("Điểm không phù hợp"),
    }


ORDER = {"strength": 0, "observation": 1, "nonconformity": 2}


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
            "divisions_not_audited": summary["divisions_not_audited"],
            "procedures_total": summary["procedures_total"],
            "procedures_covered": summary["procedures_covered"],
            "procedures_not_covered": summary["procedures_not_covered"],
            "findings": summary["findings"],
            "findings_by_division": summary["findings_by_division"],
        }

    def text(self, data: InternalAuditData) -> list[str]:
        g = data.get
        findings = data.get("findings") or {}
        lines = [
            _(
                "{audits} cuộc đánh giá nội bộ đã thực hiện; đã đánh giá {divisions}/{divisions_total} "
                "phòng, "
                "{procedures}/{procedures_total} TTHC."
            ).format(
                audits=g("audits_held", 0),
                divisions=g("divisions_audited", 0),
                divisions_total=g("divisions_total", 0),
                procedures=g("procedures_covered", 0),
                procedures_total=g("procedures_total", 0),
            )
        ]
        if data.get("divisions_not_audited"):
            lines.append(
                _("Phòng chưa được đánh giá: {names}.").format(names=", ".join(data["divisions_not_audited"]))
            )
        uncovered = data.get("procedures_total", 0) - data.get("procedures_covered", 0)
        if uncovered > 0 and "procedures_not_covered" in data:
            codes = data["procedures_not_covered"]
            more = uncovered - len(codes)
            lines.append(
                _("TTHC chưa được đánh giá: {codes}.").format(codes=", ".join(codes))
                if not more
                else _("TTHC chưa được đánh giá: {codes} và {more} TTHC khác.").format(
                    codes=", ".join(codes), more=more
                )
            )
        lines.append(
            _(
                "Phát hiện: {strengths} điểm mạnh, {observations} điểm lưu ý, {ncs} điểm không phù hợp."
            ).format(
                strengths=findings.get("strength", 0),
                observations=findings.get("observation", 0),
                ncs=findings.get("nonconformity", 0),
            )
        )
        lines += [
            _("{title}, ngày {date}.").format(title=a["title"], date=d(a["starts_on"]))
            for a in data.get("audits") or []
        ]
        kinds = _kinds()
        texts = sorted(data.get("finding_texts") or [], key=lambda f: ORDER.get(f.get("kind", ""), 3))
        lines += [f"{kinds.get(f['kind'], f['kind'])} ({f['division']}): {f['description']}." for f in texts]
        unquoted = findings.get("total", 0) - len(texts)
        if unquoted > 0:
            lines.append(_("{n} phát hiện khác: xem trang các cuộc đánh giá.").format(n=unquoted))
        return lines

    def signals(self, data: InternalAuditData) -> list[str]:
        found = []
        if not data.get("audits_held"):
            found.append(_("chưa thực hiện cuộc đánh giá nội bộ nào trong năm"))
        missing = data.get("divisions_total", 0) - data.get("divisions_audited", 0)
        if missing > 0:
            found.append(_("{n} phòng chưa được đánh giá").format(n=missing))
        uncovered = data.get("procedures_total", 0) - data.get("procedures_covered", 0)
        if uncovered > 0:
            found.append(_("{n} TTHC chưa được đánh giá").format(n=uncovered))
        return found

    def drilldown(self, data: InternalAuditData) -> list[tuple[str, str]]:
        return [
            (a["title"], reverse("audits:detail", kwargs={"pk": a["id"]}))
            for a in data.get("audits") or []
            if a.get("id")
        ]


SECTION = InternalAudit()
