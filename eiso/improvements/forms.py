from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import AgencyForm, BootstrapFormMixin, ReasonForm, active_divisions, active_people
from eiso.core.models import Division, Person
from eiso.improvements.choices import NcSource, Verification
from eiso.improvements.models import Nonconformity

__all__ = ["ReasonForm"]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MANUAL_SOURCES = [(v, label) for v, label in NcSource.choices if v != NcSource.LATE_DOSSIER]


class NonconformityForm(AgencyForm):
    source_kind = forms.ChoiceField(label=_("Nguồn"), choices=MANUAL_SOURCES)
    division = forms.ModelChoiceField(label=_("Phòng"), queryset=Division.objects.none(), required=False)
    description = forms.CharField(label=_("Mô tả sự không phù hợp"), widget=forms.Textarea(attrs={"rows": 3}))
    source_note = forms.CharField(label=_("Mô tả nguồn"), max_length=255, required=False)
    raised_on = forms.DateField(label=_("Ngày ghi nhận"), widget=DATE)

    def __init__(self, *args: Any, fixed_source: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("division", active_divisions(self.agency))
        if fixed_source:  # a nonconformity from a late dossier keeps its source when corrected
            source = cast(forms.ChoiceField, self.fields["source_kind"])
            source.choices, source.disabled = NcSource.choices, True


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


class ActionItemForm(AgencyForm):
    description = forms.CharField(label=_("Nội dung hành động"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Người thực hiện"), queryset=Person.objects.none())
    deadline = forms.DateField(label=_("Thời hạn"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("owner", active_people(self.agency))


class NoteForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class VerifyForm(BootstrapFormMixin, forms.Form):
    result = forms.ChoiceField(
        label=_("Kết quả xác minh"), choices=Verification.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    on = forms.DateField(label=_("Ngày xác minh"), widget=DATE)


def nc_initial(nc: Nonconformity) -> dict[str, Any]:
    fields = ["source_kind", "description", "source_note", "raised_on"]
    return {"division": nc.division_id, **{name: getattr(nc, name) for name in fields}}
