from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import BootstrapFormMixin
from eiso.core.models import Agency, Division, Person
from eiso.improvements.choices import NcSource, Verification

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MANUAL_SOURCES = [(v, label) for v, label in NcSource.choices if v != NcSource.LATE_DOSSIER]


class NonconformityForm(BootstrapFormMixin, forms.Form):
    source_kind = forms.ChoiceField(label=_("Nguồn"), choices=MANUAL_SOURCES)
    division = forms.ModelChoiceField(label=_("Phòng"), queryset=Division.objects.none(), required=False)
    description = forms.CharField(label=_("Mô tả sự không phù hợp"), widget=forms.Textarea(attrs={"rows": 3}))
    source_note = forms.CharField(label=_("Mô tả nguồn"), max_length=255, required=False)
    raised_on = forms.DateField(label=_("Ngày ghi nhận"), widget=DATE)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.filter(agency=agency, is_active=True)  # type: ignore[attr-defined]


class AnalysisForm(BootstrapFormMixin, forms.Form):
    root_cause = forms.CharField(label=_("Nguyên nhân"), widget=forms.Textarea(attrs={"rows": 3}))
    whys = forms.CharField(
        label=_("5 lần hỏi tại sao"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Mỗi dòng một câu trả lời."),
    )
    correction = forms.CharField(
        label=_("Biện pháp khắc phục tức thời"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    due_on = forms.DateField(label=_("Thời hạn hoàn thành"), widget=DATE)
    verify_after = forms.DateField(label=_("Xác minh hiệu lực sau ngày"), widget=DATE)

    def clean_whys(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["whys"].splitlines() if line.strip()]


class ActionItemForm(BootstrapFormMixin, forms.Form):
    description = forms.CharField(label=_("Nội dung hành động"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Người thực hiện"), queryset=Person.objects.none())
    deadline = forms.DateField(label=_("Thời hạn"), widget=DATE)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(agency=agency, is_active=True)  # type: ignore[attr-defined]


class NoteForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class VerifyForm(BootstrapFormMixin, forms.Form):
    result = forms.ChoiceField(
        label=_("Kết quả xác minh"), choices=Verification.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    on = forms.DateField(label=_("Ngày xác minh"), widget=DATE)


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))
