from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import AgencyForm, BootstrapFormMixin, active_divisions
from eiso.core.models import Agency, Division
from eiso.core.uploads import IMPORT, form_clean
from eiso.dossiers.choices import Channel
from eiso.procedures.models import Procedure

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _procedures(agency: Agency) -> QuerySet[Procedure]:
    return Procedure.objects.filter(agency=agency).order_by("code")


class PeriodForm(BootstrapFormMixin, forms.Form):
    date_from = forms.DateField(label=_("Từ ngày"), widget=DATE)
    date_to = forms.DateField(label=_("Đến ngày"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise forms.ValidationError(_("Ngày kết thúc kỳ phải sau ngày bắt đầu."))
        return data


class ReceiveForm(AgencyForm):
    procedure = forms.ModelChoiceField(label=_("Thủ tục"), queryset=Procedure.objects.none())
    channel = forms.ChoiceField(label=_("Hình thức nộp"), choices=Channel.choices, initial=Channel.DIRECT)
    received_at = forms.DateTimeField(label=_("Tiếp nhận lúc"), widget=DATETIME)
    division = forms.ModelChoiceField(
        label=_("Phòng xử lý"), queryset=Division.objects.none(), required=False
    )
    code = forms.CharField(
        label=_("Mã hồ sơ"), required=False, max_length=64, help_text=_("Để trống để hệ thống tự cấp mã.")
    )
    applicant_name = forms.CharField(label=_("Người nộp"), required=False, max_length=255)
    applicant_phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=32)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        self.scope_field("procedure", _procedures(agency))
        self.scope_field("division", active_divisions(agency))
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class ActionForm(AgencyForm):
    """One form for every step of a dossier; the view keeps the fields the step needs."""

    at = forms.DateTimeField(label=_("Thời điểm"), widget=DATETIME)
    division = forms.ModelChoiceField(
        label=_("Chuyển đến phòng"), queryset=Division.objects.none(), required=False
    )
    new_due_at = forms.DateTimeField(label=_("Ngày hẹn trả mới"), widget=DATETIME)
    note = forms.CharField(
        label=_("Nội dung, lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    FIELDS = {
        "transfer": ("at", "division"),
        "request_supplement": ("at", "note"),
        "receive_supplement": ("at",),
        "extend": ("at", "new_due_at", "note"),
        "withdraw": ("at",),
        "stop": ("at", "note"),
        "resolve": ("at",),
        "return": ("at",),
    }

    def __init__(self, *args: Any, agency: Agency, action: str, **kwargs: Any) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        keep = self.FIELDS[action]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "division" in self.fields:
            self.scope_field("division", active_divisions(agency))
        self.fields["at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp hồ sơ (CSV UTF-8 hoặc XLSX)"),
        help_text=_(
            "Cột: code, procedure_code, channel, received_at, due_at, supplement_requested_at, "
            "supplement_received_at, supplement_count, extended_due_at, resolved_at, returned_at, "
            "stopped_at, status, division."
        ),
    )
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa ghi"), required=False)

    def clean_file(self) -> Any:
        return form_clean(self.cleaned_data.get("file"), IMPORT)


class LookupForm(BootstrapFormMixin, forms.Form):
    """The citizen's lookup on the public portal: the exact dossier code, nothing else."""

    ma = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=64,
        help_text=_("Mã in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 000.00.20.H34-170302-0001."),
    )
