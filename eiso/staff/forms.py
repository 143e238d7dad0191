from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eiso.core.choices import Salutation
from eiso.core.forms import AgencyForm, BootstrapFormMixin
from eiso.core.models import Agency, Division, Person
from eiso.core.selectors import division_list, person_list
from eiso.staff.services import GRANTABLE_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _role_choices() -> list[tuple[str, Any]]:
    return [(role.value, role.label) for role in GRANTABLE_ROLES]


class PersonForm(AgencyForm):
    salutation = forms.ChoiceField(
        label=_("Danh xưng"),
        choices=[("", "—"), *Salutation.choices],
        required=False,
        help_text=_("Dùng khi văn bản nêu tên cán bộ (ví dụ: ông Phạm Duy Lộc, Giám đốc Sở)."),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=128)
    title = forms.CharField(label=_("Chức vụ"), max_length=128, required=False)
    division = forms.ModelChoiceField(label=_("Phòng"), queryset=Division.objects.none(), required=False)
    email = forms.EmailField(label=_("Thư điện tử"))
    roles = forms.MultipleChoiceField(
        label=_("Vai trò trong cơ quan"), choices=_role_choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        self.scope_field("division", division_list(agency=agency))


class PersonCreateForm(PersonForm):
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Chữ không dấu, số và . @ + - _; người dùng tự đặt mật khẩu từ thư mời."),
    )

    field_order = ["salutation", "full_name", "username", "email", "title", "division", "roles"]


class DivisionForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=_("Mã phòng"), max_length=32)
    name = forms.CharField(label=_("Tên phòng"), max_length=255)
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, initial=0)
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False, initial=True)


class CommitteeForm(AgencyForm):
    decision_number = forms.CharField(label=_("Số quyết định thành lập"), max_length=64)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    head = forms.ModelChoiceField(label=_("Trưởng ban"), queryset=Person.objects.none())
    secretary = forms.ModelChoiceField(label=_("Thư ký"), queryset=Person.objects.none())
    members = forms.ModelMultipleChoiceField(
        label=_("Thành viên"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        people = person_list(agency=agency)
        for name in ("head", "secretary", "members"):
            self.scope_field(name, people)
        self.fields["members"].widget.attrs["data-searchable"] = "true"


class PolicyForm(AgencyForm):
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))
    approved_on = forms.DateField(label=_("Ngày phê duyệt"), widget=DATE)
    approved_by = forms.ModelChoiceField(label=_("Người phê duyệt"), queryset=Person.objects.none())

    def __init__(self, *args: Any, agency: Agency, leaders: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        self.scope_field("approved_by", leaders)


class QmsProfileForm(BootstrapFormMixin, forms.Form):
    standard = forms.CharField(label=_("Tiêu chuẩn áp dụng"), max_length=64)
    scope = forms.CharField(
        label=_("Phạm vi áp dụng"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    exclusions = forms.CharField(
        label=_("Điều khoản không áp dụng và lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    announcement_number = forms.CharField(label=_("Số quyết định công bố"), max_length=64, required=False)
    announced_on = forms.DateField(label=_("Ngày công bố phù hợp"), widget=DATE, required=False)
    effectiveness_confirmed_on = forms.DateField(
        label=_("Ngày người đứng đầu xác nhận hiệu lực"), widget=DATE, required=False
    )


class AgencyCreateForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=32)
    name = forms.CharField(label=_("Tên cơ quan"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=64, required=False)
    secretary_name = forms.CharField(label=_("Họ và tên Thư ký ISO"), max_length=128)
    secretary_username = forms.RegexField(
        label=_("Tên đăng nhập của Thư ký ISO"), max_length=150, regex=r"^[\w.@+-]+$"
    )
    secretary_email = forms.EmailField(label=_("Thư điện tử của Thư ký ISO"))
