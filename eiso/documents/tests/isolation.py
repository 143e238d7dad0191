"""URLs of document control that take arguments, pointed at objects of `agency` for the isolation walk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eiso.core.choices import Role
from eiso.core.models import Agency
from eiso.core.testing import make_person
from eiso.documents import services
from eiso.documents.choices import DocumentType
from eiso.documents.models import Acknowledgement, LegalChangeFlag

PUBLIC = {"portal:procedure_list", "portal:procedure_detail", "portal:procedure_document"}


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    drafter = make_person(agency, Role.ISO_SECRETARY)
    reviewer = make_person(agency, Role.DIVISION_HEAD)
    director = make_person(agency, Role.DIRECTOR)
    law = services.document_create(
        agency=agency, actor=drafter, doc_type=DocumentType.EXTERNAL, code="WALK-LAW", title="Luật"
    )
    document = services.document_create(
        agency=agency,
        actor=drafter,
        doc_type=DocumentType.SYSTEM_PROCEDURE,
        title="Bí mật",
        legal_bases=[law],
    )
    version = services.version_create(document=document, actor=drafter, body="Nội dung")
    services.version_submit(version=version, actor=drafter)
    services.version_review_pass(version=version, reviewer=reviewer)
    services.version_approve(version=version, approved_by=director)
    services.version_issue(version=version, actor=drafter, effective_from=dt.date(2016, 1, 1))
    distribution = services.distribution_send(version=version, actor=drafter, people=[reviewer])
    services.document_create(
        agency=agency,
        actor=drafter,
        doc_type=DocumentType.EXTERNAL,
        code="WALK-LAW-2",
        title="Luật sửa đổi",
        amends=law,
        legal_effective_from=dt.date(2017, 1, 1),
    )
    flag = LegalChangeFlag.objects.get(document=document)
    acknowledgement = Acknowledgement.objects.get(distribution=distribution)
    doc = {"pk": document.pk}
    ver = {"pk": version.pk}
    return {
        "documents:document_detail": doc,
        "documents:document_edit": doc,
        "documents:version_create": doc,
        "documents:review_record": doc,
        "documents:evaluation_record": doc,
        "documents:cover": {"pk": document.pk, "fmt": "docx"},
        "documents:version_edit": ver,
        "documents:version_submit": ver,
        "documents:version_review": ver,
        "documents:version_return": ver,
        "documents:version_approve": ver,
        "documents:version_issue": ver,
        "documents:version_withdraw": ver,
        "documents:version_file": ver,
        "documents:distribution_send": ver,
        "documents:acknowledge": {"pk": acknowledgement.pk},
        "documents:legal_change_resolve": {"pk": flag.pk},
    }
