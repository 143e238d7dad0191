from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eiso.audits.choices import ChecklistResult, FindingKind
from eiso.audits.models import Audit, AuditProgramme, ChecklistTemplate, Finding
from eiso.core.forms import AgencyForm, BootstrapFormMixin, ReasonForm, active_divisions, auditors
from eiso.core.models import Division, Person
from eiso.procedures.models import HandlingProcess, Procedure

__all__ = ["ReasonForm"]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProgrammeForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=255)
    budget_line = forms.CharField(label=_("Nguồn kinh phí"), max_length=255, required=False)
    budget_amount = forms.IntegerField(label=_("Kinh phí (đồng)"), min_value=0, initial=0)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ProgrammeItemForm(AgencyForm):
    division = forms.ModelChoiceField(label=_("Phòng"), queryset=Division.objects.none(), required=False)
    procedure = forms.ModelChoiceField(label=_("Thủ tục"), queryset=Procedure.objects.none(), required=False)
    process = forms.ModelChoiceField(
        label=_("Quy trình"), queryset=HandlingProcess.objects.none(), required=False
    )
    planned_month = forms.IntegerField(label=_("Tháng dự kiến"), min_value=1, max_value=12)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("division", active_divisions(self.agency))
        self.scope_field("procedure", Procedure.objects.filter(in_scope=True))
        self.scope_field("process", HandlingProcess.objects.all())


class AuditForm(AgencyForm):
    programme = forms.ModelChoiceField(
        label=_("Chương trình"), queryset=AuditProgramme.objects.none(), required=False
    )
    title = forms.CharField(label=_("Tên cuộc đánh giá"), max_length=255)
    objectives = forms.CharField(label=_("Mục tiêu"), widget=forms.Textarea(attrs={"rows": 2}))
    scope = forms.CharField(label=_("Phạm vi"), widget=forms.Textarea(attrs={"rows": 2}))
    criteria = forms.CharField(
        label=_("Chuẩn mực đánh giá"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    criteria_tags = forms.CharField(
        label=_("Chuẩn mực (nhãn)"),
        required=False,
        help_text=_("Phân cách bằng dấu chấm phẩy, ví dụ: TCVN ISO 9001:2015 điều 8.5; QĐ 19/2014/QĐ-TTg"),
    )
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE)
    lead_auditor = forms.ModelChoiceField(label=_("Trưởng đoàn"), queryset=Person.objects.none())
    team = forms.ModelMultipleChoiceField(
        label=_("Thành viên đoàn"), queryset=Person.objects.none(), required=False
    )
    auditees = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được đánh giá"), queryset=Division.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("programme", AuditProgramme.objects.all())
        self.scope_field("lead_auditor", auditors(self.agency))
        self.scope_field("team", auditors(self.agency))
        self.scope_field("auditees", active_divisions(self.agency))

    def clean_criteria_tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["criteria_tags"].split(";") if t.strip()]


class SessionForm(AgencyForm):
    division = forms.ModelChoiceField(label=_("Phòng"), queryset=Division.objects.none())
    starts_at = forms.DateTimeField(label=_("Bắt đầu"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Kết thúc"), widget=DATETIME)
    auditors = forms.ModelMultipleChoiceField(label=_("Chuyên gia đánh giá"), queryset=Person.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("division", active_divisions(self.agency))
        self.scope_field("auditors", auditors(self.agency))


class ChecklistItemForm(AgencyForm):
    clause = forms.CharField(label=_("Điều khoản / bước quy trình"), max_length=128)
    question = forms.CharField(label=_("Câu hỏi"), widget=forms.Textarea(attrs={"rows": 2}))
    division = forms.ModelChoiceField(label=_("Phòng"), queryset=Division.objects.none(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("division", active_divisions(self.agency))


class ChecklistCopyForm(AgencyForm):
    source_audit = forms.ModelChoiceField(
        label=_("Sao chép từ cuộc đánh giá"), queryset=Audit.objects.none(), required=False
    )
    template = forms.ModelChoiceField(
        label=_("hoặc từ mẫu"), queryset=ChecklistTemplate.objects.none(), required=False
    )

    def __init__(self, *args: Any, audit: Audit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("source_audit", Audit.objects.exclude(pk=audit.pk))
        self.scope_field("template", ChecklistTemplate.objects.all())


class ChecklistRecordForm(BootstrapFormMixin, forms.Form):
    evidence = forms.CharField(
        label=_("Bằng chứng"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    result = forms.ChoiceField(label=_("Kết quả"), choices=ChecklistResult.choices, required=False)


class FindingForm(AgencyForm):
    kind = forms.ChoiceField(label=_("Loại phát hiện"), choices=FindingKind.choices)
    division = forms.ModelChoiceField(label=_("Phòng"), queryset=Division.objects.none())
    clause = forms.CharField(label=_("Điều khoản"), max_length=128, required=False)
    description = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(
        label=_("Bằng chứng"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    found_on = forms.DateField(label=_("Ngày phát hiện"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("division", active_divisions(self.agency))


class ReportForm(BootstrapFormMixin, forms.Form):
    summary = forms.CharField(label=_("Tóm tắt kết quả"), widget=forms.Textarea(attrs={"rows": 4}))
    conclusion = forms.CharField(label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 3}))


def audit_initial(audit: Audit) -> dict[str, Any]:
    """The plan as the edit form shows it."""
    return {
        "programme": audit.programme_id,
        "title": audit.title,
        "objectives": audit.objectives,
        "scope": audit.scope,
        "criteria": audit.criteria,
        "criteria_tags": "; ".join(audit.criteria_tags),
        "starts_on": audit.starts_on,
        "ends_on": audit.ends_on,
        "lead_auditor": audit.lead_auditor_id,
        "team": list(audit.team.values_list("pk", flat=True)),
        "auditees": list(audit.auditees.values_list("pk", flat=True)),
    }


def finding_initial(finding: Finding) -> dict[str, Any]:
    fields = ["kind", "clause", "description", "evidence", "found_on"]
    return {"division": finding.division_id, **{name: getattr(finding, name) for name in fields}}
