from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import BootstrapFormMixin
from eiso.core.models import Agency, Division, Person
from eiso.reviews.choices import (
    ActionState,
    ChangeKind,
    DecisionKind,
    ProviderKind,
    ProviderResult,
    RecordKind,
)
from eiso.reviews.models import ExternalProvider

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class AgencyFormMixin(BootstrapFormMixin):
    """Limits every person/division choice to the acting agency."""

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
                model = field.queryset.model
                if model is Person:
                    field.queryset = Person.objects.filter(agency=agency, is_active=True)
                elif model is Division:
                    field.queryset = Division.objects.filter(agency=agency, is_active=True)


class PlanForm(AgencyFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    planned_on = forms.DateField(label=_("Ngày họp dự kiến"), widget=DATE)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    chair = forms.ModelChoiceField(label=_("Chủ trì"), queryset=Person.objects.none())
    secretary = forms.ModelChoiceField(label=_("Thư ký"), queryset=Person.objects.none())


class CollectForm(BootstrapFormMixin, forms.Form):
    as_of = forms.DateField(label=_("Số liệu tính đến ngày"), widget=DATE)


class CommentForm(BootstrapFormMixin, forms.Form):
    commentary = forms.CharField(
        label=_("Nhận xét của thư ký"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class HoldForm(AgencyFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Ngày họp"), widget=DATE)
    started_at = forms.TimeField(label=_("Bắt đầu lúc"), widget=TIME, required=False)
    ended_at = forms.TimeField(label=_("Kết thúc lúc"), widget=TIME, required=False)
    present = forms.ModelMultipleChoiceField(
        label=_("Có mặt"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    discussion = forms.CharField(
        label=_("Ý kiến thảo luận"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    acknowledged = forms.BooleanField(
        label=_("Tôi đã đối chiếu nhận xét với các số liệu cần lưu ý nêu trên"), required=False
    )


class DecisionForm(AgencyFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Phân loại (ISO 9001, 9.3.3)"), choices=DecisionKind.choices)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Người chủ trì"), queryset=Person.objects.none(), required=False)
    owner_division = forms.ModelChoiceField(
        label=_("Phòng chủ trì"), queryset=Division.objects.none(), required=False
    )
    deadline = forms.DateField(label=_("Thời hạn"), widget=DATE, required=False)
    amount_vnd = forms.IntegerField(label=_("Kinh phí (đồng)"), min_value=0, required=False)
    is_internal_audit_budget = forms.BooleanField(
        label=_("Kinh phí đánh giá nội bộ (tối đa 15.000.000 đồng/năm, TT 116/2015)"), required=False
    )


class ActionForm(BootstrapFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("Tình trạng"), choices=ActionState.choices)
    result_note = forms.CharField(label=_("Kết quả thực hiện"), required=False)


class ConclusionForm(BootstrapFormMixin, forms.Form):
    conclusion = forms.CharField(
        label=_("Kết luận chung"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    minutes_number = forms.CharField(label=_("Số biên bản"), max_length=32, required=False)
    notice_number = forms.CharField(label=_("Số thông báo kết luận"), max_length=32, required=False)


class ChangeForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại thay đổi"), choices=ChangeKind.choices)
    title = forms.CharField(label=_("Nội dung thay đổi"), max_length=500)
    reference = forms.CharField(label=_("Số hiệu văn bản"), max_length=128, required=False)
    effective_on = forms.DateField(label=_("Ngày hiệu lực"), widget=DATE)
    effect_on_documents = forms.CharField(
        label=_("Ảnh hưởng đến tài liệu HTQLCL"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    documents_updated_on = forms.DateField(label=_("Ngày cập nhật tài liệu"), widget=DATE, required=False)


class RecordForm(AgencyFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=RecordKind.choices)
    number = forms.CharField(label=_("Số"), max_length=32, required=False)
    issued_on = forms.DateField(label=_("Ngày ký"), widget=DATE, initial=timezone.localdate)
    signed_by = forms.ModelChoiceField(label=_("Người ký"), queryset=Person.objects.none())


class ProviderForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên nhà cung cấp"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=ProviderKind.choices)
    service = forms.CharField(label=_("Sản phẩm, dịch vụ cung cấp"), widget=forms.Textarea(attrs={"rows": 2}))
    contract = forms.CharField(label=_("Hợp đồng, văn bản thỏa thuận"), max_length=255, required=False)
    since = forms.DateField(label=_("Sử dụng từ ngày"), widget=DATE)
    until = forms.DateField(label=_("Ngừng sử dụng từ ngày"), widget=DATE, required=False)


class EvaluationForm(BootstrapFormMixin, forms.Form):
    provider = forms.ModelChoiceField(label=_("Nhà cung cấp"), queryset=ExternalProvider.objects.none())
    evaluated_on = forms.DateField(label=_("Ngày đánh giá"), widget=DATE, initial=timezone.localdate)
    period_from = forms.DateField(label=_("Kỳ đánh giá từ ngày"), widget=DATE)
    period_to = forms.DateField(label=_("Kỳ đánh giá đến ngày"), widget=DATE)
    criterion = forms.CharField(
        label=_("Tiêu chí"),
        max_length=500,
        help_text=_("Ví dụ: hồ sơ, kết quả được chuyển phát đúng thời gian cam kết."),
    )
    met = forms.IntegerField(label=_("Số lượt đạt"), min_value=0, required=False)
    total = forms.IntegerField(label=_("Tổng số lượt"), min_value=1, required=False)
    result = forms.ChoiceField(label=_("Kết quả"), choices=ProviderResult.choices)
    note = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        providers = self.fields["provider"]
        assert isinstance(providers, forms.ModelChoiceField)  # noqa: S101 - declared above
        providers.queryset = ExternalProvider.objects.filter(agency=agency).order_by("name")
