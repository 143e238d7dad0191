"""Small builders for the document-control tests: real files, real rows, through the services."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from eiso.core.models import Agency, Person
from eiso.core.testing import Personas
from eiso.documents import services
from eiso.documents.choices import DocumentType
from eiso.documents.models import Document, DocumentVersion
from eiso.procedures.models import Procedure
from eiso.procedures.services import procedure_create, process_save


def docx_bytes(text: str = "Quy trình") -> bytes:
    """A minimal but structurally real DOCX (a ZIP holding word/document.xml)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:body>{text}</w:body></w:document>")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_upload(name: str = "quy-trinh.docx", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content if content is not None else docx_bytes(), content_type="application/octet-stream"
    )


def make_document(agency: Agency, actor: Person, **fields: Any) -> Document:
    fields.setdefault("doc_type", DocumentType.SYSTEM_PROCEDURE)
    fields.setdefault("title", "Kiểm soát thông tin dạng văn bản")
    return services.document_create(agency=agency, actor=actor, **fields)


def make_external(agency: Agency, actor: Person, code: str, **fields: Any) -> Document:
    return services.document_create(
        agency=agency,
        actor=actor,
        doc_type=DocumentType.EXTERNAL,
        code=code,
        title=f"Văn bản {code}",
        **fields,
    )


def issue(
    document: Document, p: Personas, effective_from: dt.date = dt.date(2016, 3, 1), **fields: Any
) -> DocumentVersion:
    """Take a new draft by the secretary through review (division head) and approval (director) to issue."""
    fields.setdefault("body", "Nội dung quy trình")
    version = services.version_create(document=document, actor=p.secretary, **fields)
    services.version_submit(version=version, actor=p.secretary)
    services.version_review_pass(version=version, reviewer=p.division_head)
    services.version_approve(version=version, approved_by=p.director)
    return services.version_issue(version=version, actor=p.secretary, effective_from=effective_from)


def make_procedure(agency: Agency, code: str = "1.001", **fields: Any) -> Procedure:
    fields.setdefault("name", f"Cấp giấy phép {code}")
    fields.setdefault("field", "Báo chí")
    fields.setdefault("time_limit_value", Decimal("10"))
    fields.setdefault("valid_from", dt.date(2016, 1, 1))
    fields.setdefault("published_online_on", dt.date(2016, 6, 1))
    return procedure_create(agency=agency, actor=None, code=code, **fields)


def make_process(agency: Agency, procedure: Procedure, code: str = "QT-TTHC-01") -> Any:
    return process_save(
        agency=agency,
        actor=None,
        code=code,
        name=f"Quy trình {procedure.name}",
        procedures=[procedure],
        steps=[
            ("Tiếp nhận hồ sơ tại Bộ phận Một cửa", None, Decimal("0.5"), "working_days"),
            ("Thẩm định hồ sơ", None, Decimal("7"), "working_days"),
        ],
        published_online_on=dt.date(2016, 6, 1),
    )
