"""Django admin for platform operators (superusers) only.

Agency staff manage their organisation through the app's own pages, which are scoped to their agency;
the admin shows every agency's rows, so it refuses anyone who is not a superuser, whatever `is_staff`
or model permissions an account carries.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from eiso.core.models import (
    Agency,
    Division,
    Person,
    QmsProfile,
    QualityPolicy,
    RoleGrant,
    SteeringCommittee,
)

admin.site.site_header = _("Quản trị eISO")
admin.site.site_title = _("eISO")
admin.site.index_title = _("Dữ liệu danh mục")


def is_platform_operator(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


# Every admin view, login included, asks the site first: only operators get past it.
admin.site.has_permission = is_platform_operator  # type: ignore[method-assign]


class AgencyScopedAdmin(SimpleHistoryAdmin):
    """Base of every model admin: operators only, even if the site check were bypassed by a subclass."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_platform_operator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_operator(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_platform_operator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_operator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_operator(request)


@admin.register(Agency)
class AgencyAdmin(AgencyScopedAdmin):
    list_display = ["code", "name", "province", "parent", "is_supervisor"]
    search_fields = ["code", "name"]
    list_filter = ["province", "is_supervisor"]


@admin.register(Division)
class DivisionAdmin(AgencyScopedAdmin):
    list_display = ["code", "name", "agency", "order", "is_active"]
    search_fields = ["code", "name"]


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0


@admin.register(Person)
class PersonAdmin(AgencyScopedAdmin):
    list_display = ["full_name", "title", "division", "agency", "is_active"]
    search_fields = ["full_name", "user__username"]
    list_filter = ["agency", "division"]
    inlines = [RoleGrantInline]


@admin.register(SteeringCommittee)
class SteeringCommitteeAdmin(AgencyScopedAdmin):
    list_display = ["decision_number", "decision_date", "head", "secretary", "is_current"]
    filter_horizontal = ["members"]


@admin.register(QmsProfile)
class QmsProfileAdmin(AgencyScopedAdmin):
    list_display = ["agency", "standard", "announced_on"]


@admin.register(QualityPolicy)
class QualityPolicyAdmin(AgencyScopedAdmin):
    list_display = ["agency", "version", "approved_on", "approved_by"]
