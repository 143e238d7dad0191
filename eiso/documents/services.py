"""Writes of document control. Every write validates first, is atomic and records a DomainEvent.

Workflow of a version: draft → in_review (the reviewer passes it or returns it to draft with a comment)
→ approved (director or deputy only) → issued (the previous issued version becomes superseded) →
withdrawn. The drafter, the reviewer and the approver are three different people.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from eiso.core.choices import LEADERSHIP, QMS_MANAGERS, Role
from eiso.core.models import Division, Person
from eiso.core.services import event_record
from eiso.documents.choices import (
    DEFAULT_CODE_PATTERNS,
    OPEN_STATES,
    PUBLISHABLE_TYPES,
    DocumentType,
    FileKind,
    VersionState,
)
from eiso.documents.models import (
    Acknowledgement,
    CodePattern,
    Distribution,
    Document,
    DocumentEvaluation,
    DocumentReview,
    DocumentVersion,
    LegalChangeFlag,
)
from eiso.signatures.services import (
    require_signer_acting,
    signed_issue_pdf,
    verify_upload,
)

DRAFTER_ROLES = (
    Role.ISO_SECRETARY,
    Role.DIVISION_HEAD,
    Role.OFFICER,
    Role.STEERING_MEMBER,
    Role.DIRECTOR,
    Role.DEPUTY_DIRECTOR,
)
REVIEWER_ROLES = (Role.DIVISION_HEAD, Role.STEERING_MEMBER, Role.ISO_SECRETARY, *LEADERSHIP)
APPROVER_ROLES = LEADERSHIP
ISSUER_ROLES = QMS_MANAGERS
LEGAL_UPDATE_MONTHS = 3  # QĐ 19/2014 Art. 4 cl. 4(a)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clipped to the month's last day (31/01 + 1 month = 28/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _require(person: Person, document: Document, roles: Iterable[str], message: str) -> None:
    if person.agency_id != document.agency_id or not person.has_role(*roles):
        raise ValidationError(message)


def _require_state(version: DocumentVersion, *states: str) -> None:
    if version.state not in states:
        raise ValidationError(
            _("Không thực hiện được: phiên bản đang ở trạng thái “{state}”.").format(
                state=version.get_state_display()
            )
        )


# --- uploads -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadInfo:
    kind: str
    size: int
    sha256: str


def upload_check(file: UploadedFile) -> UploadInfo:
    """Accept a DOCX or PDF whose content matches its extension and which fits the size limit."""
    limit = settings.EISO_MAX_UPLOAD_BYTES
    size = file.size or 0
    if size > limit:
        raise ValidationError(
            _("Tệp quá lớn ({size}); dung lượng tối đa là {limit}.").format(
                size=filesizeformat(size), limit=filesizeformat(limit)
            )
        )
    name = (file.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in FileKind.values:
        raise ValidationError(_("Chỉ nhận tệp DOCX hoặc PDF."))
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    actual = _sniff(file, head)
    if actual is None:
        raise ValidationError(_("Nội dung tệp không phải DOCX hay PDF hợp lệ."))
    if actual != extension:
        raise ValidationError(
            _("Phần mở rộng .{extension} không khớp với nội dung tệp ({actual}).").format(
                extension=extension, actual=actual.upper()
            )
        )
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return UploadInfo(kind=actual, size=size, sha256=digest.hexdigest())


def _sniff(file: UploadedFile, head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            file.seek(0)
        return FileKind.DOCX if "word/document.xml" in names else None
    return None


def _verify_signatures(version: DocumentVersion, file: UploadedFile | None, actor: Person) -> None:
    """An uploaded PDF's digital signatures are checked; the result shows on the version and its history."""
    if file is not None and version.file_kind == FileKind.PDF:
        file.seek(0)
        data = file.read()
        verify_upload(
            agency=version.document.agency,
            data=data,
            file_name=version.file_name,
            actor=actor,
            target=version,
        )


