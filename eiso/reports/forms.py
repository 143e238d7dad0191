from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import BootstrapFormMixin


class SelfReportForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(label=_("Số văn bản"), max_length=32, help_text=_("Ví dụ: 25/BC-STTTT"))
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
