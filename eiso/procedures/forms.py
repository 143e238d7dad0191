from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import BootstrapFormMixin
from eiso.core.uploads import IMPORT, form_clean
from eiso.procedures.models import Procedure

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ProcedureForm(BootstrapFormMixin, forms.ModelForm):
    effective_on = forms.DateField(
        label=_("Thời hạn mới áp dụng từ ngày"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "Khi đổi thời hạn: quy định cũ kết thúc trước ngày này, hồ sơ đã nhận vẫn giữ thời hạn cũ. "
            "Để trống: hôm nay."
        ),
    )
    legal_reference = forms.CharField(label=_("Căn cứ thay đổi thời hạn"), required=False, max_length=255)

    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "field",
            "level",
            "submission_methods",
            "applicants",
            "outcome",
            "legal_basis",
            "fee",
            "in_scope",
            "time_limit_value",
            "time_limit_unit",
            "counts_from_next_day_after",
            "valid_from",
            "valid_to",
            "is_active",
        ]
        widgets = {
            "valid_from": DATE_WIDGET,
            "valid_to": DATE_WIDGET,
            "counts_from_next_day_after": TIME_WIDGET,
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "fee": forms.Textarea(attrs={"rows": 2}),
            "submission_methods": forms.Textarea(attrs={"rows": 2}),
            "applicants": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
        else:
            del self.fields["effective_on"]
            del self.fields["legal_reference"]
            self.fields["valid_from"].initial = timezone.localdate()


class PublishForm(BootstrapFormMixin, forms.Form):
    published_at_office_on = forms.DateField(
        label=_("Ngày niêm yết tại trụ sở"), required=False, widget=DATE_WIDGET
    )
    published_online_on = forms.DateField(
        label=_("Ngày công khai trên mạng"), required=False, widget=DATE_WIDGET
    )


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV hoặc XLSX"),
        help_text=_(
            "Cột: code, name, field, level, time_limit, time_limit_unit, counts_from_next_day_after "
            "(hoặc tiêu đề tiếng Việt: Mã TTHC, Tên thủ tục, Lĩnh vực, Mức độ, Thời hạn, Đơn vị thời hạn, "
            "Tính từ ngày hôm sau nếu nộp sau); có thể thêm: Cách thức thực hiện, Đối tượng thực hiện, "
            "Kết quả thực hiện, Phí, lệ phí, Căn cứ pháp lý. CSV phải lưu ở dạng UTF-8."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa ghi"), required=False)

    def clean_file(self) -> Any:
        return form_clean(self.cleaned_data.get("file"), IMPORT)