def _sign_issued(version: DocumentVersion, actor: Person, token_pin: str | None) -> None:
    """Issuing = signing the version's PDF when the agency has a signing key (a DOCX is issued as it is):
    the approver (the competent person) first, then the agency. An approver who signs with a token types its
    PIN on the page, so then the approver issues it."""
    if not version.file or version.file_kind != FileKind.PDF:
        return
    signer = version.approved_by
    require_signer_acting(
        agency=version.document.agency,
        signer=signer,
        actor=actor,
        message=_("{name} ký số bằng token: chính người phê duyệt ban hành phiên bản này để nhập mã PIN."),
    )
    with version.file.open("rb") as handle:
        pdf = handle.read()
    signed_issue_pdf(
        agency=version.document.agency,
        target=version,
        kind="version",
        file_name=version.file_name or f"{version.document.code}.pdf",
        pdf=pdf,
        signer=signer,
        signer_name=signer.full_name if signer else "",
        actor=actor,
        person_pin=token_pin,
    )


def _attach(version: DocumentVersion, file: UploadedFile | None) -> list[str]:
    if file is None:
        return []
    info = upload_check(file)
    version.file_name = (file.name or "")[-255:]
    version.file_kind, version.file_size, version.file_sha256 = info.kind, info.size, info.sha256
    name = get_valid_filename(version.document.code.replace("/", "-"))
    version.file.save(f"{name}-{version.issue_no}.{version.revision_no}.{info.kind}", file, save=False)
    return ["file", "file_name", "file_kind", "file_size", "file_sha256"]


# --- register ----------------------------------------------------------------------------------------


def document_next_code(*, agency: Any, doc_type: str) -> str:
    pattern = (
        CodePattern.objects.filter(agency=agency, doc_type=doc_type).values_list("pattern", flat=True).first()
        or DEFAULT_CODE_PATTERNS[doc_type]
    )
    taken = set(Document.objects.filter(agency=agency).values_list("code", flat=True))
    n = Document.objects.filter(agency=agency, doc_type=doc_type).count() + 1
    while pattern.format(n=n) in taken:
        n += 1
    return pattern.format(n=n)


def _validate_document(agency: Any, fields: dict[str, Any], pk: int | None = None) -> None:
    if fields.get("is_public") and fields.get("doc_type") not in PUBLISHABLE_TYPES:
        raise ValidationError(_("Chỉ quy trình giải quyết TTHC và biểu mẫu được công khai trên cổng."))
    if Document.objects.filter(agency=agency, code=fields["code"]).exclude(pk=pk or 0).exists():
        raise ValidationError(_("Mã tài liệu {code} đã được dùng.").format(code=fields["code"]))
    amends = fields.get("amends")
    if amends is not None:
        if fields.get("doc_type") != DocumentType.EXTERNAL or amends.agency_id != agency.pk:
            raise ValidationError(_("Chỉ văn bản bên ngoài mới sửa đổi văn bản bên ngoài khác của cơ quan."))
        if not fields.get("legal_effective_from"):
            raise ValidationError(_("Văn bản sửa đổi phải có ngày có hiệu lực."))


@transaction.atomic
def document_create(
    *,
    agency: Any,
    actor: Person,
    doc_type: str,
    title: str,
    code: str = "",
    procedures: Iterable[Any] = (),
    legal_bases: Iterable[Document] = (),
    **fields: Any,
) -> Document:
    """Add a document to the register; an external document amending another flags what rests on it."""
    fields.update(
        doc_type=doc_type, code=code.strip() or document_next_code(agency=agency, doc_type=doc_type)
    )
    _validate_document(agency, fields)
    document = Document.objects.create(agency=agency, title=title, **fields)
    document.procedures.set(procedures)
    document.legal_bases.set(legal_bases)
    event_record(agency=agency, actor=actor, verb="document.created", target=document)
    if document.amends_id:
        legal_change_flag(amending=document, actor=actor)
    return document


@transaction.atomic
def document_update(
    *,
    document: Document,
    actor: Person,
    procedures: Iterable[Any] | None = None,
    legal_bases: Iterable[Document] | None = None,
    **fields: Any,
) -> Document:
    merged = {
        "doc_type": document.doc_type,
        "code": document.code,
        "is_public": document.is_public,
        "amends": document.amends,
        "legal_effective_from": document.legal_effective_from,
        **fields,
    }
    _validate_document(document.agency, merged, pk=document.pk)
    amends_before = document.amends_id
    for name, value in fields.items():
        setattr(document, name, value)
    if "review_period_months" in fields:
        document.next_review_on = _next_review(document)
    document.save(update_fields=[*fields, "next_review_on", "updated_at"])
    if procedures is not None:
        document.procedures.set(procedures)
    if legal_bases is not None:
        document.legal_bases.set(legal_bases)
    event_record(agency=document.agency, actor=actor, verb="document.updated", target=document)
    if document.amends_id and document.amends_id != amends_before:
        legal_change_flag(amending=document, actor=actor)
    return document


