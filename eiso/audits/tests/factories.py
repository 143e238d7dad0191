"""Small builders for the audit tests, going through the real services (the corrective-action builders live
in eiso/improvements/tests/factories.py: audits sits below improvements on the ladder)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eiso.audits import services as audits
from eiso.audits.choices import FindingKind
from eiso.audits.models import Audit, Finding
from eiso.core.testing import Personas

DAY = dt.date(2017, 7, 26)


def make_audit(p: Personas, **fields: Any) -> Audit:
    """An audit led by the personas' auditor (who sits in the Office) of the specialised division."""
    values: dict[str, Any] = {
        "agency": p.agency,
        "actor": p.secretary,
        "title": "Đánh giá nội bộ năm 2017",
        "objectives": "Xác định mức độ phù hợp của HTQLCL",
        "scope": "Các phòng chuyên môn",
        "starts_on": DAY,
        "ends_on": DAY,
        "lead_auditor": p.auditor,
        "auditees": [p.division],
    }
    values.update(fields)
    return audits.audit_plan(**values)


def make_nc_finding(p: Personas, audit: Audit | None = None, on: dt.date = DAY) -> Finding:
    """A nonconformity found on `on`, by default in a one-day audit held that day."""
    return audits.finding_record(
        audit=audit or make_audit(p, starts_on=on, ends_on=on),
        actor=p.auditor,
        kind=FindingKind.NONCONFORMITY,
        description="Hồ sơ không có phiếu kiểm soát quá trình",
        evidence="Hồ sơ số 000.00.01.H34-170601-0001",
        clause="8.5.1",
        division=p.division,
        found_on=on,
    )
