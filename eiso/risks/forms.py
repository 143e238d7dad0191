from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import BootstrapFormMixin
from eiso.core.models import Agency, Division, Person
from eiso.procedures.models import HandlingProcess, Procedure
from eiso.risks.choices import Effectiveness, RiskKind
from eiso.risks.models import RiskScale

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _scale_choices(labels: list[str]) -> list[tuple[int, str]]:
    return [(n, f"{n} – {label}") for n, label in enumerate(labels, start=1)]


class _ScoresMixin(forms.Form):
    likelihood = forms.TypedChoiceField(label=_("Khả năng xảy ra"), coerce=int)
    impact = forms.TypedChoiceField(label=_("Mức độ ảnh hưởng"), coerce=int)

    def set_scale(self, scale: RiskScale) -> None:
        self.fields["likelihood"].choices = _scale_choices(scale.likelihood_labels)  # type: ignore[attr-defined]
        self.fields["impact"].choices = _scale_choices(scale.impact_labels)  # type: ignore[attr-defined]


class RiskForm(BootstrapFormMixin, _ScoresMixin):
    code = forms.CharField(label=_("Mã"), max_length=32)
    kind = forms.ChoiceField(label=_("Loại"), choices=RiskKind.choices)
    process = forms.ModelChoiceField(
        label=_("Quy trình"), queryset=HandlingProcess.objects.none(), required=False
    )
    procedure = forms.ModelChoiceField(label=_("Thủ tục"), queryset=Procedure.objects.none(), required=False)
    area = forms.CharField(label=_("Quá trình / lĩnh vực"), max_length=255, required=False)
    division = forms.ModelChoiceField(label=_("Phòng"), queryset=Division.objects.none(), required=False)
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 2}))
    consequence = forms.CharField(label=_("Hệ quả"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    owner = forms.ModelChoiceField(label=_("Người phụ trách"), queryset=Person.objects.none(), required=False)
    identified_on = forms.DateField(label=_("Ngày nhận diện"), widget=DATE)
    review_on = forms.DateField(label=_("Ngày xem xét lại"), widget=DATE, required=False)

    field_order = ["code", "kind", "process", "procedure", "area", "division", "description", "consequence"]

    def __init__(self, *args: Any, agency: Agency, scale: RiskScale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_scale(scale)
        self.fields["process"].queryset = HandlingProcess.objects.filter(agency=agency)  # type: ignore[attr-defined]
        self.fields["procedure"].queryset = Procedure.objects.filter(agency=agency)  # type: ignore[attr-defined]
        self.fields["division"].queryset = Division.objects.filter(agency=agency, is_active=True)  # type: ignore[attr-defined]
        self.fields["owner"].queryset = Person.objects.filter(agency=agency, is_active=True)  # type: ignore[attr-defined]


class ReassessForm(BootstrapFormMixin, _ScoresMixin):
    review_on = forms.DateField(label=_("Ngày xem xét lại"), widget=DATE, required=False)

    def __init__(self, *args: Any, scale: RiskScale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_scale(scale)


class RiskActionForm(BootstrapFormMixin, forms.Form):
    description = forms.CharField(label=_("Biện pháp xử lý"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Người thực hiện"), queryset=Person.objects.none())
    deadline = forms.DateField(label=_("Thời hạn"), widget=DATE)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(agency=agency, is_active=True)  # type: ignore[attr-defined]


class ReviewForm(BootstrapFormMixin, forms.Form):
    effectiveness = forms.ChoiceField(label=_("Hiệu lực của hành động"), choices=Effectiveness.choices)
    note = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    on = forms.DateField(label=_("Ngày đánh giá"), widget=DATE)
    next_review_on = forms.DateField(label=_("Xem xét lại vào ngày"), widget=DATE, required=False)
    close = forms.BooleanField(label=_("Kết thúc theo dõi rủi ro này"), required=False)


class ScaleForm(BootstrapFormMixin, forms.Form):
    likelihood_labels = forms.CharField(
        label=_("Thang khả năng xảy ra"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một mức, từ thấp đến cao."),
    )
    impact_labels = forms.CharField(
        label=_("Thang mức độ ảnh hưởng"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một mức, từ thấp đến cao."),
    )
    medium_from = forms.IntegerField(label=_("Mức trung bình từ điểm"), min_value=1)
    high_from = forms.IntegerField(label=_("Mức cao từ điểm"), min_value=2)

    def clean_likelihood_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["likelihood_labels"].splitlines() if line.strip()]

    def clean_impact_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["impact_labels"].splitlines() if line.strip()]