def _next_review(document: Document) -> dt.date | None:
    start = document.last_reviewed_on
    current = (
        document.versions.filter(state=VersionState.ISSUED).values_list("effective_from", flat=True).first()
    )
    if current and (start is None or current > start):
        start = current
    return add_months(start, document.review_period_months) if start else None


# --- versions and workflow ---------------------------------------------------------------------------


@transaction.atomic
def version_create(
    *,
    document: Document,
    actor: Person,
    new_issue: bool = False,
    file: UploadedFile | None = None,
    **fields: Any,
) -> DocumentVersion:
    """Open the next draft: the next revision of the current issue, or a new issue (lần ban hành mới)."""
    _require(actor, document, DRAFTER_ROLES, _("Bạn không có quyền soạn thảo tài liệu."))
    if document.versions.filter(state__in=OPEN_STATES).exists():
        raise ValidationError(_("Tài liệu đang có một dự thảo chưa ban hành; hãy hoàn tất dự thảo đó trước."))
    last = document.versions.aggregate(issue=Max("issue_no"))["issue"]
    if last is None:
        issue_no, revision_no = 1, 0
    elif new_issue:
        issue_no, revision_no = last + 1, 0
    else:
        latest = document.versions.filter(issue_no=last).aggregate(rev=Max("revision_no"))["rev"]
        issue_no, revision_no = last, latest + 1
    version = DocumentVersion(
        document=document, issue_no=issue_no, revision_no=revision_no, drafted_by=actor, **fields
    )
    _attach(version, file)
    version.save()
    event_record(agency=document.agency, actor=actor, verb="document_version.drafted", target=version)
    _verify_signatures(version, file, actor)
    return version


@transaction.atomic
def version_update(
    *, version: DocumentVersion, actor: Person, file: UploadedFile | None = None, **fields: Any
) -> DocumentVersion:
    """Change a draft (content, change summary, file); refused once it has left the draft state."""
    _require_state(version, VersionState.DRAFT)
    _require(actor, version.document, DRAFTER_ROLES, _("Bạn không có quyền soạn thảo tài liệu."))
    for name, value in fields.items():
        setattr(version, name, value)
    changed = [*fields, *_attach(version, file), "updated_at"]
    version.save(update_fields=changed)
    event_record(agency=version.document.agency, actor=actor, verb="document_version.edited", target=version)
    _verify_signatures(version, file, actor)
    return version


@transaction.atomic
def version_submit(
    *, version: DocumentVersion, actor: Person, at: dt.datetime | None = None
) -> DocumentVersion:
    _require_state(version, VersionState.DRAFT)
    _require(actor, version.document, DRAFTER_ROLES, _("Bạn không có quyền gửi xem xét tài liệu."))
    if not version.file and not version.body.strip():
        raise ValidationError(_("Dự thảo chưa có tệp hay nội dung để xem xét."))
    version.state, version.submitted_at = VersionState.IN_REVIEW, at or timezone.now()
    version.save(update_fields=["state", "submitted_at", "updated_at"])
    event_record(
        agency=version.document.agency, actor=actor, verb="document_version.submitted", target=version
    )
    return version


@transaction.atomic
def version_review_pass(
    *, version: DocumentVersion, reviewer: Person, comment: str = "", at: dt.datetime | None = None
) -> DocumentVersion:
    """The reviewer (xem xét) finds the draft ready for approval."""
    _require_state(version, VersionState.IN_REVIEW)
    _require(reviewer, version.document, REVIEWER_ROLES, _("Bạn không có quyền xem xét tài liệu."))
    if reviewer.pk == version.drafted_by_id:
        raise ValidationError(_("Người xem xét phải khác người soạn thảo."))
    version.reviewed_by, version.reviewed_at, version.review_comment = reviewer, at or timezone.now(), comment
    version.save(update_fields=["reviewed_by", "reviewed_at", "review_comment", "updated_at"])
    event_record(
        agency=version.document.agency, actor=reviewer, verb="document_version.reviewed", target=version
    )
    return version


