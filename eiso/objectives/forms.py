from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import AgencyForm, BootstrapFormMixin, active_people
from eiso.core.models import Division, Person
from eiso.core.uploads import EVIDENCE, form_clean
from eiso.objectives.choices import Comparison, Frequency, Scope
from eiso.objectives.models import Objective, ObjectiveSet
from eiso.objectives.sources import source_choices
from eiso.procedures.models import Procedure

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AsOfForm(BootstrapFormMixin, forms.Form):
    as_of = forms.DateField(label=_("Tính đến ngày"), required=False, widget=DATE)


class ObjectiveSetForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    decision_number = forms.CharField(label=_("Số quyết định ban hành"), max_length=64, required=False)
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False, widget=DATE)


class CopyForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm của bộ mục tiêu mới"), min_value=2000, max_value=2100)


class IssueForm(BootstrapFormMixin, forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định ban hành"), max_length=64)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE)


class ObjectiveForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Nội dung mục tiêu"), max_length=500)


class IndicatorForm(AgencyForm):
    objective = forms.ModelChoiceField(label=_("Mục tiêu"), queryset=Objective.objects.none())
    name = forms.CharField(label=_("Chỉ tiêu"), max_length=500)
    comparison = forms.ChoiceField(label=_("So sánh"), choices=Comparison.choices)
    target_value = forms.DecimalField(label=_("Giá trị mục tiêu"), max_digits=12, decimal_places=2)
    unit = forms.CharField(label=_("Đơn vị"), max_length=32, initial="%")
    frequency = forms.ChoiceField(
        label=_("Tần suất theo dõi"), choices=Frequency.choices, initial=Frequency.QUARTERLY
    )
    source = forms.ChoiceField(label=_("Nguồn số liệu"), choices=())
    scope = forms.ChoiceField(label=_("Phạm vi"), choices=Scope.choices)
    scope_division = forms.ModelChoiceField(
        label=_("Phòng (phạm vi)"), queryset=Division.objects.none(), required=False
    )
    scope_procedure = forms.ModelChoiceField(
        label=_("Thủ tục (phạm vi)"), queryset=Procedure.objects.none(), required=False
    )
    owner_division = forms.ModelChoiceField(
        label=_("Phòng chịu trách nhiệm"), queryset=Division.objects.none(), required=False
    )
    owner_person = forms.ModelChoiceField(
        label=_("Người chịu trách nhiệm"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, objective_set: ObjectiveSet, **kwargs: Any) -> None:
        super().__init__(*args, agency=objective_set.agency, **kwargs)
        self.scope_field("objective", Objective.objects.filter(objective_set=objective_set))
        cast(forms.ChoiceField, self.fields["source"]).choices = source_choices()
        self.scope_field("scope_division", Division.objects.all())
        self.scope_field("owner_division", Division.objects.all())
        self.scope_field("scope_procedure", Procedure.objects.order_by("code"))
        self.scope_field("owner_person", active_people(self.agency))


INDICATOR_FIELDS = [
    "name",
    "comparison",
    "target_value",
    "unit",
    "frequency",
    "source",
    "scope",
    "scope_division",
    "scope_procedure",
    "owner_division",
    "owner_person",
]


def indicator_initial(indicator: Any) -> dict[str, Any]:
    values = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    return {**values, "objective": indicator.objective_id}


class ManualValueForm(BootstrapFormMixin, forms.Form):
    period_start = forms.DateField(label=_("Từ ngày"), widget=DATE)
    period_end = forms.DateField(label=_("Đến ngày"), widget=DATE)
    value = forms.DecimalField(label=_("Giá trị"), max_digits=12, decimal_places=2, required=False)
    numerator = forms.IntegerField(label=_("Tử số"), min_value=0, required=False)
    denominator = forms.IntegerField(label=_("Mẫu số"), min_value=1, required=False)
    evidence_text = forms.CharField(
        label=_("Bằng chứng"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    evidence_file = forms.FileField(label=_("Tệp bằng chứng"), required=False)
    post = forms.BooleanField(label=_("Ghi nhận ngay (không để nháp)"), required=False)

    def clean_evidence_file(self) -> Any:
        return form_clean(self.cleaned_data.get("evidence_file"), EVIDENCE)
