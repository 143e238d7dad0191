"""Objects of `agency` behind every audits URL with arguments, for the isolation walk."""

import datetime as dt
from typing import Any

from eiso.audits.models import Audit, AuditProgramme, ChecklistItem, Finding
from eiso.core.models import Agency, Division, Person

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    division = Division.objects.create(agency=agency, code="AUD-WALK", name="Phòng bị đánh giá")
    person = Person.objects.create(agency=agency, full_name="Chuyên gia khác cơ quan")
    programme = AuditProgramme.objects.create(agency=agency, year=2031, title="Chương trình bí mật")
    audit = Audit.objects.create(
        agency=agency,
        title="Đánh giá bí mật",
        objectives="x",
        scope="x",
        starts_on=dt.date(2031, 3, 1),
        ends_on=dt.date(2031, 3, 2),
        lead_auditor=person,
    )
    audit.auditees.add(division)
    item = ChecklistItem.objects.create(audit=audit, clause="8.5", question="?")
    finding = Finding.objects.create(
        audit=audit,
        kind="observation",
        description="x",
        division=division,
        auditor=person,
        found_on=dt.date(2031, 3, 1),
    )
    by_audit = {"pk": audit.pk}
    by_programme = {"pk": programme.pk}
    return {
        "audits:detail": by_audit,
        "audits:session_add": by_audit,
        "audits:checklist_add": by_audit,
        "audits:checklist_copy": by_audit,
        "audits:finding_add": by_audit,
        "audits:report_save": by_audit,
        "audits:report_approve": by_audit,
        "audits:report_download": {"pk": audit.pk, "fmt": "docx"},
        "audits:checklist_record": {"pk": item.pk},
        "audits:edit": by_audit,
        "audits:cancel": by_audit,
        "audits:finding_edit": {"pk": finding.pk},
        "audits:finding_cancel": {"pk": finding.pk},
        "audits:programme_detail": by_programme,
        "audits:programme_item_add": by_programme,
        "audits:programme_approve": by_programme,
    }