@transaction.atomic
def version_return(*, version: DocumentVersion, actor: Person, comment: str) -> DocumentVersion:
    """The reviewer or the approver sends the draft back to its drafter with a comment."""
    _require_state(version, VersionState.IN_REVIEW)
    _require(actor, version.document, REVIEWER_ROLES, _("Bạn không có quyền xem xét tài liệu."))
    if actor.pk == version.drafted_by_id:
        raise ValidationError(_("Người soạn thảo không tự trả lại dự thảo của mình."))
    if not comment.strip():
        raise ValidationError(_("Hãy ghi ý kiến để người soạn thảo biết cần sửa gì."))
    version.state, version.review_comment = VersionState.DRAFT, comment.strip()
    version.reviewed_by = version.reviewed_at = version.submitted_at = None
    version.save(
        update_fields=["state", "review_comment", "reviewed_by", "reviewed_at", "submitted_at", "updated_at"]
    )
    event_record(
        agency=version.document.agency,
        actor=actor,
        verb="document_version.returned",
        target=version,
        data={"comment": comment.strip()},
    )
    return version


@transaction.atomic
def version_approve(
    *, version: DocumentVersion, approved_by: Person, comment: str = "", at: dt.datetime | None = None
) -> DocumentVersion:
    """The director or a deputy director approves (phê duyệt) a reviewed draft."""
    _require_state(version, VersionState.IN_REVIEW)
    _require(
        approved_by,
        version.document,
        APPROVER_ROLES,
        _("Chỉ Giám đốc hoặc Phó Giám đốc được ủy quyền mới phê duyệt tài liệu."),
    )
    if version.reviewed_by_id is None:
        raise ValidationError(_("Dự thảo chưa được xem xét; chưa thể phê duyệt."))
    if approved_by.pk in (version.drafted_by_id, version.reviewed_by_id):
        raise ValidationError(_("Người phê duyệt phải khác người soạn thảo và người xem xét."))
    version.state, version.approved_by = VersionState.APPROVED, approved_by
    version.approved_at, version.approval_comment = at or timezone.now(), comment
    version.save(update_fields=["state", "approved_by", "approved_at", "approval_comment", "updated_at"])
    event_record(
        agency=version.document.agency, actor=approved_by, verb="document_version.approved", target=version
    )
    return version


@transaction.atomic
def version_issue(
    *,
    version: DocumentVersion,
    actor: Person,
    effective_from: dt.date,
    at: dt.datetime | None = None,
    token_pin: str | None = None,
) -> DocumentVersion:
    """Issue an approved version: it becomes the current one and the previous issued one is superseded."""
    _require_state(version, VersionState.APPROVED)
    _require(actor, version.document, ISSUER_ROLES, _("Bạn không có quyền ban hành tài liệu."))
    document = Document.objects.select_for_update().get(pk=version.document_id)
    previous = document.versions.filter(state=VersionState.ISSUED).first()
    if previous is not None:
        if previous.effective_from and effective_from < previous.effective_from:
            raise ValidationError(
                _("Ngày hiệu lực không được trước ngày hiệu lực của phiên bản đang áp dụng.")
            )
        previous.state, previous.superseded_on = VersionState.SUPERSEDED, effective_from
        previous.save(update_fields=["state", "superseded_on", "updated_at"])
    version.state, version.effective_from, version.issued_at = (
        VersionState.ISSUED,
        effective_from,
        at or timezone.now(),
    )
    version.save(update_fields=["state", "effective_from", "issued_at", "updated_at"])
    document.next_review_on = _next_review(document)
    document.save(update_fields=["next_review_on", "updated_at"])
    document.legal_flags.filter(resolved_on__isnull=True).update(
        resolved_on=effective_from,
        resolved_by=actor,
        resolution=_("Đã ban hành phiên bản {label}.").format(label=version.label),
    )
    event_record(agency=document.agency, actor=actor, verb="document_version.issued", target=version)
    _sign_issued(version, actor, token_pin)
    return version


