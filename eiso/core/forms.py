from __future__ import annotations

import re
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from eiso.core.access import scoped
from eiso.core.choices import Role
from eiso.core.models import Agency, Division, Person

M = TypeVar("M", bound=Model)

WIDGET_CLASSES: dict[type, str] = {
    forms.CheckboxInput: "form-check-input",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.RadioSelect: "form-check-input",
}


TYPED_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*$")


class _IsoDateInput(forms.DateInput):
    """A native date input that shows again a date typed as dd/mm/yyyy (the browser drops non-ISO values)."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str) and (m := TYPED_DATE.match(value)):
            day, month, year, hour, minute = m.groups()
            iso = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
            return f"{iso}T{int(hour):02d}:{minute}" if hour and self.input_type == "datetime-local" else iso
        return super().format_value(value)


class _IsoDateTimeInput(_IsoDateInput, forms.DateTimeInput):
    pass


def _keep_typed_dates(widget: forms.Widget) -> None:
    """Re-render a bound date as the browser accepts it, so a refused form never loses a typed date."""
    if type(widget) is forms.DateInput:
        widget.__class__ = _IsoDateInput
    elif type(widget) is forms.DateTimeInput:
        widget.__class__ = _IsoDateTimeInput


class BootstrapFormMixin(forms.BaseForm):
    """Gives every widget its Bootstrap class; after validation, marks invalid fields for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            _keep_typed_dates(widget)
            css = WIDGET_CLASSES.get(type(widget), "form-control")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{name}_error"


def active_divisions(agency: Agency) -> QuerySet[Division]:
    return Division.objects.filter(agency=agency, is_active=True)


def active_people(agency: Agency) -> QuerySet[Person]:
    return Person.objects.filter(agency=agency, is_active=True).select_related("division")


def people_with_role(agency: Agency, role: str) -> QuerySet[Person]:
    return active_people(agency).filter(role_grants__role=role).distinct()


def auditors(agency: Agency) -> QuerySet[Person]:
    return people_with_role(agency, Role.AUDITOR)


class AgencyScoped(BootstrapFormMixin):
    """A form acting in one agency: every record it offers to choose comes through `scope_field()`.

    Subclasses declare their choice fields with `Model.objects.none()` and scope them in `__init__`:
    `self.scope_field("division", active_divisions(self.agency))`; it filters by the agency again, so a
    choice of another agency can never be offered or accepted. Mix it into a `ModelForm`, or use `AgencyForm`.
    """

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency

    def scope_field(self, name: str, queryset: QuerySet[M]) -> None:
        """Offer in field `name` the rows of `queryset` that belong to the form's agency."""
        field = self.fields[name]
        if not isinstance(field, forms.ModelChoiceField):
            raise TypeError(f"{name} is not a model choice field")
        field.queryset = scoped(queryset, self.agency)


class AgencyForm(AgencyScoped, forms.Form):
    """A plain form acting in one agency (see `AgencyScoped`)."""


class ReasonForm(BootstrapFormMixin, forms.Form):
    """Why a record is cancelled or returned: cancellation keeps the record, with its reason."""

    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
