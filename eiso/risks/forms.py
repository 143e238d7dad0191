from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import AgencyForm, BootstrapFormMixin, ReasonForm, active_divisions, active_people
from eiso.core.models import Division, Person
from eiso.procedures.models import HandlingProcess, Procedure
from eiso.risks.choices import Effectiveness, RiskKind
from eiso.risks.models import Risk, RiskScale

__all__ = ["ReasonForm"]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _scale_choices(labels: list[str]) -> list[tuple[int, str]]:
    return [(n, f"{n} – {label}") for n, label in enumerate(labels, start=1)]


class _ScoresMixin(forms.Form):
    likelihood = forms.TypedChoiceField(label=_("Khả năng xảy ra"), coerce=int)
    impact = forms.TypedChoiceField(label=_("Mức độ ảnh hưởng"), coerce=int)

    def set_scale(self, scale: RiskScale) -> None:
        for name, labels in (("likelihood", scale.likelihood_labels), ("impact", scale.impact_labels)):
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = _scale_choices(labels)


class RiskForm(AgencyForm, _ScoresMixin):
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

    def __init__(self, *args: Any, scale: RiskScale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_scale(scale)
        self.scope_field("process", HandlingProcess.objects.all())
        self.scope_field("procedure", Procedure.objects.all())
        self.scope_field("division", active_divisions(self.agency))
        self.scope_field("owner", active_people(self.agency))


class ReassessForm(BootstrapFormMixin, _ScoresMixin):
    review_on = forms.DateField(label=_("Ngày xem xét lại"), widget=DATE, required=False)

    def __init__(self, *args: Any, scale: RiskScale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_scale(scale)


class RiskActionForm(AgencyForm):
    description = forms.CharField(label=_("Biện pháp xử lý"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Người thực hiện"), queryset=Person.objects.none())
    deadline = forms.DateField(label=_("Thời hạn"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_field("owner", active_people(self.agency))


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


def risk_initial(risk: Risk) -> dict[str, Any]:
    """The risk as the correction form shows it."""
    names = ["code", "kind", "area", "description", "consequence", "likelihood", "impact"]
    ids = {name: getattr(risk, f"{name}_id") for name in ("process", "procedure", "division", "owner")}
    dates = {"identified_on": risk.identified_on, "review_on": risk.review_on}
    return {**{name: getattr(risk, name) for name in names}, **ids, **dates}