@transaction.atomic
def version_withdraw(*, version: DocumentVersion, actor: Person, reason: str) -> DocumentVersion:
    """Withdraw a draft or the issued version (the document then has no version in force)."""
    _require_state(version, *OPEN_STATES, VersionState.ISSUED)
    roles = APPROVER_ROLES if version.state == VersionState.ISSUED else ISSUER_ROLES
    _require(actor, version.document, roles, _("Bạn không có quyền thu hồi phiên bản này."))
    if not reason.strip():
        raise ValidationError(_("Hãy ghi lý do thu hồi."))
    version.state, version.withdrawn_at, version.withdraw_reason = (
        VersionState.WITHDRAWN,
        timezone.now(),
        reason.strip(),
    )
    version.save(update_fields=["state", "withdrawn_at", "withdraw_reason", "updated_at"])
    event_record(
        agency=version.document.agency, actor=actor, verb="document_version.withdrawn", target=version
    )
    return version


# --- distribution ------------------------------------------------------------------------------------


@transaction.atomic
def distribution_send(
    *,
    version: DocumentVersion,
    actor: Person,
    divisions: Iterable[Division] = (),
    people: Iterable[Person] = (),
    note: str = "",
    at: dt.datetime | None = None,
) -> Distribution:
    """Send the issued version to every active person of the divisions and to the people named."""
    _require_state(version, VersionState.ISSUED)
    _require(actor, version.document, ISSUER_ROLES, _("Bạn không có quyền phân phối tài liệu."))
    divisions, people = list(divisions), list(people)
    agency_id = version.document.agency_id
    if any(d.agency_id != agency_id for d in divisions) or any(p.agency_id != agency_id for p in people):
        raise ValidationError(_("Chỉ phân phối cho phòng và cán bộ của cơ quan."))
    recipients = {p.pk for p in people} | set(
        Person.objects.filter(division__in=divisions, is_active=True).values_list("pk", flat=True)
    )
    if not recipients:
        raise ValidationError(_("Hãy chọn ít nhất một phòng hoặc một cán bộ nhận tài liệu."))
    distribution = Distribution.objects.create(
        version=version, sent_by=actor, sent_at=at or timezone.now(), note=note
    )
    distribution.divisions.set(divisions)
    Acknowledgement.objects.bulk_create(
        [Acknowledgement(distribution=distribution, person_id=pk) for pk in sorted(recipients)]
    )
    event_record(
        agency=version.document.agency,
        actor=actor,
        verb="document.distributed",
        target=distribution,
        data={"recipients": len(recipients)},
    )
    return distribution


@transaction.atomic
def acknowledgement_confirm(
    *, acknowledgement: Acknowledgement, person: Person, at: dt.datetime | None = None
) -> Acknowledgement:
    if acknowledgement.person_id != person.pk:
        raise ValidationError(_("Chỉ người nhận mới xác nhận đã đọc."))
    if acknowledgement.acknowledged_at is None:
        acknowledgement.acknowledged_at = at or timezone.now()
        acknowledgement.save(update_fields=["acknowledged_at", "updated_at"])
        event_record(agency=person.agency, actor=person, verb="document.acknowledged", target=acknowledgement)
    return acknowledgement


# --- periodic review, legal change, evaluation -------------------------------------------------------


@transaction.atomic
def document_review_record(
    *, document: Document, actor: Person, reviewed_on: dt.date, needs_revision: bool = False, note: str = ""
) -> DocumentReview:
    """Record a periodic review; the next one falls due `review_period_months` later."""
    _require(actor, document, REVIEWER_ROLES, _("Bạn không có quyền xem xét tài liệu."))
    if reviewed_on > timezone.localdate():
        raise ValidationError(_("Ngày xem xét không được ở tương lai."))
    review = DocumentReview.objects.create(
        document=document,
        reviewed_on=reviewed_on,
        reviewed_by=actor,
        needs_revision=needs_revision,
        note=note,
    )
    if document.last_reviewed_on is None or reviewed_on > document.last_reviewed_on:
        document.last_reviewed_on = reviewed_on
    document.next_review_on = _next_review(document)
    document.save(update_fields=["last_reviewed_on", "next_review_on", "updated_at"])
    event_record(agency=document.agency, actor=actor, verb="document.reviewed", target=review)
    return review


