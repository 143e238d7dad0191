from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import AgencyForm, AgencyScoped, BootstrapFormMixin, active_divisions, active_people
from eiso.core.models import Division, Person
from eiso.core.uploads import DOCUMENT, form_clean
from eiso.documents.choices import DEFAULT_CODE_PATTERNS, DocumentType, EvaluationResult
from eiso.documents.models import Document
from eiso.documents.services import upload_check
from eiso.procedures.models import HandlingProcess, Procedure

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentForm(AgencyScoped, forms.ModelForm):
    code = forms.CharField(
        label=_("Mã tài liệu"), max_length=64, required=False, help_text=_("Để trống để hệ thống tự đặt mã.")
    )

    class Meta:
        model = Document
        fields = [
            "doc_type",
            "code",
            "title",
            "owner_division",
            "scope",
            "procedures",
            "handling_process",
            "legal_bases",
            "amends",
            "issuing_body",
            "legal_effective_from",
            "review_period_months",
            "is_public",
        ]
        widgets = {"legal_effective_from": DATE, "scope": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        externals = Document.objects.filter(doc_type=DocumentType.EXTERNAL)
        if self.instance.pk:
            externals = externals.exclude(pk=self.instance.pk)
        self.scope_field("owner_division", active_divisions(self.agency))
        self.scope_field("procedures", Procedure.objects.all())
        self.scope_field("handling_process", HandlingProcess.objects.all())
        self.scope_field("legal_bases", externals)
        self.scope_field("amends", externals)
        self.fields["procedures"].widget.attrs["size"] = 6
        self._errors = None  # BootstrapFormMixin validated before the choices were scoped: validate again.

    def _post_clean(self) -> None:
        # The services validate the business rules; the model's own validation would reject a blank code.
        pass


class VersionForm(BootstrapFormMixin, forms.Form):
    changed_sections = forms.CharField(label=_("Vị trí sửa đổi"), max_length=255, required=False)
    change_summary = forms.CharField(
        label=_("Nội dung sửa đổi"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Nội dung (văn bản)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    file = forms.FileField(
        label=_("Tệp tài liệu (DOCX hoặc PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf"}),
    )

    def clean_file(self) -> Any:
        file = form_clean(self.cleaned_data.get("file"), DOCUMENT)
        if file:
            try:
                upload_check(file)
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return file


class NewVersionForm(VersionForm):
    new_issue = forms.BooleanField(
        label=_("Ban hành lần mới (thay vì sửa đổi lần ban hành hiện tại)"), required=False
    )


class CommentForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class IssueForm(BootstrapFormMixin, forms.Form):
    effective_from = forms.DateField(label=_("Ngày hiệu lực"), widget=DATE, initial=timezone.localdate)


class WithdrawForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 2}))


class DistributionForm(AgencyForm):
    divisions = forms.ModelMultipleChoiceField(
        label=_("Phòng nhận"), queryset=Division.objects.none(), required=False
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Cán bộ nhận"), queryset=Person.objects.none(), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("divisions", active_divisions(self.agency))
        self.scope_field("people", active_people(self.agency))
        self._errors = None  # BootstrapFormMixin validated before the choices were scoped: validate again.


class ReviewForm(BootstrapFormMixin, forms.Form):
    reviewed_on = forms.DateField(label=_("Ngày xem xét"), widget=DATE, initial=timezone.localdate)
    needs_revision = forms.BooleanField(label=_("Cần sửa đổi"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvaluationForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    result = forms.ChoiceField(label=_("Kết quả"), choices=EvaluationResult.choices)
    notes = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(
        label=_("Bằng chứng"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResolveForm(BootstrapFormMixin, forms.Form):
    resolution = forms.CharField(label=_("Kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 2}))


class CodePatternsForm(BootstrapFormMixin, forms.Form):
    """One pattern per document type; empty means the default pattern shown as the placeholder."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for doc_type, label in DocumentType.choices:
            self.fields[doc_type] = forms.CharField(
                label=label,
                max_length=64,
                required=False,
                initial=current.get(doc_type, ""),
                widget=forms.TextInput(
                    attrs={"placeholder": DEFAULT_CODE_PATTERNS[doc_type], "class": "form-control"}
                ),
            )
