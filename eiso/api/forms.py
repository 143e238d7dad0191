from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import BootstrapFormMixin
from eiso.core.models import Agency, Person


class ApiTokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên ứng dụng"), max_length=100)
    person = forms.ModelChoiceField(label=_("Thay mặt cán bộ"), queryset=Person.objects.none())

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(agency=agency, is_active=True)  # type: ignore[attr-defined]