@transaction.atomic
def legal_change_flag(*, amending: Document, actor: Person | None) -> list[LegalChangeFlag]:
    """Flag every document resting on the amended legal document, due 3 months after the amendment
    takes effect (QĐ 19/2014 Art. 4 cl. 4(a)). Re-running adds nothing new."""
    amended = amending.amends
    if amended is None or amending.legal_effective_from is None:
        raise ValidationError(_("Văn bản sửa đổi phải ghi văn bản bị sửa đổi và ngày có hiệu lực."))
    due_on = add_months(amending.legal_effective_from, LEGAL_UPDATE_MONTHS)
    flags = []
    for document in amended.based_documents.exclude(doc_type=DocumentType.EXTERNAL).order_by("code"):
        flag, created = LegalChangeFlag.objects.get_or_create(
            document=document, amending=amending, defaults={"amended": amended, "due_on": due_on}
        )
        if created:
            flags.append(flag)
            event_record(
                agency=document.agency, actor=actor, verb="document.legal_change_flagged", target=flag
            )
    return flags


@transaction.atomic
def legal_flag_resolve(
    *, flag: LegalChangeFlag, actor: Person, resolution: str, on: dt.date | None = None
) -> LegalChangeFlag:
    """Close a legal-change flag without a new version (e.g. the amendment does not touch the document)."""
    _require(actor, flag.document, ISSUER_ROLES, _("Bạn không có quyền xử lý thay đổi pháp lý."))
    if flag.resolved_on is not None:
        raise ValidationError(_("Thay đổi này đã được xử lý."))
    if not resolution.strip():
        raise ValidationError(_("Hãy ghi kết quả xử lý."))
    flag.resolved_on, flag.resolved_by, flag.resolution = (
        on or timezone.localdate(),
        actor,
        resolution.strip(),
    )
    flag.save(update_fields=["resolved_on", "resolved_by", "resolution", "updated_at"])
    event_record(agency=flag.document.agency, actor=actor, verb="document.legal_change_resolved", target=flag)
    return flag


@transaction.atomic
def evaluation_record(
    *,
    document: Document,
    actor: Person,
    year: int,
    result: str,
    notes: str = "",
    evidence: str = "",
    on: dt.date | None = None,
) -> DocumentEvaluation:
    """Record (or correct) the yearly effectiveness evaluation of a document."""
    _require(actor, document, REVIEWER_ROLES, _("Bạn không có quyền đánh giá tài liệu."))
    if document.is_external:
        raise ValidationError(_("Văn bản bên ngoài không thuộc đối tượng đánh giá hiệu lực."))
    evaluation, _created = DocumentEvaluation.objects.update_or_create(
        document=document,
        year=year,
        defaults={
            "result": result,
            "notes": notes,
            "evidence": evidence,
            "evaluated_by": actor,
            "evaluated_on": on or timezone.localdate(),
        },
    )
    event_record(agency=document.agency, actor=actor, verb="document.evaluated", target=evaluation)
    return evaluation


# Text around exactly one {n} or {n:02d}-style number; nothing else a format string could do.
CODE_PATTERN = re.compile(r"[^{}]*\{n(:0?[1-9]d)?\}[^{}]*")


def code_pattern_check(pattern: str) -> str:
    """The first code `pattern` gives, or a ValidationError saying why it gives none."""
    if not CODE_PATTERN.fullmatch(pattern) or len(pattern.format(n=9999)) > 64:
        raise ValidationError(
            _(
                "Mẫu mã “{pattern}” không dùng được: cần chứa đúng một {{n}} (số thứ tự), ví dụ QT-{{n:02d}}."
            ).format(pattern=pattern)
        )
    return pattern.format(n=1)


@transaction.atomic
def code_patterns_save(*, agency: Any, actor: Any, patterns: dict[str, str]) -> list[CodePattern]:
    """The agency's code pattern per document type; a type left empty goes back to the default pattern."""
    errors = {}
    for doc_type, pattern in patterns.items():
        try:
            if pattern:
                code_pattern_check(pattern)
        except ValidationError as exc:
            errors[doc_type] = exc.messages
    if errors:
        raise ValidationError(errors)
    saved = []
    for doc_type, pattern in patterns.items():
        if not pattern or pattern == DEFAULT_CODE_PATTERNS[doc_type]:
            CodePattern.objects.filter(agency=agency, doc_type=doc_type).delete()
            continue
        row, _created = CodePattern.objects.update_or_create(
            agency=agency, doc_type=doc_type, defaults={"pattern": pattern}
        )
        saved.append(row)
    event_record(agency=agency, actor=actor, verb="document.code_patterns_saved", target=agency)
    return saved
