import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.api.choices import Scope
from eiso.api.models import ApiClient
from eiso.core.forms import AgencyForm, BootstrapFormMixin
from eiso.core.models import Agency


class ApiClientForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Tên hệ thống"),
        max_length=100,
        help_text=_("Ví dụ: Hệ thống thông tin giải quyết TTHC tỉnh."),
    )


class ApiKeyForm(AgencyForm):
    client = forms.ModelChoiceField(label=_("Hệ thống"), queryset=ApiClient.objects.none(), empty_label=None)
    scopes = forms.MultipleChoiceField(
        label=_("Phạm vi"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple, initial=[Scope.READ]
    )
    expires_on = forms.DateField(
        label=_("Hết hạn ngày"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    rate_per_minute = forms.IntegerField(
        label=_("Số yêu cầu tối đa mỗi phút"), min_value=1, max_value=100000, initial=600
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        self.scope_field("client", ApiClient.objects.filter(agency=agency))
        self.fields["scopes"].widget.attrs["class"] = "form-check-input"
        self.fields["expires_on"].initial = timezone.localdate() + dt.timedelta(days=365)
