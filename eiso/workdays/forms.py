from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import BootstrapFormMixin
from eiso.workdays.choices import OverrideKind


class OverrideForm(BootstrapFormMixin, forms.Form):
    date = forms.DateField(label=_("Ngày"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label=_("Loại"), choices=OverrideKind.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)
    legal_reference = forms.CharField(
        label=_("Căn cứ"), max_length=255, required=False, help_text=_("Ví dụ: Thông báo số …/TB-BNV")
    )


class OfficeHoursForm(BootstrapFormMixin, forms.Form):
    morning_start = forms.TimeField(
        label=_("Sáng từ"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    morning_end = forms.TimeField(
        label=_("Sáng đến"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    afternoon_start = forms.TimeField(
        label=_("Chiều từ"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    afternoon_end = forms.TimeField(
        label=_("Chiều đến"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
