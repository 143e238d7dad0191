"""Demo document register of the Khánh Hòa Department of Information and Communications, 2016–2017.

Quality manual, policy, objectives, five system procedures (QT-01 … QT-05), one handling-procedure
document per internal handling process of the procedures demo (QT-TTHC-01 … 48, published, some revised
in 2017), the one-stop forms, and the external legal documents they rest on. As of 01/08/2017 a few
reviews are overdue and the Press Law 2016 has not yet been taken into every press procedure.

Re-runnable: documents are found by code and updated; versions, reviews and distributions are only
created when missing, through the same services the pages use.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document as DocxDocument

from eiso.core.demo import DemoContext
from eiso.core.models import Person
from eiso.documents import services
from eiso.documents.choices import DocumentType, EvaluationResult
from eiso.documents.models import Document, DocumentReview
from eiso.procedures.models import HandlingProcess, Procedure

# code, title, issuing body, effective from, code of the document it amends
EXTERNALS = [
    (
        "QĐ 19/2014/QĐ-TTg",
        "Quyết định về việc áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia "
        "TCVN ISO 9001:2008 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước",
        "Thủ tướng Chính phủ",
        dt.date(2014, 5, 5),
        None,
    ),
    (
        "TT 26/2014/TT-BKHCN",
        "Thông tư quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg",
        "Bộ Khoa học và Công nghệ",
        dt.date(2014, 11, 25),
        None,
    ),
    (
        "QĐ 09/2015/QĐ-TTg",
        "Quy chế thực hiện cơ chế một cửa, cơ chế một cửa liên thông tại cơ quan hành chính "
        "nhà nước ở địa phương",
        "Thủ tướng Chính phủ",
        dt.date(2015, 5, 15),
        None,
    ),
    ("Luật Báo chí 1989", "Luật Báo chí (sửa đổi, bổ sung năm 1999)", "Quốc hội", dt.date(1990, 1, 1), None),
    (
        "Luật Báo chí 2016",
        "Luật Báo chí số 103/2016/QH13",
        "Quốc hội",
        dt.date(2017, 1, 1),
        "Luật Báo chí 1989",
    ),
    ("Luật Xuất bản 2012", "Luật Xuất bản số 19/2012/QH13", "Quốc hội", dt.date(2013, 7, 1), None),
    ("Luật Bưu chính 2010", "Luật Bưu chính số 49/2010/QH12", "Quốc hội", dt.date(2011, 1, 1), None),
    (
        "NĐ 61/2018/NĐ-CP",
        "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục "
        "hành chính (thay thế Quyết định 09/2015/QĐ-TTg)",
        "Chính phủ",
        dt.date(2018, 6, 21),
        None,
    ),
]
LAW_BY_FIELD = {
    "Báo chí": "Luật Báo chí 1989",
    "Xuất bản - In - Phát hành": "Luật Xuất bản 2012",
    "Bưu chính": "Luật Bưu chính 2010",
}
QMS_LAWS = ["QĐ 19/2014/QĐ-TTg", "TT 26/2014/TT-BKHCN"]

# code, type, title, owner division, revised in 2017 on, reviewed in 2017 on (None: review overdue)
INTERNALS = [
    ("STCL-01", DocumentType.QUALITY_MANUAL, "Sổ tay chất lượng", "VP", dt.date(2017, 2, 15), None),
    ("CSCL-01", DocumentType.POLICY, "Chính sách chất lượng", "VP", None, dt.date(2017, 3, 10)),
    ("MTCL-01", DocumentType.OBJECTIVES, "Mục tiêu chất lượng", "VP", None, None),
    (
        "QT-01",
        DocumentType.SYSTEM_PROCEDURE,
        "Kiểm soát thông tin dạng văn bản",
        "VP",
        None,
        dt.date(2017, 3, 10),
    ),
    ("QT-02", DocumentType.SYSTEM_PROCEDURE, "Đánh giá nội bộ", "VP", dt.date(2017, 4, 10), None),
    (
        "QT-03",
        DocumentType.SYSTEM_PROCEDURE,
        "Kiểm soát sự không phù hợp và hành động khắc phục",
        "TTR",
        None,
        dt.date(2017, 3, 10),
    ),
    ("QT-04", DocumentType.SYSTEM_PROCEDURE, "Xem xét của lãnh đạo", "VP", None, dt.date(2017, 3, 10)),
    ("QT-05", DocumentType.SYSTEM_PROCEDURE, "Quản lý rủi ro và cơ hội", "VP", None, None),  # overdue
]
FORMS = [
    ("BM-01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    ("BM-02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    ("BM-03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    ("BM-04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
    ("BM-05", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
]
HEAD_BY_DIVISION = {
    "VP": "chanhvanphong",
    "TTBCXB": "truongphong",
    "BCVT": "truongphongbcvt",
    "CNTT": "truongphongcntt",
    "TTR": "chanhthanhtra",
}
ISSUED_2016 = dt.date(2016, 3, 25)
TTHC_ISSUED = dt.date(2016, 6, 1)
# Handling procedures left without their 2017 periodic review (overdue on 01/08/2017).
TTHC_NOT_REVIEWED = {"QT-TTHC-07", "QT-TTHC-23", "QT-TTHC-41"}


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _docx(code: str, title: str, label: str) -> SimpleUploadedFile:
    document = DocxDocument()
    document.add_heading(title, level=1)
    document.add_paragraph(f"Mã hiệu: {code} — {label}")
    for section in (
        "1. Mục đích",
        "2. Phạm vi",
        "3. Tài liệu viện dẫn",
        "4. Định nghĩa, viết tắt",
        "5. Nội dung quy trình",
        "6. Biểu mẫu",
        "7. Hồ sơ cần lưu",
    ):
        document.add_paragraph(section)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(f"{code}-{label}.docx", buffer.getvalue())


def _document(ctx: DemoContext, code: str, **fields: Any) -> Document:
    """Find the document by code and refresh its fields, or create it through the service."""
    procedures = fields.pop("procedures", [])
    legal_bases = fields.pop("legal_bases", [])
    document = Document.objects.filter(agency=ctx.agency, code=code).first()
    if document is None:
        return services.document_create(
            agency=ctx.agency,
            actor=ctx.people["thuky"],
            code=code,
            procedures=procedures,
            legal_bases=legal_bases,
            **fields,
        )
    Document.objects.filter(pk=document.pk).update(**{k: v for k, v in fields.items() if k != "doc_type"})
    document.procedures.set(procedures)
    document.legal_bases.set(legal_bases)
    document.refresh_from_db()
    return document


def _issue(
    document: Document,
    *,
    drafter: Person,
    reviewer: Person,
    approver: Person,
    secretary: Person,
    effective_from: dt.date,
    with_file: bool,
    **fields: Any,
) -> None:
    label = "1.0" if not document.versions.exists() else "sửa đổi"
    file = _docx(document.code, document.title, label) if with_file else None
    version = services.version_create(document=document, actor=drafter, file=file, **fields)
    start = effective_from - dt.timedelta(days=14)
    services.version_submit(version=version, actor=drafter, at=_at(start))
    services.version_review_pass(
        version=version, reviewer=reviewer, comment="Đạt", at=_at(start + dt.timedelta(3))
    )
    services.version_approve(version=version, approved_by=approver, at=_at(start + dt.timedelta(7)))
    services.version_issue(
        version=version, actor=secretary, effective_from=effective_from, at=_at(start + dt.timedelta(8))
    )


def _review(document: Document, person: Person, day: dt.date) -> None:
    if not DocumentReview.objects.filter(document=document, reviewed_on=day).exists():
        services.document_review_record(document=document, actor=person, reviewed_on=day, note="Vẫn phù hợp")


def load(ctx: DemoContext) -> None:
    people = ctx.people
    secretary, director = people["thuky"], people["giamdoc"]
    laws: dict[str, Document] = {}
    for code, title, body, effective, amends in EXTERNALS:
        laws[code] = _document(
            ctx,
            code,
            doc_type=DocumentType.EXTERNAL,
            title=title,
            issuing_body=body,
            legal_effective_from=effective,
            amends=laws[amends] if amends else None,
        )

    internals = []
    for code, doc_type, title, division, revised_on, reviewed_on in INTERNALS:
        document = _document(
            ctx,
            code,
            doc_type=doc_type,
            title=title,
            owner_division=ctx.divisions[division],
            legal_bases=[laws[c] for c in QMS_LAWS],
            review_period_months=12,
        )
        head = people[HEAD_BY_DIVISION[division]]
        reviewer = head if head != secretary else people["chanhvanphong"]
        roles = {"drafter": secretary, "reviewer": reviewer, "approver": director, "secretary": secretary}
        if not document.versions.exists():
            _issue(
                document,
                **roles,
                effective_from=ISSUED_2016,
                with_file=True,
                change_summary="Ban hành lần đầu",
            )
            if code == "MTCL-01":
                _issue(
                    document,
                    **roles,
                    effective_from=dt.date(2017, 1, 10),
                    with_file=True,
                    new_issue=True,
                    change_summary="Mục tiêu chất lượng năm 2017",
                )
            if revised_on:
                _issue(
                    document,
                    **roles,
                    effective_from=revised_on,
                    with_file=True,
                    changed_sections="Mục 5",
                    change_summary="Cập nhật theo kết quả đánh giá nội bộ năm 2016",
                )
        if reviewed_on:
            _review(document, reviewer, reviewed_on)
        internals.append(document)

    tthc_documents = _handling_procedures(ctx, laws)
    _forms(ctx, laws)
    _distribute(ctx, internals[0])
    _evaluate(ctx, [*internals, *tthc_documents])


def _handling_procedures(ctx: DemoContext, laws: dict[str, Document]) -> list[Document]:
    people = ctx.people
    secretary = people["thuky"]
    documents = []
    processes = HandlingProcess.objects.filter(agency=ctx.agency).prefetch_related(
        "procedures", "steps__division"
    )
    for process in processes.order_by("code"):
        number = process.code.removeprefix("QT-")
        code = f"QT-TTHC-{number}"
        procedures = list(process.procedures.all())
        fields = {p.field for p in procedures}
        divisions = [s.division for s in process.steps.all() if s.division and s.division.code != "VP"]
        division = divisions[0] if divisions else ctx.divisions["VP"]
        bases = [
            laws["QĐ 09/2015/QĐ-TTg"],
            *(laws[LAW_BY_FIELD[f]] for f in sorted(fields) if f in LAW_BY_FIELD),
        ]
        document = _document(
            ctx,
            code,
            doc_type=DocumentType.TTHC_PROCEDURE,
            title=process.name,
            owner_division=division,
            handling_process=process,
            procedures=procedures,
            legal_bases=bases,
            is_public=True,
            scope="Áp dụng đối với việc giải quyết thủ tục hành chính tại Sở Thông tin và Truyền thông.",
        )
        head = people[HEAD_BY_DIVISION.get(division.code, "chanhvanphong")]
        drafter = people["chuyenvienbcvt"] if division.code == "BCVT" else people["chuyenvien"]
        if division.code not in ("TTBCXB", "BCVT"):
            drafter = secretary
        approver = people["phogiamdoc"] if int(number) % 3 == 0 else people["giamdoc"]
        roles = {"drafter": drafter, "reviewer": head, "approver": approver, "secretary": secretary}
        if not document.versions.exists():
            _issue(
                document,
                **roles,
                effective_from=TTHC_ISSUED,
                with_file=True,
                change_summary="Ban hành lần đầu",
            )
            if int(number) % 5 == 0:
                _issue(
                    document,
                    **roles,
                    effective_from=dt.date(2017, 3, 1) + dt.timedelta(days=int(number)),
                    with_file=True,
                    changed_sections="Bước 2, bước 3",
                    change_summary="Rút ngắn thời gian thẩm định hồ sơ",
                )
        documents.append(document)
    # The Press Law 2016 (in force 01/01/2017) replaced the 1989 law: flag the press procedures, then take it
    # into some of them in 2017; the others are still pending (and overdue) on 01/08/2017.
    services.legal_change_flag(amending=laws["Luật Báo chí 2016"], actor=secretary)
    for document in documents:
        if (
            code_in_press(document, laws)
            and int(document.code[-2:]) % 2 == 1
            and document.legal_flags.filter(resolved_on__isnull=True).exists()
        ):
            head = people[
                HEAD_BY_DIVISION.get(
                    document.owner_division.code if document.owner_division else "VP", "chanhvanphong"
                )
            ]
            _issue(
                document,
                drafter=people["chuyenvien"],
                reviewer=head,
                approver=people["giamdoc"],
                secretary=secretary,
                effective_from=dt.date(2017, 3, 20),
                with_file=True,
                changed_sections="Căn cứ pháp lý, thành phần hồ sơ",
                change_summary="Cập nhật theo Luật Báo chí 2016",
            )
    for document in documents:
        if (
            document.code not in TTHC_NOT_REVIEWED
            and document.versions.filter(effective_from=TTHC_ISSUED).exists()
        ):
            head = people[
                HEAD_BY_DIVISION.get(
                    document.owner_division.code if document.owner_division else "VP", "chanhvanphong"
                )
            ]
            _review(document, head, dt.date(2017, 5, 20))
    return documents


def code_in_press(document: Document, laws: dict[str, Document]) -> bool:
    return document.legal_bases.filter(pk=laws["Luật Báo chí 1989"].pk).exists()


def _forms(ctx: DemoContext, laws: dict[str, Document]) -> None:
    people = ctx.people
    public_procedures = list(Procedure.objects.filter(agency=ctx.agency, published_online_on__isnull=False))
    roles = {
        "drafter": people["thuky"],
        "reviewer": people["chanhvanphong"],
        "approver": people["giamdoc"],
        "secretary": people["thuky"],
    }
    for code, title in FORMS:
        document = _document(
            ctx,
            code,
            doc_type=DocumentType.FORM,
            title=title,
            owner_division=ctx.divisions["VP"],
            legal_bases=[laws["QĐ 09/2015/QĐ-TTg"]],
            procedures=public_procedures,
            is_public=code != "BM-05",
            review_period_months=24,
        )
        if not document.versions.exists():
            _issue(
                document,
                **roles,
                effective_from=ISSUED_2016,
                with_file=True,
                change_summary="Ban hành lần đầu",
            )


def _distribute(ctx: DemoContext, manual: Document) -> None:
    version = manual.versions.filter(state="issued").first()
    if version is None or version.distributions.exists():
        return
    distribution = services.distribution_send(
        version=version,
        actor=ctx.people["thuky"],
        divisions=list(ctx.divisions.values()),
        note="Triển khai Sổ tay chất lượng sửa đổi",
        at=_at(dt.date(2017, 2, 16)),
    )
    for acknowledgement in distribution.acknowledgements.select_related("person").order_by(
        "person__full_name"
    ):
        if acknowledgement.person.user and acknowledgement.person.user.username not in (
            "chuyenvien",
            "xem",
            "danhgia2",
        ):
            services.acknowledgement_confirm(
                acknowledgement=acknowledgement, person=acknowledgement.person, at=_at(dt.date(2017, 2, 20))
            )


def _evaluate(ctx: DemoContext, documents: list[Document]) -> None:
    evaluator = ctx.people["chanhvanphong"]
    for i, document in enumerate(documents):
        pending_law = document.legal_flags.filter(resolved_on__isnull=True).exists()
        if pending_law:
            result, notes = EvaluationResult.NEEDS_CHANGE, "Chưa cập nhật theo Luật Báo chí 2016."
        elif document.code == "QT-05":
            result, notes = (
                EvaluationResult.NEEDS_CHANGE,
                "Chưa có hướng dẫn nhận diện rủi ro theo từng quy trình.",
            )
        else:
            result, notes = (
                EvaluationResult.APPLIED,
                "Được áp dụng đầy đủ; không phát sinh điểm không phù hợp.",
            )
        services.evaluation_record(
            document=document,
            actor=evaluator,
            year=2017,
            result=result,
            notes=notes,
            evidence=f"Báo cáo đánh giá nội bộ năm 2017, mục {i + 1}",
            on=dt.date(2017, 7, 25),
        )
