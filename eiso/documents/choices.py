from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    QUALITY_MANUAL = "quality_manual", _("Sổ tay chất lượng")
    POLICY = "policy", _("Chính sách chất lượng")
    OBJECTIVES = "objectives", _("Mục tiêu chất lượng")
    SYSTEM_PROCEDURE = "system_procedure", _("Quy trình hệ thống")
    TTHC_PROCEDURE = "tthc_procedure", _("Quy trình giải quyết TTHC")
    WORK_INSTRUCTION = "work_instruction", _("Hướng dẫn công việc")
    FORM = "form", _("Biểu mẫu")
    RECORD_TEMPLATE = "record_template", _("Mẫu hồ sơ")
    EXTERNAL = "external", _("Văn bản pháp lý bên ngoài")


# Default code patterns per type; `{n}` is the next number in the agency (an agency may override them).
DEFAULT_CODE_PATTERNS: dict[str, str] = {
    DocumentType.QUALITY_MANUAL: "STCL-{n:02d}",
    DocumentType.POLICY: "CSCL-{n:02d}",
    DocumentType.OBJECTIVES: "MTCL-{n:02d}",
    DocumentType.SYSTEM_PROCEDURE: "QT-{n:02d}",
    DocumentType.TTHC_PROCEDURE: "QT-TTHC-{n:02d}",
    DocumentType.WORK_INSTRUCTION: "HD-{n:02d}",
    DocumentType.FORM: "BM-{n:02d}",
    DocumentType.RECORD_TEMPLATE: "HS-{n:02d}",
    DocumentType.EXTERNAL: "VB-{n:03d}",
}

PUBLISHABLE_TYPES = (DocumentType.TTHC_PROCEDURE, DocumentType.FORM)


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    IN_REVIEW = "in_review", _("Đang xem xét")
    APPROVED = "approved", _("Đã phê duyệt")
    ISSUED = "issued", _("Đang hiệu lực")
    SUPERSEDED = "superseded", _("Đã thay thế")
    WITHDRAWN = "withdrawn", _("Đã thu hồi")


OPEN_STATES = (VersionState.DRAFT, VersionState.IN_REVIEW, VersionState.APPROVED)
# States after approval: the content of the version can no longer change.
FROZEN_STATES = (VersionState.ISSUED, VersionState.SUPERSEDED, VersionState.WITHDRAWN)


class FileKind(models.TextChoices):
    DOCX = "docx", "DOCX"
    PDF = "pdf", "PDF"


class EvaluationResult(models.TextChoices):
    APPLIED = "applied_as_written", _("Áp dụng đúng như văn bản")
    NEEDS_CHANGE = "needs_change", _("Cần sửa đổi")
    OBSOLETE = "obsolete", _("Không còn phù hợp")
